"""Properties every report must have, whatever the article: spans point into the text as given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.analysis import analyse
from bot.layout import read_layout
from bot.model import Article, Report, Span

ARTICLES = {
    "seed": None,  # filled from the seed fixture
    "quotes": (
        "Bridge Closed After Inspection\n\n"
        "The city closed the Elm Street bridge on Monday after engineers found cracks in two supports.\n\n"
        "\u201cWe are not taking any chances,\u201d said Mayor Ana Ruiz. "
        "\u201cThe bridge stays shut until it is safe.\u201d\n\n"
        "A senior city official, who spoke on condition of anonymity because the report is not public, "
        "said repairs could take a year.\n\n"
        "The bridge reportedly carries 20,000 cars a day. Critics say the city ignored earlier warnings.\n\n"
        "Share this article\n"
    ),
    "crlf": (
        "Officials said on Tuesday that the port would reopen.\r\n\r\n"
        "Ships waited offshore, the harbour master said.\r\n"
    ),
}


@pytest.fixture(params=sorted(ARTICLES))
def article(request: pytest.FixtureRequest, seed_text: str) -> Article:
    text = ARTICLES[request.param] or seed_text
    return Article(text, id=request.param)


def all_spans(report: Report) -> Iterator[tuple[str, Span]]:
    for span in report.summary_spans:
        yield "summary", span
    for claim in report.claims:
        for part in ("source", "cue", "content"):
            for span in getattr(claim.spans, part) or ():
                yield part, span
    for flag in report.sourcing.flags:
        for span in flag.spans:
            yield "flag", span


def test_every_span_is_inside_the_text(article: Article) -> None:
    report = analyse(article)
    assert report.text == article.text
    for _, (start, end) in all_spans(report):
        assert 0 <= start < end <= len(article.text)


def test_summary_sentences_are_the_text_at_their_spans(article: Article) -> None:
    report = analyse(article)
    assert report.summary
    assert list(report.summary_spans) == sorted(report.summary_spans)
    for sentence, (start, end) in zip(report.summary, report.summary_spans, strict=True):
        assert article.text[start:end] == sentence


def test_nothing_comes_from_headings_or_furniture(article: Article) -> None:
    report = analyse(article)
    outside = [b for b in read_layout(article.text) if b.kind != "paragraph"]
    for part, (start, end) in all_spans(report):
        for block in outside:
            assert end <= block.start or start >= block.end, (part, article.text[start:end], block.kind)


def test_claims_are_in_text_order_and_flags_point_at_claims(article: Article) -> None:
    report = analyse(article)
    starts = [min(s for s, _ in c.spans.content) for c in report.claims]
    assert starts == sorted(starts)
    for flag in report.sourcing.flags:
        for index in flag.claims:
            assert 0 <= index < len(report.claims)
            if flag.kind == "anonymous":
                assert report.claims[index].speaker.kind == "anonymous"
    assert 0 < sum(1 for c in report.claims if c.key) <= 6 or not report.claims


def test_analysis_is_deterministic(article: Article) -> None:
    assert analyse(article) == analyse(article)
