"""Choosing the few key claims a chat reader should see."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Claim, Span
from ..pipeline import Parsed
from .headlines import opening_line

MIN_KEYS = 3
MAX_KEYS = 5
PER_SPEAKER = 2
SUMMARY_WEIGHT = 3.0
HEADLINE_WEIGHT = 2.0
SOURCE_WEIGHT = 1.0
POSITION_WEIGHT = 1.0
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_STOPS = frozenset(".!?\"”’")


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


def _clause(token: Token) -> bool:
    """The word heads a clause: a finite verb, a verb with a finite auxiliary, or a word the parser
    took for a clause or that opens with a subordinating mark ("that the probe is free of ...")."""
    if token.tag_ in _FINITE_TAGS or token.dep_ == "ccomp":
        return True
    return any(
        c.dep_ == "mark" or (c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS) for c in token.children
    )


def _states(doc: Doc, claim: Claim, headline: Span | None) -> bool:
    """The claim reports a statement: quoted words, a headline, what a document or data shows, or
    content that is a clause; not the bare thing a stance or act is about ("claimed a victory",
    "supported stem cell research", "refuses to disavow the endorsement", "did not mention him")."""
    if claim.direct or claim.speaker.kind == "document":
        return True
    for start, end in claim.spans.content:
        if headline is not None and headline[0] <= start < headline[1]:
            return True
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        roots = (t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end)
        if any(_clause(t) for t in roots):
            return True
    return False


def _headline(parsed: Parsed) -> Span | None:
    """Where the headline is: the opening line, when it reads as a headline (no closing stop)."""
    block = opening_line(parsed)
    if block is None or (block.kind == "paragraph" and parsed.text[block.start : block.end].rstrip()[-1:] in _STOPS):
        return None
    return (block.start, block.end)


def mark_key_claims(parsed: Parsed, claims: list[Claim], summary_spans: list[Span]) -> list[Claim]:
    """The same claims in the same order, with `key=True` on the 3-5 that carry the story.

    Substantive statements come first: not a few words of small talk, and a statement rather than
    the bare object of a stance or act ("Sanders claimed a victory"); then they are ranked by
    overlap with the summary sentences and the headline, having a source, and position; no
    speaker gets more than two. The others are marked only to reach three. Fewer are marked when
    the article has fewer claims; what the article gives as commonly known (`background`) never is.
    """
    headline = _words(parsed.title or "")
    length = len(parsed.text)
    where = _headline(parsed)
    weak = [not _substantive(c) or not _states(parsed.doc, c, where) for c in claims]
    ranked = sorted(
        range(len(claims)),
        key=lambda i: (
            not _substantive(claims[i]),
            weak[i],
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
        if len(chosen) == MAX_KEYS or (len(chosen) >= MIN_KEYS and weak[i]):
            break
        who = (claims[i].speaker.name or "").casefold()
        if per_speaker.get(who, 0) >= PER_SPEAKER:
            continue
        per_speaker[who] = per_speaker.get(who, 0) + 1
        chosen.append(i)
    keep = set(chosen)
    return [dataclasses.replace(c, key=i in keep) for i, c in enumerate(claims)]
