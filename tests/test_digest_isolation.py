"""Fault isolation in the digest scheduler, through the real scheduler, stores and feed server, on
SQLite (one instance) and PostgreSQL (two instances where the fault involves several):

- two `/digest now` for one digest in the same second never stop the pass, on any instance;
- one failing subscription (a database conflict, a bad feed, an exception while building or
  rendering) is recorded against it, retried with backoff and paused, beside healthy ones;
- an article carried by two feeds of one channel, built concurrently, is posted once;
- a link shared during a slow build (or arriving late) is in the next digest;
- links beyond the item limit are counted in the digest, and never come back;
- a slow but alive instance keeps its run; a stalled one loses it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select, text

from bot.digest.commands import DigestCommands
from bot.digest.deps import Analyser, DigestDeps, default_deps
from bot.digest.model import ChannelContext, Digest, PostError, PostResult, Target
from bot.digest.schedule import parse_schedule
from bot.digest.scheduler import DigestScheduler, RunOutcome
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.fetch import NetworkPolicy
from bot.model import Article, Report
from bot.store.engine import make_engine
from bot.store.schema import digest_runs, digest_shared_links
from tests.databases import db_url, pg_url  # noqa: F401  (fixtures)
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))


def exploding_analyse(article: Article) -> Report:
    """The fake analysis, except that an article saying EXPLODE makes it raise (a bug in analysis)."""
    if "EXPLODE" in article.text:
        raise RuntimeError("the analyser broke on this article")
    return fake_analyse(article)


def make_deps(clock: FakeClock, analyser: Analyser = fake_analyse) -> DigestDeps:
    return default_deps(clock, policy=LOOPBACK, analyser=analyser)


@dataclass
class Channel:
    """A fake platform without idempotency: every call is a post, so a double shows."""

    posts: list[tuple[Target, Digest, str]] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    temporary: dict[str, str] = field(default_factory=dict)

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult | None:
        await asyncio.sleep(0)
        if target.channel in self.broken:
            raise RuntimeError("the renderer broke on this digest")
        if target.channel in self.temporary:
            raise PostError(False, self.temporary[target.channel])
        self.posts.append((target, digest, idempotency_key))
        return None

    def titles(self, channel: str) -> list[list[str]]:
        return [[i.title for i in d.items] for t, d, _ in self.posts if t.channel == channel and d.items]

    def in_channel(self, channel: str) -> list[Digest]:
        return [d for t, d, _ in self.posts if t.channel == channel]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


def every(hours: int, kind: str = "feed", url: str | None = None, **extra: object) -> SubscriptionSpec:
    return SubscriptionSpec(kind, url, parse_schedule(["every", f"{hours}h"]), UTC_ZONE, **extra)  # type: ignore[arg-type]


def publish(server: FeedServer, path: str, items: list[FeedItem], *, pages: dict[str, str] | None = None) -> str:
    for item in items:
        text = (pages or {}).get(item.slug, f"{item.title} happened today. Officials described it.")
        server.set_page(f"/articles/{item.slug}", article_page(item.title, [text]))
    return server.set_feed(path, rss(path, items, base=server.url("")))


def manager(channel: str) -> ChannelContext:
    return ChannelContext("slack", "T1", channel, "UMANAGER", is_manager=True)


def results(outcomes: tuple[RunOutcome, ...], subscription_id: int) -> list[str]:
    return [o.result for o in outcomes if o.subscription_id == subscription_id]


def engines(url: str, count: int) -> list[Engine]:
    return [make_engine(url) for _ in range(count)]


def instance_count(url: str) -> int:
    """Two instances on PostgreSQL, one on SQLite."""
    return 2 if url.startswith("postgresql") else 1


# -- 1. double /digest now ------------------------------------------------------------------------


async def test_double_digest_now_never_stops_the_pass_and_other_digests_still_post(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    pool = engines(db_url, instance_count(db_url))
    commands = [DigestCommands(DigestService(engine, make_deps(clock))) for engine in pool]
    schedulers = [
        DigestScheduler(engine, make_deps(clock), instance=f"i{n}", lease=timedelta(minutes=1))
        for n, engine in enumerate(pool)
    ]
    first = publish(server, "/one.xml", [])
    second = publish(server, "/two.xml", [])
    assert (await commands[0].handle(manager("C1"), f"add {first} every 1h")).ok
    assert (await commands[0].handle(manager("C2"), f"add {second} every 1h")).ok
    publish(server, "/one.xml", [FeedItem("a1", "One A", clock.advance(minutes=5))])
    publish(server, "/two.xml", [FeedItem("b1", "Two B", clock.now)])
    channel = Channel()

    clicks = [await c.handle(manager("C1"), "now 1") for c in (commands[0], commands[-1])]
    assert clicks[0].text == "Digest #1 will be posted here in a moment."
    assert clicks[1].text == "Digest #1 is already queued: it will be posted here in a moment."
    passes = await asyncio.gather(*(s.run_due_once(channel) for s in schedulers))
    assert sorted(o.result for p in passes for o in p) == ["posted"]
    assert channel.titles("C1") == [["One A"]]

    # The second click arrives after the first run finished, still in the same second: a new run.
    again = await commands[-1].handle(manager("C1"), "now 1")
    assert again.text == "Digest #1 will be posted here in a moment."
    assert (await commands[0].handle(manager("C2"), "now 2")).ok
    passes = await asyncio.gather(*(s.run_due_once(channel) for s in schedulers))
    outcomes = tuple(o for p in passes for o in p)
    assert results(outcomes, 1) == ["empty"] and results(outcomes, 2) == ["posted"]
    assert channel.titles("C2") == [["Two B"]], "the other channel's digest was posted"
    told = channel.in_channel("C1")[-1]
    assert not told.items and not told.notices, "the channel is told that nothing is new"
    keys = [key for _, _, key in channel.posts]
    assert len(keys) == len(set(keys)) == 3

    # While a run is in flight, /digest now says so instead of queuing another.
    publish(server, "/one.xml", [FeedItem("a2", "One C", clock.advance(minutes=1))])
    hold = server.hold("/articles/a2")
    assert (await commands[0].handle(manager("C1"), "now 1")).ok
    running = asyncio.create_task(schedulers[0].run_due_once(channel))
    await hold.arrived()
    busy = await commands[-1].handle(manager("C1"), "now 1")
    assert busy.text.startswith("Digest #1 is being posted right now")
    for other in schedulers[1:]:
        assert results(await other.run_due_once(channel), 1) == [], "no second run while one is in flight"
    hold.release()
    assert results(await running, 1) == ["posted"]
    assert channel.titles("C1") == [["One A"], ["One C"]]
    for engine in pool:
        engine.dispose()


# -- 2. a failing subscription beside healthy ones ------------------------------------------------

_CONFLICT_TRIGGER = {
    "sqlite": [
        """CREATE TRIGGER runs_conflict BEFORE INSERT ON digest_runs WHEN NEW.subscription_id = {id}
           BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: digest_runs.idempotency_key'); END"""
    ],
    "postgresql": [
        """CREATE FUNCTION runs_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE unique_violation USING MESSAGE = 'duplicate key value violates unique constraint'; END $$""",
        """CREATE TRIGGER runs_conflict BEFORE INSERT ON digest_runs FOR EACH ROW
           WHEN (NEW.subscription_id = {id}) EXECUTE FUNCTION runs_conflict()""",
    ],
}


def make_claims_conflict(engine: Engine, subscription_id: int) -> None:
    """Every run row inserted for this subscription hits a unique-constraint error (a database conflict)."""
    with engine.begin() as connection:
        for statement in _CONFLICT_TRIGGER[engine.dialect.name]:
            connection.execute(text(statement.format(id=subscription_id)))


async def test_failing_subscriptions_beside_healthy_ones_over_several_passes(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    pool = engines(db_url, instance_count(db_url))
    deps = make_deps(clock, exploding_analyse)
    service = DigestService(pool[0], deps)
    commands = DigestCommands(service)
    paths = {"C1": "/good.xml", "C2": "/conflict.xml", "C3": "/explodes.xml", "C4": "/renders.xml", "C5": "/bad.xml"}
    ids: dict[str, int] = {}
    for channel_id, path in paths.items():
        url = publish(server, path, [])
        reply = await commands.handle(manager(channel_id), f"add {url} every 1h")
        assert reply.ok, reply.text
        [sub] = await service.subscriptions(Target("slack", "T1", channel_id))
        ids[channel_id] = sub.id
    make_claims_conflict(pool[0], ids["C2"])
    server.set_error("/bad.xml", 500)
    channel = Channel(broken={"C4"})
    schedulers = [
        DigestScheduler(engine, make_deps(clock, exploding_analyse), instance=f"i{n}") for n, engine in enumerate(pool)
    ]

    seen: dict[str, list[str]] = {c: [] for c in paths}
    listings: list[str] = []
    for period in range(7):
        clock.advance(minutes=10)
        for channel_id, path in paths.items():
            if channel_id == "C5":
                continue
            slug = f"{channel_id.lower()}-{period}"
            text_ = "EXPLODE. It broke." if channel_id == "C3" else f"Story {slug} happened. It is news."
            publish(server, path, [FeedItem(slug, f"Story {slug}", clock.now)], pages={slug: text_})
        clock.advance(minutes=50)
        passes = await asyncio.gather(*(s.run_due_once(channel) for s in schedulers))  # never raises
        outcomes = tuple(o for p in passes for o in p)
        for channel_id, sub_id in ids.items():
            seen[channel_id] += results(outcomes, sub_id)
        if period == 0:
            listings.append((await commands.handle(manager("C2"), "list")).text)

    assert seen["C1"] == ["posted"] * 7, "the healthy digest was posted at every pass"
    assert channel.titles("C1") == [[f"Story c1-{n}"] for n in range(7)]
    assert seen["C2"] == ["failed"] * 4 + ["paused"], "a database conflict is the subscription's own failure"
    assert seen["C3"] == ["failed"] * 4 + ["paused"]
    assert seen["C4"] == ["retry_later"] * 4 + ["paused"], "a rendering bug is retried with the same digest"
    assert seen["C5"] == ["feed_failed"] * 4 + ["paused"]
    assert "active, retrying: failed once; last error: could not start the digest" in listings[0]
    assert "IntegrityError" in listings[0]
    expected_reasons = {
        "C2": "last error: could not start the digest: an internal error (IntegrityError)",
        "C3": "last error: an internal error (RuntimeError)",
        "C4": "posting failed 5 times: an internal error (RuntimeError)",
        "C5": "HTTP 500",
    }
    for channel_id, reason in expected_reasons.items():
        listing = (await commands.handle(manager(channel_id), "list")).text
        assert "paused:" in listing and reason in listing, listing
    notices = {t.channel for t, d, _ in channel.posts if d.title == "Digest paused"}
    assert notices == {"C2", "C3", "C5"}, "channels are told (C4's poster is what fails)"
    with pool[0].connect() as connection:
        unfinished = connection.execute(
            select(digest_runs.c.id).where(digest_runs.c.state.in_(("claimed", "built")))
        ).all()
    assert unfinished == [], "no run is left in flight"
    for engine in pool:
        engine.dispose()


async def test_a_failed_subscription_is_retried_with_backoff_before_its_next_run(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, make_deps(clock))
    url = publish(server, "/daily.xml", [])
    sub, _ = await service.subscribe(Target("slack", "T1", "C1"), every(24, url=url), "U1")
    server.set_error("/daily.xml", 503)
    scheduler = DigestScheduler(engine, make_deps(clock))
    channel = Channel()
    clock.now = sub.next_run_at + timedelta(seconds=1)
    assert results(await scheduler.run_due_once(channel), sub.id) == ["feed_failed"]
    [failed] = await service.subscriptions(sub.target)
    assert failed.next_run_at == clock.now + timedelta(minutes=10), "retried in 10 minutes, not tomorrow"
    publish(server, "/daily.xml", [FeedItem("late", "Late but posted", clock.now)])
    clock.advance(minutes=9)
    assert await scheduler.run_due_once(channel) == ()
    clock.advance(minutes=2)
    assert results(await scheduler.run_due_once(channel), sub.id) == ["posted"]
    [recovered] = await service.subscriptions(sub.target)
    assert recovered.failures == 0 and recovered.last_error is None and recovered.state == "active"
    assert recovered.next_run_at == sub.next_run_at + timedelta(hours=24)
    engine.dispose()


# -- 3. one item, once per channel ----------------------------------------------------------------


async def test_an_article_in_two_feeds_of_a_channel_built_concurrently_is_posted_once(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    pool = engines(db_url, instance_count(db_url))
    service = DigestService(pool[0], make_deps(clock))
    target = Target("slack", "T1", "C1")
    urls = [publish(server, path, []) for path in ("/wire.xml", "/local.xml")]
    for url in urls:
        await service.subscribe(target, every(1, url=url), "U1")
    clock.advance(minutes=10)
    shared = server.url("/articles/shared")
    for n, path in enumerate(("/wire.xml", "/local.xml")):
        items = [
            FeedItem(f"own{n}", f"Own story {n}", clock.now),
            FeedItem(f"shared{n}", "The same article", clock.now, link=shared),  # another GUID, one link
        ]
        publish(server, path, items)
    server.set_page("/articles/shared", article_page("The same article", ["Both feeds carry it. It is news."]))
    hold = server.hold("/articles/shared")
    clock.advance(hours=1)
    channel = Channel()
    schedulers = [DigestScheduler(engine, make_deps(clock), instance=f"i{n}") for n, engine in enumerate(pool)]
    passes = asyncio.gather(*(s.run_due_once(channel) for s in schedulers))
    await hold.arrived(2)  # both runs selected the article as new and are summarising it
    hold.release()
    outcomes = [o.result for p in await passes for o in p]
    assert sorted(outcomes) == ["posted", "posted"]
    posted = [title for titles in channel.titles("C1") for title in titles]
    assert sorted(posted) == ["Own story 0", "Own story 1", "The same article"]
    clock.advance(hours=1)
    await asyncio.gather(*(s.run_due_once(channel) for s in schedulers))
    assert [t for titles in channel.titles("C1") for t in titles].count("The same article") == 1
    for engine in pool:
        engine.dispose()


# -- 4. shared links: none lost --------------------------------------------------------------------


async def test_a_link_shared_during_a_slow_build_is_in_the_next_digest(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, make_deps(clock))
    target = Target("slack", "T1", "C1")
    await service.subscribe(target, every(1, kind="shared"), "U1")
    pages = {slug: server.set_page(f"/articles/{slug}", article_page(f"Link {slug}", [f"About {slug}. More."]))
             for slug in ("early", "during", "late")}
    clock.advance(minutes=20)
    assert await service.record_shared_link(target, pages["early"], "U2", clock.now)
    hold = server.hold("/articles/early")
    clock.advance(minutes=41)
    channel = Channel()
    scheduler = DigestScheduler(engine, make_deps(clock))
    running = asyncio.create_task(scheduler.run_due_once(channel))
    await hold.arrived()  # the links were selected; the build is fetching the first one
    assert await service.record_shared_link(target, pages["during"], "U3", clock.now)
    # An event delivered late (a redelivery after a restart): shared before this run's window began.
    assert await service.record_shared_link(target, pages["late"], "U4", START + timedelta(minutes=1))
    hold.release()
    assert [o.result for o in await running] == ["posted"]
    assert channel.titles("C1") == [["Link early"]]
    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(channel)] == ["posted"]
    assert sorted(channel.titles("C1")[-1]) == ["Link during", "Link late"]
    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(channel)] == ["empty"]
    engine.dispose()


async def test_links_beyond_the_item_limit_are_counted_and_never_come_back(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, make_deps(clock))
    target = Target("slack", "T1", "C1")
    await service.subscribe(target, every(1, kind="shared", max_items=5), "U1")
    links = []
    for n in range(7):
        links.append(server.set_page(f"/articles/l{n}", article_page(f"Link {n}", [f"Story {n}. More."])))
        assert await service.record_shared_link(target, links[-1], "U2", clock.advance(minutes=1))
    clock.advance(hours=1)
    channel = Channel()
    scheduler = DigestScheduler(engine, make_deps(clock))
    assert [o.result for o in await scheduler.run_due_once(channel)] == ["posted"]
    [digest] = channel.in_channel("C1")
    assert [i.title for i in digest.items] == [f"Link {n}" for n in range(6, 1, -1)]
    assert digest.more_count == 2 and [link.url for link in digest.more] == [links[1], links[0]]
    with engine.connect() as connection:
        pending = connection.execute(select(digest_shared_links.c.id).where(digest_shared_links.c.run_id.is_(None)))
        assert pending.all() == [], "every link was taken by the run"
    assert await service.record_shared_link(target, links[0], "U3", clock.advance(minutes=1))  # shared again
    clock.advance(hours=1)
    assert [o.result for o in await scheduler.run_due_once(channel)] == ["empty"]
    assert len(channel.posts) == 1
    engine.dispose()


# -- 5. leases: alive keeps, stalled loses ----------------------------------------------------------


@pytest.mark.parametrize("alive", [True, False])
async def test_a_slow_alive_instance_keeps_its_run_and_a_stalled_one_loses_it(
    db_url: str, server: FeedServer, alive: bool  # noqa: F811
) -> None:
    clock = FakeClock(START)
    pool = engines(db_url, 2)
    service = DigestService(pool[0], make_deps(clock))
    url = publish(server, "/slow.xml", [])
    await service.subscribe(Target("slack", "T1", "C1"), every(1, url=url), "U1")
    publish(server, "/slow.xml", [FeedItem("slow", "Slow story", clock.advance(minutes=5))])
    hold = server.hold("/articles/slow")
    clock.advance(hours=1)
    lease = timedelta(seconds=60)
    heartbeat = timedelta(seconds=0.02) if alive else timedelta(hours=1)
    slow = DigestScheduler(pool[0], make_deps(clock), instance="slow", lease=lease, heartbeat=heartbeat)
    other = DigestScheduler(pool[1], make_deps(clock), instance="other", lease=lease)
    channel = Channel()
    working = asyncio.create_task(slow.run_due_once(channel))
    await hold.arrived()
    clock.advance(minutes=5)  # far past the lease of the claim
    if alive:
        await until_lease_after(pool[1], clock.now)
        assert await other.run_due_once(channel) == (), "the living instance's run is not taken"
        hold.release()
        assert [o.result for o in await working] == ["posted"]
    else:
        taking = asyncio.create_task(other.run_due_once(channel))
        await hold.arrived(2)  # the other instance took the run over and is building it too
        hold.release()
        assert [o.result for o in await taking] == ["posted"]
        assert [o.result for o in await working] == ["lost"]
    assert channel.titles("C1") == [["Slow story"]]
    for engine in pool:
        engine.dispose()


async def until_lease_after(engine: Engine, instant: datetime) -> None:
    """Wait until the run's lease (renewed by its heartbeat) reaches past `instant`."""

    def lease_until() -> datetime | None:
        with engine.connect() as connection:
            return connection.execute(select(digest_runs.c.lease_until)).scalar_one_or_none()

    async def renewed() -> None:
        while (found := await asyncio.to_thread(lease_until)) is None or found <= instant:
            await asyncio.sleep(0.01)

    await asyncio.wait_for(renewed(), 10)


_UNSTORABLE_TRIGGER = {
    "sqlite": [
        """CREATE TRIGGER runs_unstorable BEFORE UPDATE OF state ON digest_runs
           WHEN NEW.subscription_id = {id} AND NEW.state IN ('posted', 'failed', 'empty')
           BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"""
    ],
    "postgresql": [
        """CREATE FUNCTION runs_unstorable() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'could not write block: disk full'; END $$""",
        """CREATE TRIGGER runs_unstorable BEFORE UPDATE ON digest_runs FOR EACH ROW
           WHEN (NEW.subscription_id = {id} AND NEW.state IN ('posted', 'failed', 'empty'))
           EXECUTE FUNCTION runs_unstorable()""",
    ],
}


async def test_a_run_whose_outcome_cannot_be_stored_does_not_stop_the_pass(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, make_deps(clock))
    subs = []
    for channel_id in ("C1", "C2"):
        url = publish(server, f"/{channel_id}.xml", [])
        sub, _ = await service.subscribe(Target("slack", "T1", channel_id), every(1, url=url), "U1")
        subs.append(sub)
        publish(server, f"/{channel_id}.xml", [FeedItem(channel_id.lower(), f"Story {channel_id}", clock.now)])
    with engine.begin() as connection:
        for statement in _UNSTORABLE_TRIGGER[engine.dialect.name]:
            connection.execute(text(statement.format(id=subs[0].id)))
    clock.advance(hours=1)
    channel = Channel()
    outcomes = await DigestScheduler(engine, make_deps(clock), lease=timedelta(minutes=1)).run_due_once(channel)
    assert results(outcomes, subs[0].id) == ["failed"] and results(outcomes, subs[1].id) == ["posted"]
    assert channel.titles("C2") == [["Story C2"]]
    with engine.connect() as connection:
        state = connection.execute(
            select(digest_runs.c.state).where(digest_runs.c.subscription_id == subs[0].id)
        ).scalar_one()
    assert state == "built", "left in flight, for a take-over once its lease runs out"
    engine.dispose()


async def test_switching_shared_links_off_and_on_does_not_bring_old_links_back(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    commands = DigestCommands(DigestService(engine, make_deps(clock)))
    service = commands.service
    target = Target("slack", "T1", "C1")
    old = server.set_page("/articles/old", article_page("Old link", ["Shared before. More."]))
    new = server.set_page("/articles/new", article_page("New link", ["Shared after. More."]))
    assert (await commands.handle(manager("C1"), "shared on every 1h")).ok
    assert await service.record_shared_link(target, old, "U2", clock.advance(minutes=5))
    assert (await commands.handle(manager("C1"), "shared off")).ok
    assert (await commands.handle(manager("C1"), "shared on every 1h")).ok
    assert await service.record_shared_link(target, new, "U2", clock.advance(minutes=5))
    clock.advance(hours=1)
    channel = Channel()
    await DigestScheduler(engine, make_deps(clock)).run_due_once(channel)
    assert channel.titles("C1") == [["New link"]]
    engine.dispose()
