"""The one place that builds the database engine, migrates it, and assembles a process's services."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.digest.deps import DigestDeps
from bot.digest.runtime import DigestRuntime
from bot.platform import BotParts
from bot.scorecard import Scorecard
from bot.service import SummaryService
from bot.store.engine import make_engine
from bot.store.events import EventReceipts
from bot.store.migrate import upgrade
from bot.store.settings import ChannelSettings


def open_database(url: str | None = None) -> Engine:
    """The engine for `url` (default DATABASE_URL, else the SQLite file at NEWSBOT_DB_PATH), its
    database migrated to the newest schema (safe while other instances do the same)."""
    engine = make_engine(url)
    upgrade(engine)
    return engine


def assemble(
    platform: str | None = None,
    *,
    url: str | None = None,
    deps: DigestDeps | None = None,
    service: SummaryService | None = None,
) -> BotParts:
    """The parts of one bot process on one database, migrated once: the summary service, the
    per-channel settings, the event receipts, the sourcing scorecard (which the summary service
    counts into) and the digest runtime, whose scheduler takes only `platform`'s digests when one
    is named. ValueError when a digest or scorecard setting is malformed."""
    engine = open_database(url)
    try:
        digests = DigestRuntime.on(engine, deps, platforms=frozenset({platform}) if platform else None)
        scorecard = Scorecard(engine)
    except BaseException:
        engine.dispose()
        raise
    return BotParts(
        engine=engine,
        summaries=service or SummaryService(scorecard=scorecard),
        channels=ChannelSettings(engine),
        receipts=EventReceipts(engine),
        digests=digests,
        scorecard=scorecard,
    )


def close(parts: BotParts) -> None:
    """Stop the summary service's workers and close the database connections."""
    parts.summaries.close()
    parts.engine.dispose()
