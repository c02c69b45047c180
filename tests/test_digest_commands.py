"""The /digest command, end to end: text in, Reply out, against a loopback feed server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path

import pytest

from bot.digest.commands import Choices, DigestCommands, parse_choices, parse_options
from bot.digest.deps import default_deps
from bot.digest.errors import BadCommand
from bot.digest.model import ChannelContext
from bot.digest.render import render_text
from bot.digest.service import DigestService
from bot.fetch import NetworkPolicy
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
MANAGER = ChannelContext("slack", "T1", "C1", "U1", is_manager=True)
MEMBER = ChannelContext("slack", "T1", "C1", "U2", is_manager=False)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def woken() -> list[bool]:
    return []


@pytest.fixture
def commands(tmp_path: Path, woken: list[bool]) -> DigestCommands:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade(engine)
    deps = default_deps(
        FakeClock(NOW), policy=NetworkPolicy(allow=(ip_network("127.0.0.0/8"),)), analyser=fake_analyse
    )
    return DigestCommands(DigestService(engine, deps, on_due=lambda: woken.append(True)))


async def test_add_list_now_remove(server: FeedServer, commands: DigestCommands, woken: list[bool]) -> None:
    url = server.set_feed("/n.xml", rss("Night News", [FeedItem("a", "A", NOW - timedelta(hours=1))]))
    reply = await commands.handle(
        MANAGER, f"add <{url}> weekly mon 07:30 tz America/New_York max 3 keywords rail bus"
    )
    assert reply.ok and "Night News" in reply.text and "#1" in reply.text
    listing = await commands.handle(MEMBER, "list")
    assert "weekly mon 07:30 America/New_York" in listing.text and "max 3" in listing.text
    assert "keywords: rail bus" in listing.text and "active" in listing.text
    assert "next: 2024-05-06 07:30 EDT" in listing.text  # 08:00 UTC is 04:00 in New York: later today
    duplicate = await commands.handle(MANAGER, f"add {url}")
    assert not duplicate.ok and "already" in duplicate.text
    assert (await commands.handle(MANAGER, "now 1")).ok and woken == [True]
    assert not (await commands.handle(MANAGER, "now 7")).ok
    assert (await commands.handle(MANAGER, "remove 1")).ok
    assert "no digests" in (await commands.handle(MEMBER, "list")).text


async def test_bad_urls_and_non_feeds_get_clear_answers(server: FeedServer, commands: DigestCommands) -> None:
    page = server.set_page("/page", article_page("Page", ["Just a page."]))
    answers = {
        "add ftp://example.test/feed": (await commands.handle(MANAGER, "add ftp://example.test/feed")).text,
        "add page": (await commands.handle(MANAGER, f"add {page}")).text,
        "add 404": (await commands.handle(MANAGER, f"add {server.url('/nothing')}")).text,
        "add 10.0.0.1": (await commands.handle(MANAGER, "add http://10.0.0.1/feed.xml")).text,
    }
    assert "http or https" in answers["add ftp://example.test/feed"]
    assert "RSS or Atom" in answers["add page"]
    assert "HTTP 404" in answers["add 404"]
    assert "private or internal" in answers["add 10.0.0.1"]
    assert "no digests" in (await commands.handle(MEMBER, "list")).text


async def test_managers_only_and_help(server: FeedServer, commands: DigestCommands) -> None:
    url = server.set_feed("/n.xml", rss("News", []))
    for text in (f"add {url}", "shared on", "remove 1", "now 1"):
        reply = await commands.handle(MEMBER, text)
        assert not reply.ok and "managers" in reply.text
    assert "/digest add" in (await commands.handle(MEMBER, "")).text
    assert not (await commands.handle(MEMBER, "frobnicate")).ok
    bad = await commands.handle(MANAGER, f"add {url} daily 25:00")
    assert not bad.ok and "daily 09:00" in bad.text
    assert not (await commands.handle(MANAGER, f"add {url} tz Mars/Base")).ok
    assert not (await commands.handle(MANAGER, f"add {url} max 500")).ok


async def test_shared_on_off_and_preview(server: FeedServer, commands: DigestCommands) -> None:
    on = await commands.handle(MANAGER, "shared on every 4h")
    assert on.ok and "every 4h" in on.text
    assert not (await commands.handle(MANAGER, "shared on")).ok
    assert (await commands.handle(MANAGER, "shared off")).ok
    assert "no digests" in (await commands.handle(MEMBER, "list")).text

    server.set_page("/articles/p", article_page("Previewed", ["The preview works. It is short."]))
    url = server.set_feed(
        "/p.xml", rss("Preview Feed", [FeedItem("p", "Previewed", NOW)], base=server.url(""))
    )
    reply = await commands.handle(MEMBER, f"preview {url}")
    assert reply.digest is not None and [i.title for i in reply.digest.items] == ["Previewed"]
    text = render_text(reply.digest)
    assert (
        "Preview Feed" in text
        and "The preview works." in text
        and url.replace("/p.xml", "/articles/p") in text
    )


def test_option_parsing() -> None:
    options = parse_options(["every", "3", "h", "max", "2", "tz", "Europe/Berlin"])
    assert (options.schedule.spec, options.max_items, options.zone.key) == ("every 3h", 2, "Europe/Berlin")
    assert parse_options([]).schedule.spec == "daily 09:00"
    with pytest.raises(BadCommand):
        parse_options(["max", "many"])


async def test_typed_operations_answer_as_the_text_does(server: FeedServer, commands: DigestCommands) -> None:
    """Discord calls the operations with its typed options; Slack's text is read into the same calls."""
    url = server.set_feed("/t.xml", rss("Typed News", [FeedItem("a", "A", NOW - timedelta(hours=1))]))
    choices = Choices(schedule="weekly mon 07:30", zone="America/New_York", max_items=3, keywords=("rail", "bus"))
    refused = await commands.add(MEMBER, url, Choices(schedule="daily 25:00"))
    assert not refused.ok and "managers" in refused.text, "refused before the options are checked"
    assert not (await commands.add(MANAGER, url, Choices(zone="Mars/Base"))).ok
    added = await commands.add(MANAGER, url, choices)
    assert added.ok and "Typed News" in added.text
    listing = (await commands.listing(MEMBER)).text
    assert listing == (await commands.handle(MEMBER, "list")).text
    assert "weekly mon 07:30 America/New_York" in listing and "keywords: rail bus" in listing
    typed = "weekly mon 07:30 tz America/New_York max 3 keywords rail bus"
    assert parse_choices(typed.split(" ")) == choices
    assert not (await commands.now(MANAGER, 9)).ok
    assert (await commands.remove(MANAGER, 1)).ok
