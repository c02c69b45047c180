"""The digest operations the commands, the CLI and the adapters call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from bot.digest.builder import DigestBuilder
from bot.digest.deps import DigestDeps
from bot.digest.errors import BadCommand
from bot.digest.model import Digest, Target
from bot.digest.subscriptions import (
    MAX_SUBSCRIPTIONS_PER_CHANNEL,
    NowRequest,
    Subscription,
    SubscriptionSpec,
    SubscriptionStore,
)
from bot.service.urls import canonical_url

log = logging.getLogger(__name__)


class DigestService:
    """Subscribes channels to feeds or shared links, lists, removes, previews and runs digests."""

    def __init__(self, engine: Engine, deps: DigestDeps, *, on_due: Callable[[], None] | None = None) -> None:
        self._store = SubscriptionStore(engine)
        self._builder = DigestBuilder(engine, deps)
        self._clock = deps.clock
        self._on_due = on_due or (lambda: None)

    async def subscribe(self, target: Target, spec: SubscriptionSpec, user: str) -> tuple[Subscription, str]:
        """Validate the feed (fetched now), then store the subscription; returns it and the feed title.

        Raises NewsbotError (bad URL, unreachable, not a feed) or BadCommand (limits, duplicates).
        """
        existing = await asyncio.to_thread(self._store.in_channel, target)
        if len(existing) >= MAX_SUBSCRIPTIONS_PER_CHANNEL:
            raise BadCommand(
                "too many subscriptions",
                user_message=f"This channel has {MAX_SUBSCRIPTIONS_PER_CHANNEL} digests; remove one first.",
            )
        title = SHARED_LINKS
        if spec.kind == "shared":
            if any(sub.kind == "shared" for sub in existing):
                raise BadCommand(
                    "duplicate shared", user_message="This channel already has a shared-links digest."
                )
        else:
            assert spec.feed_url is not None
            canonical_url(spec.feed_url)
            if any(sub.feed_url == spec.feed_url for sub in existing):
                raise BadCommand(
                    "duplicate feed", user_message="This channel already gets a digest of that feed."
                )
            title = await self._builder.refresh(spec.feed_url, force=True)
        subscription = await asyncio.to_thread(self._store.add, target, spec, user, self._clock())
        return subscription, title

    async def subscriptions(self, target: Target) -> list[Subscription]:
        """The channel's subscriptions."""
        return await asyncio.to_thread(self._store.in_channel, target)

    async def unsubscribe(self, target: Target, subscription_id: int) -> bool:
        """Remove one of the channel's subscriptions."""
        return await asyncio.to_thread(self._store.remove, target, subscription_id)

    async def shared_off(self, target: Target) -> bool:
        """Remove the channel's shared-links digest, if it has one."""
        for sub in await self.subscriptions(target):
            if sub.kind == "shared":
                return await self.unsubscribe(target, sub.id)
        return False

    async def run_now(self, target: Target, subscription_id: int, user: str = "") -> NowRequest:
        """Make an active subscription of the channel due now and wake the scheduler, unless a run of
        it is already queued or in flight (the answer says which)."""
        answer = await asyncio.to_thread(self._store.request_now, target, subscription_id, user, self._clock())
        if answer == "queued":
            self._on_due()
        return answer

    async def resume(self, target: Target, subscription_id: int) -> Subscription | None:
        """Reactivate a paused or disabled subscription of the channel."""
        return await asyncio.to_thread(self._store.resume, target, subscription_id, self._clock())

    async def preview(self, feed_url: str, max_items: int = 5) -> Digest:
        """A digest of the feed's newest items, stored nowhere."""
        canonical_url(feed_url)
        return await self._builder.preview(feed_url, max_items)

    async def record_shared_link(self, target: Target, url: str, user: str, when: datetime) -> bool:
        """Remember a link posted in the channel, if it has a shared-links digest."""
        return await asyncio.to_thread(self._store.record_shared_link, target, url, user, when)

    async def record_shared_links(self, target: Target, urls: Sequence[str], user: str, when: datetime) -> int:
        """Remember the links of a message posted in the channel (`record_shared_link`); returns how
        many were kept. A link that cannot be recorded is logged and the others are still recorded."""
        kept = 0
        for url in urls:
            try:
                kept += await self.record_shared_link(target, url, user, when)
            except Exception:
                log.exception("could not record a shared link for the channel's digest")
        return kept


SHARED_LINKS = "links shared in this channel"
