"""Digest runs in the database: claimed atomically, built, posted or failed, exactly once.

A due subscription without a run in flight is claimed by moving its `next_run_at` forward with a
conditional UPDATE (after SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL) in the same
transaction that inserts its run row, so only one instance wins and a subscription never has two
runs in flight. Each run's idempotency key contains the run's own id, so no two runs share one.

The built digest is stored in one transaction with what it takes from the channel (see
`bot.digest.taken`) and the stories it posts or folds (see `bot.digest.stories`), one run of a
channel at a time. The instance working on a run renews its lease (`renew`); a run whose lease
ran out (its instance died, or a retry is due) is taken over by whichever instance finds it and
posted again from the stored digest with the same idempotency key.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    case,
    func,
    insert,
    select,
    true,
    update,
)

from bot.digest.built import Built
from bot.digest.model import Digest, Target
from bot.digest.retry import backoff
from bot.digest.serialize import digest_to_json
from bot.digest.stories import fold_and_record, lock_channel
from bot.digest.subscriptions import UNFINISHED, Subscription, in_flight, subscription_from_row
from bot.digest.taken import release, take_entries, take_shared_rows
from bot.store.schema import digest_runs, digest_subscriptions

MAX_FAILURES = 5
"""Consecutive failures (feed or transient post errors) after which a subscription is paused."""
KEY_PREFIX = "newsbot-digest"
FAILURE_RETRY = timedelta(minutes=10)
"""A failed subscription is tried again after this, doubled after each further failure (but never
later than its next scheduled run)."""


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
    requested_by: str | None = None


@dataclass(frozen=True)
class Failure:
    """A failure recorded against a subscription: how many in a row, and whether it is now paused."""

    subscription_id: int
    target: Target | None
    what: str
    failures: int
    paused: bool


def idempotency_key(subscription_id: int, run_id: int) -> str:
    """The key a poster uses to avoid posting the same run twice (unique: it holds the run's id)."""
    return f"{KEY_PREFIX}-{subscription_id}-{run_id}"


class RunStore:
    """Claims due runs and records what happened to them, for one scheduler instance."""

    def __init__(
        self,
        engine: Engine,
        instance: str,
        lease: timedelta,
        platforms: frozenset[str] | None = None,
        *,
        failure_retry: timedelta = FAILURE_RETRY,
    ) -> None:
        self._engine = engine
        self._instance = instance
        self._lease = lease
        self._platforms = platforms
        self._failure_retry = failure_retry

    @property
    def instance(self) -> str:
        """The name this instance claims runs under."""
        return self._instance

    def _mine(self) -> ColumnElement[bool]:
        """The subscriptions this instance serves: those of its platforms (all when unset)."""
        if self._platforms is None:
            return true()
        return digest_subscriptions.c.platform.in_(sorted(self._platforms))

    def due_ids(self, now: datetime, limit: int = 100) -> list[int]:
        """Active subscriptions whose next run is due and that have no run in flight."""
        s = digest_subscriptions.c
        query = (
            select(s.id)
            .where(s.state == "active", s.next_run_at <= now, ~in_flight(s.id), self._mine())
            .order_by(s.next_run_at)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def next_event(self, now: datetime) -> datetime | None:
        """The next instant after `now` at which this instance has something to do: a subscription
        falls due, or a lease (a crashed instance's, or a postponed retry) runs out."""
        s, r = digest_subscriptions.c, digest_runs.c
        due = select(func.min(s.next_run_at)).where(s.state == "active", s.next_run_at > now, self._mine())
        lease = (
            select(func.min(r.lease_until))
            .join(digest_subscriptions, s.id == r.subscription_id)
            .where(r.state.in_(UNFINISHED), r.lease_until >= now, self._mine())
        )
        with self._engine.connect() as connection:
            instants = [connection.execute(due).scalar_one_or_none(), connection.execute(lease).scalar_one_or_none()]
        found = [instant for instant in instants if instant is not None]
        return min(found) if found else None

    def claim(self, subscription_id: int, now: datetime) -> Run | None:
        """Claim the subscription's due run for this instance, or None if another one has it."""
        s, r = digest_subscriptions.c, digest_runs.c
        with self._engine.begin() as connection:
            row = connection.execute(
                select(digest_subscriptions)
                .where(s.id == subscription_id, s.state == "active", s.next_run_at <= now, ~in_flight(s.id))
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            sub = subscription_from_row(row)
            due_at = max(sub.schedule.latest_at_or_before(now, sub.zone), sub.next_run_at)
            latest = connection.execute(
                select(func.max(r.due_at)).where(r.subscription_id == sub.id)
            ).scalar_one_or_none()
            if latest is not None and due_at <= latest:
                due_at = latest + timedelta(microseconds=1)  # a second /digest now in the same instant
            moved = connection.execute(
                update(digest_subscriptions)
                .where(s.id == sub.id, s.state == "active", s.next_run_at == sub.next_run_at)
                .values(next_run_at=sub.schedule.next_after(now, sub.zone), requested_by=None)
            ).rowcount
            if moved != 1:
                return None
            run_id = connection.execute(
                insert(digest_runs)
                .values(
                    subscription_id=sub.id,
                    due_at=due_at,
                    window_start=sub.covered_until,
                    state="claimed",
                    idempotency_key=f"{KEY_PREFIX}-claiming-{uuid.uuid4().hex}",  # replaced below
                    claimed_by=self._instance,
                    lease_until=now + self._lease,
                    attempts=1,
                    requested_by=sub.requested_by,
                )
                .returning(r.id)
            ).scalar_one()
            key = idempotency_key(sub.id, run_id)
            connection.execute(update(digest_runs).where(r.id == run_id).values(idempotency_key=key))
        return Run(run_id, sub, due_at, sub.covered_until, key, 1, None, sub.requested_by)

    def stale_ids(self, now: datetime) -> list[tuple[int, int]]:
        """(run id, subscription id) of unfinished runs whose lease ran out."""
        r = digest_runs.c
        query = (
            select(r.id, r.subscription_id)
            .join(digest_subscriptions, digest_subscriptions.c.id == r.subscription_id)
            .where(r.state.in_(UNFINISHED), r.lease_until < now, self._mine())
            .order_by(r.lease_until)
        )
        with self._engine.connect() as connection:
            return [(run_id, sub_id) for run_id, sub_id in connection.execute(query).all()]

    def take_over(self, run_id: int, now: datetime) -> Run | None:
        """Claim one unfinished run whose lease ran out; None when another instance got it first
        (or its owner renewed the lease meanwhile)."""
        r = digest_runs.c
        with self._engine.begin() as connection:
            won = connection.execute(
                update(digest_runs)
                .where(r.id == run_id, r.state.in_(UNFINISHED), r.lease_until < now)
                .values(claimed_by=self._instance, lease_until=now + self._lease, attempts=r.attempts + 1)
            ).rowcount
        if won != 1:
            return None
        with self._engine.connect() as connection:
            return self._load(connection, run_id)

    def renew(self, run: Run, now: datetime) -> bool:
        """Extend this instance's lease on the run (never shortening it); False when the run is no
        longer this instance's (taken over or finished)."""
        r = digest_runs.c
        mine = (r.id == run.id, r.claimed_by == self._instance, r.state.in_(UNFINISHED))
        until = now + self._lease
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(digest_runs).where(*mine, r.lease_until < until).values(lease_until=until)
            ).rowcount
            if changed:
                return True
            return connection.execute(select(r.id).where(*mine)).first() is not None

    def holds(self, run: Run) -> bool:
        """Whether this instance still holds the unfinished run."""
        r = digest_runs.c
        query = select(r.id).where(r.id == run.id, r.claimed_by == self._instance, r.state.in_(UNFINISHED))
        with self._engine.connect() as connection:
            return connection.execute(query).first() is not None

    def save_built(self, run: Run, built: Built, now: datetime) -> Digest | None:
        """Store the built digest with what it takes from the channel, atomically; returns the digest
        to post (entries another run of the channel took first are left out; versions of a story
        already posted or in this digest are folded, see `bot.digest.stories`), or None (nothing
        stored) when this instance no longer holds the run."""
        target, subscription_id = run.subscription.target, run.subscription.id
        with self._engine.begin() as connection:
            if not self._update_mine(connection, run, state="built", window_end=built.window_end):
                return None
            lock_channel(connection, target)
            kept = take_entries(connection, target, run.id, built.entries(), now)
            take_shared_rows(connection, run.id, built.shared_rows)
            digest = fold_and_record(connection, target, run.id, subscription_id, built, kept, now)
            self._update_mine(connection, run, digest_json=digest_to_json(digest))
        return digest

    def finish(self, run: Run, state: str, now: datetime, *, problem: str | None = None) -> bool:
        """Mark a built run posted (or `empty`, `refused`): the subscription's covered period moves on.

        `problem` (e.g. messages the platform refused) is shown in /digest list until the next run.
        """
        with self._engine.begin() as connection:
            window_end = connection.execute(
                select(digest_runs.c.window_end).where(digest_runs.c.id == run.id)
            ).scalar_one_or_none()
            values: dict[str, object] = {"state": state, "finished_at": now}
            if problem is not None:
                values["error"] = problem[:2000]
            if not self._update_mine(connection, run, **values):
                return False
            connection.execute(
                update(digest_subscriptions)
                .where(digest_subscriptions.c.id == run.subscription.id)
                .values(
                    covered_until=window_end or run.due_at,
                    last_run_at=now,
                    failures=0,
                    last_error=problem[:500] if problem else None,
                )
            )
        return True

    def fail(
        self,
        run: Run,
        error: str,
        now: datetime,
        *,
        state_change: tuple[str, str] | None = None,
        keep_taken: bool = False,
    ) -> int:
        """Mark the run failed, release what it took (unless `keep_taken`) and count a failure on
        its subscription, which is retried after a backoff; returns the failure count.

        `state_change` (state, reason) pauses or disables the subscription. After MAX_FAILURES
        consecutive failures the subscription is paused with `error` as the reason.
        """
        with self._engine.begin() as connection:
            if not self._update_mine(connection, run, state="failed", error=error[:2000], finished_at=now):
                return 0
            if not keep_taken:
                release(connection, run.id)
            return self._count_failure(connection, run.subscription.id, error, now, state_change)

    def fail_claim(self, subscription_id: int, error: str, now: datetime, while_due: bool = True) -> Failure | None:
        """Count a failure to claim (or take over) the subscription's run, with the same backoff and
        pause as a failed run. With `while_due`, only while it is still due: None when another
        instance already recorded this failure (or the subscription is gone)."""
        s = digest_subscriptions.c
        with self._engine.begin() as connection:
            query = select(s.platform, s.workspace, s.channel, s.feed_url).where(s.id == subscription_id)
            if while_due:
                query = query.where(s.next_run_at <= now, s.state == "active").with_for_update()
            row = connection.execute(query).first()
            if row is None:
                return None
            failures = self._count_failure(connection, subscription_id, error, now, None)
        platform, workspace, channel, feed_url = row
        target = Target(platform, workspace, channel)
        return Failure(subscription_id, target, feed_url or "shared links", failures, failures >= MAX_FAILURES)

    def fail_unloadable(self, run_id: int, error: str, now: datetime) -> None:
        """Mark a run failed whose subscription cannot be read (so it does not stay in flight)."""
        r = digest_runs.c
        with self._engine.begin() as connection:
            connection.execute(
                update(digest_runs)
                .where(r.id == run_id, r.claimed_by == self._instance, r.state.in_(UNFINISHED))
                .values(state="failed", error=error[:2000], finished_at=now)
            )
            release(connection, run_id)

    def postpone(self, run: Run, error: str, until: datetime) -> bool:
        """Keep a built run for a later retry (after a transient post error) from `until` on; the
        subscription shows why until the run is posted."""
        with self._engine.begin() as connection:
            if not self._update_mine(connection, run, lease_until=until, error=error[:2000]):
                return False
            problem = f"posting failed (attempt {run.attempts}), retrying at {until:%H:%M} UTC: {error}"
            connection.execute(
                update(digest_subscriptions)
                .where(digest_subscriptions.c.id == run.subscription.id)
                .values(last_error=problem[:500])
            )
        return True

    def _count_failure(
        self,
        connection: Connection,
        subscription_id: int,
        error: str,
        now: datetime,
        state_change: tuple[str, str] | None,
    ) -> int:
        s = digest_subscriptions.c
        failures = int(
            connection.execute(
                update(digest_subscriptions)
                .where(s.id == subscription_id)
                .values(failures=s.failures + 1, last_error=error[:500])
                .returning(s.failures)
            ).scalar_one()
        )
        retry = now + backoff(self._failure_retry, failures)
        connection.execute(
            update(digest_subscriptions)
            .where(s.id == subscription_id)
            .values(  # a failed claim left it due: retry later; else retry before the next slot if sooner
                next_run_at=case((s.next_run_at <= now, retry), (s.next_run_at > retry, retry), else_=s.next_run_at)
            )
        )
        if state_change is None and failures >= MAX_FAILURES:
            state_change = ("paused", f"failed {failures} times in a row; last error: {error}")
        if state_change is not None:
            connection.execute(
                update(digest_subscriptions)
                .where(s.id == subscription_id)
                .values(state=state_change[0], state_reason=state_change[1][:500])
            )
        return failures

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
            requested_by=m["requested_by"],
        )
