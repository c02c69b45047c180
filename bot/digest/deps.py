"""What the digest code needs from the outside world, injectable for tests."""

from __future__ import annotations

import asyncio
import functools
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from bot.fetch import FetchLimits, NetworkPolicy, Resource
from bot.model import Article, Report

if TYPE_CHECKING:
    from bot.compare import Analysed

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime."""
ArticleFetcher = Callable[[str], Awaitable[Article]]
"""Loads the article behind a URL through the safe fetcher."""
Analyser = Callable[[Article], "Report | Analysed"]
"""Analyses an article (sync, CPU-bound: called in a worker thread). An `Analysed` (the report with
its story fingerprint, `bot.compare.analyse_story`) lets the digest fold versions of one story; an
item analysed into a bare Report is never folded."""
SUMMARY_SENTENCES = 2
"""How many summary sentences a digest item shows."""


class ResourceFetcher(Protocol):
    """Fetches a URL through the safe fetcher, conditionally when validators are given."""

    async def __call__(
        self,
        url: str,
        *,
        accept: frozenset[str],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Resource:
        """The resource at `url` (raises bot.errors.* on failure)."""


def system_clock() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class HostLimiter:
    """Politeness: at most `per_host` requests in flight to any one host."""

    def __init__(self, per_host: int = 2) -> None:
        self._per_host = per_host
        self._slots: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self._per_host)
        )

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the URL's host slots for the duration of the block."""
        host = (urlsplit(url).hostname or "").lower()
        async with self._slots[host]:
            yield


@dataclass(frozen=True)
class DigestDeps:
    """The fetchers, analyser and clock the digest service uses."""

    fetch_resource: ResourceFetcher
    fetch_article: ArticleFetcher
    analyse: Analyser
    clock: Clock = system_clock
    limiter: HostLimiter = field(default_factory=HostLimiter)


def default_deps(
    clock: Clock = system_clock,
    *,
    policy: NetworkPolicy | None = None,
    limits: FetchLimits | None = None,
    analyser: Analyser | None = None,
) -> DigestDeps:
    """The real safe fetcher (policy from NEWSBOT_ALLOW_NETWORKS unless given) and analyser (the
    report and its story fingerprint from one parse)."""
    from bot.fetch import fetch_article, fetch_resource

    async def fetch(
        url: str, *, accept: frozenset[str], etag: str | None = None, last_modified: str | None = None
    ) -> Resource:
        return await fetch_resource(
            url, accept=accept, policy=policy, limits=limits, etag=etag, last_modified=last_modified
        )

    async def article(url: str) -> Article:
        return await fetch_article(url, policy=policy, limits=limits)

    if analyser is None:
        from bot.compare import analyse_story

        analyser = functools.partial(analyse_story, sentences=SUMMARY_SENTENCES)
    return DigestDeps(
        fetch_resource=fetch,
        fetch_article=article,
        analyse=analyser,
        clock=clock,
    )
