"""The digest scheduler on SQLite against a loopback feed server, with a fake clock and poster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select

from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import Digest, PostError, Target
from bot.digest.schedule import parse_schedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.fetch import NetworkPolicy
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from bot.store.schema import digest_runs
from tests.servers.feeds import (
    FakeClock,
    FeedItem,
    FeedServer,
    RecordingPoster,
    article_page,
    fake_analyse,
    feed_server,
    rss,
)

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)  # Monday 10:00 in Berlin
CHANNEL = Target("slack", "T1", "C1")
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))


class Crash(BaseException):
    """Stands for the process dying in the middle of a run."""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    created = make_engine(f"sqlite:///{tmp_path / 'digests.db'}")
    upgrade(created)
    yield created
    created.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def deps(clock: FakeClock) -> DigestDeps:
    return default_deps(clock, policy=LOOPBACK, analyser=fake_analyse)


def feed_spec(url: str, schedule: str = "daily 09:00", **extra: object) -> SubscriptionSpec:
    return SubscriptionSpec("feed", url, parse_schedule(schedule.split()), BERLIN, **extra)  # type: ignore[arg-type]


def publish(server: FeedServer, items: list[FeedItem], path: str = "/news.xml") -> str:
    for item in items:
        server.set_page(
            f"/articles/{item.slug}",
            article_page(item.title, [f"{item.title} happened today. Officials described it. More follows."]),
        )
    return server.set_feed(path, rss("Test News", items, base=server.url("")))


def titles(digest: Digest) -> list[str]:
    return [item.title for item in digest.items]


async def test_first_digest_covers_last_period_then_only_new_items_and_304(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    history = [FeedItem(f"old{n}", f"Old story {n}", START - timedelta(days=n)) for n in range(1, 8)]
    before_window = FeedItem("early", "Before nine", START - timedelta(hours=2))  # 08:00 Berlin
    fresh = FeedItem("fresh", "Fresh story", START - timedelta(minutes=30))  # 09:30 Berlin
    url = publish(server, [fresh, before_window, *history])
    service = DigestService(engine, deps)
    scheduler = DigestScheduler(engine, deps)
    poster = RecordingPoster()
    await service.subscribe(CHANNEL, feed_spec(url), "U1")

    assert await scheduler.run_due_once(poster) == ()  # nothing due before Tuesday 09:00
    clock.now = datetime(2024, 5, 7, 7, 1, tzinfo=UTC)  # Tuesday 09:01 Berlin
    outcomes = await scheduler.run_due_once(poster)
    assert [o.result for o in outcomes] == ["posted"]
    [first] = poster.digests()
    assert titles(first) == ["Fresh story"]
    assert first.items[0].summary == ("Fresh story happened today.", "Officials described it.")
    assert first.items[0].url == server.url("/articles/fresh")

    newer = [FeedItem(f"new{n}", f"New story {n}", clock.now + timedelta(hours=n)) for n in (1, 2)]
    publish(server, [*newer, fresh, before_window, *history])
    clock.now = datetime(2024, 5, 8, 7, 1, tzinfo=UTC)
    await scheduler.run_due_once(poster)
    assert titles(poster.digests()[-1]) == ["New story 2", "New story 1"]

    clock.now = datetime(2024, 5, 9, 7, 1, tzinfo=UTC)
    outcomes = await scheduler.run_due_once(poster)
    assert [o.result for o in outcomes] == ["empty"]
    assert len(poster.digests()) == 2
    # Tuesday's and Thursday's polls found the feed unchanged since the previous one.
    assert server.not_modified == ["/news.xml", "/news.xml"]
    last_request = [headers for path, headers in server.requests if path == "/news.xml"][-1]
    assert last_request.get("If-None-Match")


async def test_feed_changing_without_validators_still_never_repeats_items(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    undated = [FeedItem(f"u{n}", f"Undated {n}", None, guid=None) for n in range(3)]
    for item in undated:
        server.set_page(f"/articles/{item.slug}", article_page(item.title, ["Plain text here."]))
    url = server.set_feed("/plain.xml", rss("Plain", undated, base=server.url("")), validators=False)
    service = DigestService(engine, deps)
    scheduler = DigestScheduler(engine, deps)
    poster = RecordingPoster()
    await service.subscribe(CHANNEL, feed_spec(url, "every 6h"), "U1")

    clock.advance(hours=7)
    await scheduler.run_due_once(poster)
    assert poster.digests() == []  # undated items present at subscription time are history

    added = FeedItem("u9", "Undated 9", None, guid=None)
    server.set_feed("/plain.xml", rss("Plain", [added, *undated], base=server.url("")), validators=False)
    for _ in range(3):
        clock.advance(hours=6)
        await scheduler.run_due_once(poster)
    assert [titles(d) for d in poster.digests()] == [["Undated 9"]]


async def test_catch_up_after_downtime_posts_one_digest(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    url = publish(server, [])
    service = DigestService(engine, deps)
    sub, _ = await service.subscribe(CHANNEL, feed_spec(url, max_items=3), "U1")
    items = [FeedItem(f"s{n}", f"Story {n}", START + timedelta(hours=6 * n)) for n in range(1, 20)]
    publish(server, items)

    clock.advance(days=5)
    poster = RecordingPoster()
    outcomes = await DigestScheduler(engine, deps).run_due_once(poster)
    assert [o.result for o in outcomes] == ["posted"]
    [digest] = poster.digests()
    newest_due = parse_schedule(["daily", "09:00"]).latest_at_or_before(clock.now, BERLIN)
    expected = sorted(
        (i for i in items if i.published and i.published <= clock.now), key=lambda i: i.published or START
    )
    assert titles(digest) == [i.title for i in reversed(expected[-3:])]
    assert digest.more_count == len(expected) - 3, "the items beyond the limit are counted, not dropped"
    [run] = outcomes
    assert poster.posts[0][2] == f"newsbot-digest-{sub.id}-{run.run_id}", "the key names the run itself"
    with engine.connect() as connection:
        due_at = connection.execute(select(digest_runs.c.due_at).where(digest_runs.c.id == run.run_id)).scalar_one()
    assert due_at == newest_due


async def test_broken_feed_does_not_hold_back_others_and_pauses_after_five_failures(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    good = publish(server, [])
    broken = server.set_feed("/broken.xml", rss("Soon broken", []))
    other = Target("slack", "T1", "C2")
    service = DigestService(engine, deps)
    await service.subscribe(CHANNEL, feed_spec(good, "every 1h"), "U1")
    broken_sub, _ = await service.subscribe(other, feed_spec(broken, "every 1h"), "U1")
    server.set_error("/broken.xml", 500)
    clock.advance(minutes=10)
    publish(server, [FeedItem("g", "Good news", clock.now)])
    scheduler = DigestScheduler(engine, deps)
    poster = RecordingPoster()

    results: list[str] = []
    for _ in range(7):
        clock.advance(hours=1)
        results += [
            o.result for o in await scheduler.run_due_once(poster) if o.subscription_id == broken_sub.id
        ]
    assert results == ["feed_failed"] * 4 + ["paused"]
    assert [titles(d) for d in poster.digests()] == [["Good news"]]
    notices = [(target, digest) for target, digest, _ in poster.posts if not digest.items]
    assert len(notices) == 1 and notices[0][0] == other
    [paused] = await service.subscriptions(other)
    assert paused.state == "paused" and "HTTP 500" in (paused.state_reason or "")

    server.set_feed("/broken.xml", rss("Fixed", [FeedItem("f", "Fixed", clock.now)], base=server.url("")))
    await service.resume(other, broken_sub.id)
    clock.advance(hours=1)
    outcomes = await scheduler.run_due_once(poster)
    assert [o.result for o in outcomes if o.subscription_id == broken_sub.id] == ["posted"]
    assert poster.posts[-1][0] == other and titles(poster.posts[-1][1]) == ["Fixed"]


async def test_permanent_post_error_disables_and_transient_error_retries_once(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    url = publish(server, [])
    service = DigestService(engine, deps)
    sub, _ = await service.subscribe(CHANNEL, feed_spec(url, "every 1h"), "U1")
    publish(server, [FeedItem("a", "Story A", clock.advance(minutes=5))])
    scheduler = DigestScheduler(engine, deps, retry_after=timedelta(minutes=5))
    poster = RecordingPoster(fail_with=PostError(False, "rate limited"))

    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(poster)] == ["retry_later"]
    clock.advance(minutes=2)
    assert await scheduler.run_due_once(poster) == ()
    poster.fail_with = None
    clock.advance(minutes=4)
    assert [o.result for o in await scheduler.run_due_once(poster)] == ["posted"]
    assert [titles(d) for d in poster.digests()] == [["Story A"]]

    publish(server, [FeedItem("b", "Story B", clock.now)])
    poster.fail_with = PostError(True, "channel_not_found")
    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(poster)] == ["disabled"]
    [disabled] = await service.subscriptions(CHANNEL)
    assert disabled.id == sub.id and disabled.state == "disabled"
    assert "channel_not_found" in (disabled.state_reason or "")
    clock.advance(hours=1)
    assert await scheduler.run_due_once(poster) == ()


@pytest.mark.parametrize("delivered_before_crash", [False, True])
async def test_crashed_run_is_retried_with_the_same_digest_and_key(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps, delivered_before_crash: bool
) -> None:
    url = publish(server, [])
    await DigestService(engine, deps).subscribe(CHANNEL, feed_spec(url, "every 1h"), "U1")
    publish(server, [FeedItem("a", "Story A", clock.advance(minutes=5))])
    platform = RecordingPoster()

    class CrashingPoster:
        async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
            if delivered_before_crash:
                await platform.post_digest(target, digest, idempotency_key)
            raise Crash

    clock.advance(hours=1)
    with pytest.raises(Crash):
        await DigestScheduler(engine, deps, lease=timedelta(minutes=10)).run_due_once(CrashingPoster())
    publish(server, [FeedItem("late", "Late story", clock.now)])  # must not sneak into the retry

    restarted = DigestScheduler(engine, deps, lease=timedelta(minutes=10))
    clock.advance(minutes=5)
    assert await restarted.run_due_once(platform) == ()  # the lease has not run out yet
    clock.advance(minutes=6)
    outcomes = await restarted.run_due_once(platform)
    assert [o.result for o in outcomes] == ["posted"]
    assert [titles(d) for d in platform.digests()] == [["Story A"]]
    assert len({key for _, _, key in platform.posts}) == len(platform.posts) == 1


async def test_shared_links_digest(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    service = DigestService(engine, deps)
    link = server.set_page("/articles/s1", article_page("Shared one", ["Someone shared this. It is news."]))
    anonymous = server.set_page(
        "/articles/s2",
        article_page("Shared two", ["A plan was drafted, said officials who asked not to be named."]),
    )
    assert not await service.record_shared_link(CHANNEL, link, "U2", clock.now)  # no digest yet: not kept
    await service.subscribe(
        CHANNEL, SubscriptionSpec("shared", None, parse_schedule(["every", "2h"]), BERLIN), "U1"
    )
    clock.advance(minutes=10)
    assert await service.record_shared_link(CHANNEL, link, "U2", clock.now)
    assert await service.record_shared_link(CHANNEL, anonymous + "?utm_source=x", "U3", clock.now)
    assert await service.record_shared_link(CHANNEL, link, "U3", clock.now)  # same link again
    poster = RecordingPoster()
    clock.advance(hours=2)
    await DigestScheduler(engine, deps).run_due_once(poster)
    [digest] = poster.digests()
    assert sorted(titles(digest)) == ["Shared one", "Shared two"]
    badges = {item.title: item.badge for item in digest.items}
    assert badges["Shared one"] is None
    assert badges["Shared two"] and "anonymous" in badges["Shared two"]
    clock.advance(minutes=5)
    await service.record_shared_link(CHANNEL, link, "U4", clock.now)  # posted before: never again
    clock.advance(hours=2)
    await DigestScheduler(engine, deps).run_due_once(poster)
    assert len(poster.digests()) == 1


async def test_a_platform_bound_scheduler_leaves_other_platforms_digests_alone(
    server: FeedServer, engine: Engine, clock: FakeClock, deps: DigestDeps
) -> None:
    url = publish(server, [FeedItem("fresh", "Fresh story", START - timedelta(minutes=30))])
    service = DigestService(engine, deps)
    await service.subscribe(CHANNEL, feed_spec(url), "U1")
    await service.subscribe(Target("discord", "G1", "D1"), feed_spec(url), "U1")
    clock.now = datetime(2024, 5, 7, 7, 1, tzinfo=UTC)

    slack_poster, discord_poster = RecordingPoster(), RecordingPoster()
    slack_only = DigestScheduler(engine, deps, platforms=frozenset({"slack"}))
    assert [o.result for o in await slack_only.run_due_once(slack_poster)] == ["posted"]
    assert [target.platform for target, _, _ in slack_poster.posts] == ["slack"]

    discord_only = DigestScheduler(engine, deps, platforms=frozenset({"discord"}))
    assert [o.result for o in await discord_only.run_due_once(discord_poster)] == ["posted"]
    assert [target.platform for target, _, _ in discord_poster.posts] == ["discord"]
