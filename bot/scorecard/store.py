"""The scorecard in the app database: record each article analysed for a channel, delete what is
older than the retention, and sum it up per site.

An article counts once per channel (by its canonical link) while its row is kept, however often
it is summarised, unfurled or put in a digest there. Old rows are deleted on write: every
`record` first deletes the rows recorded longer ago than the retention.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Engine, case, delete, func, select

from bot.digest.model import Target
from bot.model import Report
from bot.store.schema import scorecard_articles
from bot.store.sql import insert_ignore

from .facts import WEAK_KINDS, ArticleFacts, facts_of
from .settings import ScorecardSettings
from .stats import SourcingStats, order_sites, site_stats

log = logging.getLogger(__name__)
_IDENTITY = ("platform", "workspace", "channel", "article_key")
"""An article counts once per channel."""

Clock = Callable[[], datetime]
"""The current time as an aware datetime."""


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class Scorecard:
    """Records analysed articles per channel and answers the per-site stats.

    Its methods touch the database: call them off the event loop (`asyncio.to_thread`).
    """

    def __init__(self, engine: Engine, settings: ScorecardSettings | None = None, *, clock: Clock = utc_now) -> None:
        """`settings` default to NEWSBOT_SCORECARD_DAYS (ValueError when malformed)."""
        self._engine = engine
        self._settings = settings or ScorecardSettings.from_env()
        self._clock = clock

    @property
    def retention_days(self) -> int:
        """How many days rows are kept."""
        return self._settings.retention_days

    def record(self, channel: Target, facts: ArticleFacts) -> bool:
        """Count the article in `channel` now, after deleting the rows past the retention; False when
        the channel already counts it."""
        now = self._clock()
        self.prune(now)
        row = {
            "platform": channel.platform,
            "workspace": channel.workspace,
            "channel": channel.channel,
            "article_key": facts.key,
            "site": facts.site,
            "recorded_at": now,
            "claims": facts.claims,
            "named_claims": facts.named_claims,
            "core_anonymous": facts.core_anonymous,
            **{f"weak_{kind}": count for kind, count in facts.weak_counts().items()},
        }
        with self._engine.begin() as connection:
            return bool(insert_ignore(connection, scorecard_articles, [row], _IDENTITY))

    def record_report(self, channel: Target, report: Report, url: str | None = None) -> bool:
        """Count an analysed article in `channel` (the one function the chat service and the digest
        call); False when it names no link (pasted text) or the channel already counts it."""
        facts = facts_of(report, url)
        return self.record(channel, facts) if facts is not None else False

    def prune(self, now: datetime | None = None) -> int:
        """Delete the rows recorded longer ago than the retention; returns how many."""
        cutoff = (now or self._clock()) - timedelta(days=self._settings.retention_days)
        with self._engine.begin() as connection:
            deleted = connection.execute(
                delete(scorecard_articles).where(scorecard_articles.c.recorded_at < cutoff)
            ).rowcount
        if deleted:
            log.info("scorecard: deleted %d articles recorded before %s", deleted, cutoff.isoformat())
        return int(deleted or 0)

    def stats(self, days: int, channel: Target | None = None) -> SourcingStats:
        """Per site, the articles recorded in the last `days` days in `channel` (every channel when None)."""
        if days < 1:
            raise ValueError("days must be at least 1")
        until = self._clock()
        since = until - timedelta(days=days)
        c = scorecard_articles.c
        where: list[ColumnElement[bool]] = [c.recorded_at >= since]
        if channel is not None:
            where += [c.platform == channel.platform, c.workspace == channel.workspace, c.channel == channel.channel]
        weak_columns = [func.sum(case((c[f"weak_{kind}"] > 0, 1), else_=0)) for kind in WEAK_KINDS]
        query = (
            select(
                c.site,
                func.count(),
                func.sum(case((c.core_anonymous, 1), else_=0)),
                func.sum(c.claims),
                func.sum(c.named_claims),
                *weak_columns,
            )
            .where(*where)
            .group_by(c.site)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        sites = [
            site_stats(
                str(row[0]),
                int(row[1]),
                int(row[2] or 0),
                int(row[3] or 0),
                int(row[4] or 0),
                {kind: int(value or 0) for kind, value in zip(WEAK_KINDS, row[5:], strict=True)},
            )
            for row in rows
        ]
        return SourcingStats(days, since, until, channel, order_sites(sites), self._settings.retention_days)
