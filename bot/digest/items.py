"""Stable identities for feed items and shared links, so a channel never sees an item twice."""

from __future__ import annotations

import hashlib
from datetime import datetime

from bot.errors import InvalidURL
from bot.service.urls import canonical_url


def _key(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"


def link_key(url: str | None) -> str | None:
    """The key of a link (by its canonical form), or None for a missing or non-http link."""
    if not url:
        return None
    try:
        return _key("link", canonical_url(url))
    except InvalidURL:
        return None


def item_key(guid: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """An item's identity: its GUID, else its canonical link, else a hash of title and date."""
    if guid and guid.strip():
        return _key("guid", guid.strip())
    by_link = link_key(link)
    if by_link is not None:
        return by_link
    stamp = published.isoformat() if published else ""
    return _key("title", f"{title.strip()}\n{stamp}")
