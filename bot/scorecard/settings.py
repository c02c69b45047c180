"""How long the scorecard keeps what it records (see .env.example)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

RETENTION_VARIABLE = "NEWSBOT_SCORECARD_DAYS"
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class ScorecardSettings:
    """Articles recorded longer ago than `retention_days` are deleted."""

    retention_days: int = DEFAULT_RETENTION_DAYS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ScorecardSettings:
        """Settings from NEWSBOT_SCORECARD_DAYS (default 90); ValueError names a bad value."""
        env = os.environ if environ is None else environ
        raw = env.get(RETENTION_VARIABLE, "").strip()
        if not raw:
            return cls()
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_RETENTION_DAYS:
            wanted = f"a whole number of days from 1 to {MAX_RETENTION_DAYS}"
            raise ValueError(f"{RETENTION_VARIABLE} must be {wanted}, not {raw!r}")
        return cls(retention_days=int(raw))
