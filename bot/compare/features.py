"""The content of a stretch of a parsed article: content-word lemmas, names and numbers.

These are what stories and claims are matched by across outlets; the word lists and weights
are data (`data/matching.json`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from .rarity import word_zipf

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"[’‘']s$")
_PARENTHESIS = re.compile(r"\s*\(.*$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_DIGITS = re.compile(r"^\$?\d[\d,]*(\.\d+)?%?$")


@dataclass(frozen=True)
class MatchingWords:
    """The word lists and weights of matching (see the comment in `data/matching.json`)."""

    generic_lemmas: frozenset[str]
    entity_groups: dict[str, str]
    number_labels: frozenset[str]
    number_words: dict[str, str]
    months: dict[str, str]
    min_number: int
    zones: dict[str, float]
    lede_sentences: int
    max_terms: int
    max_entities: int
    max_numbers: int
    entity_aliases: dict[str, str]
    acronym_stop: frozenset[str]
    rarity: dict[str, Any]


@cache
def matching_words() -> MatchingWords:
    """The shipped word lists (read once)."""
    raw = json.loads(resources.files("bot.compare.data").joinpath("matching.json").read_text("utf-8"))
    return MatchingWords(
        generic_lemmas=frozenset(raw["generic_lemmas"]),
        entity_groups=dict(raw["entity_groups"]),
        number_labels=frozenset(raw["number_labels"]),
        number_words=dict(raw["number_words"]),
        months=dict(raw["months"]),
        min_number=int(raw["min_number"]),
        zones={k: float(v) for k, v in raw["zones"].items()},
        lede_sentences=int(raw["lede_sentences"]),
        max_terms=int(raw["max_terms"]),
        max_entities=int(raw["max_entities"]),
        max_numbers=int(raw["max_numbers"]),
        entity_aliases=dict(raw["entity_aliases"]),
        acronym_stop=frozenset(raw["acronym_stop"]),
        rarity=dict(raw["rarity"]),
    )


@dataclass(frozen=True)
class Content:
    """What a stretch of text is about, each key once per mention, in text order.

    `terms` are lemmas of content words outside names; `entities` are names as
    "kind:name" (people by surname: "person:trump"); `numbers` are normalised numbers and
    dates ("$ 5 million", "feb 1").
    """

    terms: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()

    def keys(self) -> frozenset[str]:
        """Every distinct key, entities and numbers prefixed so they never meet a lemma."""
        return frozenset(self.terms) | frozenset(self.entities) | frozenset("#" + n for n in self.numbers)


def _clean(text: str) -> str:
    text = _PARENTHESIS.sub("", " ".join(text.split())).casefold()
    text = _POSSESSIVE.sub("", text)
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return _EDGE_PUNCT.sub("", text)


def canonical_name(group: str, name: str, words: MatchingWords) -> str:
    """One spelling per name, so outlets that write it differently still share it.

    Known variants map to one ('u.s', 'united states' and 'america' -> 'us'; 'gop' ->
    'republican party'); a name of three or more words other than 'of', 'the', … is written
    as its initials ('federal bureau of investigation' -> 'fbi', as in 'FBI'); a group's name
    is singular ('republicans' -> 'republican').
    """
    name = words.entity_aliases.get(name, name)
    if group == "person":
        return name
    if group == "group" and name.endswith("s") and not name.endswith("ss") and len(name) > 4:
        name = words.entity_aliases.get(name[:-1], name[:-1])
    parts = [p for p in name.split() if p not in words.acronym_stop]
    if group != "place" and len(parts) >= 3 and all(p[:1].isalpha() for p in parts):
        name = "".join(p[0] for p in parts)
    return words.entity_aliases.get(name, name)


def entity_key(ent: Span, words: MatchingWords | None = None) -> str | None:
    """A name as a matching key: 'person:clinton', 'org:state department', 'place:ohio'; None if not a name."""
    words = words or matching_words()
    group = words.entity_groups.get(ent.label_)
    if group is None or not any(ch.isupper() for ch in ent.text):
        return None
    name = _clean(ent.text)
    if not name:
        return None
    if group == "person":
        parts = [p for p in name.split() if p not in _SUFFIXES]
        name = _EDGE_PUNCT.sub("", parts[-1]) if parts else name
    name = canonical_name(group, name, words)
    return f"{group}:{name}" if name else None


def person_key(name: str | None) -> str | None:
    """The matching key of a speaker's name ('Sen. Ted Cruz' -> 'person:cruz'), or None."""
    if not name:
        return None
    parts = [p for p in _clean(name).split() if p not in _SUFFIXES]
    last = _EDGE_PUNCT.sub("", parts[-1]) if parts else ""
    return f"person:{last}" if last else None


def number_key(ent: Span, words: MatchingWords | None = None) -> str | None:
    """A number or date as a matching key ('$ 5 million', 'feb 1', '2016'), or None when too vague.

    Dates need a digit or a month; small bare counts (below `min_number`) are left out.
    """
    words = words or matching_words()
    if ent.label_ not in words.number_labels:
        return None
    out: list[str] = []
    for token in ent:
        low = token.text.casefold()
        if _DIGITS.match(low):
            out.append(low.replace(",", ""))
        elif low in words.number_words:
            out.append(words.number_words[low])
        elif low.rstrip(".") in words.months:
            out.append(words.months[low.rstrip(".")])
    if not out:
        return None
    has_digit = any(ch.isdigit() for part in out for ch in part)
    has_month = any(part in words.months.values() for part in out)
    if not (has_digit or has_month):
        return None
    if len(out) == 1 and has_digit:
        value = out[0].strip("$%")
        try:
            if float(value) < words.min_number and ent.label_ in ("CARDINAL", "QUANTITY"):
                return None
        except ValueError:
            pass
    return " ".join(out)


def is_content(token: Token, words: MatchingWords) -> bool:
    """True for a content word worth matching on (not a stop word, not generic)."""
    return (
        token.pos_ in CONTENT_POS
        and token.is_alpha
        and not token.is_stop
        and len(token.text) > 1
        and token.lemma_.casefold() not in words.generic_lemmas
    )


def term_key(token: Token, names: dict[str, str]) -> tuple[str, str]:
    """A content word as ('term', lemma), or as ('name', key) when it is a capitalised word that
    the article uses as a one-word name elsewhere ("Sotomayor" where the model missed the name).

    A lemma general English does not know ("defie" for "defies") gives way to the word itself.
    """
    low = token.text.casefold()
    if token.text[:1].isupper() and low in names:
        return "name", names[low]
    lemma = token.lemma_.casefold()
    if lemma != low and word_zipf(lemma) == 0.0 and word_zipf(low) > 0.0:
        return "term", low
    return "term", lemma


def content_of(doc: Doc, ranges: Sequence[tuple[int, int]], words: MatchingWords | None = None) -> Content:
    """The content of the character ranges `ranges` of `doc` (each key once per mention)."""
    return content_of_many(doc, [ranges], words)[0]


def content_of_many(
    doc: Doc, groups: Sequence[Sequence[tuple[int, int]]], words: MatchingWords | None = None
) -> list[Content]:
    """`content_of` for several groups of ranges, sharing one pass over the names."""
    words = words or matching_words()
    names = _names(doc, words)
    one_word = {key.split(":", 1)[1]: key for _, _, kind, key in names if kind == "name" and " " not in key}
    out = []
    for ranges in groups:
        terms: list[str] = []
        entities: list[str] = []
        numbers: list[str] = []
        for start, end in ranges:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                if token.ent_iob_ == "O" and is_content(token, words):
                    kind, key = term_key(token, one_word)
                    (terms if kind == "term" else entities).append(key)
            for ent_start, ent_end, kind, key in names:
                if ent_start < end and ent_end > start:
                    (entities if kind == "name" else numbers).append(key)
        out.append(Content(tuple(terms), tuple(entities), tuple(numbers)))
    return out


def _names(doc: Doc, words: MatchingWords) -> list[tuple[int, int, str, str]]:
    """Every name and number of the doc as (start, end, 'name'|'number', key), in text order.

    A one-word organisation or place that is the surname of a person named in the same
    article is read as that person (the small model often tags a surname alone as ORG/GPE),
    and so is a person named by first name alone ("Hillary" -> "person:clinton") when the
    article names exactly one person of that first name in full.
    """
    found: list[tuple[int, int, str, str]] = []
    first_names: dict[str, set[str]] = {}
    for ent in doc.ents:
        key = entity_key(ent, words)
        if key is not None:
            found.append((ent.start_char, ent.end_char, "name", key))
            if key.startswith("person:"):
                parts = [p for p in _clean(ent.text).split() if p not in _SUFFIXES]
                if len(parts) >= 2:
                    first_names.setdefault(parts[0], set()).add(key)
            continue
        number = number_key(ent, words)
        if number is not None:
            found.append((ent.start_char, ent.end_char, "number", number))
    surnames = {k.split(":", 1)[1] for _, _, kind, k in found if kind == "name" and k.startswith("person:")}
    fixed = []
    for start, end, kind, key in found:
        group, _, name = key.partition(":")
        if kind == "name" and group in ("org", "place", "group") and name in surnames:
            key = f"person:{name}"
        elif (
            kind == "name"
            and group == "person"
            and len(first_names.get(name, ())) == 1
            and " " not in doc.text[start:end].strip()
        ):
            key = next(iter(first_names[name]))
        fixed.append((start, end, kind, key))
    return fixed


def weigh(keys: Iterable[tuple[str, float]], limit: int) -> tuple[tuple[str, float], ...]:
    """Summed weights per key, sublinear (1 + ln of the sum above 1), the `limit` heaviest by key order."""
    total: dict[str, float] = {}
    for key, weight in keys:
        total[key] = total.get(key, 0.0) + weight
    scaled = {k: round(1.0 + math.log(w), 4) if w > 1.0 else round(w, 4) for k, w in total.items()}
    ranked = sorted(scaled.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return tuple(sorted(ranked))
