"""What the scorecard keeps of one analysed article: its outlet, an identity for its link, and its
counts of claims and weak-sourcing flags. Never its text, never who asked for it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.errors import NewsbotError
from bot.model import Report
from bot.service.urls import canonical_url

WEAK_KINDS: tuple[str, ...] = ("anonymous", "agentless", "second_hand", "vague")
"""The flag kinds that can be weak sourcing (a flag of severity high, medium or low)."""
WEAK_SEVERITIES = frozenset({"high", "medium", "low"})
"""Flags of these severities are weak sourcing; `info` flags only describe the sourcing."""
ON_RECORD = frozenset({"named", "institutional", "document"})
"""Speaker kinds that count as a named source: a person, an organisation or a document by name."""
MAX_SITE = 120


@dataclass(frozen=True)
class ArticleFacts:
    """One article as the scorecard counts it.

    `claims` is the number of claims the report lists, `named_claims` those credited to a named
    person, organisation or document; `weak` counts the weak-sourcing flags of each kind of
    `WEAK_KINDS`, in that order.
    """

    site: str
    key: str
    claims: int
    named_claims: int
    core_anonymous: bool
    weak: tuple[int, ...]

    def weak_counts(self) -> dict[str, int]:
        """The weak-sourcing flags by kind."""
        return dict(zip(WEAK_KINDS, self.weak, strict=True))


def host_of(url: str | None) -> str | None:
    """A link's host, lowercased and without `www.` (None for no link or no host)."""
    host = urlsplit(url).hostname if url else None
    return host.lower().removeprefix("www.") if host else None


def outlet_name(site: str | None, url: str | None) -> str | None:
    """What an outlet is called: the site name its page gives, else its link's host."""
    named = " ".join((site or "").split())
    return (named or host_of(url) or "")[:MAX_SITE] or None


def article_key(url: str) -> str | None:
    """A stable identity for an article's link (a hash of its canonical form), or None."""
    try:
        canonical = canonical_url(url)
    except NewsbotError:
        return None
    return "link:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def facts_of(report: Report, url: str | None = None) -> ArticleFacts | None:
    """The scorecard's facts about `report` (fetched from `url` when the report names no link);
    None when there is no link to name its outlet by (pasted text)."""
    link = report.url or url
    key = article_key(link) if link else None
    site = outlet_name(report.site, link)
    if key is None or site is None:
        return None
    weak = {kind: 0 for kind in WEAK_KINDS}
    for flag in report.sourcing.flags:
        if flag.kind in weak and flag.severity in WEAK_SEVERITIES:
            weak[flag.kind] += 1
    return ArticleFacts(
        site=site,
        key=key,
        claims=len(report.claims),
        named_claims=sum(1 for claim in report.claims if claim.speaker.kind in ON_RECORD),
        core_anonymous=report.sourcing.core_claim_anonymous,
        weak=tuple(weak[kind] for kind in WEAK_KINDS),
    )


def facts_to_dict(facts: ArticleFacts) -> dict[str, Any]:
    """The facts as JSON-ready data (the digest's article cache keeps them)."""
    return {
        "site": facts.site,
        "key": facts.key,
        "claims": facts.claims,
        "named_claims": facts.named_claims,
        "core_anonymous": facts.core_anonymous,
        "weak": facts.weak_counts(),
    }


def facts_from_dict(data: Mapping[str, Any]) -> ArticleFacts:
    """The facts `facts_to_dict` wrote (KeyError or ValueError for anything else)."""
    weak = data["weak"]
    return ArticleFacts(
        site=str(data["site"]),
        key=str(data["key"]),
        claims=int(data["claims"]),
        named_claims=int(data["named_claims"]),
        core_anonymous=bool(data["core_anonymous"]),
        weak=tuple(int(weak.get(kind, 0)) for kind in WEAK_KINDS),
    )
