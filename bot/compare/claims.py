"""Which claims of several articles of one story are the same claim, by content not wording.

Two claims match when the rarity-weighted overlap of their words (lemmas cut to their stem, so
"vetted" meets "vetting"), names and numbers reaches the threshold of `data/claim_model.json`.
Sharing wording (three-word runs: two outlets quoting one statement) helps, and so does both
crediting the same named person; crediting two different named people hinders. Across more than
two articles, matches are joined into groups holding at most one claim per article, strongest
matches first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..model import Claim
from .analysis import Analysed
from .features import person_key
from .fingerprint import ClaimPrint
from .story import Background, background


@dataclass(frozen=True)
class ClaimModel:
    """The settings of claim matching (see the comment in `data/claim_model.json`)."""

    threshold: float
    speaker_bonus: float
    speaker_penalty: float
    min_keys: int
    min_shared: int
    quote_bonus: float = 0.0
    """Added for shared wording: in full from `quote_runs` shared three-word runs on, in part below."""
    quote_runs: int = 3


@dataclass(frozen=True)
class ClaimRef:
    """One claim of one compared article: indexes into the articles and that report's claims."""

    article: int
    claim: int


@dataclass(frozen=True)
class ClaimGroup:
    """The same claim as several articles make it, one claim per article, in article order."""

    members: tuple[ClaimRef, ...]
    similarity: float
    """The weakest match that joined the group."""


@cache
def claim_model() -> ClaimModel:
    """The shipped settings (read once)."""
    raw = json.loads(resources.files("bot.compare.data").joinpath("claim_model.json").read_text("utf-8"))
    return ClaimModel(
        float(raw["threshold"]),
        float(raw["speaker_bonus"]),
        float(raw["speaker_penalty"]),
        int(raw["min_keys"]),
        int(raw["min_shared"]),
        float(raw.get("quote_bonus", 0.0)),
        int(raw.get("quote_runs", 3)),
    )


_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "we", "you", "it"})


def _speaker(claim: Claim) -> str | None:
    """The named person a claim credits, as a key; None for other sources and bare pronouns."""
    if claim.speaker.kind != "named" or (claim.speaker.name or "").strip().casefold() in _PRONOUNS:
        return None
    return person_key(claim.speaker.name)


@cache
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@cache
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def _keys(claim: ClaimPrint) -> dict[str, str]:
    """The claim's keys as compared (stems, names without their kind, numbers) -> the key weighed."""
    out = {_stem(t): t for t in claim.terms}
    out.update(("name:" + e.split(":", 1)[1], e) for e in claim.entities)
    out.update(("#" + n, "#" + n) for n in claim.numbers)
    return out


def claim_similarity(
    a: ClaimPrint,
    b: ClaimPrint,
    *,
    speakers: tuple[str | None, str | None] = (None, None),
    model: ClaimModel | None = None,
    bg: Background | None = None,
) -> float:
    """How alike two claims' contents are, about 0 to 1: the rarity-weighted Dice overlap of their keys,
    plus a bonus for shared wording and one when both credit the same named person, less a
    penalty when they credit two different named people.

    0 when either claim has too few keys, or they share too few and no wording.
    """
    model = model or claim_model()
    bg = bg or background()
    ka, kb = _keys(a), _keys(b)
    shared = ka.keys() & kb.keys()
    runs = len(set(a.quotes) & set(b.quotes))
    if len(ka) < model.min_keys or len(kb) < model.min_keys or (len(shared) < model.min_shared and not runs):
        return 0.0
    weight = bg.idf
    both = sum(weight(ka[k]) for k in shared)
    total = sum(weight(k) for k in ka.values()) + sum(weight(k) for k in kb.values())
    value = 2 * both / total if total else 0.0
    value += model.quote_bonus * min(1.0, runs / model.quote_runs)
    if speakers[0] is not None and speakers[1] is not None:
        value += model.speaker_bonus if speakers[0] == speakers[1] else -model.speaker_penalty
    return round(value, 4)


def match_claims(
    articles: Sequence[Analysed], *, model: ClaimModel | None = None, bg: Background | None = None
) -> tuple[ClaimGroup, ...]:
    """The claims that two or more of `articles` share: those most outlets make first, then in text order."""
    model = model or claim_model()
    bg = bg or background()
    edges: list[tuple[float, ClaimRef, ClaimRef]] = []
    for i, first in enumerate(articles):
        for j in range(i + 1, len(articles)):
            second = articles[j]
            for ci, pa in enumerate(first.fingerprint.claims[: len(first.report.claims)]):
                for cj, pb in enumerate(second.fingerprint.claims[: len(second.report.claims)]):
                    speakers = (_speaker(first.report.claims[ci]), _speaker(second.report.claims[cj]))
                    value = claim_similarity(pa, pb, speakers=speakers, model=model, bg=bg)
                    if value >= model.threshold:
                        edges.append((value, ClaimRef(i, ci), ClaimRef(j, cj)))
    edges.sort(key=lambda e: (-e[0], e[1].article, e[1].claim, e[2].article, e[2].claim))
    group_of: dict[ClaimRef, int] = {}
    groups: list[tuple[list[ClaimRef], float]] = []
    for value, a, b in edges:
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is not None and ga == gb:
            continue
        members_a = groups[ga][0] if ga is not None else [a]
        members_b = groups[gb][0] if gb is not None else [b]
        if {m.article for m in members_a} & {m.article for m in members_b}:
            continue
        merged = (members_a + members_b, min([value] + [groups[g][1] for g in (ga, gb) if g is not None]))
        index = len(groups)
        groups.append(merged)
        for m in merged[0]:
            group_of[m] = index
    live = {group_of[r] for r in group_of}
    out = [
        ClaimGroup(tuple(sorted(groups[g][0], key=lambda r: (r.article, r.claim))), round(groups[g][1], 4))
        for g in sorted(live)
    ]
    out.sort(key=lambda g: (-len(g.members), g.members[0].article, g.members[0].claim))
    return tuple(out)
