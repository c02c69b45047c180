"""Builds digests: refreshes a feed (conditional GET), picks the new items, summarises them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.digest.deps import DigestDeps
from bot.digest.errors import NotAFeed
from bot.digest.feeds import ParsedFeed, parse_feed
from bot.digest.feedstore import Candidate, FeedStore
from bot.digest.model import Digest, DigestItem
from bot.digest.selection import select_items, source_of
from bot.digest.subscriptions import Subscription
from bot.digest.summaries import ArticleSummaries, first_sentences
from bot.errors import NotAnArticle
from bot.fetch import FEED_TYPES, Resource

REFETCH_AFTER = timedelta(seconds=60)
"""A feed fetched more recently than this is not fetched again (several subscriptions, one feed)."""
SHARED_TITLE = "Links shared in this channel"


@dataclass(frozen=True)
class Built:
    """A digest and the identities of its items (to record as posted)."""

    digest: Digest
    item_keys: tuple[str, ...]


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
        await asyncio.to_thread(self._feeds.record_fetch, url, parsed, etag, modified, now)
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
        """The subscription's digest of items after `window_start` not yet posted in its channel."""
        target = subscription.target
        if subscription.kind == "shared":
            candidates = await asyncio.to_thread(self._feeds.shared_candidates, target, window_start)
            title = SHARED_TITLE
        else:
            assert subscription.feed_url is not None
            title = await self.refresh(subscription.feed_url)
            candidates = await asyncio.to_thread(
                self._feeds.feed_candidates,
                subscription.feed_url,
                target,
                window_start,
                subscription.created_at,
            )
        chosen = select_items(candidates, subscription.max_items, subscription.keywords)
        items = await self._items(chosen)
        keys = tuple(key for c in chosen for key in (c.key, c.link_key) if key is not None)
        return Built(Digest(title, items, subscription_id=subscription.id), keys)

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
