"""The `/sourcing` chat command: the channel's sourcing scorecard per outlet, as the neutral view."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.digest.model import Target
from bot.scorecard import SourcingStats
from bot.scorecard.settings import MAX_RETENTION_DAYS
from bot.view.stats import StatsView, stats_view

DEFAULT_DAYS = 30
"""The period `/sourcing stats` covers when none is given."""
USAGE = (
    f"`/sourcing stats [days]` shows, per news site, how the articles read in this channel in the "
    f"last {DEFAULT_DAYS} days (or the number of days you give, 1 to {MAX_RETENTION_DAYS}) are sourced."
)


class StatsSource(Protocol):
    """Sums up the scorecard per site (`bot.scorecard.Scorecard`); blocking I/O."""

    def stats(self, days: int, channel: Target | None = None) -> SourcingStats:
        """Per site, the articles counted in the last `days` days in `channel`."""


@dataclass(frozen=True)
class SourcingCommand:
    """What `/sourcing <text>` asks for: the stats over `days`, or the usage (with why, if malformed)."""

    action: Literal["stats", "help"]
    days: int = DEFAULT_DAYS
    problem: str | None = None


def parse_sourcing_command(text: str) -> SourcingCommand:
    """The command in `text`: "stats", "stats 7" (also "7" alone), or help for anything else."""
    words = text.split()
    if words and words[0].lower() == "stats":
        words = words[1:]
    if not words:
        return SourcingCommand("stats") if text.strip() else SourcingCommand("help")
    if len(words) == 1 and words[0].isdigit() and 1 <= int(words[0]) <= MAX_RETENTION_DAYS:
        return SourcingCommand("stats", int(words[0]))
    return SourcingCommand(
        "help",
        problem=f"I didn't understand “{' '.join(words)}”: give a number of days from 1 to {MAX_RETENTION_DAYS}.",
    )


class SourcingStatsService:
    """Answers `/sourcing stats` for a channel from the scorecard, off the event loop."""

    def __init__(self, scorecard: StatsSource) -> None:
        self._scorecard = scorecard

    async def stats(self, channel: Target, days: int = DEFAULT_DAYS) -> StatsView:
        """The channel's scorecard over the last `days` days."""
        return stats_view(await asyncio.to_thread(self._scorecard.stats, days, channel))
