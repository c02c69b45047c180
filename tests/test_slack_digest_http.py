"""`/digest` in the Slack app over HTTP with signed requests, the scheduler posting in the background.

Everything runs on 127.0.0.1: the Bolt app, the fake Slack Web API, and the loopback feed server
with its article pages.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from adapters.slack.app import build_app
from adapters.slack.digest_handlers import DIGEST_COMMAND
from adapters.slack.run import build_web_app, digest_poster
from adapters.slack.settings import SlackSettings
from bot.digest.deps import default_deps
from bot.digest.model import Target
from bot.digest.runtime import DigestRuntime
from bot.fetch import NetworkPolicy, fetch_article
from bot.model import Article
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.store.schema import digest_shared_links
from newsbot.assemble import open_database
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID, block_problems
from tests.servers.feeds import FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss
from tests.test_slack_digest_poster import FakeSlackWithHistory

SECRET = "digest-signing-secret"
BOT_TOKEN = "xoxb-digest-http"
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
CHANNEL = Target("slack", TEAM_ID, "C1")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@dataclass
class Harness:
    api: FakeSlackWithHistory
    runtime: DigestRuntime
    feeds: FeedServer
    url: str
    http: aiohttp.ClientSession

    async def _post(self, body: str, content_type: str) -> int:
        stamp = str(int(time.time()))
        signature = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={signature}",
        }
        async with self.http.post(self.url, data=body.encode(), headers=headers) as response:
            return response.status

    async def digest(self, text: str, *, user: str = "UMEMBER", answers: int = 1) -> list[dict[str, Any]]:
        """Send `/digest <text>` and return the answers sent to its response_url."""
        before = len(self.api.called("response_url"))
        form = {
            "token": "x",
            "team_id": TEAM_ID,
            "channel_id": CHANNEL.channel,
            "user_id": user,
            "command": DIGEST_COMMAND,
            "text": text,
            "response_url": self.api.response_url(),
            "trigger_id": "t1",
            "api_app_id": "A1",
        }
        assert await self._post(urlencode(form), "application/x-www-form-urlencoded") == 200
        calls = await self.api.wait_for("response_url", before + answers)
        return [call.args for call in calls[before:]]

    async def text_of(self, text: str, *, user: str = "UMEMBER") -> str:
        (answer,) = await self.digest(text, user=user)
        assert answer["response_type"] == "ephemeral"
        return str(answer["text"])

    async def message(self, text: str, event_id: str) -> None:
        body = {
            "token": "x",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "type": "event_callback",
            "event": {
                "type": "message",
                "user": "UMEMBER",
                "channel": CHANNEL.channel,
                "ts": f"{time.time():.6f}",
                "text": text,
                "channel_type": "channel",
            },
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        assert await self._post(json.dumps(body), "application/json") == 200

    def publish(self, slugs: list[str], path: str = "/news.xml", title: str = "Harbour News") -> str:
        """Serve articles for `slugs` and a feed listing them, published in the last minutes."""
        now = datetime.now(UTC)
        items = [FeedItem(slug, f"Story {slug}", now - timedelta(minutes=n + 1)) for n, slug in enumerate(slugs)]
        for item in items:
            self.feeds.set_page(f"/articles/{item.slug}", story_page(item.title))
        return self.feeds.set_feed(path, rss(title, items, base=self.feeds.url("")))


def story_page(title: str) -> str:
    return article_page(
        title,
        [f"{title} was announced today. Officials who asked not to be named confirmed it. More follows."],
    )


async def _serve(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, runner.addresses[0][1]


@pytest.fixture
async def harness(server: FeedServer, tmp_path: Path) -> AsyncIterator[Harness]:
    api = await FakeSlackWithHistory(admins=frozenset({"UADMIN"})).start()
    runtime = DigestRuntime.on(
        open_database(f"sqlite:///{tmp_path / 'digests.db'}"), default_deps(policy=LOOPBACK, analyser=fake_analyse)
    )

    async def fetch(url: str) -> Article:
        return await fetch_article(url, policy=LOOPBACK)

    service = SummaryService(fetch=fetch, analyse=fake_analyse)
    settings = SlackSettings(
        bot_token=BOT_TOKEN, signing_secret=SECRET, api_url=api.base_url, managers=frozenset({"UMANAGER"})
    )
    app = build_app(settings, service, InMemoryAutoModeStore(), digests=runtime)
    runner, port = await _serve(build_web_app(app))
    async with (
        aiohttp.ClientSession() as http,
        runtime.posting(digest_poster(app, None)) as scheduler_task,
    ):
        yield Harness(api, runtime, server, f"http://127.0.0.1:{port}/slack/events", http)
    assert scheduler_task.done() and not scheduler_task.cancelled(), "the scheduler stopped cleanly"
    await runner.cleanup()
    await api.close()
    service.close()
    runtime.engine.dispose()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 20.0) -> None:
    """Wait until `check()` is true (the scheduler records outcomes after its Slack call)."""

    async def poll() -> None:
        while not await check():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), timeout)


async def test_only_managers_add_and_everyone_lists(harness: Harness) -> None:
    url = harness.publish(["a"])
    refused = await harness.text_of(f"add {url}", user="UMEMBER")
    assert "managers" in refused
    assert [c.args["user"] for c in harness.api.called("users.info")] == ["UMEMBER"]
    assert "no digests" in await harness.text_of("list")

    added = await harness.text_of(f"add {url} daily 07:30 tz Europe/Berlin", user="UADMIN")
    assert "Harbour News" in added and "#1" in added
    other = harness.publish(["b"], path="/other.xml", title="Other News")
    assert "Other News" in await harness.text_of(f"add {other}", user="UMANAGER")  # the allowlist
    assert [c.args["user"] for c in harness.api.called("users.info")][-1] == "UADMIN", "allowlist needs no lookup"

    listing = await harness.text_of("list")
    assert f"#1 {url} — daily 07:30 Europe/Berlin" in listing
    assert f"#2 {other}" in listing and "active" in listing
    assert await harness.text_of("now 1") == "Only channel managers can change this channel's digests."
    assert harness.api.called("chat.postMessage") == []


async def test_digest_now_posts_the_feed_items_with_valid_blocks(harness: Harness) -> None:
    url = harness.publish(["first", "second"])
    await harness.text_of(f"add {url}", user="UADMIN")
    assert "posted here in a moment" in await harness.text_of("now 1", user="UADMIN")
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert post.token == BOT_TOKEN and post.args["channel"] == CHANNEL.channel
    assert block_problems(post.args["blocks"]) == []
    blocks = json.dumps(post.args["blocks"], ensure_ascii=False)
    for slug in ("first", "second"):
        assert f"<{harness.feeds.url(f'/articles/{slug}')}|Story {slug}>" in blocks
        assert f"Story {slug} was announced today." in blocks
    assert blocks.count("Weak sourcing: anonymous sources") == 2
    assert post.args["blocks"][0]["text"]["text"] == "Harbour News"
    assert post.args["metadata"]["event_payload"]["key"].startswith("newsbot-digest-1-")
    await eventually(lambda: _last_run_set(harness))
    assert "last: never" not in await harness.text_of("list")


async def _last_run_set(harness: Harness) -> bool:
    (sub,) = await harness.runtime.service.subscriptions(CHANNEL)
    return sub.last_run_at is not None


async def test_channel_not_found_disables_the_subscription_with_the_reason(harness: Harness) -> None:
    url = harness.publish(["gone"])
    await harness.text_of(f"add {url}", user="UADMIN")
    harness.api.fail_once("chat.postMessage", "channel_not_found")
    await harness.text_of("now 1", user="UADMIN")
    await harness.api.wait_for("chat.postMessage:channel_not_found")

    async def disabled() -> bool:
        (sub,) = await harness.runtime.service.subscriptions(CHANNEL)
        return sub.state == "disabled"

    await eventually(disabled)
    listing = await harness.text_of("list")
    assert "disabled: the platform refused the post: channel_not_found" in listing
    assert "no active digest #1" in await harness.text_of("now 1", user="UADMIN")
    assert harness.api.called("chat.postMessage") == []


async def test_shared_links_digest_collects_links_posted_in_the_channel(harness: Harness) -> None:
    assert "digest of the links shared here" in await harness.text_of("shared on", user="UADMIN")
    link = harness.feeds.set_page("/articles/shared", story_page("Shared story"))
    await harness.message(f"worth a read <{link}>", "EvShared")
    await harness.message("no links in this one", "EvPlain")

    async def recorded() -> bool:
        with harness.runtime.engine.connect() as connection:
            rows = connection.execute(select(digest_shared_links.c.url)).scalars().all()
        return rows == [link]

    await eventually(recorded)  # events are acknowledged first and handled afterwards
    await harness.text_of("now 1", user="UADMIN")
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert block_problems(post.args["blocks"]) == []
    blocks = json.dumps(post.args["blocks"], ensure_ascii=False)
    assert f"<{link}|Shared story>" in blocks and "Shared story was announced today." in blocks


async def test_preview_answers_only_the_caller_with_digest_blocks(harness: Harness) -> None:
    url = harness.publish(["p1", "p2", "p3"])
    summary, digest = await harness.digest(f"preview {url}", answers=2)
    assert summary["response_type"] == digest["response_type"] == "ephemeral"
    assert "Preview of “Harbour News”" in summary["text"]
    assert block_problems(digest["blocks"]) == []
    assert "Story p1" in json.dumps(digest["blocks"]) and "Story p3" in json.dumps(digest["blocks"])
    assert harness.api.called("chat.postMessage") == []


async def test_links_beyond_the_item_limit_are_listed_in_the_digest(harness: Harness) -> None:
    assert "digest of the links shared here" in await harness.text_of("shared on max 5", user="UADMIN")
    links = [harness.feeds.set_page(f"/articles/l{n}", story_page(f"Link {n}")) for n in range(7)]
    for n, link in enumerate(links):
        await harness.message(f"see <{link}>", f"EvLink{n}")
        await asyncio.sleep(0.002)  # distinct message times: the newest five are summarised

    async def recorded() -> bool:
        with harness.runtime.engine.connect() as connection:
            return len(connection.execute(select(digest_shared_links.c.url)).all()) == 7

    await eventually(recorded)
    await harness.text_of("now 1", user="UADMIN")
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert block_problems(post.args["blocks"]) == []
    blocks = json.dumps(post.args["blocks"], ensure_ascii=False)
    assert blocks.count("was announced today.") == 5
    assert "*And 2 more links:*" in blocks
    assert f"<{links[1]}|" in blocks and f"<{links[0]}|" in blocks
