"""Handling each chat event once, although the platform may deliver it again.

A platform that redelivers an event (Slack, after a timeout or a refused connection) sends the
same event id again, possibly to another instance. Deduplication is by event id only: a
redelivery of an event whose first delivery never reached newsbot (refused while it restarted) is
handled like a first delivery. `StoredEventIds` shares the ids between the instances behind a load
balancer; `LocalEventIds` keeps them in this process (a single instance, tests).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.store.events import EventReceipts

log = logging.getLogger(__name__)


class EventIds(Protocol):
    """Which event ids were taken in."""

    async def first_time(self, event_id: str) -> bool:
        """Record the id; True when it was not taken in before."""

    async def forget(self, event_id: str) -> None:
        """Drop the id again, so that a redelivery is handled."""


async def handle_once(seen: EventIds, event_id: str | None, handle: Callable[[], Awaitable[None]]) -> bool:
    """Run `handle` unless the event was taken in before; False when it was (acknowledge it again,
    without handling it). An event whose id cannot be checked is handled; one whose handling raises
    is forgotten again, so that the platform's next redelivery is handled."""
    if not event_id:
        await handle()
        return True
    try:
        first = await seen.first_time(event_id)
    except Exception:
        log.exception("cannot tell whether event %s was handled; handling it", event_id)
        first = True
    if not first:
        return False
    try:
        await handle()
    except Exception:
        await seen.forget(event_id)
        raise
    return True


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
    """One platform's EventIds in the database every instance shares (`bot.store.events`)."""

    def __init__(self, receipts: EventReceipts, platform: str) -> None:
        self._receipts = receipts
        self._platform = platform

    async def first_time(self, event_id: str) -> bool:
        """Record the id; True when no instance had taken it in."""
        return await asyncio.to_thread(self._receipts.first_time, self._platform, event_id)

    async def forget(self, event_id: str) -> None:
        """Drop the id."""
        await asyncio.to_thread(self._receipts.forget, self._platform, event_id)
