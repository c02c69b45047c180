"""Token-bucket rate limits per user and per channel."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass(frozen=True)
class BucketLimit:
    """`capacity` requests at once, refilled at `per_minute` requests a minute."""

    capacity: float
    per_minute: float

    def __post_init__(self) -> None:
        if self.capacity < 1 or self.per_minute <= 0:
            raise ValueError("a bucket needs capacity >= 1 and a positive refill rate")


@dataclass(frozen=True)
class RateLimits:
    """The limits applied to each user and to each channel."""

    user: BucketLimit = field(default_factory=lambda: BucketLimit(capacity=5, per_minute=6))
    channel: BucketLimit = field(default_factory=lambda: BucketLimit(capacity=20, per_minute=30))


class TokenBuckets:
    """One token bucket per key, all with the same limit; idle full buckets are forgotten."""

    def __init__(self, limit: BucketLimit, *, clock: Clock = time.monotonic, max_keys: int = 10_000) -> None:
        self._limit = limit
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}

    def available(self, key: str) -> float:
        """Tokens `key` could spend now."""
        now = self._clock()
        tokens, stamp = self._buckets.get(key, (self._limit.capacity, now))
        refill = (now - stamp) * self._limit.per_minute / 60.0
        return min(self._limit.capacity, tokens + refill)

    def spend(self, key: str, cost: float = 1.0) -> None:
        """Take `cost` tokens from `key` (callers check `available` first)."""
        self._buckets[key] = (self.available(key) - cost, self._clock())
        if len(self._buckets) > self._max_keys:
            self._forget_full()

    def _forget_full(self) -> None:
        for key in [k for k in self._buckets if self.available(k) >= self._limit.capacity]:
            del self._buckets[key]


class RateLimiter:
    """Per-user and per-channel buckets; a request passes only if every bucket it touches has room."""

    def __init__(self, limits: RateLimits | None = None, *, clock: Clock = time.monotonic) -> None:
        limits = limits or RateLimits()
        self._users = TokenBuckets(limits.user, clock=clock)
        self._channels = TokenBuckets(limits.channel, clock=clock)

    def try_acquire(self, user: str, channel: str, cost: float = 1.0) -> bool:
        """Spend `cost` from the user's and the channel's buckets if both can afford it."""
        checks: Sequence[tuple[TokenBuckets, str]] = ((self._users, user), (self._channels, channel))
        if any(buckets.available(key) < cost for buckets, key in checks):
            return False
        for buckets, key in checks:
            buckets.spend(key, cost)
        return True
