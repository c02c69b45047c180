"""Builds digests: refreshes a feed (conditional GET), picks the new items, summarises them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.digest.built import Built, BuiltItem, Keys
from bot.digest.deps import DigestDeps
from bot.digest.errors import NotAFeed
from bot.digest.feeds import ParsedFeed, parse_feed
from bot.digest.feedstore import Candidate, FeedStore
from bot.digest.model import Digest, DigestItem, DigestLink, Target
from bot.digest.selection import select_items, source_of, split_items
from bot.digest.subscriptions import Subscription
from bot.digest.summaries import ArticleSummaries, ItemSummary, first_sentences
from bot.errors import NotAnArticle
from bot.fetch import FEED_TYPES, Resource
from bot.scorecard import Scorecard

log = logging.getLogger(__name__)

REFETCH_AFTER = timedelta(seconds=60)
"""A feed fetched more recently than this is not fetched again (several subscriptions, one feed)."""
SHARED_TITLE = "Links shared in this channel"
MORE_LISTED = 10
"""Items beyond a digest's limit that it lists by title and link; any further ones are only counted."""


class DigestBuilder:
    """Turns subscriptions (or a feed URL, for previews) into digests."""

    def __init__(self, engine: Engine, deps: DigestDeps) -> None:
        """The scorecard's retention comes from NEWSBOT_SCORECARD_DAYS (ValueError when malformed)."""
        self._feeds = FeedStore(engine)
        self._summaries = ArticleSummaries(engine, deps)
        self._scorecard = Scorecard(engine, clock=deps.clock)
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
        summarised = await self._summarise(selection.chosen)
        await self._count(target, [summary for _, summary in summarised])
        listed, counted = selection.beyond[:MORE_LISTED], selection.beyond[MORE_LISTED:]
        return Built(
            title=title,
            subscription_id=subscription.id,
            items=tuple(
                BuiltItem(
                    item,
                    keys_of(candidate),
                    summary.story if summary else None,
                    (summary.outlet if summary else None) or item.source,
                )
                for (item, summary), candidate in zip(summarised, selection.chosen, strict=True)
            ),
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
        summarised = await self._summarise(select_items(candidates, max_items, keywords))
        return Digest(parsed.title, tuple(item for item, _ in summarised))

    async def _count(self, target: Target, summaries: Sequence[ItemSummary | None]) -> None:
        """Count the analysed articles in the channel's sourcing scorecard (never failing the digest)."""
        for summary in summaries:
            if summary is None or summary.facts is None:
                continue
            try:
                await asyncio.to_thread(self._scorecard.record, target, summary.facts)
            except Exception:
                log.exception("could not count a digest item in the sourcing scorecard")

    async def _summarise(self, chosen: Sequence[Candidate]) -> list[tuple[DigestItem, ItemSummary | None]]:
        summaries = await asyncio.gather(
            *(self._summaries.summarise(c.link) if c.link else _nothing() for c in chosen)
        )
        items: list[tuple[DigestItem, ItemSummary | None]] = []
        for candidate, summary in zip(chosen, summaries, strict=True):
            fallback = first_sentences(candidate.summary)
            item = DigestItem(
                title=candidate.title or (summary.title if summary else None) or candidate.link or "",
                url=candidate.link,
                summary=summary.summary if summary and summary.summary else fallback,
                badge=summary.badge if summary else None,
                source=source_of(candidate),
                published=candidate.when,
            )
            items.append((item, summary))
        return items


async def _nothing() -> None:
    return None


def keys_of(candidate: Candidate) -> Keys:
    """The keys an entry takes in its channel: its own key and its link's."""
    return tuple(dict.fromkeys(key for key in (candidate.key, candidate.link_key) if key is not None))


def link_of(candidate: Candidate) -> DigestLink:
    """An entry beyond the limit as a title and link (a shared link's label is its address)."""
    return DigestLink(candidate.title or candidate.link or "", candidate.link)
