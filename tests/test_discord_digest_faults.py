"""Discord digest faults through the real scheduler, the real discord.py REST client and the fake
Discord over sockets, on SQLite (one instance) and PostgreSQL (two):

- a feed item with a malformed link beside good ones, and an item Discord refuses anyway: the
  link is encoded, the refused item is left out with its reason, the rest is posted, nothing is
  retried, and the item never comes back;
- a post whose answer is lost, retried after the nonce window: posted once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network

import discord
import pytest

from adapters.discord.digest_poster import DiscordDigestPoster
from adapters.discord.endpoints import discord_endpoints
from bot.digest.commands import DigestCommands
from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import ChannelContext
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.fetch import NetworkPolicy
from bot.store.engine import make_engine
from tests.databases import db_url  # noqa: F401  (fixture)
from tests.fakes.discord_api import FakeDiscord, message_problems
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


@pytest.fixture
async def discord_client() -> AsyncIterator[tuple[FakeDiscord, discord.Client]]:
    fake = FakeDiscord()
    await fake.start()
    with discord_endpoints(fake.api_base, fake.gateway_url):
        client = discord.Client(intents=discord.Intents.none())
        async with client:
            await client.login(fake.token)
            yield fake, client
    await fake.close()


def deps(clock: FakeClock) -> DigestDeps:
    return default_deps(clock, policy=LOOPBACK, analyser=fake_analyse)


def publish(feeds: FeedServer, items: list[FeedItem]) -> str:
    for item in items:
        feeds.set_page(f"/articles/{item.slug}", article_page(item.title, [f"{item.title} happened. It is news."]))
    return feeds.set_feed("/news.xml", rss("Night News", items, base=feeds.url("")))


async def test_a_malformed_link_and_a_refused_item_do_not_hold_back_the_others(
    db_url: str, feeds: FeedServer, discord_client: tuple[FakeDiscord, discord.Client]  # noqa: F811
) -> None:
    fake, client = discord_client
    guild = fake.guilds[0]
    channel = guild.channels[0]
    manager = ChannelContext("discord", str(guild.id), str(channel), "UMANAGER", is_manager=True)
    clock = FakeClock(START)
    engine = make_engine(db_url)
    commands = DigestCommands(DigestService(engine, deps(clock)))
    url = publish(feeds, [])
    assert (await commands.handle(manager, f"add {url} every 1h")).ok
    bad_link = feeds.url("/articles/bad story")  # a space: Discord calls this "Not a well formed URL"
    items = [
        FeedItem("good1", "Good one", clock.advance(minutes=5)),
        FeedItem("bad", "Spaced link", clock.now, link=bad_link),
        FeedItem("poison", "Poison pill", clock.now),
        FeedItem("good2", "Good two", clock.now),
    ]
    publish(feeds, items)
    assert message_problems({"embeds": [{"title": "x", "url": bad_link}]}), "the fake refuses the raw link"
    fake.refuse_titles("^Poison")  # a refusal newsbot cannot foresee
    clock.advance(hours=1)
    poster = DiscordDigestPoster(client)
    scheduler = DigestScheduler(engine, deps(clock))

    [outcome] = await scheduler.run_due_once(poster)
    assert outcome.result == "partial" and "Poison" in outcome.detail
    embeds = [e for m in fake.messages_in(channel) for e in m["embeds"]]
    assert sorted(e["title"] for e in embeds) == ["Good one", "Good two", "Spaced link"]
    [spaced] = [e for e in embeds if e["title"] == "Spaced link"]
    assert spaced["url"] == feeds.url("/articles/bad%20story")
    listing = (await commands.handle(manager, "list")).text
    assert "active; last problem: the platform refused 1 of its messages" in listing and "Poison" in listing

    clock.advance(minutes=10)
    assert await scheduler.run_due_once(poster) == (), "a refusal is not retried"
    publish(feeds, [*items, FeedItem("next", "Next hour", clock.now)])
    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(poster)] == ["posted"]
    titles = [e["title"] for m in fake.messages_in(channel) for e in m["embeds"]]
    assert titles.count("Poison pill") == 0 and titles[-1] == "Next hour"
    listing = (await commands.handle(manager, "list")).text
    assert "last problem:" not in listing, "a good digest clears the problem"
    engine.dispose()


async def test_a_post_whose_answer_is_lost_is_retried_after_the_nonce_window_and_posted_once(
    db_url: str, feeds: FeedServer, discord_client: tuple[FakeDiscord, discord.Client]  # noqa: F811
) -> None:
    fake, client = discord_client
    guild = fake.guilds[0]
    channel = guild.channels[0]
    manager = ChannelContext("discord", str(guild.id), str(channel), "UMANAGER", is_manager=True)
    clock = FakeClock(START)
    pool = [make_engine(db_url) for _ in range(2 if db_url.startswith("postgresql") else 1)]
    commands = DigestCommands(DigestService(pool[0], deps(clock)))
    url = publish(feeds, [])
    assert (await commands.handle(manager, f"add {url} every 1h")).ok
    publish(feeds, [FeedItem("one", "Story one", clock.advance(minutes=5))])
    clock.advance(hours=1)
    fake.lose_answers(channel)
    poster = DiscordDigestPoster(client)
    first = DigestScheduler(pool[0], deps(clock), instance="first", lease=timedelta(minutes=1))
    [outcome] = await first.run_due_once(poster)
    assert outcome.result == "retry_later" and "could not reach Discord" in outcome.detail
    assert len(fake.messages_in(channel)) == 1, "the message landed; only its answer was lost"
    listing = (await commands.handle(manager, "list")).text
    assert "active; last problem: posting failed (attempt 1), retrying at" in listing

    fake.forget_nonces()  # Discord no longer remembers the nonce when the retry comes
    clock.advance(minutes=6)
    second = DigestScheduler(pool[-1], deps(clock), instance="second", lease=timedelta(minutes=1))
    assert [o.result for o in await second.run_due_once(poster)] == ["posted"]
    [message] = fake.messages_in(channel)
    assert [e["title"] for e in message["embeds"]] == ["Story one"]
    history_reads = [r for r in fake.requests if r.method == "GET" and r.path == f"/channels/{channel}/messages"]
    assert len(history_reads) == 2
    assert (await commands.handle(manager, "list")).text.endswith("— active")
    for engine in pool:
        engine.dispose()
