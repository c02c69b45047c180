"""Feed parsing and fetching: formats, hostile and malformed feeds, wrong content types."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from ipaddress import ip_network

import pytest

from bot.digest.builder import DigestBuilder
from bot.digest.deps import default_deps
from bot.digest.errors import HostileFeed, NotAFeed
from bot.digest.feeds import parse_feed
from bot.digest.feedstore import Candidate
from bot.digest.selection import select_items
from bot.errors import FetchFailed, FetchTimeout, NewsbotError, TooLarge
from bot.fetch import FetchLimits, NetworkPolicy
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, atom, fake_analyse, feed_server, rss

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol">'
    + b"".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9))
    + b']><rss version="2.0"><channel><title>&j;</title><item><title>&j;</title></item></channel></rss>'
)
RSS_091 = (
    b'<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>http://x.test/</link>'
    b"<description>d</description><item><title>Item</title><link>http://x.test/1</link></item></channel></rss>"
)
RSS_10 = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://x.test/"><title>RDF</title></channel>'
    b'<item rdf:about="http://x.test/a"><title>Rdf item</title><link>http://x.test/a</link></item></rdf:RDF>'
)


def test_rss_and_atom_versions_parse() -> None:
    items = [FeedItem("a", "First <b>bold</b> & co", WHEN, summary="<p>One. Two. Three.</p>")]
    parsed_rss = parse_feed(rss("R", items, base="http://x.test"), "http://x.test/feed")
    parsed_atom = parse_feed(atom("A", items, base="http://x.test"), "http://x.test/feed")
    for parsed in (parsed_rss, parsed_atom):
        [entry] = parsed.entries
        assert entry.title == "First bold & co"  # markup in titles is dropped, entities decoded
        assert entry.link == "http://x.test/articles/a"
        assert entry.published == WHEN
        assert "<" not in entry.summary and entry.summary.startswith("One.")
    assert parse_feed(RSS_091, "http://x.test/f").entries[0].title == "Item"
    assert parse_feed(RSS_10, "http://x.test/f").entries[0].link == "http://x.test/a"


def test_item_identity_prefers_guid_then_link_then_title_and_date() -> None:
    same_guid = [FeedItem("a", "T1", WHEN), FeedItem("a", "T1 edited", WHEN, link="http://x.test/other")]
    keys = {parse_feed(rss("R", [item]), "u").entries[0].key for item in same_guid}
    assert len(keys) == 1
    by_link = [
        FeedItem("b", "T", WHEN, guid=None, link="http://x.test/p?utm_source=feed"),
        FeedItem("b", "T changed", None, guid=None, link="HTTP://X.TEST/p"),
    ]
    assert len({parse_feed(rss("R", [item]), "u").entries[0].key for item in by_link}) == 1
    bare = [
        FeedItem("c", "Same", WHEN, guid=None, link=None),
        FeedItem("c", "Same", None, guid=None, link=None),
    ]
    assert len({parse_feed(rss("R", [item]), "u").entries[0].key for item in bare}) == 2


def test_billion_laughs_is_refused_before_parsing_and_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(HostileFeed):
        parse_feed(BILLION_LAUGHS, "http://x.test/feed")
    with pytest.raises(HostileFeed):
        parse_feed(BILLION_LAUGHS.decode().encode("utf-16"), "http://x.test/feed")
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    "body", [b"<html><body><p>Just a page</p></body></html>", b'{"items": []}', b"\x00\x01\x02 binary", b""]
)
def test_documents_that_are_not_feeds_are_refused(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, "http://x.test/feed")


def test_truncated_feed_is_recovered_by_the_tolerant_parser() -> None:
    parsed = parse_feed(b"<rss version='2.0'><channel><title>Cut</title><item><title>Half", "http://x.test/f")
    assert parsed.title == "Cut"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def builder(tmp_path: object) -> DigestBuilder:
    engine = make_engine(f"sqlite:///{tmp_path}/feeds.db")
    upgrade(engine)
    limits = FetchLimits(total_timeout=1.0, read_timeout=1.0, max_bytes=200_000)
    deps = default_deps(
        FakeClock(WHEN),
        policy=NetworkPolicy(allow=(ip_network("127.0.0.0/8"),)),
        limits=limits,
        analyser=fake_analyse,
    )
    return DigestBuilder(engine, deps)


async def test_hostile_and_broken_feeds_over_http(server: FeedServer, builder: DigestBuilder) -> None:
    cases: dict[str, type[NewsbotError]] = {
        server.set_feed("/html", b"<html><body>hi</body></html>", "text/html"): NotAFeed,
        server.set_feed("/json", b"{}", "application/json"): NotAFeed,
        server.set_feed("/malformed", b"<rss version=", "application/rss+xml"): NotAFeed,
        server.set_feed("/lol", BILLION_LAUGHS, "application/xml"): HostileFeed,
        server.set_feed("/huge", b"<rss>" + b"x" * 300_000 + b"</rss>", "application/rss+xml"): TooLarge,
        server.set_error("/500", 500): FetchFailed,
        server.url("/missing"): FetchFailed,
    }
    server.set_feed("/slow", rss("Slow", []))
    server.set_delay("/slow", 3)
    cases[server.url("/slow")] = FetchTimeout
    for url, error in cases.items():
        with pytest.raises(error):
            await builder.refresh(url, force=True)


async def test_preview_lists_newest_items_without_storing(server: FeedServer, builder: DigestBuilder) -> None:
    items = [
        FeedItem(f"p{n}", f"Item {n}", WHEN.replace(hour=n), summary=f"Summary {n}. More.")
        for n in range(1, 9)
    ]
    url = server.set_feed("/p.xml", rss("Preview", items, base=server.url("")))
    digest = await builder.preview(url, 3)
    assert digest.title == "Preview"
    assert [item.title for item in digest.items] == ["Item 8", "Item 7", "Item 6"]
    assert digest.items[0].summary == ("Summary 8.", "More.")  # article 404: the feed's summary


def test_selection_ranks_by_recency_and_spreads_sources() -> None:
    def candidate(host: str, hour: int) -> Candidate:
        link = f"http://{host}/{hour}"
        return Candidate(link, link, f"{host} {hour}", link, "", WHEN.replace(hour=hour), "feed")

    pool = [candidate("big.test", hour) for hour in range(10, 20)] + [candidate("small.test", 3)]
    chosen = select_items(pool, 4)
    assert [c.title for c in chosen] == ["big.test 19", "big.test 18", "big.test 17", "small.test 3"]
    assert [c.title for c in select_items(pool, 2, ["small"])] == ["small.test 3"]
