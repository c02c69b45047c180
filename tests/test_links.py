"""Links typed without a scheme: recognised in one place (bot.links), the same on the command line,
in the shared chat service and on both platforms, with https and the same network policy."""

from __future__ import annotations

import pytest

from bot.errors import BlockedAddress
from bot.links import DEFAULT_SCHEME, scheme_of, schemeless_link
from bot.model import Article, Report
from bot.service import SummaryRequest, SummaryService
from bot.service.urls import find_urls

LINKS = {
    "www.example.com/news/story": "https://www.example.com/news/story",
    "apnews.com/article/storm-abc123": "https://apnews.com/article/storm-abc123",
    "www.bbc.co.uk": "https://www.bbc.co.uk",
    "bbc.co.uk/news/uk-123?ref=home#top": "https://bbc.co.uk/news/uk-123?ref=home#top",
    "EXAMPLE.COM/Path": "https://EXAMPLE.COM/Path",
    "example.com:8443/x": "https://example.com:8443/x",
    "bücher.de/artikel/1": "https://bücher.de/artikel/1",
    "пример.рф/статья": "https://пример.рф/статья",
    "xn--bcher-kva.de/x": "https://xn--bcher-kva.de/x",
    "localhost:8080/story": "https://localhost:8080/story",
    "192.168.1.1/admin": "https://192.168.1.1/admin",
}

NOT_LINKS = [
    "e.g.",
    "i.e.",
    "Mr.Smith",
    "U.S.",
    "a.m.",
    "version 2.0",
    "2.0",
    "3.14",
    "1.2.3.4",
    "notes.txt",
    "report.pdf",
    "Node.js",
    "john.smith@example.com",
    "news.invalid/story",
    "localhost",
    "src/main.py",
]


@pytest.mark.parametrize("typed", sorted(LINKS))
def test_links_typed_without_a_scheme_get_https(typed: str) -> None:
    assert schemeless_link(typed) == LINKS[typed]
    assert LINKS[typed].startswith(f"{DEFAULT_SCHEME}://")


@pytest.mark.parametrize("text", NOT_LINKS)
def test_ordinary_words_with_dots_are_not_links(text: str) -> None:
    assert schemeless_link(text) is None
    assert schemeless_link(text, standalone=True) is None
    assert find_urls(f"As noted ({text}) yesterday, {text}. Then {text}") == ()


@pytest.mark.parametrize(("name", "standalone"), [("apnews.com", True), ("README.md", False), ("setup.py", False)])
def test_a_bare_host_is_a_link_only_on_its_own_and_never_a_file_ending(name: str, standalone: bool) -> None:
    assert (schemeless_link(name, standalone=True) is not None) is standalone
    assert schemeless_link(name) is None, "in running text a bare host needs www. or a path"


@pytest.mark.parametrize(
    ("text", "scheme"),
    [("https://x.example", "https"), ("FTP://x", "ftp"), ("javascript:alert(1)", "javascript"),
     ("localhost:8080/x", None), ("example.com:443/x", None), ("C:\\news.txt", None), ("plain words", None)],
)
def test_the_scheme_a_text_starts_with(text: str, scheme: str | None) -> None:
    assert scheme_of(text) == scheme


@pytest.mark.parametrize(
    ("discord", "slack"),
    [
        ("read apnews.com/article/x now.", "read <http://apnews.com/article/x|apnews.com/article/x> now."),
        ("see www.example.com", "see <http://www.example.com|www.example.com>"),
        ("my site example.com", "my site <http://example.com|example.com>"),
        ("notes in README.md", "notes in <http://README.md|README.md>"),
        ("typed http://example.com/x", "typed <http://example.com/x>"),
    ],
)
def test_a_message_gives_the_same_links_on_discord_and_slack(discord: str, slack: str) -> None:
    """Slack turns text typed without a scheme into `<http://text|text>`; Discord leaves it as typed."""
    assert find_urls(discord) == find_urls(slack)


def test_chat_links_are_found_in_order_with_https() -> None:
    text = "Compare https://a.example/one with apnews.com/article/two, and (www.example.com/three)."
    assert find_urls(text) == (
        "https://a.example/one",
        "https://apnews.com/article/two",
        "https://www.example.com/three",
    )


def _echo(article: Article) -> Report:
    return Report(text=article.text, summary=(article.text,), summary_spans=((0, len(article.text)),), url=article.url)


async def test_the_chat_service_fetches_a_scheme_less_link_with_https() -> None:
    fetched: list[str] = []

    async def fetch(url: str) -> Article:
        fetched.append(url)
        return Article(text="The page says things.", url=url, origin="url")

    service = SummaryService(fetch=fetch, analyse=_echo)
    try:
        outcome = await service.summarise(
            SummaryRequest("discord", "G", "C", "U", "apnews.com/article/storm", links_only=True)
        )
    finally:
        service.close()
    assert fetched == ["https://apnews.com/article/storm"]
    assert [item.source for item in outcome.items] == ["https://apnews.com/article/storm"]


async def test_the_chat_service_applies_the_same_network_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBOT_ALLOW_NETWORKS", raising=False)
    service = SummaryService(analyse=_echo)  # the real safe fetcher
    try:
        outcome = await service.summarise(SummaryRequest("slack", "T", "C", "U", "look at localhost:9/admin"))
    finally:
        service.close()
    [item] = outcome.items
    assert (item.source, item.code) == ("https://localhost:9/admin", BlockedAddress.code)
