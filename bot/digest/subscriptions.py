"""Digest subscriptions and the links shared in subscribed channels, as stored rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Engine, Row, case, delete, exists, func, insert, select, update

from bot.digest.items import link_key
from bot.digest.model import SubscriptionKind, SubscriptionState, Target
from bot.digest.schedule import Schedule, parse_schedule
from bot.store.schema import digest_folds, digest_runs, digest_shared_links, digest_subscriptions

MAX_SUBSCRIPTIONS_PER_CHANNEL = 20
UNFINISHED = ("claimed", "built")


def in_flight(subscription_id: ColumnElement[int]) -> ColumnElement[bool]:
    """Whether the subscription has a run that is claimed or built but not finished."""
    r = digest_runs.c
    return exists().where(r.subscription_id == subscription_id, r.state.in_(UNFINISHED))


NowRequest = Literal["queued", "pending", "running", "missing"]
"""The answer to /digest now: queued now, already queued, a run in flight, or no such active digest."""


@dataclass(frozen=True)
class SubscriptionSpec:
    """What a channel asked for: a feed (or the channel's shared links) on a schedule."""

    kind: SubscriptionKind
    feed_url: str | None
    schedule: Schedule
    zone: ZoneInfo
    max_items: int = 5
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subscription:
    """A stored subscription, with its state and run bookkeeping (times in UTC)."""

    id: int
    target: Target
    kind: SubscriptionKind
    feed_url: str | None
    schedule: Schedule
    zone: ZoneInfo
    max_items: int
    keywords: tuple[str, ...]
    created_by: str
    created_at: datetime
    state: SubscriptionState
    state_reason: str | None
    failures: int
    covered_until: datetime
    last_run_at: datetime | None
    next_run_at: datetime
    requested_by: str | None = None
    last_error: str | None = None
    folded: int = 0
    """Items of this subscription folded into stories already posted ("also reported by")."""


def subscription_from_row(row: Row[tuple[object, ...]]) -> Subscription:
    """A Subscription from a `digest_subscriptions` row."""
    m = row._mapping
    return Subscription(
        id=m["id"],
        target=Target(m["platform"], m["workspace"], m["channel"]),
        kind=m["kind"],
        feed_url=m["feed_url"],
        schedule=parse_schedule(m["schedule"].split()),
        zone=ZoneInfo(m["tz"]),
        max_items=m["max_items"],
        keywords=tuple(m["keywords"].split()),
        created_by=m["created_by"],
        created_at=m["created_at"],
        state=m["state"],
        state_reason=m["state_reason"],
        failures=m["failures"],
        covered_until=m["covered_until"],
        last_run_at=m["last_run_at"],
        next_run_at=m["next_run_at"],
        requested_by=m["requested_by"],
        last_error=m["last_error"],
        folded=int(m["folded"] or 0) if "folded" in m else 0,
    )


def _where_target(target: Target) -> tuple[ColumnElement[bool], ...]:
    c = digest_subscriptions.c
    return (c.platform == target.platform, c.workspace == target.workspace, c.channel == target.channel)


class SubscriptionStore:
    """Creates, lists, changes and removes subscriptions; records shared links."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, target: Target, spec: SubscriptionSpec, by_user: str, now: datetime) -> Subscription:
        """Store a new active subscription whose first digest covers only the period before it."""
        next_run = spec.schedule.next_after(now, spec.zone)
        covered = now if spec.kind == "shared" else spec.schedule.previous(next_run, spec.zone)
        values = {
            "platform": target.platform,
            "workspace": target.workspace,
            "channel": target.channel,
            "kind": spec.kind,
            "feed_url": spec.feed_url,
            "schedule": spec.schedule.spec,
            "tz": spec.zone.key,
            "max_items": spec.max_items,
            "keywords": " ".join(spec.keywords),
            "created_by": by_user,
            "created_at": now,
            "state": "active",
            "state_reason": None,
            "failures": 0,
            "covered_until": covered,
            "last_run_at": None,
            "next_run_at": next_run,
        }
        with self._engine.begin() as connection:
            new_id = connection.execute(
                insert(digest_subscriptions).values(**values).returning(digest_subscriptions.c.id)
            ).scalar_one()
        found = self.get(new_id)
        assert found is not None
        return found

    def get(self, subscription_id: int) -> Subscription | None:
        """The subscription with this id, if any."""
        query = select(digest_subscriptions).where(digest_subscriptions.c.id == subscription_id)
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return subscription_from_row(row) if row else None

    def in_channel(self, target: Target) -> list[Subscription]:
        """The channel's subscriptions, oldest first, with how many items each had folded."""
        c, f = digest_subscriptions.c, digest_folds.c
        folded = select(func.count()).where(f.subscription_id == c.id).scalar_subquery().label("folded")
        query = select(digest_subscriptions, folded).where(*_where_target(target)).order_by(c.id)
        with self._engine.connect() as connection:
            return [subscription_from_row(row) for row in connection.execute(query)]

    def remove(self, target: Target, subscription_id: int) -> bool:
        """Delete a subscription of this channel (and its runs; for a shared-links digest, the
        links recorded for it); False if there is none."""
        c, links = digest_subscriptions.c, digest_shared_links.c
        with self._engine.begin() as connection:
            kind = connection.execute(
                select(c.kind).where(c.id == subscription_id, *_where_target(target))
            ).scalar_one_or_none()
            if kind is None:
                return False
            if kind == "shared":
                connection.execute(
                    delete(digest_shared_links).where(
                        links.platform == target.platform,
                        links.workspace == target.workspace,
                        links.channel == target.channel,
                    )
                )
            connection.execute(delete(digest_runs).where(digest_runs.c.subscription_id == subscription_id))
            connection.execute(delete(digest_subscriptions).where(c.id == subscription_id))
        return True

    def request_now(self, target: Target, subscription_id: int, user: str, now: datetime) -> NowRequest:
        """Make an active subscription of this channel due at once, unless a run of it is already
        queued (by an earlier /digest now) or in flight, which the answer says."""
        c = digest_subscriptions.c
        running = in_flight(c.id)
        ours = (c.id == subscription_id, c.state == "active", *_where_target(target))
        with self._engine.begin() as connection:
            queued = connection.execute(
                update(digest_subscriptions)
                .where(*ours, c.requested_by.is_(None), ~running)
                .values(
                    requested_by=user[:64] or "?",
                    next_run_at=case((c.next_run_at < now, c.next_run_at), else_=now),
                )
            ).rowcount
            if queued:
                return "queued"
            row = connection.execute(select(c.requested_by, running.label("running")).where(*ours)).first()
        if row is None:
            return "missing"
        return "running" if row.running else "pending"

    def resume(self, target: Target, subscription_id: int, now: datetime) -> Subscription | None:
        """Reactivate a paused or disabled subscription of this channel from its next run on."""
        found = self.get(subscription_id)
        if found is None or found.target != target:
            return None
        with self._engine.begin() as connection:
            connection.execute(
                update(digest_subscriptions)
                .where(digest_subscriptions.c.id == subscription_id)
                .values(
                    state="active",
                    state_reason=None,
                    failures=0,
                    next_run_at=found.schedule.next_after(now, found.zone),
                )
            )
        return self.get(subscription_id)

    def record_shared_link(self, target: Target, url: str, user: str, when: datetime) -> bool:
        """Remember a link posted in a channel that has an active shared-links digest."""
        key = link_key(url)
        if key is None or not self._has_active_shared(target):
            return False
        with self._engine.begin() as connection:
            connection.execute(
                insert(digest_shared_links).values(
                    platform=target.platform,
                    workspace=target.workspace,
                    channel=target.channel,
                    url=url,
                    item_key=key,
                    shared_by=user,
                    shared_at=when,
                )
            )
        return True

    def _has_active_shared(self, target: Target) -> bool:
        c = digest_subscriptions.c
        query = select(c.id).where(*_where_target(target), c.kind == "shared", c.state == "active")
        with self._engine.connect() as connection:
            return connection.execute(query.limit(1)).first() is not None
