"""Feed state (validators for conditional GET) and the entries seen in each feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Engine, and_, exists, or_, select, update

from bot.digest.feeds import ParsedFeed
from bot.digest.model import Target
from bot.digest.sql import insert_ignore
from bot.store.schema import (
    digest_feed_entries,
    digest_feeds,
    digest_posted_items,
    digest_shared_links,
)

FIRST_SEEN_OVERLAP = timedelta(minutes=5)
"""How far a run also looks back, by the time entries were first seen, before the period it covers:
an entry another instance recorded just before the previous run's selection, but committed just
after it, is still found. Entries already posted in the channel are never candidates again."""


@dataclass(frozen=True)
class FeedState:
    """What the last fetch of a feed left behind."""

    title: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime | None


@dataclass(frozen=True)
class Candidate:
    """An item that may go into a digest: not yet posted in the channel and inside the window."""

    key: str
    link_key: str | None
    title: str | None
    link: str | None
    summary: str
    when: datetime
    source: str


@dataclass(frozen=True)
class PendingLinks:
    """The links shared in a channel that no run has taken yet: the candidates among them (never
    posted there; the latest share of a link wins) and every pending row, candidates or not."""

    candidates: tuple[Candidate, ...]
    rows: tuple[int, ...]


def _not_posted(target: Target, *keys: ColumnElement[str]) -> ColumnElement[bool]:
    p = digest_posted_items.c
    return ~exists().where(
        p.platform == target.platform,
        p.workspace == target.workspace,
        p.channel == target.channel,
        or_(*(p.item_key == key for key in keys)),
    )


class FeedStore:
    """Remembers each feed's validators and entries; finds the candidates for a digest."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def state(self, url: str) -> FeedState:
        """The feed's validators and last fetch time (all None for a feed never fetched)."""
        query = select(digest_feeds).where(digest_feeds.c.url == url)
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return FeedState(None, None, None, None)
        m = row._mapping
        return FeedState(m["title"], m["etag"], m["last_modified"], m["fetched_at"])

    def record_fetch(
        self,
        url: str,
        parsed: ParsedFeed | None,
        etag: str | None,
        last_modified: str | None,
        now: datetime,
    ) -> int:
        """Store a fetch: validators and (unless 304) the entries not seen before; returns the new count."""
        with self._engine.begin() as connection:
            insert_ignore(connection, digest_feeds, [{"url": url}], ["url"])
            values: dict[str, object] = {"fetched_at": now, "etag": etag, "last_modified": last_modified}
            if parsed is not None:
                values["title"] = parsed.title
            connection.execute(update(digest_feeds).where(digest_feeds.c.url == url).values(**values))
            if parsed is None:
                return 0
            rows = [
                {
                    "feed_url": url,
                    "item_key": entry.key,
                    "link_key": entry.link_key,
                    "title": entry.title,
                    "link": entry.link,
                    "summary": entry.summary,
                    "published": entry.published,
                    "first_seen": now,
                }
                for entry in parsed.entries
            ]
            return insert_ignore(connection, digest_feed_entries, rows, ["feed_url", "item_key"])

    def feed_candidates(
        self, url: str, target: Target, since: datetime, created_at: datetime
    ) -> list[Candidate]:
        """Entries of `url` published after `since`, or first seen after both `since` and
        `created_at` (new to the feed, whatever their date), never posted in `target`."""
        e = digest_feed_entries.c
        query = select(digest_feed_entries).where(
            e.feed_url == url,
            or_(e.published > since, and_(e.first_seen > since - FIRST_SEEN_OVERLAP, e.first_seen > created_at)),
            _not_posted(target, e.item_key),
            or_(e.link_key.is_(None), _not_posted(target, e.link_key)),
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            Candidate(
                key=m["item_key"],
                link_key=m["link_key"],
                title=m["title"],
                link=m["link"],
                summary=m["summary"],
                when=m["published"] or m["first_seen"],
                source=url,
            )
            for m in (row._mapping for row in rows)
        ]

    def pending_shared(self, target: Target) -> PendingLinks:
        """The links shared in `target` that no run has taken, whenever they were recorded (a late
        event is not lost behind a digest already built)."""
        s = digest_shared_links.c
        query = (
            select(digest_shared_links, _not_posted(target, s.item_key).label("new"))
            .where(
                s.platform == target.platform,
                s.workspace == target.workspace,
                s.channel == target.channel,
                s.run_id.is_(None),
            )
            .order_by(s.shared_at, s.id)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        latest: dict[str, Candidate] = {}
        for m in (row._mapping for row in rows):
            if not m["new"]:
                continue
            latest[m["item_key"]] = Candidate(
                key=m["item_key"],
                link_key=m["item_key"],
                title=None,
                link=m["url"],
                summary="",
                when=m["shared_at"],
                source=m["shared_by"],
            )
        return PendingLinks(tuple(latest.values()), tuple(m["id"] for m in (row._mapping for row in rows)))
