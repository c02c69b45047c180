"""Pronoun sources ("he said", "who told reporters") and repeated descriptions ("the official said")
read as the phrase they stand for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import Claim
from ..model import Span as CharSpan
from .classify import Reading
from .frame import char_text, sentence_at, tokens_of
from .lexicon import Lexicon

ReadAt = Callable[[tuple[CharSpan, ...]], Reading]
"""Classify the phrase at some character ranges (in their own frame)."""

_LOOKBACK_SENTENCES = 3


def resolve_pronouns(
    doc: Doc,
    claims: Sequence[Claim],
    readings: Sequence[Reading | None],
    read_at: ReadAt,
    lex: Lexicon,
) -> list[Reading | None]:
    """The readings with each pronoun source replaced by the reading of what it refers to.

    The claim's resolved `speaker.name` is used when it differs from the pronoun; otherwise
    a relative pronoun reads as its noun, and a personal pronoun as the nearest earlier
    source or person of the same number within a few sentences.
    """
    out = _repeats(doc, readings, lex)
    order = sorted(range(len(out)), key=lambda i: _start(out[i]))
    for i in order:
        reading = out[i]
        if reading is None or not reading.pronoun:
            continue
        found = _by_name(doc, claims[i], reading, read_at)
        found = found or _relative(doc, reading, read_at)
        found = found or _nearest(
            doc, reading, [out[j] for j in order if _start(out[j]) < _start(reading)], lex
        )
        out[i] = replace(found, spans=reading.spans, pronoun=False)
    return out


def _repeats(doc: Doc, readings: Sequence[Reading | None], lex: Lexicon) -> list[Reading | None]:
    """Readings where a bare definite description repeats an earlier anonymous source ("a senior
    official said ... The official added", "people familiar with the matter ... the people said")
    replaced by that source's reading."""
    out = list(readings)
    seen: dict[str, Reading] = {}
    for i in sorted(range(len(out)), key=lambda i: _start(out[i])):
        reading = out[i]
        if reading is None or reading.pronoun:
            continue
        head = _bare_definite(doc, reading, lex)
        if head is not None and head in seen:
            out[i] = replace(seen[head], spans=reading.spans)
        elif reading.category == "anonymous":
            root = _root(tokens_of(doc, reading.spans))
            if root is not None:
                seen.setdefault(root.lemma_.lower(), reading)
    return out


def _root(tokens: list[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), None)


def _bare_definite(doc: Doc, reading: Reading, lex: Lexicon) -> str | None:
    """The head lemma of "the official", "the two people", "both sources": a definite determiner,
    perhaps a number, and the head noun, nothing else."""
    tokens = [t for t in tokens_of(doc, reading.spans) if not t.is_punct]
    root = _root(tokens)
    if root is None or root.pos_ != "NOUN":
        return None
    rest = [t for t in tokens if t.i != root.i]
    if not rest or rest[0].lower_ not in lex.words["definite_determiners"]:
        return None
    if any(t.dep_ not in ("det", "nummod", "predet") for t in rest):
        return None
    return root.lemma_.lower()


def _start(reading: Reading | None) -> int:
    return reading.spans[0][0] if reading is not None and reading.spans else -1


def _by_name(doc: Doc, claim: Claim, reading: Reading, read_at: ReadAt) -> Reading | None:
    name = (claim.speaker.name or "").strip()
    if not name or name.lower() == reading.text.lower():
        return None
    start = reading.spans[0][0]
    pos = doc.text.rfind(name, 0, start)
    pos = pos if pos >= 0 else doc.text.find(name)
    if pos >= 0:
        return read_at(((pos, pos + len(name)),))
    if any(w[:1].isupper() for w in name.split()):
        return Reading("named", name, reading.spans, name=name)
    return Reading("vague", name, reading.spans)


def _relative(doc: Doc, reading: Reading, read_at: ReadAt) -> Reading | None:
    tokens = tokens_of(doc, reading.spans)
    if not tokens or tokens[0].head.dep_ != "relcl":
        return None
    clause = tokens[0].head
    noun = clause.head
    while noun.dep_ == "appos" and noun.head.i < noun.i:
        noun = noun.head
    end_token = doc[clause.left_edge.i - 1] if clause.left_edge.i > noun.i else noun
    while end_token.i > noun.i and end_token.is_punct:
        end_token = doc[end_token.i - 1]
    start = noun.left_edge.idx
    end = end_token.idx + len(end_token.text)
    return read_at(((start, end),)) if end > start else None


def _nearest(doc: Doc, reading: Reading, earlier: list[Reading | None], lex: Lexicon) -> Reading:
    """The nearest earlier source (or, for he/she, person) of the same number; else a safe default."""
    start = reading.spans[0][0]
    sent = sentence_at(doc, start)
    first = doc[max(sent.start - 1, 0)].sent
    for _ in range(_LOOKBACK_SENTENCES - 1):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    limit = first.start_char
    pronouns = [t for t in tokens_of(doc, reading.spans) if t.pos_ == "PRON"]
    word = (pronouns[0] if pronouns else tokens_of(doc, reading.spans)[0]).lower_
    singular = word in lex.words["pronouns_singular"]
    best: Reading | None = None
    personal = word in lex.words["person_pronouns"]
    for cand in earlier:
        if (
            cand is not None
            and not cand.pronoun
            and limit <= _start(cand) < start
            and (cand.plural != singular or word in lex.words["thing_pronouns"])
            and (not personal or _person_like(cand))
            and not (word in lex.words["thing_pronouns"] and cand.category == "anonymous")
        ):
            best = cand
    if personal:
        person = _nearest_person(doc, limit, start)
        if person is not None and (best is None or person[0] > _start(best)):
            return Reading(
                "named", char_text(doc, *person), reading.spans, name=char_text(doc, *person)
            )
    if best is not None:
        return best
    if personal:
        return Reading("named", reading.text, reading.spans)
    if word in lex.words["thing_pronouns"]:
        return Reading("institutional", reading.text, reading.spans)
    return Reading("vague", reading.text, reading.spans, plural=True)


def _person_like(reading: Reading) -> bool:
    """Whether a source could be "he" or "she": a person, named or not (no organisation or text)."""
    return (
        reading.category in ("named", "anonymous")
        or (reading.category == "second_hand" and reading.journalist)
        or (reading.category == "vague" and reading.private)
    )


def _nearest_person(doc: Doc, limit: int, start: int) -> CharSpan | None:
    people = [e for e in doc.ents if e.label_ == "PERSON" and limit <= e.start_char and e.end_char <= start]
    return (people[-1].start_char, people[-1].end_char) if people else None
