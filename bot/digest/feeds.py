"""Parses RSS (0.9x, 1.0, 2.0) and Atom feeds from bytes the safe fetcher already downloaded."""

from __future__ import annotations

import calendar
import codecs
import html
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.digest.errors import HostileFeed, NotAFeed
from bot.digest.items import item_key, link_key

MAX_ENTRIES = 200
MAX_SUMMARY_CHARS = 2000
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class FeedEntry:
    """One feed item, reduced to what a digest needs; `summary` is plain text."""

    key: str
    link_key: str | None
    title: str
    link: str | None
    summary: str
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its entries in document order."""

    title: str
    entries: tuple[FeedEntry, ...]


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document; raises HostileFeed for entity declarations, NotAFeed otherwise."""
    if _ENTITY_DECLARATION.search(_as_text(body)):
        raise HostileFeed(f"entity declarations in {url}")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    if not parsed.get("version"):
        raise NotAFeed(f"no RSS or Atom document at {url}: {parsed.get('bozo_exception')!r}")
    feed_title = plain_text(parsed.feed.get("title", "")) or url
    entries = tuple(_entry(raw) for raw in parsed.entries[:MAX_ENTRIES])
    return ParsedFeed(title=feed_title, entries=entries)


def plain_text(markup: str) -> str:
    """Text of a (sanitised) HTML fragment: tags removed, entities decoded, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _as_text(body: bytes) -> str:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


def _entry(raw: Any) -> FeedEntry:
    link = raw.get("link") or None
    if link and not link.lower().startswith(("http://", "https://")):
        link = None
    published = _when(raw.get("published_parsed") or raw.get("updated_parsed"))
    summary = plain_text(raw.get("summary", ""))[:MAX_SUMMARY_CHARS]
    title = plain_text(raw.get("title", "")) or summary[:80] or link or "(untitled)"
    return FeedEntry(
        key=item_key(raw.get("id"), link, title, published),
        link_key=link_key(link),
        title=title,
        link=link,
        summary=summary,
        published=published,
    )


def _when(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
