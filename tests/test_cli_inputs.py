"""Every kind of input a person can give `newsbot analyse`, and the one line each failure prints.

Most cases call `bot.cli.main` in this process (fast, and it is the same function the command
runs); the cases at the end run the installed `newsbot` command as a real subprocess.
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.errors import (
    BlockedAddress,
    CannotRead,
    EmptyInput,
    InvalidURL,
    NewsbotError,
    NoSuchFile,
    NotAFile,
    NotText,
    TooLarge,
)
from bot.filetypes import signatures
from bot.limits import MAX_INPUT_BYTES
from bot.source import SPACE_IN_LINK, TEXT_NOT_PATH

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "cartels.txt"
LINE = re.compile(r"newsbot: (?P<sentence>.+) \((?P<code>[a-z_]+): (?P<detail>.+)\)")
BLOCKED = BlockedAddress.user_message


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def failure(self) -> tuple[str, str, str]:
        """The sentence, code and detail of the one error line (and nothing on stdout)."""
        assert self.code == 1, (self.code, self.err)
        assert self.out == ""
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        match = LINE.fullmatch(lines[0])
        assert match is not None, lines[0]
        assert "Traceback" not in self.err
        return match["sentence"], match["code"], match["detail"]


Runner = Callable[..., Run]


@pytest.fixture
def newsbot(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """`newsbot ARGS` through `bot.cli.main`, with `stdin` as its standard input."""

    def run(*args: str, stdin: bytes = b"") -> Run:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def assert_error(run: Run, error: type[NewsbotError], sentence: str | None = None) -> str:
    """Check the run failed with `error`'s code and sentence; returns the detail."""
    said, code, detail = run.failure()
    assert code == error.code
    assert said == (sentence if sentence is not None else error.user_message)
    return detail


# --- files --------------------------------------------------------------------------------------


def test_a_file_that_does_not_exist(newsbot: Runner, tmp_path: Path) -> None:
    detail = assert_error(newsbot("analyse", str(tmp_path / "nothere.txt")), NoSuchFile)
    assert "nothere.txt" in detail


def test_a_directory(newsbot: Runner, tmp_path: Path) -> None:
    assert_error(newsbot("analyse", str(tmp_path)), NotAFile)


def test_a_path_through_a_file(newsbot: Runner, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    assert_error(newsbot("analyse", str(tmp_path / "file.txt" / "more.txt")), NoSuchFile)


def test_an_unreadable_file(newsbot: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission bits do not stop root (CI may run as root), so the refusal is simulated."""
    secret = tmp_path / "secret.txt"
    secret.write_text("The minister said so on Monday.")

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(secret))

    monkeypatch.setattr("bot.local_input.open", refuse, raising=False)
    said, code, detail = newsbot("analyse", str(secret)).failure()
    assert code == CannotRead.code and "permission denied" in said and "permission denied" in detail


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "], ids=["empty", "whitespace"])
def test_an_empty_file(newsbot: Runner, tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    assert_error(newsbot("analyse", str(empty)), EmptyInput)


def _tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", SEED.read_text("utf-8"))
    return buffer.getvalue()


def _sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("create table t (x)")
    return path.read_bytes()


REAL_FILES: dict[str, tuple[str, Callable[[Path], bytes]]] = {
    "pdf": ("a PDF document", lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    "png": ("a PNG image", lambda _: _tiny_png()),
    "jpeg": ("a JPEG image", lambda _: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(64)),
    "gif": ("a GIF image", lambda _: b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(16)),
    "zip": ("a ZIP archive", lambda _: _zip()),
    "gzip": ("a gzip archive", lambda _: gzip.compress(SEED.read_bytes())),
    "sqlite": ("a SQLite database", _sqlite),
    "random": ("a binary file", lambda _: bytes((i * 7919 + 13) % 256 for i in range(4096))),
}


@pytest.mark.parametrize("kind", sorted(REAL_FILES))
def test_a_binary_file_is_named_by_path_and_on_stdin(newsbot: Runner, tmp_path: Path, kind: str) -> None:
    name, make = REAL_FILES[kind]
    data = make(tmp_path)
    path = tmp_path / f"file.{kind}"
    path.write_bytes(data)
    for run in (newsbot("analyse", str(path)), newsbot("analyse", "-", stdin=data)):
        said, code, _ = run.failure()
        assert code == NotText.code
        assert said.startswith(f"That is {name}"), said


@pytest.mark.parametrize("signature", signatures(), ids=lambda s: s.kind)
def test_every_listed_signature_is_named_as_its_own_kind(signature: object) -> None:
    from bot.filetypes import Signature, binary_kind

    assert isinstance(signature, Signature)
    sample = bytearray(b" " * 512)
    for offset, expected in signature.at:
        sample[offset : offset + len(expected)] = expected
    assert binary_kind(bytes(sample)) == signature.kind


def test_a_text_file_named_like_a_pdf_is_read_as_text(newsbot: Runner, tmp_path: Path) -> None:
    disguised = tmp_path / "article.pdf"
    disguised.write_bytes(SEED.read_bytes())
    run = newsbot("analyse", str(disguised), "--format", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["summary"]


def test_latin1_text_is_decoded_not_refused(newsbot: Runner, tmp_path: Path) -> None:
    text = SEED.read_text("utf-8").replace("Mexican", "Mexican café", 1)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(text.encode("cp1252", errors="replace"))
    run = newsbot("analyse", str(latin1), "--format", "json", "--include-text")
    assert run.code == 0, run.err
    assert "Mexican café" in json.loads(run.out)["text"]


def test_utf16_with_a_byte_order_mark_is_decoded(newsbot: Runner) -> None:
    run = newsbot("analyse", "-", "--format", "json", stdin=SEED.read_text("utf-8").encode("utf-16"))
    assert run.code == 0, run.err
    assert json.loads(run.out)["title"].startswith("U.S. Military")


def test_utf8_with_a_stray_byte_keeps_the_rest(newsbot: Runner) -> None:
    text = SEED.read_text("utf-8")
    broken = text.encode("utf-8").replace(b"Mexican", b"Mexican\xff", 1)
    run = newsbot("analyse", "-", "--format", "json", "--include-text", stdin=broken)
    assert run.code == 0, run.err
    analysed = json.loads(run.out)["text"]
    assert analysed.replace("\ufffd", "", 1) == text


# --- standard input -----------------------------------------------------------------------------


def test_empty_standard_input(newsbot: Runner) -> None:
    assert "standard input" in assert_error(newsbot("analyse", "-", stdin=b""), EmptyInput)


def test_standard_input_over_the_cap_is_refused_with_the_limit(newsbot: Runner) -> None:
    run = newsbot("analyse", "-", stdin=b"a" * (MAX_INPUT_BYTES + 1))
    said, code, detail = run.failure()
    assert code == TooLarge.code and "5 MB" in said and str(MAX_INPUT_BYTES) in detail


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "scheme"),
    [
        ("ftp://example.com/story.txt", "ftp"),
        ("file:///etc/passwd", "file"),
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,<p>hi</p>", "data"),
        ("mailto:editor@example.com", "mailto"),
        ("gopher://example.com/", "gopher"),
    ],
)
def test_links_of_other_schemes_are_not_opened(newsbot: Runner, link: str, scheme: str) -> None:
    said, code, _ = newsbot("analyse", link).failure()
    assert code == InvalidURL.code
    assert f"not {scheme}: links" in said


@pytest.mark.parametrize("link", ["https://example.com/news/big story", "example.com/news/big story"])
def test_a_link_with_a_space(newsbot: Runner, link: str) -> None:
    assert_error(newsbot("analyse", link), InvalidURL, SPACE_IN_LINK)


@pytest.mark.parametrize("argument", ["", "   "])
def test_an_empty_argument(newsbot: Runner, argument: str) -> None:
    said, code, _ = newsbot("analyse", argument).failure()
    assert code == EmptyInput.code and "give me a link, a file, or -" in said


@pytest.mark.parametrize(
    ("argument", "fetched"),
    [
        ("http://localhost:9/story", "localhost"),
        ("localhost:9/story", "localhost"),
        ("http://127.0.0.1:9/", "127.0.0.1"),
        ("http://10.1.2.3/admin", "10.1.2.3"),
        ("192.168.1.1/admin", "192.168.1.1"),
        ("http://[::1]:9/", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ],
)
def test_private_addresses_are_refused(
    newsbot: Runner, monkeypatch: pytest.MonkeyPatch, argument: str, fetched: str
) -> None:
    monkeypatch.delenv("NEWSBOT_ALLOW_NETWORKS", raising=False)
    detail = assert_error(newsbot("analyse", argument), BlockedAddress)
    assert fetched in detail


def test_a_malformed_network_setting_is_one_line(newsbot: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "not-a-network")
    _, code, detail = newsbot("analyse", "http://10.1.2.3/").failure()
    assert code == "bad_setting" and "NEWSBOT_ALLOW_NETWORKS" in detail


@pytest.fixture
def idn_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    """A page on 127.0.0.1 that the name bücher.example resolves to (a fake DNS records lookups)."""
    import asyncio
    import threading

    from tests.servers.http_pages import FakeDNS, article_html, page, serving

    ready: list[str] = []
    stop = threading.Event()

    async def serve() -> None:
        async with serving() as server:
            server.add("/story", page(article_html()))
            ready.append(str(server.port))
            while not stop.is_set():
                await asyncio.sleep(0.02)

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    while not ready:
        thread.join(0.02)
    dns = FakeDNS({"xn--bcher-kva.example": "127.0.0.1"})
    monkeypatch.setattr("bot.fetch.client.system_resolver", dns)
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "127.0.0.0/8")
    yield ready[0], dns.lookups
    stop.set()
    thread.join(5)


def test_an_idn_link_is_fetched_by_its_ascii_name(newsbot: Runner, idn_site: tuple[str, list[str]]) -> None:
    port, lookups = idn_site
    run = newsbot("analyse", f"http://bücher.example:{port}/story", "--format", "json")
    assert run.code == 0, run.err
    assert lookups == ["xn--bcher-kva.example"]
    assert json.loads(run.out)["summary"]


def test_an_idn_link_to_a_private_address_is_still_refused(
    newsbot: Runner, monkeypatch: pytest.MonkeyPatch, idn_site: tuple[str, list[str]]
) -> None:
    port, _ = idn_site
    monkeypatch.delenv("NEWSBOT_ALLOW_NETWORKS")
    assert_error(newsbot("analyse", f"http://bücher.example:{port}/story"), BlockedAddress)


def test_a_link_without_scheme_is_fetched_with_https(newsbot: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    async def fake_fetch(url: str, **kwargs: object) -> object:
        seen.append(url)
        raise InvalidURL("stop here")

    monkeypatch.setattr("bot.fetch.fetch_article", fake_fetch)
    for argument in ("apnews.com/article/storm-abc123", "www.example.com/news/story", "apnews.com"):
        newsbot("analyse", argument)
    assert seen == ["https://apnews.com/article/storm-abc123", "https://www.example.com/news/story", "https://apnews.com"]


def test_a_file_wins_over_a_link_of_the_same_name(
    newsbot: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("apnews.com").write_bytes(SEED.read_bytes())
    run = newsbot("analyse", "apnews.com", "--format", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["title"].startswith("U.S. Military")


@pytest.mark.parametrize("name", ["notes.txt", "README.md", "setup.py", "e.g.", "Mr.Smith", "version2.0", "photos.zip"])
def test_words_and_file_names_with_dots_are_not_links(
    newsbot: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    detail = assert_error(newsbot("analyse", str(tmp_path / name)), NoSuchFile)
    assert name in detail
    monkeypatch.chdir(tmp_path)
    bare = newsbot("analyse", name)
    assert bare.failure()[1] == NoSuchFile.code


def test_article_text_given_as_the_argument(newsbot: Runner) -> None:
    text = "The government said on Tuesday that prices would fall next year."
    assert_error(newsbot("analyse", text), NoSuchFile, TEXT_NOT_PATH)


def test_a_file_name_too_long_for_the_system(newsbot: Runner) -> None:
    _, code, detail = newsbot("analyse", "x" * 5000).failure()
    assert code == NoSuchFile.code and "too long for a file name" in detail


# --- option values are usage errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["analyse", "-", "--sentences", "0"],
        ["analyse", "-", "--sentences", "-1"],
        ["analyse", "-", "--sentences", "three"],
        ["analyse", "-", "--sentences", "51"],
        ["batch", "--jobs", "0"],
        ["batch", "--jobs", "1000"],
        ["batch", "--sentences", "0"],
        ["eval", "summaries", "data.jsonl", "--jobs", "0"],
        ["bench", "--repeats", "0"],
        ["eval-sourcing", "data.jsonl", "--articles", "-5"],
        ["slack", "--port", "70000"],
        ["analyse", "-", "--format", "pdf"],
    ],
)
def test_option_values_out_of_range_are_usage_messages(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: newsbot") and "error: argument" in err
    assert "Traceback" not in err


# --- the real command, as a subprocess ------------------------------------------------------------


def newsbot_process(*args: str, stdin: bytes = b"", cwd: Path = ROOT) -> Run:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("newsbot")), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NEWSBOT_ALLOW_NETWORKS": ""},
        timeout=300,
    )
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode())


def test_process_missing_file_directory_and_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(REAL_FILES["pdf"][1](tmp_path))
    assert newsbot_process("analyse", str(tmp_path / "gone.txt")).failure()[1] == NoSuchFile.code
    assert newsbot_process("analyse", str(tmp_path)).failure()[1] == NotAFile.code
    said, code, _ = newsbot_process("analyse", str(pdf)).failure()
    assert (code, said.split(",")[0]) == (NotText.code, "That is a PDF document")
    said, code, _ = newsbot_process("analyse", "-", stdin=pdf.read_bytes()).failure()
    assert code == NotText.code and "PDF" in said


def test_process_links() -> None:
    assert newsbot_process("analyse", "ftp://example.com/a").failure()[1] == InvalidURL.code
    assert newsbot_process("analyse", "https://example.com/a b").failure()[0] == SPACE_IN_LINK
    said, code, detail = newsbot_process("analyse", "localhost:9/story").failure()
    assert (said, code) == (BLOCKED, BlockedAddress.code) and "localhost" in detail


@pytest.mark.parametrize("args", [["analyse", "-", "--sentences", "0"], ["batch", "--jobs", "0"]])
def test_process_usage_errors(args: list[str]) -> None:
    run = newsbot_process(*args)
    assert run.code == 2 and run.err.startswith("usage: newsbot") and "Traceback" not in run.err


def test_process_huge_standard_input_is_refused_with_the_limit() -> None:
    said, code, _ = newsbot_process("analyse", "-", stdin=b"word " * (MAX_INPUT_BYTES // 5 + 1)).failure()
    assert code == TooLarge.code and "5 MB" in said


# --- failures that are not about the input --------------------------------------------------------


def test_an_unexpected_failure_is_one_line_and_the_traceback_needs_verbose(
    newsbot: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module("bot.analysis"), "analyse", broken)
    said, code, detail = newsbot("analyse", str(SEED)).failure()
    assert (code, detail) == ("internal", "RuntimeError: boom") and "-v" in said
    verbose = newsbot("-v", "analyse", str(SEED))
    assert verbose.code == 1 and "Traceback" in verbose.err and "RuntimeError: boom" in verbose.err


def test_ctrl_c_stops_with_one_line(newsbot: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module("bot.analysis"), "analyse", interrupted)
    run = newsbot("analyse", str(SEED))
    assert (run.code, run.err) == (130, "newsbot: stopped (Ctrl-C)\n")


def test_process_output_closed_early_ends_quietly() -> None:
    """`newsbot analyse … | head -c 10`: the reader goes away before the report is written."""
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("newsbot")), "analyse", str(SEED), "--format", "json", "--include-text"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert err == ""


# --- the other commands' inputs -------------------------------------------------------------------


def test_eval_and_bench_name_a_missing_or_bad_data_set(newsbot: Runner, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.jsonl")
    assert newsbot("eval", "summaries", missing).failure()[1] == NoSuchFile.code
    assert newsbot("eval-sourcing", missing).failure()[1] == NoSuchFile.code
    assert newsbot("eval-language", missing).failure()[1] == NoSuchFile.code
    assert newsbot("bench", missing).failure()[1] == NoSuchFile.code
    assert newsbot("eval", "summaries", str(tmp_path)).failure()[1] == NotAFile.code

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "article": "The mayor said so."}\nnot json\n', "utf-8")
    _, code, detail = newsbot("eval", "summaries", str(bad)).failure()
    assert code == "bad_data" and "line 2" in detail
    bad.write_text('{"id": "1", "text": "The mayor said so."}\n', "utf-8")
    _, code, detail = newsbot("eval", "summaries", str(bad)).failure()
    assert code == "bad_data" and "'article'" in detail


def test_eval_names_an_output_it_cannot_write_and_a_missing_scorer(newsbot: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"id": "1", "article": SEED.read_text("utf-8")}) + "\n", "utf-8")
    _, code, _ = newsbot("eval", "summaries", str(data), "--out", str(tmp_path / "no" / "dir" / "out.jsonl")).failure()
    assert code == "cannot_write"
    out = tmp_path / "out.jsonl"
    run = newsbot("eval", "summaries", str(data), "--out", str(out), "--scorer", str(tmp_path / "x.py"))
    assert run.failure()[1] == NoSuchFile.code
    assert not out.exists(), "the scorer is looked for before any analysis"


@pytest.mark.parametrize(
    ("argument", "kind", "value"),
    [
        ("-", "stdin", "-"),
        ("https://example.com/a?b=1", "url", "https://example.com/a?b=1"),
        ("  http://example.com/a\n", "url", "http://example.com/a"),
        ("apnews.com/article/x", "url", "https://apnews.com/article/x"),
        ("www.example.com", "url", "https://www.example.com"),
        ("notes.txt", "file", "notes.txt"),
        ("Mr.Smith", "file", "Mr.Smith"),
    ],
)
def test_what_an_argument_names(
    argument: str, kind: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.source import resolve_source

    monkeypatch.chdir(tmp_path)
    source = resolve_source(argument)
    assert (source.kind, source.value) == (kind, value)


def test_a_sentence_with_a_link_in_it_is_article_text() -> None:
    from bot.source import resolve_source

    with pytest.raises(NoSuchFile) as error:
        resolve_source("see https://example.com/a for more")
    assert error.value.user_message == TEXT_NOT_PATH
