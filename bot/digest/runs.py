"""Digest runs in the database: claimed atomically, built, posted or failed, exactly once.

A due subscription is claimed by moving its `next_run_at` forward with a conditional UPDATE
(after SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL) in the same transaction that inserts
its run row, so only one instance wins. The built digest and its items (recorded as posted)
are stored in one transaction; a run whose instance died is taken over when its lease ends
and re-posts the stored digest with the same idempotency key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, select, true, update

from bot.digest.sql import insert_ignore
from bot.digest.subscriptions import Subscription, subscription_from_row
from bot.store.schema import digest_posted_items, digest_runs, digest_subscriptions

UNFINISHED = ("claimed", "built")
MAX_FAILURES = 5
"""Consecutive failures (feed or transient post errors) after which a subscription is paused."""


@dataclass(frozen=True)
class Run:
    """A claimed run: its subscription, the period it covers and, once built, the stored digest."""

    id: int
    subscription: Subscription
    due_at: datetime
    window_start: datetime
    idempotency_key: str
    attempts: int
    digest_json: str | None


def idempotency_key(subscription_id: int, due_at: datetime) -> str:
    """The key a poster uses to avoid posting the same run twice."""
    return f"newsbot-digest-{subscription_id}-{due_at:%Y%m%dT%H%M%SZ}"


class RunStore:
    """Claims due runs and records what happened to them, for one scheduler instance."""

    def __init__(
        self, engine: Engine, instance: str, lease: timedelta, platforms: frozenset[str] | None = None
    ) -> None:
        self._engine = engine
        self._instance = instance
        self._lease = lease
        self._platforms = platforms

    def _mine(self) -> ColumnElement[bool]:
        """The subscriptions this instance serves: those of its platforms (all when unset)."""
        if self._platforms is None:
            return true()
        return digest_subscriptions.c.platform.in_(sorted(self._platforms))

    def due_ids(self, now: datetime, limit: int = 100) -> list[int]:
        """Active subscriptions whose next run is due and that have no run in flight."""
        s, r = digest_subscriptions.c, digest_runs.c
        in_flight = select(r.id).where(r.subscription_id == s.id, r.state.in_(UNFINISHED)).exists()
        query = (
            select(s.id)
            .where(s.state == "active", s.next_run_at <= now, ~in_flight, self._mine())
            .order_by(s.next_run_at)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def claim(self, subscription_id: int, now: datetime) -> Run | None:
        """Claim the subscription's due run for this instance, or None if another one has it."""
        s = digest_subscriptions.c
        with self._engine.begin() as connection:
            row = connection.execute(
                select(digest_subscriptions)
                .where(s.id == subscription_id, s.state == "active", s.next_run_at <= now)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            sub = subscription_from_row(row)
            due_at = max(sub.schedule.latest_at_or_before(now, sub.zone), sub.next_run_at)
            moved = connection.execute(
                update(digest_subscriptions)
                .where(s.id == sub.id, s.state == "active", s.next_run_at == sub.next_run_at)
                .values(next_run_at=sub.schedule.next_after(now, sub.zone))
            ).rowcount
            if moved != 1:
                return None
            key = idempotency_key(sub.id, due_at)
            run_id = connection.execute(
                insert(digest_runs)
                .values(
                    subscription_id=sub.id,
                    due_at=due_at,
                    window_start=sub.covered_until,
                    state="claimed",
                    idempotency_key=key,
                    claimed_by=self._instance,
                    lease_until=now + self._lease,
                    attempts=1,
                )
                .returning(digest_runs.c.id)
            ).scalar_one()
        return Run(run_id, sub, due_at, sub.covered_until, key, 1, None)

    def take_over_stale(self, now: datetime) -> list[Run]:
        """Claim unfinished runs whose lease ran out (their instance died or gave up for now)."""
        r = digest_runs.c
        query = (
            select(r.id, r.claimed_by, r.lease_until)
            .join(digest_subscriptions, digest_subscriptions.c.id == r.subscription_id)
            .where(r.state.in_(UNFINISHED), r.lease_until < now, self._mine())
        )
        with self._engine.connect() as connection:
            stale = connection.execute(query).all()
        taken: list[Run] = []
        for run_id, owner, lease_until in stale:
            with self._engine.begin() as connection:
                won = connection.execute(
                    update(digest_runs)
                    .where(r.id == run_id, r.claimed_by == owner, r.lease_until == lease_until)
                    .where(r.state.in_(UNFINISHED))
                    .values(
                        claimed_by=self._instance,
                        lease_until=now + self._lease,
                        attempts=r.attempts + 1,
                    )
                ).rowcount
                run = self._load(connection, run_id) if won == 1 else None
            if run is not None:
                taken.append(run)
        return taken

    def save_built(
        self, run: Run, digest_json: str, item_keys: Sequence[str], window_end: datetime, now: datetime
    ) -> bool:
        """Store the built digest and record its items as posted in the channel, atomically.

        False (nothing stored) when this instance no longer holds the run.
        """
        target = run.subscription.target
        with self._engine.begin() as connection:
            if not self._update_mine(
                connection, run, state="built", digest_json=digest_json, window_end=window_end
            ):
                return False
            rows = [
                {
                    "platform": target.platform,
                    "workspace": target.workspace,
                    "channel": target.channel,
                    "item_key": key,
                    "run_id": run.id,
                    "posted_at": now,
                }
                for key in dict.fromkeys(item_keys)
            ]
            insert_ignore(
                connection, digest_posted_items, rows, ["platform", "workspace", "channel", "item_key"]
            )
        return True

    def finish(self, run: Run, state: str, now: datetime) -> bool:
        """Mark a built run posted (or `empty`): the subscription's covered period moves on."""
        with self._engine.begin() as connection:
            window_end = connection.execute(
                select(digest_runs.c.window_end).where(digest_runs.c.id == run.id)
            ).scalar_one_or_none()
            if not self._update_mine(connection, run, state=state, finished_at=now):
                return False
            connection.execute(
                update(digest_subscriptions)
                .where(digest_subscriptions.c.id == run.subscription.id)
                .values(covered_until=window_end or run.due_at, last_run_at=now, failures=0)
            )
        return True

    def fail(
        self, run: Run, error: str, now: datetime, *, state_change: tuple[str, str] | None = None
    ) -> int:
        """Mark the run failed, release its items and count a failure; returns the failure count.

        `state_change` (state, reason) pauses or disables the subscription. After MAX_FAILURES
        consecutive failures the subscription is paused with `error` as the reason.
        """
        s = digest_subscriptions.c
        with self._engine.begin() as connection:
            if not self._update_mine(connection, run, state="failed", error=error[:2000], finished_at=now):
                return 0
            connection.execute(delete(digest_posted_items).where(digest_posted_items.c.run_id == run.id))
            failures = connection.execute(
                update(digest_subscriptions)
                .where(s.id == run.subscription.id)
                .values(failures=s.failures + 1)
                .returning(s.failures)
            ).scalar_one()
            if state_change is None and failures >= MAX_FAILURES:
                state_change = ("paused", f"failed {failures} times in a row; last error: {error}")
            if state_change is not None:
                connection.execute(
                    update(digest_subscriptions)
                    .where(s.id == run.subscription.id)
                    .values(state=state_change[0], state_reason=state_change[1][:500])
                )
        return int(failures)

    def postpone(self, run: Run, error: str, until: datetime) -> bool:
        """Keep a built run for a later retry (after a transient post error) from `until` on."""
        with self._engine.begin() as connection:
            return self._update_mine(connection, run, lease_until=until, error=error[:2000])

    def _update_mine(self, connection: Connection, run: Run, **values: object) -> bool:
        r = digest_runs.c
        changed = connection.execute(
            update(digest_runs)
            .where(r.id == run.id, r.claimed_by == self._instance, r.state.in_(UNFINISHED))
            .values(**values)
        ).rowcount
        return changed == 1

    def _load(self, connection: Connection, run_id: int) -> Run | None:
        run_row = connection.execute(select(digest_runs).where(digest_runs.c.id == run_id)).first()
        if run_row is None:
            return None
        m = run_row._mapping
        sub_row = connection.execute(
            select(digest_subscriptions).where(digest_subscriptions.c.id == m["subscription_id"])
        ).one()
        return Run(
            id=run_id,
            subscription=subscription_from_row(sub_row),
            due_at=m["due_at"],
            window_start=m["window_start"],
            idempotency_key=m["idempotency_key"],
            attempts=m["attempts"],
            digest_json=m["digest_json"],
        )
