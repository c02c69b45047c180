"""Slack redeliveries in HTTP mode, over real sockets: an event whose first delivery was refused
(newsbot was restarting) is handled when Slack sends it again with X-Slack-Retry-Num; a redelivery
of an event already handled, by this or another instance sharing the database, is not.

SQLite: one instance. PostgreSQL: the redelivery reaches another instance than the next one.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from ipaddress import ip_network
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import Engine, select

from adapters.slack.app import build_app
from adapters.slack.run import build_web_app
from adapters.slack.settings import SlackSettings
from bot.digest.deps import default_deps
from bot.digest.model import ChannelContext
from bot.digest.runtime import DigestRuntime
from bot.fetch import NetworkPolicy, fetch_article
from bot.model import Article
from bot.service import SummaryService
from bot.service.redelivery import StoredEventIds
from bot.store.engine import make_engine
from bot.store.events import EventReceipts
from bot.store.schema import digest_shared_links
from bot.store.settings import ChannelSettings
from newsbot.assemble import open_database
from tests.databases import db_url  # noqa: F401  (fixture)
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID
from tests.servers.feeds import FeedServer, article_page, fake_analyse, feed_server
from tests.test_slack_digest_poster import FakeSlackWithHistory

SECRET = "redelivery-secret"
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))


@dataclass
class Instance:
    url: str
    runner: web.AppRunner
    engine: Engine


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


@pytest.fixture
async def api() -> AsyncIterator[FakeSlackWithHistory]:
    fake = await FakeSlackWithHistory(admins=frozenset({"UADMIN"})).start()
    yield fake
    await fake.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def signed(body: str, retry: int | None) -> dict[str, str]:
    stamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={signature}",
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"}
    return headers


def message_event(text: str, ts: str, event_id: str) -> str:
    return json.dumps(
        {
            "token": "x",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "type": "event_callback",
            "event": {"type": "message", "user": "UMEMBER", "channel": "C1", "ts": ts, "text": text},
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


async def start_instance(url: str, api: FakeSlackWithHistory, service: SummaryService) -> Instance:
    engine = make_engine(url)
    settings = SlackSettings(bot_token="xoxb-redelivery", signing_secret=SECRET, api_url=api.base_url)
    app = build_app(
        settings,
        service,
        ChannelSettings(engine),
        digests=DigestRuntime.on(engine, default_deps(policy=LOOPBACK, analyser=fake_analyse)),
        seen=StoredEventIds(EventReceipts(engine), "slack"),
    )
    runner = web.AppRunner(build_web_app(app))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return Instance(f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events", runner, engine)


async def eventually(check: Any, timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not await asyncio.to_thread(check):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


async def test_a_redelivery_after_a_refused_first_delivery_is_handled_once(
    db_url: str, api: FakeSlackWithHistory, feeds: FeedServer  # noqa: F811
) -> None:
    runtime = DigestRuntime.on(open_database(db_url), default_deps(policy=LOOPBACK, analyser=fake_analyse))

    async def fetch(url: str) -> Article:
        return await fetch_article(url, policy=LOOPBACK)

    service = SummaryService(fetch=fetch, analyse=fake_analyse)
    admin = ChannelContext("slack", TEAM_ID, "C1", "UADMIN", is_manager=True)
    assert (await runtime.commands.handle(admin, "shared on")).ok
    ChannelSettings(runtime.engine).set_auto("slack", TEAM_ID, "C1", True, "UADMIN")
    link = feeds.set_page("/articles/late", article_page("Late story", ["The late story is news. It matters."]))
    ts = f"{time.time():.6f}"
    body = message_event(f"worth a read <{link}>", ts, "EvLate")

    count = 2 if db_url.startswith("postgresql") else 1
    instances = [await start_instance(db_url, api, service) for _ in range(count)]
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.ClientConnectorError):  # newsbot is restarting: nothing listens
            await http.post(f"http://127.0.0.1:{closed_port()}/slack/events", data=body, headers=signed(body, None))
        async with http.post(instances[-1].url, data=body, headers=signed(body, 1)) as response:
            assert response.status == 200
        summaries = await api.wait_for("chat.postMessage")
        assert [p.args["thread_ts"] for p in summaries] == [ts], "the automatic summary of the redelivered event"

        def recorded() -> list[str]:
            with runtime.engine.connect() as connection:
                return list(connection.execute(select(digest_shared_links.c.url)).scalars())

        await eventually(lambda: recorded() == [link])
        async with http.post(instances[0].url, data=body, headers=signed(body, 2)) as response:
            assert response.status == 200
        other = message_event("nothing to see", f"{time.time():.6f}", "EvOther")
        async with http.post(instances[0].url, data=other, headers=signed(other, None)) as response:
            assert response.status == 200  # handled after the repeat: a duplicate would show by now
        await asyncio.sleep(0.2)
    assert len(api.called("chat.postMessage")) == 1, "the event already handled is not handled again"
    assert recorded() == [link]
    for instance in instances:
        await instance.runner.cleanup()
        instance.engine.dispose()
    service.close()
    runtime.engine.dispose()
