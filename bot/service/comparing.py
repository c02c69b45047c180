"""Comparing outlets from a chat message: 2–5 links in, one comparison (or one sentence) out.

`StoryComparer` finds the links, holds the rate limits, fetches the pages concurrently through the
service's safe fetcher, analyses each in the service's worker thread (never on the event loop),
counts them in the channel's scorecard, and compares the articles it could read.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.compare import MAX_ARTICLES, Analysed, Comparison
from bot.errors import NewsbotError
from bot.model import Article
from bot.service.service import GENERIC_ERROR, ItemOutcome, SummaryRequest, SummaryService
from bot.service.urls import find_urls, page_key

log = logging.getLogger(__name__)

MIN_ARTICLES = 2

StoryAnalyser = Callable[[Article], Analysed]
"""Analyses an article and fingerprints its story; synchronous and CPU-bound."""


@dataclass(frozen=True)
class CompareOutcome:
    """A comparison of the links that could be read, with a note for each that could not; or,
    when fewer than two could be read, only `error` (and the notes)."""

    comparison: Comparison | None
    failed: tuple[ItemOutcome, ...] = ()
    error: str | None = None
    code: str | None = None

    def notes(self, link: Callable[[str], str]) -> list[str]:
        """What to tell the caller besides the comparison: the error, then each unread link's note."""
        return ([self.error] if self.error else []) + [item.note(link) for item in self.failed]


def count_sentence(found: int) -> str:
    """Why a message cannot be compared, by how many distinct links it holds."""
    if found < MIN_ARTICLES:
        return (
            f"Give me {MIN_ARTICLES} to {MAX_ARTICLES} links to articles about one story to compare; "
            f"I found {'no link' if found == 0 else 'only one link'}."
        )
    return f"I compare at most {MAX_ARTICLES} articles at a time; you gave {found} links."


def _default_story_analyser(sentences: int) -> StoryAnalyser:
    from bot.compare import analyse_story

    return lambda article: analyse_story(article, sentences=sentences)


class StoryComparer:
    """Compares the articles behind a message's links, with the summary service's fetcher,
    worker thread, rate limits and scorecard. Never raises for a bad link or an unexpected failure."""

    def __init__(self, service: SummaryService, analyse: StoryAnalyser | None = None) -> None:
        self._service = service
        self._analyse = analyse or _default_story_analyser(service.config.sentences)

    async def compare(self, request: SummaryRequest) -> CompareOutcome:
        """The comparison of the 2–5 distinct links in `request.text`."""
        urls = _distinct(find_urls(request.text))
        if not MIN_ARTICLES <= len(urls) <= MAX_ARTICLES:
            return CompareOutcome(None, error=count_sentence(len(urls)), code="compare_count")
        if not self._service.try_acquire(request, cost=len(urls)):
            limited = self._service.rate_limited()
            return CompareOutcome(None, error=limited.error, code=limited.code)
        results = await asyncio.gather(*(self._read(url) for url in urls))
        read = [(url, analysed) for url, analysed in zip(urls, results, strict=True) if isinstance(analysed, Analysed)]
        failed = tuple(outcome for outcome in results if isinstance(outcome, ItemOutcome))
        await self._service.count(request, tuple(ItemOutcome(url, a.report) for url, a in read))
        if len(read) < MIN_ARTICLES:
            sentence = f"I could read {'only one' if read else 'none'} of the links, so there is nothing to compare."
            return CompareOutcome(None, failed, sentence, "compare_unread")
        try:
            comparison = await self._service.in_worker(_compare, [analysed for _, analysed in read])
        except Exception:
            log.exception("comparing %d articles failed", len(read))
            return CompareOutcome(None, failed, GENERIC_ERROR, "internal")
        return CompareOutcome(comparison, failed)

    async def _read(self, url: str) -> Analysed | ItemOutcome:
        """The analysed article behind `url`, or the note saying why it could not be read."""
        try:
            article = await self._service.fetch(url)
            analysed = await self._service.in_worker(self._analyse, article)
        except NewsbotError as exc:
            log.info("could not compare %s: %s (%s)", url, exc.code, exc.detail)
            return ItemOutcome(source=url, error=exc.user_message, code=exc.code)
        except Exception:
            log.exception("unexpected failure reading %s to compare", url)
            return ItemOutcome(source=url, error=GENERIC_ERROR, code="internal")
        if not analysed.report.url:
            analysed = Analysed(replace(analysed.report, url=url), analysed.fingerprint)
        return analysed


def _compare(analysed: list[Analysed]) -> Comparison:
    from bot.compare import compare

    return compare(analysed)


def _distinct(urls: Sequence[str]) -> list[str]:
    """`urls` without the repeats of one page (the same link once canonical), in order."""
    seen: set[str] = set()
    kept = []
    for url in urls:
        key = page_key(url)
        if key not in seen:
            seen.add(key)
            kept.append(url)
    return kept
