"""What newsbot does in chat channels by itself: summarise the links posted where automatic mode
is on, and remember them for the channels' shared-links digests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.digest.model import Target
from bot.model import Report
from bot.service.automode import AutoModeStore
from bot.service.service import SummaryRequest, SummaryService
from bot.service.urls import find_urls

log = logging.getLogger(__name__)


class LinkRecorder(Protocol):
    """Remembers links posted in a channel (`bot.digest.service.DigestService`)."""

    async def record_shared_links(self, target: Target, urls: Sequence[str], user: str, when: datetime) -> int:
        """Keep the links where the channel has a shared-links digest; how many were kept."""


class Channels:
    """Automatic mode of each channel, and the messages posted in channels."""

    def __init__(self, service: SummaryService, store: AutoModeStore, links: LinkRecorder | None = None) -> None:
        self._service = service
        self._store = store
        self._links = links

    async def set_auto(self, target: Target, on: bool, user: str) -> None:
        """Switch automatic summaries on or off in the channel, recording who did."""
        await asyncio.to_thread(self._store.set_auto, target.platform, target.workspace, target.channel, on, user)

    async def message_posted(
        self, target: Target, user: str, text: str, when: datetime, *, answered: bool = False
    ) -> tuple[Report, ...]:
        """The reports to post in reply to a message `user` posted in the channel: those of its
        links where automatic mode is on, none otherwise (nor when `answered`, as another handler
        answers it). Its links are first remembered for the channel's shared-links digest; a link
        that cannot be summarised is logged and left out."""
        urls = find_urls(text)
        if not urls:
            return ()
        if self._links is not None:
            await self._links.record_shared_links(target, urls, user, when)
        if answered or not await asyncio.to_thread(
            self._store.get_auto, target.platform, target.workspace, target.channel
        ):
            return ()
        request = SummaryRequest(target.platform, target.workspace, target.channel, user, text, links_only=True)
        outcome = await self._service.summarise(request)
        for item in outcome.items:
            if item.report is None:
                log.info("automatic summary of %s skipped: %s", item.source, item.code)
        return tuple(item.report for item in outcome.items if item.report is not None)
