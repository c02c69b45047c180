"""The stories a channel's digests posted and the items folded into them, in the database.

Everything here runs inside `RunStore.save_built`'s transaction, after `lock_channel`: the runs
of one channel store their digests one at a time, so a run always sees the stories of every run
of its channel stored before it, and two versions of one story built at the same moment are
posted once (the second run folds its version into the first run's story).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, delete, insert, or_, select, text

from bot.compare import fingerprint_from_dict, fingerprint_to_dict
from bot.digest.built import Built, BuiltItem
from bot.digest.folding import FOLD_WINDOW, FoldPlan, StoredStory, plan_folds
from bot.digest.model import Digest, Target
from bot.store.schema import digest_folds, digest_stories

log = logging.getLogger(__name__)
_LOCK_SPACE = 0x666F6C64  # "fold": the channel locks, apart from the migrations' lock


def _where_channel(target: Target) -> tuple[ColumnElement[bool], ...]:
    s = digest_stories.c
    return (s.platform == target.platform, s.workspace == target.workspace, s.channel == target.channel)


def lock_channel(connection: Connection, target: Target) -> None:
    """Make the other runs of the channel wait to store their digests until this transaction ends.

    PostgreSQL: a transaction-level advisory lock on the channel. SQLite: nothing to do, the
    transaction already holds the database's write lock (its first statement wrote).
    """
    if connection.dialect.name != "postgresql":
        return
    name = f"{target.platform}\n{target.workspace}\n{target.channel}".encode()
    key = int.from_bytes(hashlib.sha256(name).digest()[:4], "big", signed=True)
    connection.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": _LOCK_SPACE, "key": key})


def forget_stories(connection: Connection, target: Target, before: datetime) -> None:
    """Delete the channel's stories posted before `before` (past the fold window)."""
    connection.execute(
        delete(digest_stories).where(*_where_channel(target), digest_stories.c.posted_at < before)
    )


def recent_stories(
    connection: Connection, target: Target, subscription_id: int, since: datetime
) -> list[StoredStory]:
    """The stories the channel's other digests posted since `since`, oldest first (a fingerprint of
    another schema is skipped: it cannot be compared)."""
    s = digest_stories.c
    query = (
        select(s.id, s.title, s.url, s.posted_at, s.fingerprint_json)
        .where(
            *_where_channel(target),
            s.posted_at >= since,
            or_(s.subscription_id.is_(None), s.subscription_id != subscription_id),
        )
        .order_by(s.posted_at, s.id)
    )
    found = []
    for story_id, title, url, posted_at, raw in connection.execute(query).all():
        try:
            fingerprint = fingerprint_from_dict(json.loads(raw))
        except ValueError as error:
            log.info("story %s is not comparable: %s", story_id, error)
            continue
        found.append(StoredStory(story_id, title, url, posted_at, fingerprint))
    return found


def record_stories(
    connection: Connection,
    target: Target,
    run_id: int,
    subscription_id: int,
    entries: Sequence[tuple[int, BuiltItem]],
    now: datetime,
) -> dict[int, int]:
    """Store the fingerprints of the entries this run posts; returns position → story id."""
    ids: dict[int, int] = {}
    for position, built in entries:
        if built.story is None:
            continue
        ids[position] = connection.execute(
            insert(digest_stories)
            .values(
                platform=target.platform,
                workspace=target.workspace,
                channel=target.channel,
                run_id=run_id,
                subscription_id=subscription_id,
                title=built.item.title,
                url=built.item.url,
                outlet=built.outlet,
                fingerprint_json=json.dumps(fingerprint_to_dict(built.story.without_claims())),
                posted_at=now,
            )
            .returning(digest_stories.c.id)
        ).scalar_one()
    return ids


def record_folds(
    connection: Connection,
    run_id: int,
    subscription_id: int,
    items: Sequence[BuiltItem],
    plan: FoldPlan,
    story_ids: Mapping[int, int],
    now: datetime,
) -> None:
    """Store each fold of `plan`: the folded item, and the story it joined."""
    rows = []
    for fold in plan.folds:
        built = items[fold.position]
        also = built.also()
        rows.append(
            {
                "subscription_id": subscription_id,
                "run_id": run_id,
                "story_id": fold.story if fold.story is not None else story_ids.get(fold.into or -1),
                "item_key": built.keys[0] if built.keys else "",
                "outlet": also.outlet,
                "title": also.title,
                "url": also.url,
                "badge": also.badge,
                "score": fold.score,
                "folded_at": now,
            }
        )
    if rows:
        connection.execute(insert(digest_folds), rows)


def release_stories(connection: Connection, run_id: int) -> None:
    """Forget the stories and folds of a run whose items are given back."""
    connection.execute(delete(digest_folds).where(digest_folds.c.run_id == run_id))
    connection.execute(delete(digest_stories).where(digest_stories.c.run_id == run_id))


def fold_and_record(
    connection: Connection,
    target: Target,
    run_id: int,
    subscription_id: int,
    built: Built,
    kept: Collection[int],
    now: datetime,
) -> Digest:
    """The digest of the run's kept entries with their stories folded, the entries' stories and the
    folds stored (see `bot.digest.folding`); the channel must be locked (`lock_channel`)."""
    forget_stories(connection, target, now - FOLD_WINDOW)
    candidates = built.fold_candidates(kept)
    earlier = recent_stories(connection, target, subscription_id, now - FOLD_WINDOW) if candidates else []
    plan = plan_folds(candidates, earlier)
    folded = plan.folded()
    entries = [(c.position, built.items[c.position]) for c in candidates if c.position not in folded]
    story_ids = record_stories(connection, target, run_id, subscription_id, entries, now)
    record_folds(connection, run_id, subscription_id, built.items, plan, story_ids, now)
    return built.digest(kept, plan, {story.id: story for story in earlier})
