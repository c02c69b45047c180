"""How long to wait before retrying something that failed."""

from __future__ import annotations

from datetime import timedelta

MAX_DOUBLINGS = 6


def backoff(base: timedelta, attempts: int) -> timedelta:
    """`base` after the first failed attempt, doubled after each further one (at most 64 times `base`)."""
    return base * 2 ** min(max(attempts - 1, 0), MAX_DOUBLINGS)
