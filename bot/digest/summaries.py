"""Summaries and sourcing badges of digest items: fetched and analysed by the core, cached by URL."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

from sqlalchemy import Engine, delete, select

from bot.compare import StoryFingerprint, fingerprint_from_dict, fingerprint_to_dict
from bot.digest.deps import SUMMARY_SENTENCES, DigestDeps
from bot.digest.sql import insert_ignore
from bot.errors import NewsbotError
from bot.model import Article, Report
from bot.scorecard import ArticleFacts, facts_from_dict, facts_of, facts_to_dict, outlet_name
from bot.service.urls import canonical_url
from bot.store.schema import digest_article_cache

log = logging.getLogger(__name__)
CACHE_TTL = timedelta(days=7)
_ANALYSE_LOCK = threading.Lock()
"""One analysis at a time: it is CPU-bound and shares one spaCy pipeline."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“])")


@dataclass(frozen=True)
class ItemSummary:
    """What the analysis says about one linked article: its title, summary and sourcing badge, the
    outlet's name, what the scorecard counts of it, and its story fingerprint (None when the
    analyser gave none)."""

    title: str | None
    summary: tuple[str, ...]
    badge: str | None
    outlet: str | None = None
    facts: ArticleFacts | None = None
    story: StoryFingerprint | None = None


@dataclass(frozen=True)
class _BadgeRules:
    labels: dict[str, str]
    severities: tuple[str, ...]
    prefixes: dict[str, str]


@cache
def _badge_rules() -> _BadgeRules:
    data = json.loads(resources.files("bot.digest").joinpath("badges.json").read_text("utf-8"))
    return _BadgeRules(dict(data["labels"]), tuple(data["badge_severities"]), dict(data["prefix"]))


def badge_for(report: Report) -> str | None:
    """The sourcing badge of a report: its high- and medium-severity flags, or None."""
    rules = _badge_rules()
    flags = [flag for flag in report.sourcing.flags if flag.severity in rules.severities]
    if not flags:
        return None
    worst = min((flag.severity for flag in flags), key=rules.severities.index)
    kinds = dict.fromkeys(rules.labels.get(flag.kind, flag.kind.replace("_", " ")) for flag in flags)
    return f"{rules.prefixes[worst]}: {', '.join(kinds)}"


def first_sentences(text: str, count: int = SUMMARY_SENTENCES) -> tuple[str, ...]:
    """The first `count` sentences of plain text (a feed's own summary, used as a fallback)."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]
    return tuple(sentences[:count])


class ArticleSummaries:
    """Fetches and analyses linked articles, remembering results by canonical URL."""

    def __init__(self, engine: Engine | None, deps: DigestDeps) -> None:
        self._engine = engine
        self._deps = deps

    async def summarise(self, url: str) -> ItemSummary | None:
        """The article's summary and badge, or None when it cannot be fetched or analysed."""
        try:
            key = canonical_url(url)
        except NewsbotError:
            return None
        cached = await asyncio.to_thread(self._cached, key, self._deps.clock())
        if cached is not None:
            return cached
        try:
            async with self._deps.limiter.slot(url):
                article = await self._deps.fetch_article(url)
            report, story = await asyncio.to_thread(self._analyse, article)
        except NewsbotError as error:
            log.info("digest item %s not summarised: %s", url, error.code)
            return None
        result = ItemSummary(
            title=report.title or article.title,
            summary=tuple(report.summary[:SUMMARY_SENTENCES]),
            badge=badge_for(report),
            outlet=outlet_name(report.site or article.site, report.url or url),
            facts=facts_of(report, url),
            story=story.without_claims() if story is not None else None,
        )
        await asyncio.to_thread(self._store, key, result, self._deps.clock())
        return result

    def _analyse(self, article: Article) -> tuple[Report, StoryFingerprint | None]:
        with _ANALYSE_LOCK:
            analysed = self._deps.analyse(article)
        if isinstance(analysed, Report):
            return analysed, None
        return analysed.report, analysed.fingerprint

    def _cached(self, key: str, now: datetime) -> ItemSummary | None:
        if self._engine is None:
            return None
        c = digest_article_cache.c
        with self._engine.connect() as connection:
            row = connection.execute(
                select(digest_article_cache).where(c.url == key, c.analysed_at > now - CACHE_TTL)
            ).first()
        if row is None:
            return None
        m = row._mapping
        if m["facts_json"] is None:  # cached before the scorecard and folding: analyse it again
            return None
        facts, story = json.loads(m["facts_json"]), json.loads(m["story_json"] or "null")
        try:
            fingerprint = fingerprint_from_dict(story) if story is not None else None
        except ValueError:  # a fingerprint of another schema: analyse it again
            return None
        return ItemSummary(
            m["title"],
            tuple(json.loads(m["summary_json"])),
            m["badge"],
            outlet=m["outlet"],
            facts=facts_from_dict(facts) if facts is not None else None,
            story=fingerprint,
        )

    def _store(self, key: str, result: ItemSummary, now: datetime) -> None:
        if self._engine is None:
            return
        c = digest_article_cache.c
        with self._engine.begin() as connection:
            connection.execute(delete(digest_article_cache).where(c.url == key))
            row = {
                "url": key,
                "title": result.title,
                "summary_json": json.dumps(list(result.summary)),
                "badge": result.badge,
                "analysed_at": now,
                "outlet": result.outlet,
                "facts_json": json.dumps(facts_to_dict(result.facts) if result.facts else None),
                "story_json": json.dumps(fingerprint_to_dict(result.story) if result.story else None),
            }
            insert_ignore(connection, digest_article_cache, [row], ["url"])
