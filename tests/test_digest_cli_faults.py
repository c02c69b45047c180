"""`newsbot digest run-due` as a real process against real fakes, on SQLite and PostgreSQL:

- killed with SIGKILL right after its Slack post landed, while a bot keeps running: the bot leaves
  the run alone while the process is alive (its heartbeat renews the lease), takes it over within
  the configured lease after the kill, and the digest is in the channel once;
- a subscription that fails to claim (a database conflict) and one whose feed fails, beside a
  healthy one: the healthy digest is posted, the command exits 1 and names each failure.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from adapters.slack.app import make_client
from adapters.slack.digest_poster import SlackDigestPoster
from adapters.slack.settings import SlackSettings
from bot.digest.deps import default_deps
from bot.digest.model import ChannelContext
from bot.digest.runtime import DigestRuntime
from bot.digest.scheduler import DigestScheduler
from bot.fetch import NetworkPolicy
from bot.store.schema import digest_feeds, digest_runs
from newsbot.assemble import open_database
from tests.databases import db_url  # noqa: F401  (fixture)
from tests.fakes.slack_api import TEAM_ID
from tests.servers.feeds import FeedItem, FeedServer, fake_analyse, feed_server, rss
from tests.test_digest_isolation import make_claims_conflict
from tests.test_slack_digest_poster import FakeSlackWithHistory

ROOT = Path(__file__).resolve().parent.parent
NEWSBOT = Path(sys.executable).with_name("newsbot")
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
TOKEN = "xoxb-run-due"
LEASE = 2.0
"""Seconds of the run lease the processes are given (NEWSBOT_DIGEST_LEASE_SECONDS)."""


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackWithHistory]:
    fake = await FakeSlackWithHistory().start()
    yield fake
    fake.release_answers()
    await fake.close()


def environment(url: str, slack: FakeSlackWithHistory) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_API_URL": slack.base_url,
        "NEWSBOT_ALLOW_NETWORKS": "127.0.0.0/8",
        "NEWSBOT_DIGEST_LEASE_SECONDS": str(LEASE),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DISCORD_TOKEN", None)
    return env


def feed_with_news(feeds: FeedServer, path: str, title: str) -> str:
    """A feed with one item published a minute ago (no article page: the feed's summary is used)."""
    slug = path.strip("/").split(".")[0]
    item = FeedItem(slug, title, datetime.now(UTC) - timedelta(minutes=1), summary=f"{title}.")
    return feeds.set_feed(path, rss(title, [item], base=feeds.url("")))


def run_state(engine: Engine) -> tuple[str, str] | None:
    with engine.connect() as connection:
        row = connection.execute(select(digest_runs.c.state, digest_runs.c.claimed_by)).first()
    return (row[0], row[1]) if row else None


async def test_a_killed_run_due_is_taken_over_within_the_lease_and_posted_once(
    db_url: str, feeds: FeedServer, slack: FakeSlackWithHistory, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("NEWSBOT_DIGEST_LEASE_SECONDS", str(LEASE))
    deps = default_deps(policy=LOOPBACK, analyser=fake_analyse)
    runtime = DigestRuntime.on(open_database(db_url), deps)
    manager = ChannelContext("slack", TEAM_ID, "C1", "UADMIN", is_manager=True)
    url = feed_with_news(feeds, "/crash.xml", "Crash story")
    assert (await runtime.commands.handle(manager, f"add {url} every 1h")).ok
    assert (await runtime.commands.handle(manager, "now 1")).ok
    slack.hold_answers("chat.postMessage")  # the first post lands, its answer never comes

    child = subprocess.Popen([str(NEWSBOT), "digest", "run-due"], cwd=ROOT, env=environment(db_url, slack))
    bot = DigestScheduler(runtime.engine, deps, instance="bot", lease=timedelta(seconds=LEASE))
    poster = SlackDigestPoster(make_client(SlackSettings(bot_token=TOKEN, api_url=slack.base_url)))
    running = None
    try:
        await slack.wait_for("chat.postMessage", timeout=60)
        assert len(slack.history) == 1
        running = asyncio.create_task(bot.run_forever(poster, interval=60.0))
        alive_until = time.monotonic() + LEASE * 1.5
        while time.monotonic() < alive_until:  # the process is alive: its heartbeat keeps the run
            state = await asyncio.to_thread(run_state, runtime.engine)
            assert state is not None and state[1] != "bot", "a living instance's run was taken"
            await asyncio.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)
        killed = time.monotonic()
        child.wait(10)
        while (state := await asyncio.to_thread(run_state, runtime.engine)) != ("posted", "bot"):
            assert time.monotonic() - killed < LEASE + 5, f"not taken over in time: {state}"
            await asyncio.sleep(0.05)
        taken_after = time.monotonic() - killed
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        bot.stop()
        if running is not None:
            await asyncio.wait_for(running, 10)
    assert child.returncode == -signal.SIGKILL
    assert LEASE / 2 < taken_after < LEASE + 3, taken_after  # the bot woke when the lease ran out
    assert len(slack.called("chat.postMessage")) == 1, "the bot found the post in the channel and did not repeat it"
    assert [m["text"] for m in slack.history] == ["Crash story: Crash story"]
    runtime.engine.dispose()


async def test_run_due_posts_the_healthy_digest_beside_failing_ones_and_exits_1(
    db_url: str, feeds: FeedServer, slack: FakeSlackWithHistory  # noqa: F811
) -> None:
    runtime = DigestRuntime.on(open_database(db_url), default_deps(policy=LOOPBACK, analyser=fake_analyse))
    channels = {"C1": "/healthy.xml", "C2": "/conflict.xml", "C3": "/broken.xml"}
    for number, (channel, path) in enumerate(channels.items(), 1):
        manager = ChannelContext("slack", TEAM_ID, channel, "UADMIN", is_manager=True)
        url = feed_with_news(feeds, path, f"News of {channel}")
        assert (await runtime.commands.handle(manager, f"add {url} every 1h")).ok
        assert (await runtime.commands.handle(manager, f"now {number}")).ok
    make_claims_conflict(runtime.engine, 2)
    feeds.set_error("/broken.xml", 500)
    with runtime.engine.begin() as connection:  # fetched long enough ago to be fetched again
        connection.execute(update(digest_feeds).values(fetched_at=datetime.now(UTC) - timedelta(hours=1)))
    done = await asyncio.to_thread(
        subprocess.run,
        [str(NEWSBOT), "digest", "run-due"],
        cwd=ROOT,
        env=environment(db_url, slack),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "digest #1: posted" in done.stderr
    assert "digest #2: failed could not start the digest: an internal error (IntegrityError)" in done.stderr
    assert "digest #3: feed_failed" in done.stderr and "HTTP 500" in done.stderr
    [post] = slack.called("chat.postMessage")
    assert post.args["channel"] == "C1"
    listing = (await runtime.commands.handle(ChannelContext("slack", TEAM_ID, "C2", "U", False), "list")).text
    assert "active, retrying: failed once" in listing
    runtime.engine.dispose()
