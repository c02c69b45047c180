"""`/sourcing stats [days]`: reading the command, and the channel's scorecard from a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.digest.model import Target
from bot.model import Article
from bot.scorecard import Scorecard, ScorecardSettings
from bot.scorecard.settings import MAX_RETENTION_DAYS
from bot.service.sourcing import DEFAULT_DAYS, SourcingStatsService, parse_sourcing_command
from bot.store.engine import make_engine
from bot.store.migrate import upgrade

SEED = Path(__file__).parent.parent / "seeds" / "cartels.txt"


@pytest.mark.parametrize(
    ("text", "action", "days"),
    [
        ("stats", "stats", DEFAULT_DAYS),
        ("  STATS  ", "stats", DEFAULT_DAYS),
        ("stats 7", "stats", 7),
        ("7", "stats", 7),
        (f"stats {MAX_RETENTION_DAYS}", "stats", MAX_RETENTION_DAYS),
        ("", "help", DEFAULT_DAYS),
        ("help", "help", DEFAULT_DAYS),
    ],
)
def test_the_command_and_its_days(text: str, action: str, days: int) -> None:
    parsed = parse_sourcing_command(text)
    assert (parsed.action, parsed.days) == (action, days)


@pytest.mark.parametrize("text", ["stats 0", "stats -3", f"stats {MAX_RETENTION_DAYS + 1}", "stats week", "stats 7 8"])
def test_a_bad_period_is_explained(text: str) -> None:
    parsed = parse_sourcing_command(text)
    assert parsed.action == "help"
    assert parsed.problem is not None and f"from 1 to {MAX_RETENTION_DAYS}" in parsed.problem


async def test_the_channel_sees_its_own_sites_only(tmp_path: Path) -> None:
    from bot.analysis import analyse

    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    upgrade(engine)
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    scorecard = Scorecard(engine, ScorecardSettings(retention_days=90), clock=lambda: now)
    report = analyse(Article(text=SEED.read_text(), url="https://www.example-news.com/cartels", origin="url"))
    here, elsewhere = Target("slack", "T1", "C1"), Target("slack", "T1", "C2")
    scorecard.record_report(here, report, report.url)
    other = analyse(Article(text=SEED.read_text(), url="https://other.example.org/cartels", origin="url"))
    scorecard.record_report(elsewhere, other, other.url)
    try:
        view = await SourcingStatsService(scorecard).stats(here, 7)
        empty = await SourcingStatsService(scorecard).stats(Target("discord", "G1", "C9"))
    finally:
        engine.dispose()
    assert [row.site for row in view.rows] == ["example-news.com"]
    assert view.rows[0].articles == 1 and view.empty is None
    assert "7 days" in view.heading
    assert empty.rows == () and empty.empty
