"""The shared wording of every surface, read from `data/wording.json`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..wordlists import package_json


@dataclass(frozen=True)
class Wording:
    """Fixed texts and labels (see the comment in `data/wording.json`)."""

    untitled: str
    footer: str
    digest_footer: str
    no_summary: str
    no_verdict: str
    see_flags: str
    central_warning: str
    unattributed: str
    summary_heading: str
    claims_heading: str
    sourcing_heading: str
    more_claims: str
    more_lines: str
    nothing_new: str
    flag_labels: dict[str, str]
    mention_labels: dict[str, str]
    count_labels: dict[str, str]
    compare: dict[str, str] = field(default_factory=dict)
    credit_labels: dict[str, str] = field(default_factory=dict)
    folds: dict[str, str] = field(default_factory=dict)
    stats: dict[str, str] = field(default_factory=dict)

    def more(self, count: int) -> str:
        """'…and 3 more'."""
        return self.more_lines.format(count=count)

    def claims_left_out(self, count: int) -> str:
        """'…and 2 more key claims not shown'."""
        return self.more_claims.format(count=count, s="" if count == 1 else "s")


@lru_cache(maxsize=1)
def wording() -> Wording:
    """The shipped wording (read once)."""
    raw = package_json("bot.view.data", "wording.json")
    raw.pop("_comment", None)
    return Wording(**raw)
