"""Choosing the few key claims a chat reader should see."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import lru_cache
from importlib import resources

from ..model import Claim, Span
from ..pipeline import Parsed

MIN_KEYS = 3
MAX_KEYS = 5
PER_SPEAKER = 2
SUMMARY_WEIGHT = 3.0
HEADLINE_WEIGHT = 2.0
SOURCE_WEIGHT = 1.0
POSITION_WEIGHT = 1.0
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT_WORD.findall(text)}


def _overlaps(spans: tuple[Span, ...], others: list[Span]) -> bool:
    return any(s < oe and os < e for s, e in spans for os, oe in others)


def _score(claim: Claim, summary_spans: list[Span], headline: set[str], length: int) -> float:
    """How much a claim carries the story: in the summary, echoing the headline, sourced, early."""
    score = SUMMARY_WEIGHT if _overlaps(claim.spans.content, summary_spans) else 0.0
    if headline:
        score += HEADLINE_WEIGHT * len(_words(claim.text) & headline) / len(headline)
    if _has_source(claim):
        score += SOURCE_WEIGHT
    score += POSITION_WEIGHT * (1.0 - claim.spans.content[0][0] / max(length, 1))
    return score


@lru_cache(maxsize=1)
def _rules() -> tuple[int, re.Pattern[str]]:
    raw = json.loads(resources.files("bot.claims.data").joinpath("keys.json").read_text("utf-8"))
    return int(raw["min_words"]), re.compile("|".join(f"(?:{p})" for p in raw["small_talk"]), re.IGNORECASE)


_NOT_A_NAME = frozenset({"the", "this", "that", "these", "those", "it", "its", "a", "an"})


def _has_source(claim: Claim) -> bool:
    """A source a reader can weigh: not missing, and no 'named' thing that is no name ('The program')."""
    name = claim.speaker.name
    if not name or claim.speaker.kind == "none":
        return False
    return claim.speaker.kind != "named" or name.split()[0].casefold() not in _NOT_A_NAME


def _substantive(claim: Claim) -> bool:
    """Long enough to say something, and not a refusal to comment or a greeting."""
    min_words, small_talk = _rules()
    text = " ".join(claim.text.split())
    return len(text.split()) >= min_words and small_talk.search(text) is None


def mark_key_claims(parsed: Parsed, claims: list[Claim], summary_spans: list[Span]) -> list[Claim]:
    """The same claims in the same order, with `key=True` on the 3-5 that carry the story.

    Substantive claims (not a few words of small talk) come first, ranked by overlap with the
    summary sentences and the headline, having a source, and position; no speaker gets more
    than two. Fewer are marked when the article has fewer claims; what the article gives as commonly
    known (`background`) never is.
    """
    headline = _words(parsed.title or "")
    length = len(parsed.text)
    ranked = sorted(
        range(len(claims)),
        key=lambda i: (
            not _substantive(claims[i]),
            not _has_source(claims[i]),
            -_score(claims[i], summary_spans, headline, length),
            claims[i].spans.content[0][0],
        ),
    )
    chosen: list[int] = []
    per_speaker: dict[str, int] = {}
    for i in ranked:
        if claims[i].background:
            continue
        if len(chosen) == MAX_KEYS or (len(chosen) >= MIN_KEYS and not _substantive(claims[i])):
            break
        who = (claims[i].speaker.name or "").casefold()
        if per_speaker.get(who, 0) >= PER_SPEAKER:
            continue
        per_speaker[who] = per_speaker.get(who, 0) + 1
        chosen.append(i)
    keep = set(chosen)
    return [dataclasses.replace(c, key=i in keep) for i, c in enumerate(claims)]
