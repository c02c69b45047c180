"""A story's fingerprint: what an analysed article is about, small enough to store as JSON.

Built from the parse the analysis already made (no second parse of the article), it holds the
weighted content words, names and numbers of the story (title and lede weighted up), the keys
of the title and lede alone, the day the article was published (when known), and the content of
each claim the report lists, in the report's order. Stories and claims are matched on
fingerprints alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language

from ..model import Report
from ..pipeline import Parsed
from .features import Content, MatchingWords, content_of_many, matching_words, weigh

FINGERPRINT_SCHEMA = 2
"""Bumped whenever the keys a fingerprint holds change meaning: stored fingerprints of another
schema are not comparable and should be recomputed or ignored. (2: names in one canonical
spelling, 'FBI' for 'Federal Bureau of Investigation', 'person:clinton' for 'Hillary' in an
article naming Hillary Clinton; the publication day; the claims' word runs.)"""

Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ClaimPrint:
    """The content of one claim: its distinct lemmas, names and numbers, sorted, and `quotes`, the
    hashes of its three-word runs (wording two outlets quoting one statement share)."""

    terms: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()

    def keys(self) -> frozenset[str]:
        """Every key, names and numbers kept apart from lemmas."""
        return Content(self.terms, self.entities, self.numbers).keys()


@dataclass(frozen=True)
class StoryFingerprint:
    """What one article is about, for matching stories and claims across outlets.

    `terms`, `entities` and `numbers` are (key, weight) pairs sorted by key; `lede` is the
    sorted set of keys of the title and first sentences; `claims[i]` is the content of the
    report's `claims[i]`; `published` is the publication day ("2016-07-05") when the article
    gives one.
    """

    terms: Weighted = ()
    entities: Weighted = ()
    numbers: Weighted = ()
    lede: tuple[str, ...] = ()
    claims: tuple[ClaimPrint, ...] = ()
    schema: int = FINGERPRINT_SCHEMA
    published: str | None = None

    def without_claims(self) -> StoryFingerprint:
        """The story part alone (what the digest needs to store to fold stories)."""
        return replace(self, claims=())


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def word_runs(text: str, size: int = 3) -> tuple[str, ...]:
    """Short hashes of the runs of `size` words of `text` with a word outside the stop words
    (case and punctuation aside), sorted: equal wording, not the words themselves."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.replace("’", "'") for w in _WORD.findall(text.casefold())]
    runs = {
        " ".join(words[i : i + size])
        for i in range(len(words) - size + 1)
        if any(w not in STOP_WORDS for w in words[i : i + size])
    }
    return tuple(sorted(hashlib.blake2b(r.encode("utf-8"), digest_size=4).hexdigest() for r in runs))


def _claim_print(content: Content, text: str) -> ClaimPrint:
    return ClaimPrint(
        tuple(sorted(set(content.terms))),
        tuple(sorted(set(content.entities))),
        tuple(sorted(set(content.numbers))),
        word_runs(text),
    )


Ranges = list[tuple[int, int]]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def publication_day(published: str | None) -> str | None:
    """The day of an ISO date or date-time ("2016-07-05T14:03:00Z" -> "2016-07-05"), else None."""
    match = _DAY.match(published.strip()) if published else None
    return match.group(0) if match else None


def _zones(parsed: Parsed, words: MatchingWords) -> tuple[Ranges, Ranges, Ranges]:
    """Character ranges of the title (headline blocks), the lede and the rest of the body."""
    title = [(b.start, b.end) for b in parsed.blocks if b.kind == "headline"]
    sentences = [(s.start_char, s.end_char) for s in parsed.sentences()]
    return title, sentences[: words.lede_sentences], sentences[words.lede_sentences :]


def _weighted(contents: Iterator[tuple[Content, float]]) -> tuple[list[tuple[str, float]], ...]:
    terms: list[tuple[str, float]] = []
    entities: list[tuple[str, float]] = []
    numbers: list[tuple[str, float]] = []
    for content, weight in contents:
        terms += [(t, weight) for t in content.terms]
        entities += [(e, weight) for e in content.entities]
        numbers += [(n, weight) for n in content.numbers]
    return terms, entities, numbers


def fingerprint(parsed: Parsed, report: Report, nlp: Language | None = None) -> StoryFingerprint:
    """The fingerprint of `report`, read from `parsed`, the parse the report was built from.

    A title that is not part of the text (a fetched page's metadata) is parsed on its own,
    which costs a few words' worth of parsing; `nlp` is the pipeline for that (the default
    one when None).
    """
    words = matching_words()
    title, lede, body = _zones(parsed, words)
    claim_ranges = [list(c.spans.content) for c in report.claims]
    contents = content_of_many(parsed.doc, [title, lede, body, *claim_ranges], words)
    title_c, lede_c, body_c, claim_cs = contents[0], contents[1], contents[2], contents[3:]
    if not title and parsed.title and parsed.title.strip():
        title_c = _title_content(parsed.title, nlp, words)
    zones = words.zones
    terms, entities, numbers = _weighted(
        iter([(title_c, zones["title"]), (lede_c, zones["lede"]), (body_c, zones["body"])])
    )
    return StoryFingerprint(
        terms=weigh(terms, words.max_terms),
        entities=weigh(entities, words.max_entities),
        numbers=weigh(numbers, words.max_numbers),
        lede=tuple(sorted(title_c.keys() | lede_c.keys())),
        claims=tuple(_claim_print(c, claim.text) for c, claim in zip(claim_cs, report.claims, strict=True)),
        published=publication_day(report.published or parsed.article.published),
    )


def _title_content(title: str, nlp: Language | None, words: MatchingWords) -> Content:
    from ..nlp import load_nlp

    doc = (nlp or load_nlp())(title.strip())
    return content_of_many(doc, [[(0, len(doc.text))]], words)[0]


def fingerprint_to_dict(fp: StoryFingerprint) -> dict[str, Any]:
    """The fingerprint as JSON-ready data (for storing, e.g. with a digest's posted items)."""
    return {
        "schema": fp.schema,
        "terms": [[k, w] for k, w in fp.terms],
        "entities": [[k, w] for k, w in fp.entities],
        "numbers": [[k, w] for k, w in fp.numbers],
        "lede": list(fp.lede),
        "published": fp.published,
        "claims": [
            {"terms": list(c.terms), "entities": list(c.entities), "numbers": list(c.numbers), "quotes": list(c.quotes)}
            for c in fp.claims
        ],
    }


def _pairs(raw: Sequence[Any]) -> Weighted:
    return tuple((str(k), float(w)) for k, w in raw)


def fingerprint_from_dict(data: dict[str, Any]) -> StoryFingerprint:
    """A fingerprint read back from `fingerprint_to_dict`'s data.

    Raises ValueError for data of another schema (such fingerprints mean something else).
    """
    schema = int(data.get("schema", 0))
    if schema != FINGERPRINT_SCHEMA:
        raise ValueError(f"fingerprint schema {schema} is not {FINGERPRINT_SCHEMA}")
    return StoryFingerprint(
        terms=_pairs(data.get("terms", ())),
        entities=_pairs(data.get("entities", ())),
        numbers=_pairs(data.get("numbers", ())),
        lede=tuple(str(k) for k in data.get("lede", ())),
        claims=tuple(
            ClaimPrint(
                tuple(c.get("terms", ())),
                tuple(c.get("entities", ())),
                tuple(c.get("numbers", ())),
                tuple(c.get("quotes", ())),
            )
            for c in data.get("claims", ())
        ),
        schema=schema,
        published=publication_day(data.get("published")),
    )
