"""The sourcing scorecard per outlet: the chat service counts each article it analyses for a
channel (site, time, sourcing counts; never the text, never who asked), old rows are deleted on
write, and `newsbot stats` sums it up per site. Real pages on a loopback server, real analysis,
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from ipaddress import ip_network
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from bot.digest.model import Target
from bot.fetch import NetworkPolicy, fetch_article
from bot.model import Article
from bot.scorecard import Scorecard, ScorecardSettings, stats_to_dict
from bot.scorecard.render import render_stats_text
from bot.service import SummaryRequest, SummaryService
from bot.store.engine import make_engine
from bot.store.schema import scorecard_articles
from bot.view.stats import stats_view
from tests.databases import db_url  # noqa: F401  (fixture)
from tests.servers.feeds import FakeClock, FeedServer, feed_server

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "compare_articles"
LOOPBACK = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
C1, C2 = Target("slack", "T1", "C1"), Target("discord", "G1", "C2")


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """The storm as three fictional outlets tell it (named, anonymous, relayed), and a sea-wall story."""
    with feed_server() as running:
        for page in ARTICLES.glob("*.html"):
            running.set_page(f"/{page.stem}", page.read_text("utf-8"))
        yield running


async def loopback_fetch(url: str) -> Article:
    return await fetch_article(url, policy=LOOPBACK)


def ask(channel: Target, text: str, user: str = "U1") -> SummaryRequest:
    return SummaryRequest(channel.platform, channel.workspace, channel.channel, user, text)


async def test_the_chat_service_counts_each_article_once_per_channel_and_nothing_else(
    db_url: str, server: FeedServer  # noqa: F811
) -> None:
    engine = make_engine(db_url)
    clock = FakeClock(START)
    service = SummaryService(fetch=loopback_fetch, scorecard=Scorecard(engine, ScorecardSettings(90), clock=clock))
    gazette, daily = server.url("/storm-harbour-gazette"), server.url("/storm-coast-daily")

    outcome = await service.summarise(ask(C1, f"two takes: {gazette} and {daily}", user="USECRET1"))
    assert [item.code for item in outcome.items] == [None, None]
    clock.advance(hours=1)
    await service.summarise(ask(C1, daily, user="USECRET2"))  # asked again (cached): still one article
    await service.summarise(ask(C2, daily))  # another channel counts it too
    pasted = (ARTICLES / "storm-valley-wire.html").read_text("utf-8")
    assert (await service.summarise(ask(C1, pasted))).items[0].report is not None  # no link: no outlet

    with engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(select(scorecard_articles))]
    assert sorted((r["channel"], r["site"]) for r in rows) == [
        ("C1", "Coast Daily"), ("C1", "Harbour Gazette"), ("C2", "Coast Daily")
    ]
    columns = {c["name"] for c in inspect(engine).get_columns("scorecard_articles")}
    assert not {"text", "user", "url", "title"} & columns
    stored = json.dumps(rows, default=str)
    assert "USECRET" not in stored and "Quay Street" not in stored and "storm-coast-daily" not in stored
    assert {r["recorded_at"] for r in rows if r["channel"] == "C1"} == {START}

    stats = Scorecard(engine, ScorecardSettings(90), clock=clock).stats(30, C1)
    by_site = {s.site: s for s in stats.sites}
    assert by_site["Coast Daily"].articles == 1 and by_site["Coast Daily"].core_anonymous == 1
    assert by_site["Coast Daily"].named_share == 0.0
    assert by_site["Coast Daily"].weak[0][0] == "anonymous"
    assert by_site["Harbour Gazette"].core_anonymous == 0 and by_site["Harbour Gazette"].named_share == 1.0
    assert by_site["Harbour Gazette"].weak == ()
    service.close()
    engine.dispose()


async def test_a_failing_scorecard_never_fails_the_answer(server: FeedServer) -> None:
    class Broken:
        def record_report(self, channel: Target, report: object, url: str | None = None) -> bool:
            raise RuntimeError("database is gone")

    service = SummaryService(fetch=loopback_fetch, scorecard=Broken())
    outcome = await service.summarise(ask(C1, server.url("/storm-valley-wire")))
    assert outcome.items[0].report is not None
    service.close()


def test_rows_past_the_retention_are_deleted_on_write(db_url: str) -> None:  # noqa: F811
    from bot.scorecard import ArticleFacts

    engine = make_engine(db_url)
    clock = FakeClock(START)
    scorecard = Scorecard(engine, ScorecardSettings(retention_days=90), clock=clock)

    def facts(n: int) -> ArticleFacts:
        return ArticleFacts(f"Site {n % 2}", f"link:{n}", 4, 2, n % 2 == 0, (1, 0, 0, 0))

    assert scorecard.record(C1, facts(0))
    assert not scorecard.record(C1, facts(0))  # counted once
    clock.advance(days=89)
    assert scorecard.record(C1, facts(1))
    assert scorecard.stats(365, C1).articles == 2
    clock.advance(days=2)  # the first row is now 91 days old
    assert scorecard.record(C2, facts(2))
    with engine.connect() as connection:
        keys = sorted(connection.execute(select(scorecard_articles.c.article_key)).scalars())
    assert keys == ["link:1", "link:2"]
    view = stats_view(scorecard.stats(365))
    assert view.retention == "Only the last 90 days are kept."
    assert [row.site for row in view.rows] == ["Site 0", "Site 1"]
    engine.dispose()


def test_the_retention_setting() -> None:
    assert ScorecardSettings.from_env({}).retention_days == 90
    assert ScorecardSettings.from_env({"NEWSBOT_SCORECARD_DAYS": " 7 "}).retention_days == 7
    for bad in ("0", "-3", "ninety", "1.5", "99999"):
        with pytest.raises(ValueError, match="NEWSBOT_SCORECARD_DAYS"):
            ScorecardSettings.from_env({"NEWSBOT_SCORECARD_DAYS": bad})


async def test_newsbot_stats_through_the_command(tmp_path: Path, server: FeedServer) -> None:
    db = tmp_path / "stats.db"
    engine = make_engine(f"sqlite:///{db}")
    from bot.store.migrate import upgrade

    upgrade(engine)
    service = SummaryService(fetch=loopback_fetch, scorecard=Scorecard(engine, ScorecardSettings(90)))
    for channel, pages in ((C1, ("storm-harbour-gazette", "storm-coast-daily", "storm-valley-wire")),
                           (C2, ("seawall-vote-harbour-gazette", "storm-coast-daily"))):
        text = " ".join(server.url(f"/{page}") for page in pages)
        assert all(item.report for item in (await service.summarise(ask(channel, text))).items)
    service.close()
    expected = stats_to_dict(Scorecard(engine, ScorecardSettings(90)).stats(30))
    engine.dispose()

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "NEWSBOT_SCORECARD_DAYS": "90"}
    newsbot = [str(Path(sys.executable).with_name("newsbot")), "stats"]  # the installed command
    done = subprocess.run([*newsbot, "--format", "json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["sites"] == expected["sites"] and printed["articles"] == 5 and printed["channel"] is None
    assert [(s["site"], s["articles"]) for s in printed["sites"]] == [
        ("Coast Daily", 2), ("Harbour Gazette", 2), ("Valley Wire", 1)
    ]

    done = subprocess.run([*newsbot, "--channel", "slack:T1:C1", "--days", "7"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Sourcing by outlet, last 7 days, this channel"
    header, *rows = lines[2:6]
    assert header.split("  ")[0] == "Site" and "Anonymous core" in header
    assert [row.split("  ")[0].strip() for row in rows] == ["Coast Daily", "Harbour Gazette", "Valley Wire"]
    assert "100%" in rows[0] and "Anonymous source 1" in rows[0]
    assert render_stats_text(stats_view(Scorecard(make_engine(f"sqlite:///{db}")).stats(7, C1))) == done.stdout

    done = subprocess.run([*newsbot, "--channel", "slack-C1"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "PLATFORM:WORKSPACE:CHANNEL" in done.stderr
