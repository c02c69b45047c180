"""The scorecard's table: per site, how its articles were sourced over a period (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.digest.model import Target

from .facts import WEAK_KINDS

STATS_SCHEMA = 1


@dataclass(frozen=True)
class SiteStats:
    """One site's articles over the period.

    `core_anonymous`: articles whose central claim rests on anonymous or unattributed sources;
    `claims` / `named_claims`: claims in all, and those credited to a named person, organisation
    or document; `weak`: (kind, articles with a weak-sourcing flag of that kind), the most common
    first, kinds no article has left out.
    """

    site: str
    articles: int
    core_anonymous: int
    claims: int
    named_claims: int
    weak: tuple[tuple[str, int], ...]

    @property
    def core_anonymous_share(self) -> float:
        """The share of articles whose central claim rests on anonymous sources."""
        return self.core_anonymous / self.articles if self.articles else 0.0

    @property
    def named_share(self) -> float | None:
        """The share of claims with a named source (None when the articles hold no claim)."""
        return self.named_claims / self.claims if self.claims else None


@dataclass(frozen=True)
class SourcingStats:
    """The scorecard over `days` days up to `until`, for one channel or (None) every channel."""

    days: int
    since: datetime
    until: datetime
    channel: Target | None
    sites: tuple[SiteStats, ...]
    retention_days: int

    @property
    def articles(self) -> int:
        """Articles counted, all sites together."""
        return sum(site.articles for site in self.sites)


def site_stats(site: str, articles: int, core: int, claims: int, named: int, weak: dict[str, int]) -> SiteStats:
    """A site's row from its sums; weak kinds ordered by count, then in `WEAK_KINDS` order."""
    ordered = sorted(
        ((kind, count) for kind, count in weak.items() if count), key=lambda kc: (-kc[1], WEAK_KINDS.index(kc[0]))
    )
    return SiteStats(site, articles, core, claims, named, tuple(ordered))


def order_sites(sites: list[SiteStats]) -> tuple[SiteStats, ...]:
    """Most articles first, then by name."""
    return tuple(sorted(sites, key=lambda s: (-s.articles, s.site.lower(), s.site)))


def channel_label(channel: Target | None) -> str | None:
    """PLATFORM:WORKSPACE:CHANNEL, as `newsbot stats --channel` takes it."""
    return f"{channel.platform}:{channel.workspace}:{channel.channel}" if channel else None


def stats_to_dict(stats: SourcingStats) -> dict[str, Any]:
    """The stats as JSON-ready data (`newsbot stats --format json`, documented in the README)."""
    return {
        "schema": STATS_SCHEMA,
        "days": stats.days,
        "since": stats.since.isoformat(),
        "until": stats.until.isoformat(),
        "channel": channel_label(stats.channel),
        "retention_days": stats.retention_days,
        "articles": stats.articles,
        "sites": [
            {
                "site": s.site,
                "articles": s.articles,
                "core_anonymous": s.core_anonymous,
                "core_anonymous_share": round(s.core_anonymous_share, 4),
                "claims": s.claims,
                "named_claims": s.named_claims,
                "named_share": None if s.named_share is None else round(s.named_share, 4),
                "weak": [{"kind": kind, "articles": count} for kind, count in s.weak],
            }
            for s in stats.sites
        ],
    }
