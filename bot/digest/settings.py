"""Digest scheduler settings from the environment (see .env.example)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

LEASE_VARIABLE = "NEWSBOT_DIGEST_LEASE_SECONDS"
DEFAULT_LEASE = timedelta(seconds=60)
MIN_LEASE = timedelta(seconds=1)


@dataclass(frozen=True)
class DigestSettings:
    """How long a claimed run stays with its instance without a sign of life.

    A running instance renews the lease every third of it (its heartbeat); another instance takes
    the run over once the lease has run out, so a crashed instance's run is retried about `lease`
    after its last heartbeat.
    """

    lease: timedelta = DEFAULT_LEASE

    @property
    def heartbeat(self) -> timedelta:
        """How often a running digest renews its lease."""
        return self.lease / 3

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DigestSettings:
        """Settings from NEWSBOT_DIGEST_LEASE_SECONDS (default 60); ValueError names a bad value."""
        env = os.environ if environ is None else environ
        raw = env.get(LEASE_VARIABLE, "").strip()
        if not raw:
            return cls()
        try:
            lease = timedelta(seconds=float(raw))
        except (ValueError, OverflowError):
            raise ValueError(f"{LEASE_VARIABLE} must be a number of seconds, not {raw!r}") from None
        if lease < MIN_LEASE:
            raise ValueError(f"{LEASE_VARIABLE} must be at least {MIN_LEASE.total_seconds():g} seconds")
        return cls(lease=lease)
