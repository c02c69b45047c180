"""Several scheduler instances on one PostgreSQL database: every digest posted exactly once,
even when an instance is killed with SIGKILL in the middle of a run.

Needs PostgreSQL (NEWSBOT_TEST_DATABASE_URL, default postgres@127.0.0.1:5432/test); each test
gets a fresh schema. Skipped with a message when the server is not reachable.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import Digest, Target
from bot.digest.schedule import parse_schedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.fetch import NetworkPolicy
from bot.store.engine import database_url, make_engine
from bot.store.migrate import upgrade
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

pytestmark = pytest.mark.postgres

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
START = datetime(2024, 3, 30, 20, 0, tzinfo=UTC)  # the Berlin DST change happens during the test
ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh, migrated schema on the test server (dropped afterwards)."""
    base = database_url(os.environ.get("NEWSBOT_TEST_DATABASE_URL") or DEFAULT_URL)
    admin = create_engine(base, connect_args={"connect_timeout": 3})
    shown = make_url(base).render_as_string(hide_password=True)
    try:
        with admin.connect():
            pass
    except Exception as error:
        admin.dispose()
        message = f"PostgreSQL not reachable at {shown}: {type(error).__name__}"
        if os.environ.get("NEWSBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (NEWSBOT_REQUIRE_POSTGRES=1, as in CI)")
        pytest.skip(message)
    schema = f"newsbot_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    engine = make_engine(rendered)
    upgrade(engine)
    engine.dispose()
    try:
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def publish(server: FeedServer, path: str, items: list[FeedItem]) -> str:
    for item in items:
        server.set_page(
            f"/articles/{item.slug}", article_page(item.title, [f"{item.title} is news. Read on."])
        )
    return server.set_feed(path, rss(path, items, base=server.url("")))


def make_deps(clock: FakeClock) -> DigestDeps:
    return default_deps(clock, policy=LOOPBACK, analyser=fake_analyse)


class CountingPoster:
    """A platform without idempotency: every call is a post, so doubles would show."""

    def __init__(self) -> None:
        self.posts: list[tuple[Target, str, tuple[str, ...]]] = []

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        await asyncio.sleep(0)
        self.posts.append((target, idempotency_key, tuple(item.title for item in digest.items)))


async def test_two_instances_post_each_digest_exactly_once(pg_url: str, server: FeedServer) -> None:
    clock = FakeClock(START)
    engines = [make_engine(pg_url), make_engine(pg_url)]
    service = DigestService(engines[0], make_deps(clock))
    feeds = [f"/feed{n}.xml" for n in range(3)]
    published: dict[str, list[FeedItem]] = {path: [] for path in feeds}
    zones = ["Europe/Berlin", "America/New_York", "Europe/Berlin"]
    for n, path in enumerate(feeds):
        url = publish(server, path, [])
        spec = SubscriptionSpec(
            "feed", url, parse_schedule(["every", "1h"]), ZoneInfo(zones[n]), max_items=10
        )
        await service.subscribe(Target("discord", "G1", f"C{n}"), spec, "U1")
    instances = [
        DigestScheduler(engine, make_deps(clock), instance=name)
        for engine, name in zip(engines, "ab", strict=True)
    ]
    poster = CountingPoster()
    periods = 8
    for period in range(periods):
        clock.advance(minutes=20)
        for path in feeds:
            published[path].append(FeedItem(f"{path[1:6]}-{period}", f"{path} item {period}", clock.now))
            server.set_feed(path, rss(path, list(reversed(published[path])), base=server.url("")))
        clock.advance(minutes=40)
        await asyncio.gather(*(instance.run_due_once(poster) for instance in instances))
    for engine in engines:
        engine.dispose()

    keys = [key for _, key, _ in poster.posts]
    assert len(keys) == len(set(keys)) == periods * len(feeds)
    posted_titles = [title for _, _, titles in poster.posts for title in titles]
    assert sorted(posted_titles) == sorted(item.title for items in published.values() for item in items)


@pytest.mark.parametrize("delivered_before_kill", [False, True])
async def test_killed_instance_run_is_posted_once_after_restart(
    pg_url: str, server: FeedServer, tmp_path: Path, delivered_before_kill: bool
) -> None:
    clock = FakeClock(START)
    engine = make_engine(pg_url)
    url = publish(server, "/feed.xml", [])
    spec = SubscriptionSpec("feed", url, parse_schedule(["every", "1h"]), ZoneInfo("Europe/Berlin"))
    target = Target("slack", "T1", "C1")
    await DigestService(engine, make_deps(clock)).subscribe(target, spec, "U1")
    publish(server, "/feed.xml", [FeedItem("one", "Story one", clock.advance(minutes=10))])
    clock.advance(hours=1)

    marker, deliveries = tmp_path / "posting", tmp_path / "deliveries"
    mode = "after" if delivered_before_kill else "before"
    child = subprocess.Popen(
        [sys.executable, __file__, pg_url, clock.now.isoformat(), str(marker), str(deliveries), mode],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the child exited before posting"
            assert time.monotonic() < deadline, "the child never reached the poster"
            await asyncio.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    platform = FilePlatform(deliveries)
    clock.advance(minutes=11)  # the killed instance's 10-minute lease has run out
    restarted = DigestScheduler(engine, make_deps(clock), instance="restarted", lease=timedelta(minutes=10))
    outcomes = await restarted.run_due_once(platform)
    assert [o.result for o in outcomes] == ["posted"]
    clock.advance(minutes=20)
    assert [o.result for o in await restarted.run_due_once(platform)] == []
    engine.dispose()
    lines = deliveries.read_text().splitlines()
    assert len(lines) == 1 and lines[0].endswith("\tStory one")


class FilePlatform:
    """A platform that keeps posts in a file and, given a key it has seen, does not post again."""

    def __init__(self, path: Path) -> None:
        self.path = path

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        seen = self.path.read_text().splitlines() if self.path.exists() else []
        if any(line.split("\t")[0] == idempotency_key for line in seen):
            return
        with self.path.open("a") as handle:
            handle.write(f"{idempotency_key}\t{'|'.join(item.title for item in digest.items)}\n")
            handle.flush()
            os.fsync(handle.fileno())


async def _child(url: str, now: str, marker: Path, deliveries: Path, mode: str) -> None:
    """The instance that dies: it claims and builds the run, then hangs in the poster (after
    delivering, in mode "after") until the test kills it."""

    class HangingPoster:
        async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
            if mode == "after":
                await FilePlatform(deliveries).post_digest(target, digest, idempotency_key)
            marker.write_text("posting")
            await asyncio.sleep(3600)

    clock = FakeClock(datetime.fromisoformat(now))
    scheduler = DigestScheduler(
        make_engine(url), make_deps(clock), instance="doomed", lease=timedelta(minutes=10)
    )
    await scheduler.run_due_once(HangingPoster())


if __name__ == "__main__":
    asyncio.run(_child(sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]))
