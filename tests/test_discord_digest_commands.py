"""`/digest` end to end: the real discord.py client against the fake Discord, a loopback feed
server and a SQLite database; interactions arrive as gateway INTERACTION_CREATE events and go
through discord.py's command tree, digests are posted by the bot's own scheduler task."""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from adapters.discord.app import NewsbotClient
from adapters.discord.digest_render import FLAGGED_COLOUR, NOTHING_NEW
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.limits import CONTENT_MAX
from adapters.discord.replies import PREVIEW_REFUSED
from adapters.discord.run import run_bot
from adapters.discord.settings import DiscordSettings
from adapters.discord.sharding import ShardPlan
from bot.digest.deps import default_deps
from bot.digest.model import Target
from bot.digest.runtime import DigestRuntime
from bot.fetch import NetworkPolicy
from bot.model import Article, Report
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.store.schema import digest_shared_links
from bot.view import text_chunks
from newsbot.assemble import open_database
from tests.fakes.discord_api import EPHEMERAL, EVERYDAY_PERMISSIONS, MANAGE_CHANNELS, FakeDiscord, Recorded
from tests.fakes.discord_session import WAIT
from tests.fakes.discord_session import connected as connect_client
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
MANAGER = EVERYDAY_PERMISSIONS | MANAGE_CHANNELS
STORIES = [
    ("bridge", "Bridge reopens", "The bridge reopened on Monday. Traffic returned at once. More later."),
    ("budget", "Budget leaks", "Officials who asked not to be named said the budget grows. It was denied. More."),
]


def unused_analyse(article: Article) -> Report:
    raise AssertionError("the summary service is not used by these tests")


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def runtime(tmp_path: Path, clock: FakeClock) -> Iterator[DigestRuntime]:
    deps = default_deps(clock, policy=NetworkPolicy(allow=(ip_network("127.0.0.0/8"),)), analyser=fake_analyse)
    started = DigestRuntime.on(open_database(f"sqlite:///{tmp_path / 'digests.db'}"), deps)
    yield started
    started.engine.dispose()


def publish(feeds: FeedServer) -> str:
    """Two stories, one with anonymous sourcing; returns the feed's URL."""
    for slug, title, text in STORIES:
        feeds.set_page(f"/articles/{slug}", article_page(title, [text]))
    items = [FeedItem(slug, title, NOW - timedelta(hours=n + 1)) for n, (slug, title, _) in enumerate(STORIES)]
    return feeds.set_feed("/news.xml", rss("Night News", items, base=feeds.url("")))


@asynccontextmanager
async def connected(
    fake: FakeDiscord, runtime: DigestRuntime, *, message_content: bool = False
) -> AsyncIterator[NewsbotClient]:
    """The bot connected to the fake with the digest runtime (no article analysis needed)."""
    service = SummaryService(analyse=unused_analyse)
    async with connect_client(fake, service, message_content=message_content, digests=runtime) as client:
        yield client


async def digest_command(
    fake: FakeDiscord,
    sub: str,
    options: dict[str, Any] | None = None,
    *,
    permissions: int = EVERYDAY_PERMISSIONS,
    refusals: int = 0,
) -> list[Recorded]:
    """Use `/digest <sub>` in the first channel; returns the follow-ups the bot sent in answer (and
    Discord accepted: `refusals` of them may have been refused)."""
    guild = fake.guilds[0]
    kinds = {str: 3, int: 4}
    values = [{"name": k, "type": kinds[type(v)], "value": v} for k, v in (options or {}).items()]
    data = {
        "id": str(fake.snowflake()),
        "name": "digest",
        "type": 1,
        "options": [{"name": sub, "type": 1, "options": values}],
    }
    payload = fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake(), permissions=permissions)
    await fake.dispatch("INTERACTION_CREATE", payload)
    [callback] = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path.startswith(f"/interactions/{payload['id']}/")
    )
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] & EPHEMERAL
    followup = f"/webhooks/{fake.application_id}/{payload['token']}"
    first = await fake.wait_for_request(lambda r: r.method == "POST" and r.path == followup, timeout=WAIT)
    await asyncio.sleep(0.05)  # let any further follow-ups of a multi-message answer arrive
    sent = [r for r in fake.requests if r.method == "POST" and r.path == followup]
    assert sent[0] == first[0]
    assert len([r for r in sent if r.status != 200]) == refusals
    sent = [r for r in sent if r.status == 200]
    assert all(r.body["flags"] & EPHEMERAL for r in sent)
    return sent


def text_of(followups: list[Recorded]) -> str:
    return "\n".join(r.body.get("content") or "" for r in followups)


async def wait_for_state(runtime: DigestRuntime, target: Target, state: str) -> None:
    async def reached() -> None:
        while not any(sub.state == state for sub in await runtime.service.subscriptions(target)):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(reached(), WAIT)


async def wait_for_shared_links(runtime: DigestRuntime, count: int) -> None:
    """Wait until the bot has stored `count` shared links (message events are handled concurrently)."""

    def stored() -> int:
        with runtime.engine.connect() as connection:
            return len(connection.execute(select(digest_shared_links)).all())

    async def reached() -> None:
        while await asyncio.to_thread(stored) < count:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(reached(), WAIT)


def channel_target(fake: FakeDiscord) -> Target:
    guild = fake.guilds[0]
    return Target("discord", str(guild.id), str(guild.channels[0]))


async def test_only_managers_add_and_everyone_sees_the_list(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish(feeds)
    async with connected(fake, runtime):
        refused = text_of(await digest_command(fake, "add", {"feed": url}))
        assert "Only channel managers" in refused
        assert "no digests" in text_of(await digest_command(fake, "list"))

        added = text_of(
            await digest_command(
                fake,
                "add",
                {
                    "feed": url,
                    "schedule": "weekly mon 07:30",
                    "timezone": "Europe/Berlin",
                    "max": 3,
                    "keywords": "bridge budget",
                },
                permissions=MANAGER,
            )
        )
        assert "Subscribed this channel to “Night News” (digest #1)" in added
        listing = text_of(await digest_command(fake, "list"))
        assert f"#1 {url}" in listing and "weekly mon 07:30 Europe/Berlin" in listing
        assert "max 3" in listing and "keywords: bridge budget" in listing and "active" in listing
        bad = text_of(await digest_command(fake, "add", {"feed": url, "timezone": "Mars/Base"}, permissions=MANAGER))
        assert "Mars/Base" in bad
    [sub] = await runtime.service.subscriptions(channel_target(fake))
    assert sub.max_items == 3 and sub.zone.key == "Europe/Berlin"


async def test_digest_now_posts_the_feed_items_as_embeds(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish(feeds)
    channel = fake.guilds[0].channels[0]
    async with connected(fake, runtime) as client:
        await digest_command(fake, "add", {"feed": url}, permissions=MANAGER)
        refused = text_of(await digest_command(fake, "now", {"digest": 1}))
        assert "Only channel managers" in refused
        queued = text_of(await digest_command(fake, "now", {"digest": 1}, permissions=MANAGER))
        assert "will be posted here" in queued
        [post] = await fake.wait_for_request(
            lambda r: r.method == "POST" and r.path == f"/channels/{channel}/messages", timeout=WAIT
        )
        await wait_for_state(runtime, channel_target(fake), "active")
    assert client.is_closed()
    assert not [t for t in asyncio.all_tasks() if t.get_name() == "digest-scheduler"], "stopped on close"
    assert post.status == 200
    assert post.body["content"] == "**Night News**"
    assert post.body["enforce_nonce"] is True and 0 < len(post.body["nonce"]) <= 25
    bridge, budget = post.body["embeds"]
    assert bridge["title"] == "Bridge reopens" and bridge["url"] == feeds.url("/articles/bridge")
    assert bridge["description"] == "The bridge reopened on Monday. Traffic returned at once."
    assert budget["title"] == "Budget leaks" and budget["color"] == FLAGGED_COLOUR
    assert budget["description"].startswith("Officials who asked not to be named said the budget grows.")
    assert "⚠️ **Weak sourcing: anonymous sources**" in budget["description"]
    assert len(fake.requests_to("POST", rf"/channels/{channel}/messages")) == 1


async def test_an_unknown_channel_disables_the_digest_and_list_says_why(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish(feeds)
    channel = fake.guilds[0].channels[0]
    fake.fail_channel(channel, 404, 10003, "Unknown Channel")
    async with connected(fake, runtime):
        await digest_command(fake, "add", {"feed": url}, permissions=MANAGER)
        await digest_command(fake, "now", {"digest": 1}, permissions=MANAGER)
        await fake.wait_for_request(lambda r: r.status == 404 and r.path.startswith("/channels/"), timeout=WAIT)
        await wait_for_state(runtime, channel_target(fake), "disabled")
        listing = text_of(await digest_command(fake, "list"))
        assert "#1" in listing and "disabled: the platform refused the post:" in listing
        assert "channel does not exist" in listing
        resumed = text_of(await digest_command(fake, "resume", {"digest": 1}, permissions=MANAGER))
        assert "active again" in resumed


async def test_preview_shows_the_digest_to_the_caller_only(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish(feeds)
    async with connected(fake, runtime):
        [shown] = await digest_command(fake, "preview", {"feed": url})
    assert shown.body["content"].startswith("Preview of “Night News” (2 newest items)")
    assert [e["title"] for e in shown.body["embeds"]] == ["Bridge reopens", "Budget leaks"]
    assert not fake.requests_to("POST", r"/channels/\d+/messages"), "nothing public"


async def test_links_posted_in_the_channel_make_the_shared_digest(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer, clock: FakeClock
) -> None:
    publish(feeds)
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    link = feeds.url("/articles/bridge")
    writer = fake.user(fake.snowflake(), "writer")
    async with connected(fake, runtime, message_content=True):
        on = text_of(await digest_command(fake, "shared", {"switch": "on"}, permissions=MANAGER))
        assert "digest of the links shared here" in on
        shared_at = clock.advance(minutes=1)
        message = fake.message(guild, channel, writer, f"Worth a read: <{link}>", timestamp=shared_at.isoformat())
        await fake.dispatch("MESSAGE_CREATE", message)
        ignored = fake.message(
            guild, channel, fake.user(fake.snowflake(), "otherbot", bot=True), feeds.url("/articles/budget")
        )
        await fake.dispatch("MESSAGE_CREATE", ignored)
        await wait_for_shared_links(runtime, 1)
        clock.advance(minutes=1)
        await digest_command(fake, "now", {"digest": 1}, permissions=MANAGER)
        [post] = await fake.wait_for_request(
            lambda r: r.method == "POST" and r.path == f"/channels/{channel}/messages", timeout=WAIT
        )
    [embed] = post.body["embeds"]
    assert embed["url"] == link and embed["title"] == "Bridge reopens"


async def test_the_digest_group_is_registered_with_typed_options(fake: FakeDiscord, runtime: DigestRuntime) -> None:
    async with connected(fake, runtime):
        [sync] = fake.requests_to("PUT", rf"/applications/{fake.application_id}/commands")
    assert sync.status == 200, "the fake accepts only valid command definitions"
    [group] = [c for c in sync.body if c["name"] == "digest"]
    subs = {o["name"]: o for o in group["options"]}
    assert set(subs) == {"add", "shared", "list", "remove", "now", "resume", "preview"}
    add_options = {o["name"]: o for o in subs["add"]["options"]}
    assert list(add_options) == ["feed", "schedule", "timezone", "max", "keywords"]
    assert add_options["feed"]["required"] and add_options["max"]["type"] == 4
    assert add_options["max"]["min_value"] == 1 and add_options["max"]["max_value"] == 20
    assert [c["value"] for c in subs["shared"]["options"][0]["choices"]] == ["on", "off"]
    assert group.get("default_member_permissions") is None, "list and preview are for everyone"
    assert group["dm_permission"] is False, "guild only"


async def test_run_bot_offers_digests_when_given_them(fake: FakeDiscord, runtime: DigestRuntime) -> None:
    settings = DiscordSettings(token=fake.token, api_base=fake.api_base, gateway_url=fake.gateway_url)
    service = SummaryService(analyse=unused_analyse)
    with discord_endpoints(settings.api_base, settings.gateway_url):
        task = asyncio.create_task(
            run_bot(
                settings,
                ShardPlan(),
                service=service,
                store=InMemoryAutoModeStore(),
                digests=runtime,
                out=io.StringIO(),
            )
        )
        try:
            await fake.wait_identified(timeout=WAIT)
            [sync] = await fake.wait_for_request(lambda r: r.method == "PUT" and r.path.endswith("/commands"))
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, WAIT)
    service.close()
    assert "digest" in {c["name"] for c in sync.body}
    assert not [t for t in asyncio.all_tasks() if t.get_name() == "digest-scheduler"]


def test_long_answers_are_split_between_lines() -> None:
    lines = [f"#{n} https://feed.example/{'x' * 150} — daily 09:00 UTC — active" for n in range(30)]
    chunks = text_chunks("\n".join(lines), CONTENT_MAX)
    assert len(chunks) > 1 and all(len(chunk) <= 2000 for chunk in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    [cut] = text_chunks("word " * 1000, CONTENT_MAX)
    assert len(cut) <= 2000 and cut.endswith("…")


def publish_with_a_spaced_link(feeds: FeedServer) -> str:
    """The two stories and a third whose link has a space in it."""
    publish(feeds)
    spaced = FeedItem("odd", "Odd link", NOW - timedelta(minutes=30), link=feeds.url("/articles/odd story"))
    stories = [FeedItem(slug, title, NOW - timedelta(hours=n + 1)) for n, (slug, title, _) in enumerate(STORIES)]
    items = [spaced, *stories]
    return feeds.set_feed("/news.xml", rss("Night News", items, base=feeds.url("")))


async def test_preview_of_a_feed_with_a_malformed_link_shows_it_encoded(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish_with_a_spaced_link(feeds)
    async with connected(fake, runtime):
        [shown] = await digest_command(fake, "preview", {"feed": url})
    assert shown.status == 200 and shown.body["content"].startswith("Preview of “Night News” (3 newest items)")
    assert shown.body["embeds"][0]["url"] == feeds.url("/articles/odd%20story")


async def test_preview_says_so_when_discord_refuses_part_of_it(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    url = publish(feeds)
    fake.refuse_titles("^Budget")
    async with connected(fake, runtime):
        answers = await digest_command(fake, "preview", {"feed": url}, refusals=1)
    assert PREVIEW_REFUSED in text_of(answers)
    assert "Something went wrong" not in text_of(answers)


async def test_digest_now_with_nothing_new_says_so_in_the_channel(
    fake: FakeDiscord, runtime: DigestRuntime, feeds: FeedServer
) -> None:
    feeds.set_feed("/quiet.xml", rss("Quiet News", []))
    channel = fake.guilds[0].channels[0]
    async with connected(fake, runtime):
        await digest_command(fake, "add", {"feed": feeds.url("/quiet.xml")}, permissions=MANAGER)
        queued = text_of(await digest_command(fake, "now", {"digest": 1}, permissions=MANAGER))
        assert "will be posted here in a moment" in queued
        [post] = await fake.wait_for_request(
            lambda r: r.method == "POST" and r.path == f"/channels/{channel}/messages", timeout=WAIT
        )
    assert post.body["content"] == "**Quiet News**"
    assert [e["description"] for e in post.body["embeds"]] == [NOTHING_NEW]
