"""Long articles: analysed up to the limit with a notice, the same way on the command line, in batch,
Slack and Discord; spans point into the text as given; the fetcher's cap and the analysis agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from adapters.discord.render import render_report_embeds
from adapters.slack.render import render_report_blocks
from bot.analysis import analyse
from bot.fetch import FetchLimits, NetworkPolicy, fetch_article
from bot.layout import read_layout
from bot.limits import MAX_ANALYSED_CHARS, MAX_INPUT_BYTES, analysed_end
from bot.model import Article, Block, Report
from bot.nlp import load_nlp
from bot.pipeline import MAX_BLOCK_CHARS, bounded_blocks, parse
from bot.service import SummaryRequest, SummaryService
from tests.servers.http_pages import FakeDNS, page, serving

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "cartels.txt").read_text("utf-8")
BODY = SEED.split("\n", 1)[1].strip()
SMALL_LIMIT = 3_000
"""A low analysis limit for the tests that only check the same code path is taken everywhere."""


def long_text(chars: int, *, separator: str = "\n\n") -> str:
    """The seed article followed by its body again and again, to at least `chars` characters."""
    parts = [SEED.strip()]
    while sum(len(p) + len(separator) for p in parts) < chars:
        parts.append(BODY)
    return separator.join(parts)


def assert_spans_point_into(report: Report, text: str) -> None:
    assert report.text == text
    for sentence, (start, end) in zip(report.summary, report.summary_spans, strict=True):
        assert text[start:end] == sentence
    for claim in report.claims:
        for start, end in claim.spans.content:
            assert 0 <= start <= end <= len(text)


# --- where the cut falls --------------------------------------------------------------------------


def test_a_text_within_the_limit_is_analysed_whole() -> None:
    assert analysed_end(SEED) == len(SEED)
    assert analysed_end("x" * MAX_ANALYSED_CHARS) == MAX_ANALYSED_CHARS


def test_the_cut_prefers_a_paragraph_end() -> None:
    text = long_text(3 * SMALL_LIMIT)
    end = analysed_end(text, SMALL_LIMIT)
    assert SMALL_LIMIT // 2 <= end <= SMALL_LIMIT
    assert text[:end].endswith("\n\n")


def test_in_one_long_paragraph_the_cut_falls_after_a_sentence() -> None:
    text = " ".join(long_text(3 * SMALL_LIMIT).split())
    end = analysed_end(text, SMALL_LIMIT)
    assert SMALL_LIMIT // 2 <= end <= SMALL_LIMIT
    assert text[:end].rstrip()[-1] in ".!?\"”’"


def test_text_without_any_break_is_cut_at_the_limit() -> None:
    assert analysed_end("x" * (SMALL_LIMIT * 2), SMALL_LIMIT) == SMALL_LIMIT


def test_the_limits_agree() -> None:
    """Whatever the fetcher accepts decodes to at most as many characters as bytes, and is analysed
    (never refused for its length); the analysed part fits in one call of the parser."""
    assert FetchLimits().max_bytes == MAX_INPUT_BYTES
    assert MAX_ANALYSED_CHARS <= MAX_INPUT_BYTES
    assert load_nlp().max_length >= MAX_ANALYSED_CHARS
    assert MAX_BLOCK_CHARS <= MAX_ANALYSED_CHARS


# --- long paragraphs are parsed block by block ----------------------------------------------------


def test_a_long_paragraph_is_read_as_several_cut_at_sentence_ends() -> None:
    text = " ".join(long_text(int(MAX_BLOCK_CHARS * 2.5)).split())
    blocks = bounded_blocks(text, (Block(0, len(text), "paragraph"),))
    assert len(blocks) == 3
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks)
    assert blocks[0].start == 0 and blocks[-1].end == len(text)
    for before, after in pairwise(blocks):
        assert text[before.end - 1] in ".!?\"”’" and text[before.end : after.start].isspace()


def test_short_paragraphs_and_other_blocks_are_left_alone() -> None:
    blocks = read_layout(SEED)
    assert bounded_blocks(SEED, blocks) == blocks


def test_parse_of_a_long_paragraph_keeps_the_exact_text() -> None:
    text = " ".join(long_text(MAX_BLOCK_CHARS + 2_000).split())
    parsed = parse(Article(text))
    assert parsed.doc.text == text
    assert len(parsed.blocks) == 2


# --- the same decision everywhere -----------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("bot.analysis.MAX_ANALYSED_CHARS", SMALL_LIMIT)
    return SMALL_LIMIT


def test_analyse_reads_the_first_part_and_says_so(small_limit: int) -> None:
    text = long_text(3 * small_limit)
    report = analyse(Article(text))
    [notice] = [w for w in report.warnings if w.code == "long_text"]
    assert f"{len(text):,} characters" in notice.message and f"{small_limit:,}" in notice.message
    assert_spans_point_into(report, text)
    assert all(end <= small_limit for _, end in report.summary_spans)


def test_a_text_within_the_limit_has_no_notice() -> None:
    report = analyse(Article(SEED))
    assert "long_text" not in [w.code for w in report.warnings]


async def test_chat_service_gives_the_same_answer_for_a_long_page_and_long_pasted_text(small_limit: int) -> None:
    text = long_text(3 * small_limit)

    async def fetch(url: str) -> Article:
        return Article(text=text, url=url, origin="url")

    service = SummaryService(fetch=fetch, analyse=analyse)
    try:
        linked = await service.summarise(SummaryRequest("slack", "T", "C", "U", "https://news.example/long"))
        pasted = await service.summarise(SummaryRequest("discord", "G", "C", "U", text))
    finally:
        service.close()
    reports = [item.report for outcome in (linked, pasted) for item in outcome.items]
    assert len(reports) == 2 and all(r is not None for r in reports)
    for report in reports:
        assert report is not None
        assert [w.code for w in report.warnings] == ["long_text"]
        assert_spans_point_into(report, text)
    assert reports[0] is not None and reports[1] is not None
    assert reports[0].summary == reports[1].summary

    report = reports[0]
    notice = report.warnings[0].message
    blocks, _ = render_report_blocks(report)
    assert notice in json.dumps(blocks, ensure_ascii=False)
    embeds = render_report_embeds(report)
    assert any(notice == field.value for embed in embeds for field in embed.fields), "Discord shows the notice"


# --- the real limit, end to end -------------------------------------------------------------------


@pytest.mark.slow
async def test_a_page_at_the_fetchers_cap_is_analysed() -> None:
    """A page of nearly MAX_INPUT_BYTES, fetched with the default limits, gives a report about its
    first MAX_ANALYSED_CHARS characters rather than a refusal."""
    paragraphs = [p for p in BODY.split("\n") if p.strip()]
    body, size, i = [], 0, 0
    while size < MAX_INPUT_BYTES - 20_000:
        html = f"<p>{paragraphs[i % len(paragraphs)]}</p>\n"
        body.append(html)
        size += len(html.encode())
        i += 1
    document = f"<!doctype html><html><head><title>A very long report</title></head><body><article>{''.join(body)}"
    document += "</article></body></html>"
    assert len(document.encode()) <= MAX_INPUT_BYTES
    async with serving() as server:
        url = server.add("/report", page(document))
        policy = NetworkPolicy.from_env({"NEWSBOT_ALLOW_NETWORKS": "127.0.0.0/8"})
        article = await fetch_article(url, policy=policy, resolver=FakeDNS({"news.test": "127.0.0.1"}))
    assert len(article.text) > MAX_ANALYSED_CHARS
    report = analyse(article)
    [notice] = report.warnings
    assert notice.code == "long_text" and f"{MAX_ANALYSED_CHARS:,}" in notice.message
    assert_spans_point_into(report, article.text)


@pytest.mark.slow
def test_command_analyses_standard_input_of_exactly_the_cap() -> None:
    """The real command with MAX_INPUT_BYTES of prose on one line (no paragraph breaks at all)."""
    text = " ".join(long_text(MAX_INPUT_BYTES).split()).encode()[:MAX_INPUT_BYTES]
    text = text[: text.rindex(b" ")].ljust(MAX_INPUT_BYTES, b" ")
    assert len(text) == MAX_INPUT_BYTES
    done = subprocess.run(
        [str(Path(sys.executable).with_name("newsbot")), "analyse", "-", "--format", "json", "--include-text"],
        input=text,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    given = text.decode()
    assert report["text"] == given
    assert [w["code"] for w in report["warnings"]] == ["long_text"]
    for sentence, (start, end) in zip(report["summary"], report["summary_spans"], strict=True):
        assert given[start:end] == sentence
    assert report["claims"], "claims are found in the analysed part"
