"""Remembering the Slack event ids already taken in, so a redelivered event is handled once.

Deduplication is by event id only: a redelivery (`X-Slack-Retry-Num` ≥ 1) of an event whose first
delivery never reached newsbot (connection refused while it restarted) is handled like a first
delivery. `StoredEventIds` shares the ids between the instances behind a load balancer;
`LocalEventIds` keeps them in this process (a single instance, tests).
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from bot.store.events import EventReceipts

PLATFORM = "slack"


class EventIds(Protocol):
    """Which event ids were taken in."""

    async def first_time(self, event_id: str) -> bool:
        """Record the id; True when it was not taken in before."""

    async def forget(self, event_id: str) -> None:
        """Drop the id again, so that a redelivery is handled."""


class RecentIds:
    """Ids seen in the last `ttl` seconds (at most `max_ids` of them)."""

    def __init__(
        self, *, ttl: float = 600.0, max_ids: int = 5000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._max = max_ids
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """True the first time `event_id` is offered within the window, False on repeats."""
        now = self._clock()
        while self._seen and (
            next(iter(self._seen.values())) <= now - self._ttl or len(self._seen) >= self._max
        ):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True

    def forget(self, event_id: str) -> None:
        """Drop `event_id`, so that it counts as new again."""
        self._seen.pop(event_id, None)


class LocalEventIds:
    """EventIds kept in this process (RecentIds)."""

    def __init__(self, recent: RecentIds | None = None) -> None:
        self._recent = recent or RecentIds()

    async def first_time(self, event_id: str) -> bool:
        """Record the id; True when this process had not seen it."""
        return self._recent.first_time(event_id)

    async def forget(self, event_id: str) -> None:
        """Drop the id."""
        self._recent.forget(event_id)


class StoredEventIds:
    """EventIds in the database every instance shares (`bot.store.events`)."""

    def __init__(self, receipts: EventReceipts) -> None:
        self._receipts = receipts

    async def first_time(self, event_id: str) -> bool:
        """Record the id; True when no instance had taken it in."""
        return await asyncio.to_thread(self._receipts.first_time, PLATFORM, event_id)

    async def forget(self, event_id: str) -> None:
        """Drop the id."""
        await asyncio.to_thread(self._receipts.forget, PLATFORM, event_id)
