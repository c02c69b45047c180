"""Comparing outlets: one storm told by three fictional outlets (named officials, anonymous
sources, relays of the others) and, as a hard negative, another Port Hale story about a sea wall
by one of them. Real analysis, no network beyond a loopback page server."""

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

from bot import analysis as analyse_module
from bot.cli import main
from bot.compare import (
    COMPARE_SCHEMA,
    Analysed,
    analyse_story,
    compare,
    comparison_to_dict,
    fingerprint_from_dict,
    fingerprint_to_dict,
    match_stories,
)
from bot.compare.render import render_compare_markdown, render_compare_text
from bot.inputs import article_from_text
from bot.view.compare import compare_view

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "compare_articles"
KINDS = {"named", "anonymous", "vague", "institutional", "outlet", "document", "none"}
GAZETTE, DAILY, WIRE, SEAWALL = (
    ARTICLES / "storm-harbour-gazette.html",
    ARTICLES / "storm-coast-daily.html",
    ARTICLES / "storm-valley-wire.html",
    ARTICLES / "seawall-vote-harbour-gazette.html",
)


@pytest.fixture(scope="module")
def analysed() -> dict[str, Analysed]:
    return {p.stem: analyse_story(article_from_text(p.read_text("utf-8"))) for p in (GAZETTE, DAILY, WIRE, SEAWALL)}


@pytest.fixture(scope="module")
def storm(analysed: dict[str, Analysed]) -> list[Analysed]:
    return [analysed[GAZETTE.stem], analysed[DAILY.stem], analysed[WIRE.stem]]


def test_the_fingerprint_comes_from_the_analysis_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = analyse_module.parse

    def counting(article, nlp=None):  # type: ignore[no-untyped-def]
        calls.append(article.text[:20])
        return real(article, nlp)

    monkeypatch.setattr(analyse_module, "parse", counting)
    result = analyse_story(article_from_text(GAZETTE.read_text("utf-8")))
    assert len(calls) == 1
    assert result.fingerprint.claims and len(result.fingerprint.claims) == len(result.report.claims)
    assert "person:brennan" in dict(result.fingerprint.entities)


def test_fingerprints_survive_json_storage(storm: list[Analysed]) -> None:
    fp = storm[0].fingerprint
    stored = json.dumps(fingerprint_to_dict(fp.without_claims()))
    back = fingerprint_from_dict(json.loads(stored))
    assert back == fp.without_claims()
    assert match_stories(back, storm[1].fingerprint) == match_stories(fp, storm[1].fingerprint)
    with pytest.raises(ValueError, match="schema"):
        fingerprint_from_dict({**json.loads(stored), "schema": 99})


def test_the_same_storm_matches_and_another_port_hale_story_does_not(
    storm: list[Analysed], analysed: dict[str, Analysed]
) -> None:
    couples = ((storm[0], storm[1]), (storm[0], storm[2]), (storm[1], storm[2]))
    same = [match_stories(a.fingerprint, b.fingerprint) for a, b in couples]
    assert all(m.same_story for m in same)
    negative = analysed[SEAWALL.stem].fingerprint
    other = [match_stories(negative, a.fingerprint) for a in storm]
    assert not any(m.same_story for m in other)
    assert min(m.score for m in same) > max(m.score for m in other)
    assert "place:port hale" in same[1].shared


def _credits(comparison, needle: str) -> dict[int, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    for shared in comparison.shared:
        if any(needle in v.text for v in shared.versions):
            return {v.outlet: (v.credit.kind, v.credit.name) for v in shared.versions}
    raise AssertionError(f"no shared claim about {needle!r}")


def test_shared_claims_show_whom_each_outlet_credits(storm: list[Analysed]) -> None:
    comparison = compare(storm)
    assert comparison.same_story and comparison.off_story == ()
    rescue = _credits(comparison, "37 people")
    assert rescue[0] == ("named", "Tom Brennan")
    assert rescue[1][0] == "anonymous"
    warning = _credits(comparison, "warned last year")
    assert warning[1][0] == "anonymous" and warning[2][0] == "outlet"
    for shared in comparison.shared:
        assert len({v.outlet for v in shared.versions}) == len(shared.versions) >= 2


def test_outlets_are_ranked_from_named_to_anonymous_sourcing(storm: list[Analysed]) -> None:
    comparison = compare(storm)
    assert comparison.ranking == (0, 2, 1)
    gazette, daily, wire = comparison.outlets
    assert gazette.rank == 1 and gazette.counts.named >= 5 and gazette.counts.anonymous == 0
    assert daily.rank == 3 and daily.counts.anonymous >= 3 and daily.counts.named == 0 and daily.core_claim_anonymous
    assert wire.counts.relayed >= 2
    assert comparison.summary_from == 0 and comparison.summary == storm[0].report.summary
    assert any("never put to a vote" in v.text for v in daily.only_here)
    assert all(v.key for o in comparison.outlets for v in o.only_here)


def test_an_article_about_another_story_is_named_in_the_warning(
    storm: list[Analysed], analysed: dict[str, Analysed]
) -> None:
    comparison = compare([storm[1], analysed[SEAWALL.stem], storm[2]])
    assert comparison.off_story == (1,)
    assert comparison.summary_from != 1
    view = compare_view(comparison)
    assert view.warning is not None and view.warning.startswith("Harbour Gazette does not seem")
    assert compare_view(compare(storm)).warning is None
    gazette = compare_view(compare([storm[0], analysed[SEAWALL.stem], storm[1]]))
    assert gazette.warning is not None and gazette.warning.startswith("Harbour Gazette (“Port Hale council")
    assert [o.name for o in gazette.outlets].count("Harbour Gazette") == 0, "two Gazette articles told apart"
    with pytest.raises(ValueError):
        compare(storm[:1])


def test_the_json_form_has_its_schema_and_spans_into_each_text(storm: list[Analysed]) -> None:
    texts = [a.report.text for a in storm]
    data = json.loads(json.dumps(comparison_to_dict(compare(storm), texts=texts)))
    assert data["schema"] == COMPARE_SCHEMA and data["same_story"] is True and data["off_story"] == []
    assert set(data) == {"schema", "same_story", "off_story", "story", "ranking", "outlets", "shared_claims", "pairs"}
    assert data["ranking"] == [0, 2, 1] and [o["rank"] for o in data["outlets"]] == [1, 3, 2]
    assert set(data["outlets"][0]["sourcing"]["counts"]) == {"named", "anonymous", "agentless", "relayed", "vague"}
    assert data["outlets"][2]["text"] == texts[2]
    start, end = data["story"]["summary_spans"][0]
    assert texts[data["story"]["outlet"]][start:end] == data["story"]["summary"][0]
    assert len(data["pairs"]) == 3 and all(p["same_story"] for p in data["pairs"])
    for shared in data["shared_claims"]:
        for version in shared["versions"]:
            s, e = version["spans"]["content"][0]
            assert texts[version["outlet"]][s:e] in version["text"]
            assert version["speaker"]["kind"] in KINDS


def test_the_view_and_its_text_and_markdown(storm: list[Analysed]) -> None:
    comparison = compare(storm)
    view = compare_view(comparison)
    assert [o.name for o in view.outlets] == ["Harbour Gazette", "Valley Wire", "Coast Daily"]
    assert view.summary_from == "From Harbour Gazette, the best-sourced version."
    g = comparison.outlets[0].counts
    assert view.outlets[0].counts == f"{g.named} named · 0 anonymous · {g.agentless} agentless · {g.relayed} relayed"
    assert view.outlets[2].central_warning is not None and view.outlets[0].central_warning is None
    sources = {c.outlet: c.source for s in view.shared for c in s.credits}
    assert sources["Coast Daily"].startswith("anonymous: ")
    assert any(c.source.startswith("relayed from ") for s in view.shared for c in s.credits)
    text = render_compare_text(comparison)
    assert text.startswith("How 3 outlets report this story\n")
    assert text.index("1. Harbour Gazette") < text.index("2. Valley Wire") < text.index("3. Coast Daily")
    assert "(!)" not in text.splitlines()[1]
    markdown = render_compare_markdown(comparison)
    assert markdown.startswith("# How 3 outlets report this story")
    assert "- **Coast Daily**: anonymous: " in markdown


def test_cli_compare_json_and_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(GAZETTE), str(DAILY), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == COMPARE_SCHEMA and len(data["outlets"]) == 2
    assert main(["compare", str(GAZETTE)]) == 2
    assert "give 2 to 5" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", "utf-8")
    assert main(["compare", str(GAZETTE), str(empty)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsbot: ") and f"(empty_input: {empty}: " in err[0]


def test_eval_compare_prints_story_and_claim_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = {"g": GAZETTE, "d": DAILY, "w": WIRE, "s": SEAWALL}
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps({"id": k, "text": p.read_text("utf-8")}) + "\n" for k, p in paths.items()))
    pairs = tmp_path / "pairs.jsonl"
    rows = [("g", "d", True, "tune"), ("g", "w", True, "test"), ("d", "w", True, "test"), ("g", "s", False, "tune"),
            ("d", "s", False, "test")]
    pairs.write_text("".join(json.dumps({"a": a, "b": b, "same_story": s, "split": sp}) + "\n" for a, b, s, sp in rows))
    assert main(["eval", "compare", str(data), "--pairs", str(pairs)]) == 0
    out = capsys.readouterr().out
    assert "story  test  pairs   3  precision 1.000  recall 1.000" in out
    assert "story  all   pairs   5  precision 1.000  recall 1.000" in out


@pytest.fixture(scope="module")
def page_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = WIRE.read_bytes()
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
    yield f"http://127.0.0.1:{server.server_address[1]}/valley-wire/storm"
    server.shutdown()


def test_newsbot_compare_reads_a_link_and_files(page_server: str) -> None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("newsbot")), "compare", str(GAZETTE), str(DAILY), page_server],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NEWSBOT_ALLOW_NETWORKS": "127.0.0.0/8"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("How 3 outlets report this story\n")
    assert "Claims they share" in done.stdout and "1. Harbour Gazette" in done.stdout
    assert "Valley Wire" in done.stdout and page_server in done.stdout
