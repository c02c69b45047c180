"""Remembering recently seen Slack event ids, so a redelivered event is handled once."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


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

    def _oldest(self) -> float:
        return next(iter(self._seen.values()))
