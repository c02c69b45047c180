"""The report cache and the rate limiter, driven by a fake clock."""

from __future__ import annotations

import pytest

from bot.service.cache import TTLCache
from bot.service.ratelimit import BucketLimit, RateLimiter, RateLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_cache_entries_expire_after_ttl() -> None:
    clock = Clock()
    cache: TTLCache[str] = TTLCache(ttl=60, max_entries=10, clock=clock)
    cache.put("k", "v")
    clock.now += 59
    assert cache.get("k") == "v"
    clock.now += 1
    assert cache.get("k") is None
    assert len(cache) == 0


def test_cache_is_bounded_and_evicts_least_recently_used() -> None:
    cache: TTLCache[int] = TTLCache(ttl=60, max_entries=2, clock=Clock())
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert len(cache) == 2
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (1, 3)


def test_cache_rejects_nonsense_bounds() -> None:
    with pytest.raises(ValueError):
        TTLCache(ttl=0, max_entries=1)


def test_user_bucket_empties_then_refills_with_time() -> None:
    clock = Clock()
    limiter = RateLimiter(
        RateLimits(
            user=BucketLimit(capacity=2, per_minute=1), channel=BucketLimit(capacity=100, per_minute=100)
        ),
        clock=clock,
    )
    assert limiter.try_acquire("u1", "c")
    assert limiter.try_acquire("u1", "c")
    assert not limiter.try_acquire("u1", "c")
    assert limiter.try_acquire("u2", "c"), "another user has their own bucket"
    clock.now += 59
    assert not limiter.try_acquire("u1", "c")
    clock.now += 1
    assert limiter.try_acquire("u1", "c")


def test_channel_bucket_is_shared_by_its_users() -> None:
    limiter = RateLimiter(
        RateLimits(
            user=BucketLimit(capacity=10, per_minute=10), channel=BucketLimit(capacity=3, per_minute=1)
        ),
        clock=Clock(),
    )
    assert [limiter.try_acquire(f"u{i}", "c1") for i in range(4)] == [True, True, True, False]
    assert limiter.try_acquire("u9", "c2")


def test_refused_request_spends_nothing() -> None:
    limiter = RateLimiter(
        RateLimits(user=BucketLimit(capacity=3, per_minute=1), channel=BucketLimit(capacity=2, per_minute=1)),
        clock=Clock(),
    )
    assert not limiter.try_acquire("u", "c", cost=3), "the channel cannot afford 3"
    assert limiter.try_acquire("u", "c", cost=2), "the user's tokens were not spent by the refusal"


def test_cost_counts_against_capacity() -> None:
    limiter = RateLimiter(
        RateLimits(user=BucketLimit(capacity=3, per_minute=1), channel=BucketLimit(capacity=9, per_minute=1)),
        clock=Clock(),
    )
    assert limiter.try_acquire("u", "c", cost=3)
    assert not limiter.try_acquire("u", "c", cost=1)
