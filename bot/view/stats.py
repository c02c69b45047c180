"""The sourcing scorecard as every surface shows it: a heading, a compact table (one row per site)
and a note on what the columns mean. The terminal maps it to aligned text; Slack and Discord
(`/sourcing stats`) map it to their own formats."""

from __future__ import annotations

from dataclasses import dataclass

from ..scorecard.stats import SiteStats, SourcingStats
from .fit import plain
from .wording import wording

MAX_WEAK_KINDS = 2
"""Weak-sourcing kinds named per site, the most common first."""


@dataclass(frozen=True)
class SiteRowView:
    """One site's row: every cell as shown, and the article count as a number."""

    site: str
    articles: int
    core_anonymous: str
    named: str
    weak: str

    def cells(self) -> tuple[str, str, str, str, str]:
        """The row's cells, in the order of `StatsView.columns`."""
        return (self.site, str(self.articles), self.core_anonymous, self.named, self.weak)


@dataclass(frozen=True)
class StatsView:
    """The scorecard's table: `columns` head the rows' cells; `empty` replaces the table when no
    article was counted."""

    heading: str
    columns: tuple[str, str, str, str, str]
    rows: tuple[SiteRowView, ...]
    empty: str | None
    note: str
    retention: str | None
    """Said when the period asked for is longer than what is kept."""

    def table(self) -> list[tuple[str, ...]]:
        """The header and every row, as cells."""
        return [self.columns, *(row.cells() for row in self.rows)]


def percent(share: float | None) -> str:
    """A share as a whole percentage ("40%"), or the none mark."""
    return wording().stats["none"] if share is None else f"{round(share * 100)}%"


def _weak(site: SiteStats) -> str:
    labels = wording().flag_labels
    kinds = [f"{labels.get(kind, kind.replace('_', ' '))} {count}" for kind, count in site.weak[:MAX_WEAK_KINDS]]
    return ", ".join(kinds) or wording().stats["none"]


def _row(site: SiteStats) -> SiteRowView:
    return SiteRowView(
        site=plain(site.site),
        articles=site.articles,
        core_anonymous=percent(site.core_anonymous_share),
        named=percent(site.named_share),
        weak=_weak(site),
    )


def stats_view(stats: SourcingStats) -> StatsView:
    """The view of `stats` that every surface renders."""
    words = wording().stats
    scope = words["channel"] if stats.channel is not None else words["everywhere"]
    empty = None
    if not stats.sites:
        empty = words["empty"] if stats.channel is not None else words["empty_everywhere"]
    longer = stats.days > stats.retention_days
    return StatsView(
        heading=words["heading"].format(days=stats.days, scope=scope),
        columns=(words["site"], words["articles"], words["core_anonymous"], words["named"], words["weak"]),
        rows=tuple(_row(site) for site in stats.sites),
        empty=empty,
        note=words["note"],
        retention=words["retention"].format(retention=stats.retention_days) if longer else None,
    )
