"""fetch_article end to end: a real server, the safe fetcher, then extraction."""

from __future__ import annotations

from ipaddress import ip_network

import pytest

from bot.errors import BlockedAddress, NoArticleText, NotAnArticle
from bot.fetch import FetchLimits, NetworkPolicy, fetch_article
from tests.servers.http_pages import PARAGRAPHS, FakeDNS, article_html, page, redirect, serving

LOOPBACK_ALLOWED = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
FAST = FetchLimits(connect_timeout=2.0, read_timeout=2.0, total_timeout=10.0)
DNS = {"news.test": "127.0.0.1", "short.test": "127.0.0.1"}


async def test_fetches_and_extracts_an_article_after_a_redirect() -> None:
    async with serving() as server:
        server.add("/s/abc", redirect("/news/bridge"))
        server.add("/news/bridge", page(article_html().encode("cp1252"), "text/html; charset=windows-1252"))
        article = await fetch_article(
            server.url("/s/abc", host="short.test"),
            policy=LOOPBACK_ALLOWED,
            limits=FAST,
            resolver=FakeDNS(DNS),
            id="msg-1",
        )
    assert article.url == server.url("/news/bridge", host="short.test")
    assert article.origin == "url"
    assert article.id == "msg-1"
    assert (article.title, article.byline, article.published, article.site) == (
        "Mayor says bridge will reopen",
        "Lois Lane",
        "2024-03-05",
        "Daily Planet",
    )
    blocks = article.text.split("\n\n")
    assert all(paragraph in blocks for paragraph in PARAGRAPHS)


async def test_a_script_only_page_has_no_article_text() -> None:
    shell = "<html><head><script src='/app.js'></script></head><body><div id='app'></div></body></html>"
    async with serving() as server:
        url = server.add("/app", page(shell))
        with pytest.raises(NoArticleText):
            await fetch_article(url, policy=LOOPBACK_ALLOWED, limits=FAST, resolver=FakeDNS(DNS))


async def test_a_pdf_is_not_an_article() -> None:
    async with serving() as server:
        url = server.add("/report.pdf", page(b"%PDF-1.7", "application/pdf"))
        with pytest.raises(NotAnArticle, match="application/pdf"):
            await fetch_article(url, policy=LOOPBACK_ALLOWED, limits=FAST, resolver=FakeDNS(DNS))


async def test_the_default_policy_protects_fetch_article() -> None:
    async with serving() as server:
        url = server.add("/news/bridge", page(article_html()))
        with pytest.raises(BlockedAddress):
            await fetch_article(url, policy=NetworkPolicy(), limits=FAST, resolver=FakeDNS(DNS))
        assert server.requests == []
