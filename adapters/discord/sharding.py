"""Which gateway shards this process runs, from the `--shards` option.

Discord requires sharding from 2,500 guilds on (one shard per ~1,000 guilds is typical).
discord.py's AutoShardedClient runs several shards over one process and one REST client:

- no option: a single shard (small bots);
- `auto`: as many shards as Discord recommends (GET /gateway/bot), all in this process;
- `N`: N shards, all in this process;
- `A-B/N`: shards A to B (inclusive) of N, for spreading a large bot over processes or
  machines, e.g. `0-7/16` on one host and `8-15/16` on another. Every process must be given
  the same N; only the process running shard 0 syncs the application commands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RANGE = re.compile(r"(\d+)-(\d+)/(\d+)")


@dataclass(frozen=True)
class ShardPlan:
    """`count` shards in total (None: Discord's recommendation); this process runs `ids` (None: all)."""

    count: int | None = 1
    ids: tuple[int, ...] | None = None

    @property
    def runs_first_shard(self) -> bool:
        """Whether shard 0 runs here (that process syncs the commands)."""
        return self.ids is None or 0 in self.ids


def parse_shards(spec: str | None) -> ShardPlan:
    """The plan for `--shards` (None, `auto`, `N` or `A-B/N`); raises ValueError when malformed."""
    if spec is None:
        return ShardPlan()
    spec = spec.strip().lower()
    if spec == "auto":
        return ShardPlan(count=None)
    if spec.isdigit():
        count = int(spec)
        if count < 1:
            raise ValueError("--shards: the shard count must be at least 1")
        return ShardPlan(count=count)
    match = _RANGE.fullmatch(spec)
    if match is None:
        raise ValueError(f"--shards must be auto, a count N or a range A-B/N, not {spec!r}")
    first, last, count = (int(g) for g in match.groups())
    if not first <= last < count:
        raise ValueError(f"--shards {spec}: need 0 <= A <= B < N")
    return ShardPlan(count=count, ids=tuple(range(first, last + 1)))
