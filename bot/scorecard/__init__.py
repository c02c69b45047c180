"""The sourcing scorecard per outlet: every article newsbot analyses for a channel (chat summaries,
unfurls, digests) is counted by its site, time and sourcing counts, and summed up per site.

- `Scorecard(engine).record_report(channel, report)` counts an analysed article in a channel
  (the chat service and the digest builder call it); `record(channel, facts)` counts facts kept
  from an earlier analysis (`facts_of`).
- `Scorecard(engine).stats(days, channel)` sums it up per site (`SourcingStats`);
  `stats_to_dict` is its JSON form, `bot.view.stats.stats_view` its neutral view.
"""

from __future__ import annotations

from .facts import WEAK_KINDS, ArticleFacts, facts_from_dict, facts_of, facts_to_dict, outlet_name
from .settings import DEFAULT_RETENTION_DAYS, RETENTION_VARIABLE, ScorecardSettings
from .stats import STATS_SCHEMA, SiteStats, SourcingStats, channel_label, stats_to_dict
from .store import Scorecard

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "RETENTION_VARIABLE",
    "STATS_SCHEMA",
    "WEAK_KINDS",
    "ArticleFacts",
    "Scorecard",
    "ScorecardSettings",
    "SiteStats",
    "SourcingStats",
    "channel_label",
    "facts_from_dict",
    "facts_of",
    "facts_to_dict",
    "outlet_name",
    "stats_to_dict",
]
