"""The real discord.py client against the fake Discord on loopback: connect, commands, replies.

Every interaction reaches the bot as a gateway INTERACTION_CREATE and goes through discord.py's
own command tree; what the bot does is read back from the REST calls the fake recorded.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from ipaddress import ip_network
from typing import Any

import pytest
from aiohttp import web

from adapters.discord import replies
from adapters.discord.app import NewsbotClient
from adapters.discord.sharding import ShardPlan
from bot.errors import BlockedAddress
from bot.fetch import NetworkPolicy, fetch_article
from bot.model import Article, Report
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.service.service import GENERIC_ERROR
from tests.fakes.discord_api import EPHEMERAL, EVERYDAY_PERMISSIONS, MANAGE_CHANNELS, FakeDiscord, Recorded
from tests.fakes.discord_session import WAIT
from tests.fakes.discord_session import connected as connect_client

ARTICLE = (
    "The city council approved a new transport budget on Monday. "
    "The plan adds forty buses and two tram lines over five years. "
    "Opponents said the cost had been underestimated."
)


def lead_analyse(article: Article) -> Report:
    """A stand-in analysis: the first sentence as the summary (the core is tested elsewhere)."""
    first = article.text.split(". ")[0].rstrip(".") + "."
    return Report(text=article.text, summary=(first,), summary_spans=((0, len(first)),), url=article.url)


@asynccontextmanager
async def connected(
    fake: FakeDiscord,
    *,
    message_content: bool = False,
    store: InMemoryAutoModeStore | None = None,
    service: SummaryService | None = None,
    shards: ShardPlan | None = None,
) -> AsyncIterator[NewsbotClient]:
    """The bot connected to the fake, analysing with the stand-in unless a service is given."""
    service = service or SummaryService(analyse=lead_analyse)
    async with connect_client(fake, service, message_content=message_content, store=store, shards=shards) as client:
        yield client


def is_(method: str, pattern: str) -> Any:
    regex = re.compile(pattern)
    return lambda r: r.method == method and regex.fullmatch(r.path) is not None and r.status < 300


def webhook(fake: FakeDiscord) -> str:
    return rf"/webhooks/{fake.application_id}/interaction-token-\d+"


async def send_slash(fake: FakeDiscord, text: str, *, private: bool | None = None) -> dict[str, Any]:
    guild = fake.guilds[0]
    options: list[dict[str, Any]] = [{"name": "text", "type": 3, "value": text}]
    if private is not None:
        options.append({"name": "private", "type": 5, "value": private})
    data = {"id": str(fake.snowflake()), "name": "summarise", "type": 1, "options": options}
    payload = fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake())
    await fake.dispatch("INTERACTION_CREATE", payload)
    return payload


async def test_connects_identifies_and_heartbeats(fake: FakeDiscord) -> None:
    async with connected(fake) as client:
        await fake.wait_heartbeats(1, timeout=WAIT)
        [identify] = fake.identify_payloads
        assert identify["intents"] & (1 << 15) == 0, "Message Content is not requested by default"
        assert identify["intents"] & 1, "the guilds intent is requested"
        assert client.get_guild(fake.guilds[0].id) is not None
        query = fake.gateway_queries[0]
        assert query["v"] == "10" and query["encoding"] == "json"
        # discord.py asks for a zlib stream (zstd only when `zstandard` is installed): the fake
        # then sends compressed binary frames, so decompression was exercised.
        assert query["compress"] == "zlib-stream"


async def test_slash_command_defers_then_posts_the_report(fake: FakeDiscord) -> None:
    async with connected(fake):
        payload = await send_slash(fake, ARTICLE)
        [callback] = await fake.wait_for_request(is_("POST", rf"/interactions/{payload['id']}/[^/]+/callback"))
        assert callback.body["type"] == 5
        assert not callback.body.get("data", {}).get("flags", 0) & EPHEMERAL
        [followup] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
        [embed, *_] = followup.body["embeds"]
        assert embed["description"] == "The city council approved a new transport budget on Monday."
        assert not followup.body.get("flags", 0) & EPHEMERAL
    first_callback = fake.requests.index(callback)
    assert fake.requests.index(followup) > first_callback


async def test_private_option_makes_everything_ephemeral(fake: FakeDiscord) -> None:
    async with connected(fake):
        await send_slash(fake, ARTICLE, private=True)
        [callback] = await fake.wait_for_request(is_("POST", r"/interactions/\d+/[^/]+/callback"))
        assert callback.body["type"] == 5 and callback.body["data"]["flags"] & EPHEMERAL
        [followup] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
        assert followup.body["flags"] & EPHEMERAL and followup.body["embeds"]


async def test_an_error_goes_only_to_the_caller(fake: FakeDiscord) -> None:
    async with connected(fake):
        await send_slash(fake, "   ")
        [note] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
        assert note.body["flags"] & EPHEMERAL
        assert note.body["content"] == "There is nothing to summarise: send me a link or paste the article text."
        deleted = fake.requests_to("DELETE", webhook(fake) + "/messages/@original")
        assert deleted and fake.requests.index(deleted[0]) < fake.requests.index(note)


async def test_rate_limited_followup_is_retried(fake: FakeDiscord) -> None:
    fake.rate_limit("POST", webhook(fake), times=1, retry_after=0.05)
    async with connected(fake):
        await send_slash(fake, ARTICLE)
        [done] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
        attempts = fake.requests_to("POST", webhook(fake))
        assert [r.status for r in attempts] == [429, 200]
        assert done.body == attempts[0].body


def menu_command(fake: FakeDiscord, target: dict[str, Any]) -> dict[str, Any]:
    """The data of a "Summarise" message-menu interaction on `target`."""
    return {
        "id": str(fake.snowflake()),
        "name": "Summarise",
        "type": 3,
        "target_id": target["id"],
        "resolved": {"messages": {target["id"]: target}},
    }


async def test_context_menu_replies_to_the_message(fake: FakeDiscord) -> None:
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    target = fake.message(guild, channel, fake.user(fake.snowflake(), "writer"), ARTICLE)
    data = menu_command(fake, target)
    async with connected(fake):
        await fake.dispatch("INTERACTION_CREATE", fake.interaction(guild, channel, data, user_id=fake.snowflake()))
        [callback] = await fake.wait_for_request(is_("POST", r"/interactions/\d+/[^/]+/callback"))
        assert callback.body["type"] == 5 and callback.body["data"]["flags"] & EPHEMERAL
        [reply] = await fake.wait_for_request(is_("POST", rf"/channels/{channel}/messages"), timeout=WAIT)
        assert str(reply.body["message_reference"]["message_id"]) == target["id"]
        assert reply.body["allowed_mentions"]["replied_user"] is False
        assert reply.body["embeds"][0]["description"].startswith("The city council approved")
        await fake.wait_for_request(is_("DELETE", webhook(fake) + "/messages/@original"), timeout=WAIT)


async def test_context_menu_without_permission_to_post_answers_privately(fake: FakeDiscord) -> None:
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    fake.forbidden_channels.add(channel)
    target = fake.message(guild, channel, fake.user(fake.snowflake(), "writer"), ARTICLE)
    data = menu_command(fake, target)
    async with connected(fake):
        await fake.dispatch("INTERACTION_CREATE", fake.interaction(guild, channel, data, user_id=fake.snowflake()))
        [followup] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
        assert followup.body["content"] == replies.CANNOT_POST_HERE
        assert followup.body["flags"] & EPHEMERAL and followup.body["embeds"]


def auto_command(fake: FakeDiscord, switch: str, *, permissions: int) -> dict[str, Any]:
    guild = fake.guilds[0]
    data = {
        "id": str(fake.snowflake()),
        "name": "summarise-auto",
        "type": 1,
        "options": [{"name": switch, "type": 1, "options": []}],
    }
    return fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake(), permissions=permissions)


async def callback_for(fake: FakeDiscord, payload: dict[str, Any]) -> Recorded:
    [callback] = await fake.wait_for_request(is_("POST", rf"/interactions/{payload['id']}/[^/]+/callback"))
    return callback


async def test_auto_mode_needs_manage_channels(fake: FakeDiscord) -> None:
    store = InMemoryAutoModeStore()
    guild = fake.guilds[0]
    async with connected(fake, message_content=True, store=store):
        refused = auto_command(fake, "on", permissions=EVERYDAY_PERMISSIONS)
        await fake.dispatch("INTERACTION_CREATE", refused)
        callback = await callback_for(fake, refused)
        assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
        assert callback.body["data"]["content"] == replies.NEEDS_MANAGE_CHANNELS
        assert not store.get_auto("discord", str(guild.id), str(guild.channels[0]))

        accepted = auto_command(fake, "on", permissions=EVERYDAY_PERMISSIONS | MANAGE_CHANNELS)
        await fake.dispatch("INTERACTION_CREATE", accepted)
        callback = await callback_for(fake, accepted)
        assert callback.body["type"] == 4 and callback.body["data"]["content"] == replies.AUTO_ON
        assert store.get_auto("discord", str(guild.id), str(guild.channels[0]))


async def test_auto_mode_without_message_content_says_it_cannot_read(fake: FakeDiscord) -> None:
    store = InMemoryAutoModeStore()
    async with connected(fake, message_content=False, store=store):
        payload = auto_command(fake, "on", permissions=EVERYDAY_PERMISSIONS | MANAGE_CHANNELS)
        await fake.dispatch("INTERACTION_CREATE", payload)
        callback = await callback_for(fake, payload)
        assert callback.body["data"]["content"] == replies.AUTO_NEEDS_MESSAGE_CONTENT
        assert callback.body["data"]["flags"] & EPHEMERAL
    guild = fake.guilds[0]
    assert not store.get_auto("discord", str(guild.id), str(guild.channels[0]))


async def test_auto_mode_can_be_switched_off(fake: FakeDiscord) -> None:
    store = InMemoryAutoModeStore()
    guild = fake.guilds[0]
    store.set_auto("discord", str(guild.id), str(guild.channels[0]), True, "someone")
    async with connected(fake, message_content=False, store=store):
        payload = auto_command(fake, "off", permissions=EVERYDAY_PERMISSIONS | MANAGE_CHANNELS)
        await fake.dispatch("INTERACTION_CREATE", payload)
        callback = await callback_for(fake, payload)
        assert callback.body["data"]["content"] == replies.AUTO_OFF
    assert not store.get_auto("discord", str(guild.id), str(guild.channels[0]))


PAGE = f"""<!doctype html><html><head><title>Transport budget approved</title>
<meta property="og:site_name" content="Local Gazette"></head>
<body><article><h1>Transport budget approved</h1>
{"".join(f"<p>{ARTICLE} Paragraph {i} adds that the work starts in spring.</p>" for i in range(6))}
</article></body></html>"""


@pytest.fixture
async def article_site() -> AsyncIterator[str]:
    """A news page served on 127.0.0.1; yields its URL."""

    async def page(_: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application()

    async def missing(_: web.Request) -> web.Response:
        return web.Response(status=404, text="Not found")

    app.router.add_get("/news/budget", page)
    app.router.add_get("/news/missing", missing)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/news/budget"
    await runner.cleanup()


def loopback_service() -> SummaryService:
    """The real safe fetcher, allowed to reach loopback only (like NEWSBOT_ALLOW_NETWORKS=127.0.0.0/8)."""
    policy = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))

    async def fetch(url: str) -> Article:
        return await fetch_article(url, policy=policy)

    return SummaryService(fetch=fetch, analyse=lead_analyse)


async def test_auto_mode_replies_to_links_in_channels_that_opted_in(fake: FakeDiscord, article_site: str) -> None:
    guild = fake.guilds[0]
    quiet = fake.snowflake()
    guild.channels.append(quiet)
    [channel] = guild.channels[:1]
    store = InMemoryAutoModeStore()
    store.set_auto("discord", str(guild.id), str(channel), True, "someone")
    fake.rate_limit("POST", rf"/channels/{channel}/messages", times=1, retry_after=0.05)
    writer = fake.user(fake.snowflake(), "writer")
    async with connected(fake, message_content=True, store=store, service=loopback_service()):
        ignored = [
            fake.message(guild, quiet, writer, f"Read this: {article_site}"),
            fake.message(guild, channel, fake.user(fake.snowflake(), "otherbot", bot=True), article_site),
            fake.message(guild, channel, writer, "no link in this one"),
        ]
        for message in ignored:
            await fake.dispatch("MESSAGE_CREATE", message)
        wanted = fake.message(guild, channel, writer, f"Read this: <{article_site}>")
        await fake.dispatch("MESSAGE_CREATE", wanted)
        [reply] = await fake.wait_for_request(is_("POST", rf"/channels/{channel}/messages"), timeout=WAIT)
    assert str(reply.body["message_reference"]["message_id"]) == wanted["id"]
    [embed] = reply.body["embeds"]
    assert embed["url"] == article_site
    assert "The city council approved a new transport budget" in embed["description"]
    assert [r.status for r in fake.requests_to("POST", r"/channels/\d+/messages")] == [429, 200]


async def test_analysis_does_not_hold_up_the_heartbeat(fake: FakeDiscord) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_analyse(article: Article) -> Report:
        started.set()
        release.wait(WAIT)
        return lead_analyse(article)

    async with connected(fake, service=SummaryService(analyse=slow_analyse)):
        await send_slash(fake, ARTICLE)
        assert await asyncio.to_thread(started.wait, WAIT)
        during = fake.heartbeats
        try:
            await fake.wait_heartbeats(during + 2, timeout=WAIT)
        finally:
            release.set()
        await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)


async def test_auto_sharding_takes_the_count_but_not_the_url_from_discord() -> None:
    fake = FakeDiscord(gateway_bot_url="wss://gateway.invalid/", recommended_shards=1)
    await fake.start()
    try:
        async with connected(fake, shards=ShardPlan(count=None)) as client:
            assert client.shard_count == 1
            assert fake.requests_to("GET", "/gateway/bot")
            assert fake.identify_payloads[0]["shard"] == [0, 1]
    finally:
        await fake.close()


async def test_a_shard_range_runs_only_those_shards_and_leaves_sync_to_shard_zero(fake: FakeDiscord) -> None:
    async with connected(fake, shards=ShardPlan(count=4, ids=(2,))):
        assert [p["shard"] for p in fake.identify_payloads] == [[2, 4]]
    assert not fake.requests_to("PUT", r"/applications/\d+(/guilds/\d+)?/commands")


async def test_commands_are_synced_globally(fake: FakeDiscord) -> None:
    async with connected(fake):
        [sync] = fake.requests_to("PUT", rf"/applications/{fake.application_id}/commands")
    assert sync.status == 200
    by_name = {c["name"]: c for c in sync.body}
    assert set(by_name) == {"summarise", "Summarise", "summarise-auto", "compare"}
    assert by_name["Summarise"]["type"] == 3
    assert int(by_name["summarise-auto"]["default_member_permissions"]) == MANAGE_CHANNELS
    assert {o["name"] for o in by_name["summarise-auto"]["options"]} == {"on", "off"}


class BrokenStore(InMemoryAutoModeStore):
    def set_auto(self, platform: str, workspace: str, channel: str, on: bool, by_user: str) -> None:
        raise RuntimeError("database is down")


async def test_an_unexpected_failure_is_one_private_sentence(fake: FakeDiscord) -> None:
    async with connected(fake, store=BrokenStore()):
        payload = auto_command(fake, "off", permissions=EVERYDAY_PERMISSIONS | MANAGE_CHANNELS)
        await fake.dispatch("INTERACTION_CREATE", payload)
        callback = await callback_for(fake, payload)
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    assert callback.body["data"]["content"] == GENERIC_ERROR


async def test_slash_command_with_many_links_posts_each_report_and_notes_the_rest(
    fake: FakeDiscord, article_site: str
) -> None:
    links = [f"{article_site}?part={i}" for i in range(4)]
    missing = article_site.replace("/budget", "/missing")
    async with connected(fake, service=loopback_service()):
        await send_slash(fake, " ".join([links[0], missing, *links[1:]]))
        posts = await fake.wait_for_request(is_("POST", webhook(fake)), count=3, timeout=WAIT)
    reports, [note] = posts[:2], posts[2:]
    assert [p.body["embeds"][0]["url"] for p in reports] == links[:2]
    assert not any(p.body.get("flags", 0) & EPHEMERAL for p in reports)
    assert note.body["flags"] & EPHEMERAL
    failed, skipped = note.body["content"].splitlines()
    assert failed.startswith(f"<{missing}>: ") and len(failed) > len(missing) + 10  # the fetcher's sentence
    assert skipped == "I only read the first links of a message; 2 more were skipped."
    assert not fake.requests_to("DELETE", webhook(fake) + "/messages/@original")


async def test_context_menu_on_a_message_without_text_explains_privately(fake: FakeDiscord) -> None:
    guild, channel = fake.guilds[0], fake.guilds[0].channels[0]
    target = fake.message(guild, channel, fake.user(fake.snowflake(), "writer"), "")
    data = menu_command(fake, target)
    async with connected(fake):
        await fake.dispatch("INTERACTION_CREATE", fake.interaction(guild, channel, data, user_id=fake.snowflake()))
        [note] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
    assert note.body["flags"] & EPHEMERAL and "nothing to summarise" in note.body["content"]
    assert not fake.requests_to("POST", r"/channels/\d+/messages")


async def test_auto_mode_stays_quiet_about_failures(fake: FakeDiscord, article_site: str) -> None:
    guild = fake.guilds[0]
    forbidden = fake.snowflake()
    guild.channels.append(forbidden)
    fake.forbidden_channels.add(forbidden)
    open_channel = guild.channels[0]
    store = InMemoryAutoModeStore()
    for channel in (open_channel, forbidden):
        store.set_auto("discord", str(guild.id), str(channel), True, "someone")
    writer = fake.user(fake.snowflake(), "writer")
    missing = article_site.replace("/budget", "/missing")
    async with connected(fake, message_content=True, store=store, service=loopback_service()):
        await fake.dispatch("MESSAGE_CREATE", fake.message(guild, open_channel, writer, f"broken: {missing}"))
        both = f"{article_site}?a=1 {article_site}?a=2"
        await fake.dispatch("MESSAGE_CREATE", fake.message(guild, forbidden, writer, both))
        await fake.wait_for_request(lambda r: r.status == 403, timeout=WAIT)
        wanted = fake.message(guild, open_channel, writer, article_site)
        await fake.dispatch("MESSAGE_CREATE", wanted)
        [reply] = await fake.wait_for_request(is_("POST", rf"/channels/{open_channel}/messages"), timeout=WAIT)
    assert str(reply.body["message_reference"]["message_id"]) == wanted["id"]
    assert len(fake.requests_to("POST", rf"/channels/{forbidden}/messages")) == 1, "gives up after a 403"
    assert len(fake.requests_to("POST", rf"/channels/{open_channel}/messages")) == 1, "no error is posted"


async def test_a_real_analysis_of_pasted_text_is_posted_within_discord_limits(
    fake: FakeDiscord, seed_text: str
) -> None:
    async with connected(fake, service=SummaryService()):
        await send_slash(fake, seed_text)
        [followup] = await fake.wait_for_request(lambda r: r.path.startswith("/webhooks/"), timeout=60)
    assert followup.status == 200, "the fake accepts it only within Discord's limits"
    main, *rest = followup.body["embeds"]
    assert main["title"] and main["description"]
    assert main["fields"][0]["name"] == "Sourcing"
    assert all(e["color"] == main["color"] for e in rest)


def typed_auto_switch(fake: FakeDiscord, text: str, *, permissions: int) -> dict[str, Any]:
    guild = fake.guilds[0]
    data = {
        "id": str(fake.snowflake()),
        "name": "summarise",
        "type": 1,
        "options": [{"name": "text", "type": 3, "value": text}],
    }
    return fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake(), permissions=permissions)


async def test_summarise_auto_on_typed_as_text_is_the_same_checked_switch(fake: FakeDiscord) -> None:
    store = InMemoryAutoModeStore()
    guild = fake.guilds[0]
    async with connected(fake, message_content=True, store=store):
        refused = typed_auto_switch(fake, "auto on", permissions=EVERYDAY_PERMISSIONS)
        await fake.dispatch("INTERACTION_CREATE", refused)
        callback = await callback_for(fake, refused)
        assert callback.body["data"]["content"] == replies.NEEDS_MANAGE_CHANNELS
        assert not store.get_auto("discord", str(guild.id), str(guild.channels[0]))

        accepted = typed_auto_switch(fake, "Auto ON", permissions=EVERYDAY_PERMISSIONS | MANAGE_CHANNELS)
        await fake.dispatch("INTERACTION_CREATE", accepted)
        callback = await callback_for(fake, accepted)
        assert callback.body["data"]["content"] == replies.AUTO_ON
        assert store.get_auto("discord", str(guild.id), str(guild.channels[0]))


async def test_a_link_typed_without_scheme_is_fetched_with_https_under_the_same_policy(fake: FakeDiscord) -> None:
    async with connected(fake, service=loopback_service()):
        await send_slash(fake, "10.1.2.3/secret")
        [note] = await fake.wait_for_request(is_("POST", webhook(fake)), timeout=WAIT)
    assert note.body["flags"] & EPHEMERAL
    assert note.body["content"] == f"<https://10.1.2.3/secret>: {BlockedAddress.user_message}"


async def test_auto_mode_summarises_a_link_typed_without_scheme(fake: FakeDiscord) -> None:
    guild, writer = fake.guilds[0], fake.user(fake.snowflake(), "writer")
    channel = guild.channels[0]
    store = InMemoryAutoModeStore()
    store.set_auto("discord", str(guild.id), str(channel), True, "someone")
    fetched: list[str] = []

    async def fetch(url: str) -> Article:
        fetched.append(url)
        return Article(text=ARTICLE, url=url, origin="url")

    service = SummaryService(fetch=fetch, analyse=lead_analyse)
    async with connected(fake, message_content=True, store=store, service=service):
        await fake.dispatch("MESSAGE_CREATE", fake.message(guild, channel, writer, "e.g. version 2.0 of notes.txt"))
        await fake.dispatch("MESSAGE_CREATE", fake.message(guild, channel, writer, "read apnews.com/article/budget"))
        [reply] = await fake.wait_for_request(is_("POST", rf"/channels/{channel}/messages"), timeout=WAIT)
    assert fetched == ["https://apnews.com/article/budget"]
    assert reply.body["embeds"][0]["url"] == "https://apnews.com/article/budget"
