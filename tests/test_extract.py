"""Extracting the article from HTML: paragraphs, metadata, and refusing pages without article text."""

from __future__ import annotations

import pytest

from bot.errors import NoArticleText
from bot.extract import MIN_TEXT_CHARS, extract_html
from tests.servers.http_pages import PARAGRAPHS, article_html, page, serving


def test_extracts_text_and_metadata() -> None:
    article = extract_html(article_html(), "https://www.dailyplanet.test/news/bridge", id="a1")
    assert article.title == "Mayor says bridge will reopen"
    assert article.byline == "Lois Lane"
    assert article.published == "2024-03-05"
    assert article.site == "Daily Planet"
    assert article.url == "https://www.dailyplanet.test/news/bridge"
    assert article.origin == "html"
    assert article.id == "a1"
    blocks = article.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in blocks
    assert "Costs rising" in blocks
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_paragraphs_are_separated_by_exactly_one_blank_line() -> None:
    text = extract_html(article_html()).text
    assert "\n\n\n" not in text
    assert all(block == block.strip() and "\n" not in block for block in text.split("\n\n"))


def test_lists_and_quotes_become_paragraphs() -> None:
    extra = (
        "<ul><li>First point of the plan</li><li>Second point<ul><li>a nested detail</li></ul></li></ul>"
        "<blockquote><p>A quoted line from the report.</p><p>And its second paragraph.</p></blockquote>"
    )
    blocks = extract_html(article_html(extra_body=extra)).text.split("\n\n")
    assert "First point of the plan" in blocks and "Second point" in blocks and "a nested detail" in blocks
    assert "A quoted line from the report." in blocks and "And its second paragraph." in blocks


def test_site_falls_back_to_the_url_host() -> None:
    html = article_html(site_name=False).replace(" | Daily Planet", "").replace(" Daily Planet.", "")
    assert extract_html(html, "https://www.planet.test/a").site == "planet.test"
    assert extract_html(html).site is None


def test_origin_can_say_url() -> None:
    assert extract_html(article_html(), "https://dailyplanet.test/x", origin="url").origin == "url"


@pytest.mark.parametrize(
    ("html", "why"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        (
            "<html><head><script src='app.js'></script></head><body><div id='root'></div></body></html>",
            "no main",
        ),
        (
            "<html><body><article><h1>Big story</h1>"
            "<p>The first lines of the story are free to read here.</p>"
            "<div class='paywall'>Subscribe to continue reading.</div></article></body></html>",
            "characters of article text",
        ),
    ],
)
def test_pages_without_article_text_are_refused(html: str, why: str) -> None:
    with pytest.raises(NoArticleText) as caught:
        extract_html(html, "https://paper.test/story")
    assert why in caught.value.detail


def test_the_minimum_is_the_declared_one() -> None:
    sentence = "The council met on Monday and agreed the budget after a long debate. "
    long_enough = (
        "<html><body><article><p>"
        + sentence * (MIN_TEXT_CHARS // len(sentence) + 1)
        + "</p></article></body></html>"
    )
    assert len(extract_html(long_enough).text) >= MIN_TEXT_CHARS


async def test_extraction_never_fetches_anything() -> None:
    """Images, stylesheets, canonical and AMP links on the page's own server are never requested."""
    async with serving() as server:
        server.add("/img.png", page(b"png", "image/png"))
        base = server.url("", host="127.0.0.1")
        head = (
            f'<link rel="canonical" href="{base}/canonical"><link rel="amphtml" href="{base}/amp">'
            f'<link rel="stylesheet" href="{base}/style.css">'
        )
        body = f'<img src="{base}/img.png"><p><a href="{base}/more">More</a></p>'
        extract_html(article_html(head_extra=head, extra_body=body), f"{base}/story")
        assert server.requests == []
