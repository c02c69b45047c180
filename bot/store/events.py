"""Event ids the chat adapters have taken in, shared by every instance using the database.

A platform that redelivers an event (Slack, after a timeout or a refused connection) sends the
same event id again, possibly to another instance behind the load balancer. The first instance to
record an id handles the event; every later delivery of it is acknowledged and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete

from bot.store.schema import event_receipts
from bot.store.sql import insert_ignore

KEEP = timedelta(hours=2)
"""How long an id is remembered (Slack stops redelivering after about half an hour)."""


class EventReceipts:
    """Records event ids per platform; forgets them after `keep`."""

    def __init__(
        self, engine: Engine, *, keep: timedelta = KEEP, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._engine = engine
        self._keep = keep
        self._clock = clock or (lambda: datetime.now(UTC))
        self._last_purge: datetime | None = None

    def first_time(self, platform: str, event_id: str) -> bool:
        """Record the id; True when no instance recorded it before (the caller handles the event)."""
        now = self._clock()
        row = {"platform": platform, "event_id": event_id[:128], "received_at": now}
        with self._engine.begin() as connection:
            new = insert_ignore(connection, event_receipts, [row], ["platform", "event_id"]) == 1
            if self._last_purge is None or now - self._last_purge > self._keep / 4:
                connection.execute(delete(event_receipts).where(event_receipts.c.received_at < now - self._keep))
                self._last_purge = now
        return new

    def forget(self, platform: str, event_id: str) -> None:
        """Drop the id again (its handling failed before it was acknowledged, so a redelivery may retry)."""
        e = event_receipts.c
        with self._engine.begin() as connection:
            connection.execute(delete(event_receipts).where(e.platform == platform, e.event_id == event_id[:128]))
