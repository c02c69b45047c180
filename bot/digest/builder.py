"""Builds digests: refreshes a feed (conditional GET), picks the new items, summarises them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.digest.built import Built, Keys
from bot.digest.deps import DigestDeps
from bot.digest.errors import NotAFeed
from bot.digest.feeds import ParsedFeed, parse_feed
from bot.digest.feedstore import Candidate, FeedStore
from bot.digest.model import Digest, DigestItem, DigestLink
from bot.digest.selection import select_items, source_of, split_items
from bot.digest.subscriptions import Subscription
from bot.digest.summaries import ArticleSummaries, first_sentences
from bot.errors import NotAnArticle
from bot.fetch import FEED_TYPES, Resource

REFETCH_AFTER = timedelta(seconds=60)
"""A feed fetched more recently than this is not fetched again (several subscriptions, one feed)."""
SHARED_TITLE = "Links shared in this channel"
MORE_LISTED = 10
"""Items beyond a digest's limit that it lists by title and link; any further ones are only counted."""


class DigestBuilder:
    """Turns subscriptions (or a feed URL, for previews) into digests."""

    def __init__(self, engine: Engine, deps: DigestDeps) -> None:
        self._feeds = FeedStore(engine)
        self._summaries = ArticleSummaries(engine, deps)
        self._deps = deps

    async def fetch_feed(self, url: str) -> ParsedFeed:
        """Fetch and parse a feed, storing nothing (raises NewsbotError)."""
        resource = await self._fetch(url, None, None)
        return await asyncio.to_thread(parse_feed, resource.body, resource.url, resource.content_type)

    async def refresh(self, url: str, *, force: bool = False) -> str:
        """Fetch the feed (conditionally) unless fetched moments ago, store new entries; returns its title."""
        now = self._deps.clock()
        state = await asyncio.to_thread(self._feeds.state, url)
        if not force and state.fetched_at is not None and now - state.fetched_at < REFETCH_AFTER:
            return state.title or url
        resource = await self._fetch(url, state.etag, state.last_modified)
        parsed = None
        if not resource.not_modified:
            parsed = await asyncio.to_thread(parse_feed, resource.body, resource.url, resource.content_type)
        etag, modified = resource.etag, resource.last_modified
        if resource.not_modified:
            etag, modified = etag or state.etag, modified or state.last_modified
        # Entries count as first seen when they are recorded, not when the fetch started.
        await asyncio.to_thread(self._feeds.record_fetch, url, parsed, etag, modified, self._deps.clock())
        return (parsed.title if parsed else state.title) or url

    async def _fetch(self, url: str, etag: str | None, last_modified: str | None) -> Resource:
        try:
            async with self._deps.limiter.slot(url):
                return await self._deps.fetch_resource(
                    url, accept=FEED_TYPES, etag=etag, last_modified=last_modified
                )
        except NotAnArticle as error:
            raise NotAFeed(error.detail) from error

    async def build(self, subscription: Subscription, window_start: datetime) -> Built:
        """The subscription's digest of the items not yet posted in its channel: for a feed, those
        after `window_start`; for shared links, every link no run has taken yet. The window ends
        where the selection is made (`Built.window_end`): anything recorded later is for the next run."""
        target = subscription.target
        shared_rows: tuple[int, ...] = ()
        if subscription.kind == "shared":
            window_end = self._deps.clock()
            pending = await asyncio.to_thread(self._feeds.pending_shared, target)
            candidates, shared_rows = list(pending.candidates), pending.rows
            title = SHARED_TITLE
        else:
            assert subscription.feed_url is not None
            title = await self.refresh(subscription.feed_url)
            window_end = self._deps.clock()
            candidates = await asyncio.to_thread(
                self._feeds.feed_candidates,
                subscription.feed_url,
                target,
                window_start,
                subscription.created_at,
            )
        selection = split_items(candidates, subscription.max_items, subscription.keywords)
        items = await self._items(selection.chosen)
        listed, counted = selection.beyond[:MORE_LISTED], selection.beyond[MORE_LISTED:]
        return Built(
            title=title,
            subscription_id=subscription.id,
            items=tuple(zip(items, (keys_of(c) for c in selection.chosen), strict=True)),
            more=tuple((link_of(c), keys_of(c)) for c in listed),
            counted=tuple(keys_of(c) for c in counted),
            shared_rows=shared_rows,
            window_end=window_end,
        )

    async def preview(self, url: str, max_items: int, keywords: Sequence[str] = ()) -> Digest:
        """A digest of the feed's newest items, without storing anything."""
        parsed = await self.fetch_feed(url)
        now = self._deps.clock()
        candidates = [
            Candidate(e.key, e.link_key, e.title, e.link, e.summary, e.published or now, url)
            for e in parsed.entries
        ]
        items = await self._items(select_items(candidates, max_items, keywords))
        return Digest(parsed.title, items)

    async def _items(self, chosen: Sequence[Candidate]) -> tuple[DigestItem, ...]:
        summaries = await asyncio.gather(
            *(self._summaries.summarise(c.link) if c.link else _nothing() for c in chosen)
        )
        items = []
        for candidate, summary in zip(chosen, summaries, strict=True):
            fallback = first_sentences(candidate.summary)
            items.append(
                DigestItem(
                    title=candidate.title or (summary.title if summary else None) or candidate.link or "",
                    url=candidate.link,
                    summary=summary.summary if summary and summary.summary else fallback,
                    badge=summary.badge if summary else None,
                    source=source_of(candidate),
                    published=candidate.when,
                )
            )
        return tuple(items)


async def _nothing() -> None:
    return None


def keys_of(candidate: Candidate) -> Keys:
    """The keys an entry takes in its channel: its own key and its link's."""
    return tuple(dict.fromkeys(key for key in (candidate.key, candidate.link_key) if key is not None))


def link_of(candidate: Candidate) -> DigestLink:
    """An entry beyond the limit as a title and link (a shared link's label is its address)."""
    return DigestLink(candidate.title or candidate.link or "", candidate.link)
