"""Choosing a digest's items: keyword filter, one item per link, newest first, spread across sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.digest.feedstore import Candidate


def matches_keywords(candidate: Candidate, keywords: Sequence[str]) -> bool:
    """True when no keywords are set or one of them appears as a word in the title or summary."""
    if not keywords:
        return True
    text = f"{candidate.title or ''} {candidate.summary} {candidate.link or ''}"
    return any(re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) for word in keywords)


def source_of(candidate: Candidate) -> str:
    """The site an item comes from (its link's host), else where it was found."""
    host = urlsplit(candidate.link).hostname if candidate.link else None
    return (host or candidate.source).lower().removeprefix("www.")


@dataclass(frozen=True)
class Selection:
    """The candidates a digest shows (newest first) and those beyond its item limit (newest first)."""

    chosen: tuple[Candidate, ...]
    beyond: tuple[Candidate, ...]


def select_items(
    candidates: Sequence[Candidate], max_items: int, keywords: Sequence[str] = ()
) -> list[Candidate]:
    """Up to `max_items` candidates: the newest of each source in turn, newest sources first."""
    return list(split_items(candidates, max_items, keywords).chosen)


def split_items(candidates: Sequence[Candidate], max_items: int, keywords: Sequence[str] = ()) -> Selection:
    """The matching candidates (one per link), split into those shown — up to `max_items`, the newest
    of each source in turn, newest sources first — and the rest."""
    newest_first = sorted(
        (c for c in candidates if matches_keywords(c, keywords)), key=lambda c: c.when, reverse=True
    )
    by_source: dict[str, list[Candidate]] = {}
    seen_links: set[str] = set()
    for candidate in newest_first:
        if candidate.link_key is not None:
            if candidate.link_key in seen_links:
                continue
            seen_links.add(candidate.link_key)
        by_source.setdefault(source_of(candidate), []).append(candidate)
    chosen: list[Candidate] = []
    queues = list(by_source.values())
    while queues and len(chosen) < max_items:
        for queue in queues:
            if len(chosen) < max_items:
                chosen.append(queue.pop(0))
        queues = [queue for queue in queues if queue]
    beyond = [candidate for queue in by_source.values() for candidate in queue]  # chosen ones were popped
    return Selection(
        tuple(sorted(chosen, key=lambda c: c.when, reverse=True)),
        tuple(sorted(beyond, key=lambda c: c.when, reverse=True)),
    )
