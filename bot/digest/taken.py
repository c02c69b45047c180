"""Recording what a run takes from its channel's news, atomically with storing the run's digest.

An item (by any of its keys) is posted at most once per channel: the first run to record a key
in `digest_posted_items` has it, and a run that finds a key already there drops the entry from
its own digest, in the same transaction, before anything is posted. Keys are inserted in sorted
order, so two runs recording overlapping keys on PostgreSQL wait for each other instead of
deadlocking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, update

from bot.digest.built import Keys
from bot.digest.model import Target
from bot.digest.sql import insert_ignore
from bot.digest.stories import release_stories
from bot.store.schema import digest_posted_items, digest_shared_links


def take_entries(
    connection: Connection, target: Target, run_id: int, entries: Sequence[Keys], now: datetime
) -> list[int]:
    """Record the entries' keys as posted in `target` by run `run_id`; returns the positions of the
    entries this run has (none of their keys was recorded before). The others' keys are not kept."""
    p = digest_posted_items.c
    new: set[str] = set()
    for key in sorted({key for keys in entries for key in keys}):
        row = {
            "platform": target.platform,
            "workspace": target.workspace,
            "channel": target.channel,
            "item_key": key,
            "run_id": run_id,
            "posted_at": now,
        }
        if insert_ignore(connection, digest_posted_items, [row], ["platform", "workspace", "channel", "item_key"]):
            new.add(key)
    kept = [n for n, keys in enumerate(entries) if all(key in new for key in keys)]
    kept_keys = {key for n in kept for key in entries[n]}
    orphans = sorted(new - kept_keys)
    if orphans:
        connection.execute(
            delete(digest_posted_items).where(
                p.platform == target.platform,
                p.workspace == target.workspace,
                p.channel == target.channel,
                p.item_key.in_(orphans),
                p.run_id == run_id,
            )
        )
    return kept


def take_shared_rows(connection: Connection, run_id: int, rows: Sequence[int]) -> None:
    """Mark shared-link rows as taken by run `run_id` (rows another run took stay with it)."""
    if rows:
        s = digest_shared_links.c
        connection.execute(
            update(digest_shared_links).where(s.id.in_(list(rows)), s.run_id.is_(None)).values(run_id=run_id)
        )


def release(connection: Connection, run_id: int) -> None:
    """Give back everything run `run_id` took: its items may be posted again, its links are pending
    again, its stories and folds are forgotten."""
    release_stories(connection, run_id)
    connection.execute(delete(digest_posted_items).where(digest_posted_items.c.run_id == run_id))
    s = digest_shared_links.c
    connection.execute(update(digest_shared_links).where(s.run_id == run_id).values(run_id=None))
