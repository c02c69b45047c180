"""A small in-memory cache of values that expire after a while and are bounded in number."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")

Clock = Callable[[], float]


class TTLCache(Generic[V]):
    """Values kept for `ttl` seconds, at most `max_entries` of them (least recently used go first)."""

    def __init__(self, *, ttl: float, max_entries: int, clock: Clock = time.monotonic) -> None:
        if ttl <= 0 or max_entries <= 0:
            raise ValueError("ttl and max_entries must be positive")
        self._ttl = ttl
        self._max = max_entries
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, V]] = OrderedDict()

    def get(self, key: str) -> V | None:
        """The value stored under `key`, or None if absent or expired."""
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if self._clock() >= expires:
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return value

    def put(self, key: str, value: V) -> None:
        """Store `value` under `key`, evicting expired then least recently used entries."""
        now = self._clock()
        self._items[key] = (now + self._ttl, value)
        self._items.move_to_end(key)
        if len(self._items) > self._max:
            for stale in [k for k, (expires, _) in self._items.items() if expires <= now]:
                del self._items[stale]
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
