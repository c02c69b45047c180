"""The `newsbot` command, run as a real subprocess: analyse, batch (with a bad line) and bench."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "cartels.txt"

ARTICLE_HTML = """<!doctype html><html><head><title>Harbour reopens after storm</title>
<meta property="og:site_name" content="Coast Gazette"></head><body><article>
<h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Monday after a week of repairs, the port authority said.</p>
<p>"We worked day and night to get the cranes running again," said Maria Lopez, the harbour master.</p>
<p>Shipping companies said delays would last until the end of the month, and insurers estimated the damage at
two million euros.</p>
<p>Fishermen, who lost a week of catches, asked the council for compensation on Tuesday.</p>
</article></body></html>"""


def newsbot(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("newsbot")), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="module")
def page_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = ARTICLE_HTML.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story"
    server.shutdown()


def test_analyse_file_as_json() -> None:
    out = newsbot("analyse", str(SEED), "--format", "json", "--sentences", "2", "--include-text")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    text = SEED.read_text("utf-8")
    assert report["text"] == text
    assert len(report["summary"]) == 2
    for sentence, (start, end) in zip(report["summary"], report["summary_spans"], strict=True):
        assert text[start:end] == sentence
    assert report["title"].startswith("U.S. Military Preparing Attacks")
    assert {"claims", "sourcing", "warnings", "url", "site", "byline", "published"} <= report.keys()


def test_analyse_text_and_markdown_from_stdin() -> None:
    text = SEED.read_text("utf-8")
    plain = newsbot("analyse", "-", stdin=text)
    assert plain.returncode == 0, plain.stderr
    assert "Summary" in plain.stdout and "Sourcing" in plain.stdout
    markdown = newsbot("analyse", "-", "--format", "markdown", stdin=text)
    assert markdown.stdout.startswith("# U.S. Military Preparing Attacks")
    assert "## Key claims" in markdown.stdout


def test_analyse_url_refuses_loopback_by_default(page_server: str) -> None:
    out = newsbot("analyse", page_server, env={"NEWSBOT_ALLOW_NETWORKS": ""})
    assert out.returncode == 1
    assert "private or internal address" in out.stderr


def test_analyse_url_on_an_allowed_network(page_server: str) -> None:
    out = newsbot("analyse", page_server, "--format", "json", env={"NEWSBOT_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["url"] == page_server
    assert report["title"] == "Harbour reopens after storm"
    assert any("harbour reopened" in s.lower() for s in report["summary"])


def test_analyse_html_file_is_extracted(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, "utf-8")
    out = newsbot("analyse", str(page), "--format", "json", "--include-text")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert "<p>" not in report["text"]
    assert report["title"] == "Harbour reopens after storm"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("   \n  ", "empty_input"),
        ("Hello there", "too_short"),
        (
            "El gobierno anunció el martes nuevas medidas contra la inflación y dijo que bajarán los precios.",
            "not_english",
        ),
    ],
)
def test_analyse_bad_text_says_why(text: str, code: str) -> None:
    out = newsbot("analyse", "-", stdin=text)
    assert out.returncode == 1
    assert code in out.stderr
    assert out.stdout == ""


def test_batch_keeps_order_and_ids_and_survives_a_bad_line() -> None:
    seed = SEED.read_text("utf-8")
    lines = [
        json.dumps({"id": "a", "text": seed}),
        "{this is not json",
        json.dumps({"id": 7, "nothing": "here"}),
        json.dumps(
            {"id": "b", "text": "The mayor resigned on Friday. She said she was tired.", "title": "Mayor quits"}
        ),
        json.dumps({"id": "c", "text": ARTICLE_HTML}),
    ]
    out = newsbot("batch", "--jobs", "2", "--sentences", "1", stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", None, "7", "b", "c"]
    assert results[1]["error"]["code"] == "bad_input"
    assert results[2]["error"]["code"] == "bad_input"
    assert len(results[0]["summary"]) == 1
    assert results[3]["title"] == "Mayor quits"
    assert results[4]["title"] == "Harbour reopens after storm"


def test_bench_json_has_the_documented_fields() -> None:
    out = newsbot("bench", "--json", "--repeats", "1", "--batch-docs", "2", str(SEED))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    for key in ("analyse_ms_p50", "parse_ms_p50", "ratio", "docs_per_s_1", "docs_per_s_2", "rss_mb"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
