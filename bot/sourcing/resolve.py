"""Source phrases that refer back ("he said", "the official added", "who told reporters") read as
what the shared resolver (`bot.reference`) finds they refer to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..model import Span as CharSpan
from ..reference import Referent
from .classify import Reading
from .frame import tokens_of
from .lexicon import Lexicon

_PEOPLE = frozenset({"anonymous", "vague", "none", "named"})
"""Readings of a description that may stand for a person introduced earlier ("the designer");
an organisation, document or outlet keeps its own reading."""

ReadAt = Callable[[tuple[CharSpan, ...]], Reading]
"""Classify the phrase at some character ranges (in their own frame)."""


def apply_references(
    doc: Doc,
    readings: Sequence[Reading | None],
    referents: Sequence[Referent | None],
    read_at: ReadAt,
    lex: Lexicon,
) -> list[Reading | None]:
    """The readings with each referring phrase read as what it refers to, keeping its own spans.

    An earlier source lends its reading; a named person, the reading of an earlier mention of that
    person (a journalist stays a journalist), else "named"; a relative pronoun, the reading of the
    phrase it stands for. A pronoun with nothing to refer to reads as a person for "he" or "she",
    an organisation for "it", and a general group for "they".
    """
    out = list(readings)
    order = sorted((i for i, r in enumerate(out) if r is not None), key=lambda i: out[i].spans[0][0])  # type: ignore[union-attr]
    person_reading: dict[str, Reading] = {}
    for i in order:
        reading, referent = out[i], referents[i] if i < len(referents) else None
        if reading is None or referent is None:
            continue
        if referent.kind == "earlier" and referent.earlier is not None and out[referent.earlier] is not None:
            earlier = out[referent.earlier]
            assert earlier is not None
            out[i] = replace(earlier, spans=reading.spans, pronoun=False, antecedent=earlier.spans)
        elif referent.kind == "person" and referent.name:
            if reading.category in ("named", "second_hand") and not reading.pronoun:
                person_reading.setdefault(referent.name, reading)
            else:
                known = person_reading.get(referent.name)
                base = known or Reading("named", referent.name, reading.spans, name=referent.name)
                out[i] = replace(base, spans=reading.spans, pronoun=False)
        elif referent.phrase is not None:
            out[i] = replace(read_at((referent.phrase,)), spans=reading.spans, pronoun=False)
        elif referent.introduced is not None and reading.category in _PEOPLE:
            out[i] = replace(read_at((referent.introduced,)), text=reading.text, spans=reading.spans, pronoun=False)
        elif reading.pronoun:
            out[i] = _unresolved(doc, reading, lex)
    return out


def _unresolved(doc: Doc, reading: Reading, lex: Lexicon) -> Reading:
    """A pronoun the resolver found nothing for: a safe default that never makes it anonymous."""
    pronouns = [t for t in tokens_of(doc, reading.spans) if t.pos_ == "PRON"]
    word = pronouns[0].lower_ if pronouns else reading.text.lower()
    if word in lex.words["person_pronouns"]:
        return replace(reading, category="named", pronoun=False)
    if word in lex.words["thing_pronouns"]:
        return replace(reading, category="institutional", pronoun=False)
    return replace(reading, category="vague", plural=True, pronoun=False)
