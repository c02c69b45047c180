"""The digest parts of one process, and the scheduler's life beside a running bot."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import Engine

from bot.digest.commands import DigestCommands
from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import Poster
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.digest.settings import DigestSettings

log = logging.getLogger(__name__)

POST_INTERVAL = 60.0
"""Seconds between the scheduler's passes over due digests (`/digest now` wakes it sooner)."""
STOP_WITHIN = 30.0
"""How long stopping waits for a digest pass in progress before cancelling it."""
TASK_NAME = "digest-scheduler"


@dataclass(frozen=True)
class DigestRuntime:
    """The database engine, service, scheduler and commands of one process's digests."""

    engine: Engine
    service: DigestService
    scheduler: DigestScheduler
    commands: DigestCommands

    @classmethod
    def on(
        cls, engine: Engine, deps: DigestDeps | None = None, *, platforms: frozenset[str] | None = None
    ) -> DigestRuntime:
        """The digest parts on `engine`'s database, which must be migrated already.

        A chat bot passes its own platform in `platforms`, so that its scheduler never takes the
        digests of another platform's bot sharing the database; `newsbot digest run-due` serves all.
        The run lease comes from NEWSBOT_DIGEST_LEASE_SECONDS (ValueError when malformed).
        """
        settings = DigestSettings.from_env()
        deps = deps or default_deps()
        scheduler = DigestScheduler(engine, deps, platforms=platforms, lease=settings.lease)
        service = DigestService(engine, deps, on_due=scheduler.wake)
        return cls(engine, service, scheduler, DigestCommands(service))

    def start_posting(self, poster: Poster, *, interval: float = POST_INTERVAL) -> asyncio.Task[None]:
        """Post due digests through `poster` in the background until `stop_posting`."""
        return asyncio.create_task(self.scheduler.run_forever(poster, interval=interval), name=TASK_NAME)

    async def stop_posting(self, task: asyncio.Task[None], *, within: float = STOP_WITHIN) -> None:
        """Stop after the current pass, cancelling it if it takes longer than `within` seconds."""
        self.scheduler.stop()
        try:
            await asyncio.wait_for(task, within)
        except TimeoutError:
            log.warning("the digest pass did not end within %s s and was cancelled", within)

    @asynccontextmanager
    async def posting(
        self, poster: Poster, *, interval: float = POST_INTERVAL, within: float = STOP_WITHIN
    ) -> AsyncIterator[asyncio.Task[None]]:
        """Post due digests in the background while the block runs, then stop (`stop_posting`)."""
        task = self.start_posting(poster, interval=interval)
        try:
            yield task
        finally:
            await self.stop_posting(task, within=within)
