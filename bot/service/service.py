"""The chat service every adapter shares: a message in, one report or error sentence per item out."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from bot.digest.model import Target
from bot.errors import EmptyInput, NewsbotError, RateLimited
from bot.inputs import article_from_text
from bot.model import Article, Report
from bot.service.cache import TTLCache
from bot.service.ratelimit import RateLimiter, RateLimits
from bot.service.urls import canonical_url, find_urls, page_key, strip_markup

log = logging.getLogger(__name__)

Fetcher = Callable[[str], Awaitable[Article]]
"""Loads the article behind a URL (the core's safe fetcher)."""
Analyser = Callable[[Article], Report]
"""Analyses an article; synchronous and CPU-bound, so it runs in a worker thread."""

GENERIC_ERROR = NewsbotError.user_message
_In = TypeVar("_In")
_Out = TypeVar("_Out")


class ArticleRecorder(Protocol):
    """Counts the articles analysed for a channel (`bot.scorecard.Scorecard`); blocking I/O."""

    def record_report(self, channel: Target, report: Report, url: str | None = None) -> bool:
        """Count `report` (fetched from `url`) in `channel`; False when it is not counted."""


def skipped_note(count: int) -> str:
    """The sentence for links beyond the per-message maximum, the same on every platform."""
    return f"I only read the first links of a message; {count} more {'was' if count == 1 else 'were'} skipped."


@dataclass(frozen=True)
class SummaryRequest:
    """One chat message to summarise, and who sent it where.

    With `links_only`, a message without links yields no items (automatic mode, mentions,
    unfurls) instead of being read as pasted article text.
    """

    platform: str
    workspace: str
    channel: str
    user: str
    text: str
    links_only: bool = False


@dataclass(frozen=True)
class ItemOutcome:
    """The result for one link (or the pasted text): a report, or a sentence for the user."""

    source: str | None
    """The link as found in the message, or None for pasted text."""
    report: Report | None = None
    error: str | None = None
    code: str | None = None

    def note(self, link: Callable[[str], str]) -> str:
        """Why the item has no report, after its link as `link` writes it on the platform."""
        sentence = self.error or ""
        return f"{link(self.source)}: {sentence}" if self.source else sentence


@dataclass(frozen=True)
class SummaryOutcome:
    """All items of one request; `skipped_urls` are the links beyond the per-message maximum."""

    items: tuple[ItemOutcome, ...]
    skipped_urls: tuple[str, ...] = ()

    def answers(self, link: Callable[[str], str]) -> list[Report | str]:
        """What to answer, in order: each item's report or its note (`ItemOutcome.note`), then the
        note on the links skipped."""
        answers: list[Report | str] = [item.note(link) if item.report is None else item.report for item in self.items]
        return answers + ([skipped_note(len(self.skipped_urls))] if self.skipped_urls else [])

    def reports_by_link(self, links: Sequence[str]) -> dict[str, Report]:
        """Each report under the one of `links` it was read from (the same page once canonical),
        else under its link as found."""
        given = {page_key(link): link for link in links}
        return {
            given.get(page_key(item.source), item.source): item.report
            for item in self.items
            if item.report is not None and item.source is not None
        }


@dataclass(frozen=True)
class ServiceConfig:
    """Tunables of the service."""

    max_urls: int = 3
    sentences: int = 3
    cache_ttl: float = 3600.0
    cache_entries: int = 256
    workers: int = 1
    """Analysis threads. One: analysis holds the GIL anyway, and one thread never runs the
    spaCy pipeline concurrently with itself; scale with processes (instances) instead."""
    limits: RateLimits = field(default_factory=RateLimits)


def _default_fetcher() -> Fetcher:
    from bot.fetch import fetch_article

    async def fetch(url: str) -> Article:
        return await fetch_article(url)

    return fetch


def _default_analyser(sentences: int) -> Analyser:
    from bot.analysis import analyse

    return functools.partial(analyse, sentences=sentences)


class SummaryService:
    """Decides links vs pasted text, applies rate limits and the cache, fetches and analyses.

    Never raises for a bad article or an unexpected failure: each item carries either a report
    or a user-facing sentence (the cause of unexpected failures is logged).
    """

    def __init__(
        self,
        *,
        fetch: Fetcher | None = None,
        analyse: Analyser | None = None,
        config: ServiceConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
        scorecard: ArticleRecorder | None = None,
    ) -> None:
        """`scorecard`, when given, counts every article summarised for a channel (its site, time
        and sourcing counts; never the text, never who asked)."""
        config = config or ServiceConfig()
        self._config = config
        self._fetch = fetch or _default_fetcher()
        self._analyse = analyse or _default_analyser(config.sentences)
        self._cache: TTLCache[Report] = TTLCache(
            ttl=config.cache_ttl, max_entries=config.cache_entries, clock=clock
        )
        self._limiter = RateLimiter(config.limits, clock=clock)
        self._executor = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="analyse")
        self._inflight: dict[str, asyncio.Future[Report]] = {}
        self._scorecard = scorecard

    async def summarise(self, request: SummaryRequest) -> SummaryOutcome:
        """Summarise the links in the message (at most `max_urls`), or else its text."""
        urls = find_urls(request.text)
        if not urls and request.links_only:
            return SummaryOutcome(items=())
        wanted, skipped = urls[: self._config.max_urls], urls[self._config.max_urls :]
        text = "" if urls else strip_markup(request.text).strip()
        if not urls and not text:
            return SummaryOutcome(items=(_failure(None, EmptyInput()),))
        if not self.try_acquire(request, cost=max(1, len(wanted))):
            return SummaryOutcome(items=(self.rate_limited(),), skipped_urls=skipped)
        items: tuple[ItemOutcome, ...]
        if not urls:
            items = (await self._item(None, self._text_report, text),)
        else:
            items = tuple(await asyncio.gather(*(self._item(url, self._url_report, url) for url in wanted)))
        await self.count(request, items)
        return SummaryOutcome(items=items, skipped_urls=skipped)

    @property
    def config(self) -> ServiceConfig:
        """The service's tunables."""
        return self._config

    def try_acquire(self, request: SummaryRequest, cost: int) -> bool:
        """Take `cost` from the sender's and the channel's rate limits; False when either is spent."""
        scope = f"{request.platform}:{request.workspace}:"
        return self._limiter.try_acquire(scope + request.user, scope + request.channel, cost=cost)

    @staticmethod
    def rate_limited() -> ItemOutcome:
        """The answer to a request beyond the rate limits."""
        return _failure(None, RateLimited())

    async def fetch(self, url: str) -> Article:
        """The article behind `url`, through the safe fetcher (NewsbotError saying why not)."""
        return await self._fetch(url)

    async def in_worker(self, work: Callable[[_In], _Out], arg: _In) -> _Out:
        """`work(arg)` in the analysis worker thread, off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, arg)

    async def count(self, request: SummaryRequest, items: tuple[ItemOutcome, ...]) -> None:
        """Count the analysed articles in the request's channel (never failing the answer)."""
        if self._scorecard is None:
            return
        channel = Target(request.platform, request.workspace, request.channel)
        for item in items:
            if item.report is None:
                continue
            try:
                await asyncio.to_thread(self._scorecard.record_report, channel, item.report, item.source)
            except Exception:
                log.exception("could not count %s in the sourcing scorecard", item.source or "pasted text")

    async def warm_up(self) -> None:
        """Load the language model in a worker thread, so the first request is not slow."""
        from bot.nlp import load_nlp

        await asyncio.get_running_loop().run_in_executor(self._executor, load_nlp)

    def close(self) -> None:
        """Stop the worker threads (pending analyses are abandoned)."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _item(
        self, source: str | None, make: Callable[[str], Awaitable[Report]], arg: str
    ) -> ItemOutcome:
        try:
            return ItemOutcome(source=source, report=await make(arg))
        except NewsbotError as exc:
            log.info("could not summarise %s: %s (%s)", source or "pasted text", exc.code, exc.detail)
            return _failure(source, exc)
        except Exception:
            log.exception("unexpected failure summarising %s", source or "pasted text")
            return ItemOutcome(source=source, error=GENERIC_ERROR, code="internal")

    async def _url_report(self, url: str) -> Report:
        async def make() -> Report:
            report = await self._run_analysis(await self._fetch(url))
            return report if report.url else dataclasses.replace(report, url=url)

        return await self._cached("url:" + canonical_url(url), make)

    async def _text_report(self, text: str) -> Report:
        async def make() -> Report:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self._analyse_text, text)

        return await self._cached("text:" + hashlib.sha256(text.encode()).hexdigest(), make)

    def _analyse_text(self, text: str) -> Report:
        """Pasted text (or HTML, extracted first) analysed; runs in a worker thread."""
        return self._analyse(article_from_text(text))

    async def _run_analysis(self, article: Article) -> Report:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._analyse, article)

    async def _cached(self, key: str, make: Callable[[], Awaitable[Report]]) -> Report:
        """The cached report for `key`, or `make()`'s, shared with concurrent callers."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        future = self._inflight.get(key)
        if future is None:
            future = asyncio.ensure_future(self._make_and_store(key, make))
            self._inflight[key] = future
            future.add_done_callback(lambda _: self._inflight.pop(key, None))
        return await asyncio.shield(future)

    async def _make_and_store(self, key: str, make: Callable[[], Awaitable[Report]]) -> Report:
        report = await make()
        self._cache.put(key, report)
        return report


def _failure(source: str | None, error: NewsbotError) -> ItemOutcome:
    return ItemOutcome(source=source, error=error.user_message, code=error.code)
