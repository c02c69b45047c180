"""One story, one digest entry: real feeds on a loopback server carrying several fictional
outlets' versions of one storm (tests/compare_articles), real analysis and story matching, the
real scheduler and stores, on SQLite and PostgreSQL (two instances where runs race).

- a story another feed of the channel already posted folds into it ("also reported by"), is
  recorded with the run, counted in /digest list, and never comes back; after 24 hours it is news
  again;
- versions of one story in the same digest are one entry (the earliest published) with the others
  as "also reported by" lines; another story stays an entry;
- two feeds' versions built at the same moment are posted once;
- a crash between claim and post still posts the story once, its fold recorded once;
- every analysed item counts in the channel's sourcing scorecard.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select

from bot.digest.commands import DigestCommands
from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import ChannelContext, Digest, Target
from bot.digest.render import render_text
from bot.digest.schedule import parse_schedule
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.digest.summaries import ArticleSummaries
from bot.fetch import NetworkPolicy
from bot.model import Article
from bot.store.engine import make_engine
from bot.store.schema import digest_folds, digest_stories, scorecard_articles
from tests.databases import db_url  # noqa: F401  (fixture)
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, RecordingPoster, article_page, feed_server, rss

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "compare_articles"
START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
C1, C2 = Target("slack", "T1", "C1"), Target("slack", "T1", "C2")
GAZETTE_STORM = "Storm Ingrid floods Port Hale harbour, forcing 1,200 residents from their homes"
DAILY_STORM = "Port Hale flood: officials knew the Quay Street sea wall was failing"
WIRE_STORM = "Storm Ingrid hits Port Hale; hundreds leave flooded homes"
SEAWALL = "Port Hale council approves 40 million euro sea wall for the marina"
TITLES = {
    "storm-harbour-gazette": GAZETTE_STORM,
    "storm-coast-daily": DAILY_STORM,
    "storm-valley-wire": WIRE_STORM,
    "seawall-vote-harbour-gazette": SEAWALL,
}
FERRY = "Ferry timetable changes for the summer season"


class Crash(BaseException):
    """Stands for the process dying in the middle of a run."""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        for slug in TITLES:
            running.set_page(f"/articles/{slug}", (ARTICLES / f"{slug}.html").read_text("utf-8"))
        running.set_page(
            "/articles/ferry",
            article_page(
                FERRY,
                [
                    "The Island Line ferry company will run its summer timetable from June, with sailings "
                    "every forty minutes, its operations director Ruth Calder said on Monday.",
                    "Tickets bought before the change remain valid, the company said in a statement.",
                ],
            ),
        )
        yield running


def item(slug: str, when: datetime) -> FeedItem:
    return FeedItem(slug, TITLES.get(slug, FERRY), when)


def publish(server: FeedServer, path: str, items: list[FeedItem]) -> str:
    return server.set_feed(path, rss(path, items, base=server.url("")))


def every_hour(url: str | None, kind: str = "feed") -> SubscriptionSpec:
    return SubscriptionSpec(kind, url, parse_schedule(["every", "1h"]), ZoneInfo("UTC"))  # type: ignore[arg-type]


def deps_for(clock: FakeClock) -> DigestDeps:
    return default_deps(clock, policy=LOOPBACK)  # the real analysis, with story fingerprints


def posted_in(poster: RecordingPoster, target: Target) -> list[Digest]:
    return [digest for t, digest, _ in poster.posts if t == target and digest.has_news]


def entry_titles(digests: list[Digest]) -> list[str]:
    return [i.title for d in digests for i in d.items]


def count(engine: Engine, table: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


async def test_a_story_another_feed_posted_folds_into_it_for_a_day(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, deps_for(clock))
    commands = DigestCommands(service)
    gazette_feed, coast_feed = publish(server, "/gazette.xml", []), publish(server, "/coast.xml", [])
    gazette, _ = await service.subscribe(C1, every_hour(gazette_feed), "U1")
    coast, _ = await service.subscribe(C1, every_hour(coast_feed), "U1")
    await service.subscribe(C2, every_hour(gazette_feed), "U1")  # another channel, same feed
    scheduler = DigestScheduler(engine, deps_for(clock), instance="i0")
    poster = RecordingPoster()

    clock.advance(minutes=10)
    gazette_items = [item(slug, clock.now) for slug in ("storm-harbour-gazette", "seawall-vote-harbour-gazette")]
    publish(server, "/gazette.xml", gazette_items)
    clock.advance(hours=1)
    await scheduler.run_due_once(poster)
    assert sorted(entry_titles(posted_in(poster, C1))) == [SEAWALL, GAZETTE_STORM]

    clock.advance(minutes=10)
    publish(server, "/coast.xml", [item("storm-coast-daily", clock.now), item("ferry", clock.now)])
    clock.advance(hours=1)
    outcomes = await scheduler.run_due_once(poster)
    assert sorted(o.result for o in outcomes) == ["empty", "empty", "posted"]
    [folded] = posted_in(poster, C1)[1:]
    assert [i.title for i in folded.items] == [FERRY]
    [story] = folded.earlier
    assert (story.title, story.url) == (GAZETTE_STORM, server.url("/articles/storm-harbour-gazette"))
    [also] = story.also
    assert (also.outlet, also.title) == ("Coast Daily", DAILY_STORM)
    assert also.badge is not None and "anonymous" in also.badge.lower()
    text = render_text(folded)
    assert "Also reported, on stories already posted here:" in text
    assert f"  + Also reported by Coast Daily: {DAILY_STORM} [{also.badge}]" in text

    with engine.connect() as connection:
        fold = connection.execute(select(digest_folds)).one()._mapping
        gazette_story = connection.execute(
            select(digest_stories.c.id).where(digest_stories.c.title == GAZETTE_STORM, digest_stories.c.channel == "C1")
        ).scalar_one()
    assert (fold["subscription_id"], fold["story_id"], fold["outlet"]) == (coast.id, gazette_story, "Coast Daily")
    listing = (await commands.handle(ChannelContext("slack", "T1", "C1", "U2", False), "list")).text.splitlines()
    assert "1 item folded" in listing[1] and f"#{coast.id} " in listing[1]
    assert "folded" not in listing[0] and f"#{gazette.id} " in listing[0]

    clock.advance(hours=1)
    await scheduler.run_due_once(poster)  # nothing comes back
    assert len(posted_in(poster, C1)) == 2

    clock.advance(hours=24)  # the gazette's story is older than a day: another version is news again
    publish(server, "/coast.xml", [item("storm-valley-wire", clock.now)])
    clock.advance(hours=1)
    await scheduler.run_due_once(poster)
    assert [i.title for i in posted_in(poster, C1)[-1].items] == [WIRE_STORM]
    assert count(engine, digest_folds) == 1

    with engine.connect() as connection:
        counted = sorted(connection.execute(select(scorecard_articles.c.channel, scorecard_articles.c.site)).all())
    ferry_site = f"127.0.0.1:{server.port}"  # the ferry page names no site: its link's host
    assert counted == sorted([
        ("C1", "Coast Daily"), ("C1", "Harbour Gazette"), ("C1", "Harbour Gazette"), ("C1", "Valley Wire"),
        ("C1", ferry_site), ("C2", "Harbour Gazette"), ("C2", "Harbour Gazette"),
    ])
    engine.dispose()


async def test_versions_of_one_story_in_one_digest_are_one_entry(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    service = DigestService(engine, deps_for(clock))
    sub, _ = await service.subscribe(C1, every_hour(publish(server, "/roundup.xml", [])), "U1")
    base = clock.advance(minutes=5)
    publish(server, "/roundup.xml", [
        item("storm-coast-daily", base),
        item("storm-harbour-gazette", base + timedelta(minutes=10)),
        item("storm-valley-wire", base + timedelta(minutes=20)),
        item("seawall-vote-harbour-gazette", base + timedelta(minutes=30)),
    ])
    clock.advance(hours=1)
    poster = RecordingPoster()
    assert [o.result for o in await DigestScheduler(engine, deps_for(clock)).run_due_once(poster)] == ["posted"]
    [digest] = posted_in(poster, C1)
    assert [i.title for i in digest.items] == [SEAWALL, DAILY_STORM]  # newest first; the storm's earliest version
    storm = digest.items[1]
    versions = [(a.outlet, a.title) for a in storm.also]
    assert versions == [("Harbour Gazette", GAZETTE_STORM), ("Valley Wire", WIRE_STORM)]
    assert storm.also[0].badge is None and storm.also[1].badge is not None
    assert digest.earlier == ()
    lines = render_text(digest).splitlines()
    at = lines.index(f"2. {DAILY_STORM}")
    also_lines = [line for line in lines[at:] if line.startswith("   + ")]
    assert also_lines == [
        f"   + Also reported by Harbour Gazette: {GAZETTE_STORM} <{server.url('/articles/storm-harbour-gazette')}>",
        f"   + Also reported by Valley Wire: {WIRE_STORM} [{storm.also[1].badge}] "
        f"<{server.url('/articles/storm-valley-wire')}>",
    ]
    with engine.connect() as connection:
        folds = connection.execute(select(digest_folds.c.subscription_id, digest_folds.c.outlet)).all()
        stories = connection.execute(select(digest_stories.c.title).order_by(digest_stories.c.title)).scalars().all()
    assert sorted(folds) == [(sub.id, "Harbour Gazette"), (sub.id, "Valley Wire")]
    assert stories == sorted([DAILY_STORM, SEAWALL])  # only entries are stories later versions fold into
    [listed] = await service.subscriptions(C1)
    assert listed.folded == 2
    engine.dispose()


async def test_two_feeds_versions_built_at_the_same_moment_are_posted_once(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    instances = 2 if db_url.startswith("postgresql") else 1
    pool = [make_engine(db_url) for _ in range(instances)]
    service = DigestService(pool[0], deps_for(clock))
    for path in ("/gazette.xml", "/coast.xml"):
        await service.subscribe(C1, every_hour(publish(server, path, [])), "U1")
    clock.advance(minutes=10)
    publish(server, "/gazette.xml", [item("storm-harbour-gazette", clock.now)])
    publish(server, "/coast.xml", [item("storm-coast-daily", clock.now)])
    holds = [server.hold(f"/articles/{slug}") for slug in ("storm-harbour-gazette", "storm-coast-daily")]
    clock.advance(hours=1)
    poster = RecordingPoster()
    schedulers = [DigestScheduler(engine, deps_for(clock), instance=f"i{n}") for n, engine in enumerate(pool)]
    passes = asyncio.gather(*(s.run_due_once(poster) for s in schedulers))
    for hold in holds:
        await hold.arrived()  # both runs selected their version and are reading it
    for hold in holds:
        hold.release()
    assert sorted(o.result for p in await passes for o in p) == ["posted", "posted"]
    digests = posted_in(poster, C1)
    entries = entry_titles(digests)
    folded = [(s.title, a.title) for d in digests for s in d.earlier for a in s.also]
    assert len(entries) == 1 and entries[0] in (GAZETTE_STORM, DAILY_STORM)
    assert folded == [(entries[0], ({GAZETTE_STORM, DAILY_STORM} - {entries[0]}).pop())]
    assert count(pool[0], digest_folds) == 1
    for engine in pool:
        engine.dispose()


@pytest.mark.parametrize("crash_at", ["build", "post", "post-after-delivery"])
async def test_a_crash_between_claim_and_post_still_posts_the_story_once(
    db_url: str, server: FeedServer, crash_at: str  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    deps = deps_for(clock)
    service = DigestService(engine, deps)
    await service.subscribe(C1, every_hour(publish(server, "/gazette.xml", [])), "U1")
    coast, _ = await service.subscribe(C1, every_hour(publish(server, "/coast.xml", [])), "U1")
    platform = RecordingPoster()
    lease = timedelta(minutes=10)
    clock.advance(minutes=10)
    publish(server, "/gazette.xml", [item("storm-harbour-gazette", clock.now)])
    clock.advance(hours=1)
    await DigestScheduler(engine, deps, lease=lease).run_due_once(platform)
    clock.advance(minutes=10)
    publish(server, "/coast.xml", [item("storm-coast-daily", clock.now)])
    clock.advance(hours=1)

    async def dying_fetch(url: str) -> Article:
        raise Crash

    class DyingPoster:
        async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
            if crash_at == "post-after-delivery":
                await platform.post_digest(target, digest, idempotency_key)
            raise Crash

    dying = dataclasses.replace(deps, fetch_article=dying_fetch) if crash_at == "build" else deps
    with pytest.raises(Crash):
        await DigestScheduler(engine, dying, lease=lease).run_due_once(DyingPoster())
    assert count(engine, digest_folds) == (0 if crash_at == "build" else 1)  # recorded with the stored digest

    restarted = DigestScheduler(engine, deps, lease=lease)
    clock.advance(minutes=11)
    outcomes = await restarted.run_due_once(platform)
    assert [o.result for o in outcomes if o.subscription_id == coast.id] == ["posted"]
    assert {o.result for o in outcomes if o.subscription_id != coast.id} <= {"empty"}  # in flight at the crash too
    digests = posted_in(platform, C1)
    assert entry_titles(digests) == [GAZETTE_STORM]
    folded = [(s.title, [a.title for a in s.also]) for d in digests for s in d.earlier]
    assert folded == [(GAZETTE_STORM, [DAILY_STORM])]
    assert len({key for _, _, key in platform.posts}) == len(platform.posts) == 2
    assert count(engine, digest_folds) == 1
    engine.dispose()


async def test_the_article_cache_keeps_the_fingerprint_and_the_scorecard_counts(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    clock = FakeClock(START)
    engine = make_engine(db_url)
    deps = deps_for(clock)
    analysed: list[str | None] = []

    def counting(article: Article):  # type: ignore[no-untyped-def]
        analysed.append(article.url)
        return deps.analyse(article)

    summaries = ArticleSummaries(engine, dataclasses.replace(deps, analyse=counting))
    url = server.url("/articles/storm-coast-daily")
    first = await summaries.summarise(url)
    again = await summaries.summarise(url)
    assert len(analysed) == 1 and first is not None and again == first
    assert first.outlet == "Coast Daily" and first.story is not None and first.story.claims == ()
    assert first.facts is not None and first.facts.core_anonymous and first.facts.weak_counts()["anonymous"] >= 1
    engine.dispose()


async def test_runs_of_one_channel_storing_at_the_same_instant_fold_one_into_the_other(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    """The two versions reach the store at once (threads released together, one engine each):
    the channel lock makes the second run see the first one's story."""
    import threading

    from bot.digest.builder import DigestBuilder
    from bot.digest.runs import RunStore

    clock = FakeClock(START)
    deps = deps_for(clock)
    pool = [make_engine(db_url) for _ in range(2)]
    service = DigestService(pool[0], deps)
    subs = [
        (await service.subscribe(C1, every_hour(publish(server, path, [])), "U1"))[0]
        for path in ("/gazette.xml", "/coast.xml")
    ]
    clock.advance(minutes=10)
    publish(server, "/gazette.xml", [item("storm-harbour-gazette", clock.now)])
    publish(server, "/coast.xml", [item("storm-coast-daily", clock.now)])
    clock.advance(hours=1)
    stores = [RunStore(engine, f"i{n}", timedelta(minutes=5)) for n, engine in enumerate(pool)]
    runs = [store.claim(sub.id, clock.now) for store, sub in zip(stores, subs, strict=True)]
    builder = DigestBuilder(pool[0], deps)
    built = [await builder.build(run.subscription, run.window_start) for run in runs if run is not None]
    assert len(built) == 2
    start = threading.Barrier(2)
    saved: list[Digest | None] = [None, None]

    def save(n: int) -> None:
        start.wait()
        assert runs[n] is not None
        saved[n] = stores[n].save_built(runs[n], built[n], clock.now)  # type: ignore[arg-type]

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    digests = [digest for digest in saved if digest is not None]
    assert len(digests) == 2
    assert len(entry_titles(digests)) == 1
    assert sum(len(story.also) for digest in digests for story in digest.earlier) == 1
    for engine in pool:
        engine.dispose()
