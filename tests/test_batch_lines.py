"""`newsbot batch` input lines of every shape: each gets its own answer, in its place, and the batch goes on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.batch import BatchOptions, UnreadableLine, process_line, read_lines, run_batch
from bot.errors import BlockedAddress, EmptyInput, InvalidURL, TooLarge

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "harbour.txt").read_text("utf-8")
OPTIONS = BatchOptions(sentences=1)


def error_of(result: dict[str, Any]) -> str:
    assert "error" in result, result
    return str(result["error"]["code"])


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{this is not json", "bad_input"),
        ("[1, 2, 3]", "bad_input"),
        ('"just a string"', "bad_input"),
        ('{"id": "x"}', "bad_input"),
        ('{"id": "x", "text": 42}', "bad_input"),
        ('{"id": {"nested": 1}, "text": "The mayor said so."}', "bad_input"),
        ('{"id": "x", "text": ""}', EmptyInput.code),
        ('{"id": "x", "url": "ftp://example.com/a"}', InvalidURL.code),
        ('{"id": "x", "url": "javascript:alert(1)"}', InvalidURL.code),
        ('{"id": "x", "url": "notes.txt"}', InvalidURL.code),
        ('{"id": "x", "url": "localhost:9/story"}', BlockedAddress.code),
        ('{"id": "x", "url": "http://10.1.2.3/"}', BlockedAddress.code),
    ],
)
def test_a_bad_line_is_answered_with_its_code(line: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBOT_ALLOW_NETWORKS", raising=False)
    result = process_line(line, OPTIONS)
    assert error_of(result) == code
    assert result["error"]["message"] and result["error"]["detail"]


def test_the_error_keeps_the_id_when_it_can() -> None:
    assert process_line('{"id": 7, "text": ""}', OPTIONS)["id"] == "7"
    assert process_line('{"id": {"a": 1}, "text": "x"}', OPTIONS)["id"] is None


def test_a_line_without_id_is_analysed_with_a_null_id() -> None:
    result = process_line(json.dumps({"text": SEED}), OPTIONS)
    assert result["id"] is None and len(result["summary"]) == 1


def test_a_scheme_less_url_is_fetched_as_https(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    async def fake_fetch(url: str, **kwargs: object) -> object:
        seen.append(url)
        raise InvalidURL("stop here")

    monkeypatch.setattr("bot.fetch.fetch_article", fake_fetch)
    process_line('{"id": "a", "url": "apnews.com/article/storm"}', OPTIONS)
    assert seen == ["https://apnews.com/article/storm"]


def test_read_lines_answers_oversized_and_non_utf8_lines_in_place() -> None:
    good = json.dumps({"id": "a", "text": "x"}).encode()
    data = b"\xef\xbb\xbf" + good + b"\n" + b"y" * 50 + b"\n" + b'{"id": "\xff"}\n' + good + b"\n" + b"  \n"
    lines = list(read_lines(io.BytesIO(data), max_bytes=40))
    assert lines[0] == good.decode() + "\n", "a byte-order mark on the first line is dropped"
    assert isinstance(lines[1], UnreadableLine) and lines[1].error == "too_large" and "line 2" in lines[1].detail
    assert isinstance(lines[2], UnreadableLine) and lines[2].error == "not_utf8" and "line 3" in lines[2].detail
    assert lines[3] == good.decode() + "\n"
    assert lines[4] == "  \n"
    results = list(run_batch(lines[1:3], OPTIONS))
    assert [error_of(r) for r in results] == [TooLarge.code, "bad_input"]
    assert "at most 5 MB" in results[0]["error"]["message"]


def test_a_line_over_the_analysis_limit_is_analysed_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same decision as `analyse` and the chat service (tested at the real limit in test_long_texts)."""
    monkeypatch.setattr("bot.analysis.MAX_ANALYSED_CHARS", 1_500)
    long_text = "\n\n".join([SEED] * 4)
    [result] = run_batch([json.dumps({"id": "long", "text": long_text})], OPTIONS)
    assert [w["code"] for w in result["warnings"]] == ["long_text"]
    spans, summary = result["summary_spans"], result["summary"]
    assert all(long_text[s:e] == text for (s, e), text in zip(spans, summary, strict=True))


def test_batch_command_answers_every_line_in_order() -> None:
    """The real command: an invalid-UTF-8 line and a line without text get their own errors, a
    blank line is skipped, a line without id is analysed, and the batch goes on."""
    lines = [
        json.dumps({"id": "seed", "text": SEED}).encode(),
        b'{"id": "latin", "text": "caf\xe9"}',
        json.dumps({"id": "notext", "title": "x"}).encode(),
        b"",
        json.dumps({"text": SEED}).encode(),
    ]
    done = subprocess.run(
        [str(Path(sys.executable).with_name("newsbot")), "batch", "--sentences", "1"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        cwd=ROOT,
        env={**os.environ},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in results] == ["seed", None, "notext", None]
    assert [r.get("error", {}).get("code") for r in results] == [None, "bad_input", "bad_input", None]
    assert "UTF-8" in results[1]["error"]["message"]
    assert results[0]["summary"] == results[3]["summary"]
