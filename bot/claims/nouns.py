"""Claim nouns with a holder: "her claim that ...", "the minister's assertion that ...", "a tacit
recognition among his aides that ...". The possessor (or the group after "among", "from", ...)
holds the claim; the complement the lexicon allows is its content."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .bounds import end_before_aside
from .lexicon import Lexicon
from .reported import Frame
from .stances import complement
from .subjects import subject_of
from .tokens import runs, subtree_range, trimmed


def _holder(noun: Token, lex: Lexicon, quoted: Callable[[int], bool]) -> Token | None:
    """Whose claim or belief the noun reports: its possessor ("her claim"), the group after one of
    the lexicon's prepositions ("a recognition among [aides]", "a warning from [the agency]"), or the
    subject of a light verb the noun is the object of ("[the mayor] made the case that ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in lex.noun_holders:
            group = next((c for c in child.children if c.dep_ == "pobj"), None)
            if group is not None:
                return group
    if noun.dep_ == "dobj" and lex.lemma(noun.head) in lex.light_verbs:
        return subject_of(noun.head, lex, quoted)
    return None


def _claim(noun: Token, sent: SpacySpan, lex: Lexicon, quoted: Callable[[int], bool]) -> Frame | None:
    allowed = lex.nouns.get(noun.lower_) or lex.nouns.get(noun.lemma_.lower())
    if allowed is None:
        return None
    owner = _holder(noun, lex, quoted)
    found = complement(noun, allowed) if owner is not None else None
    if owner is None or found is None:
        return None
    prep, head = found
    source = trimmed(sent.doc, *subtree_range(owner))
    content = trimmed(sent.doc, head.left_edge.i, end_before_aside(head, lex))
    if source is None or content is None:
        return None
    cue = [noun.i, *([prep.i] if prep is not None else [])]
    return Frame(noun.i, tuple(runs(cue)), source, owner.i, (content,))


def find_claim_nouns(sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every claim noun with a holder and a complement outside quotations, in text order."""
    out = []
    for sent in sentences:
        for token in sent:
            if token.pos_ == "NOUN" and not quoted(token.idx) and (frame := _claim(token, sent, lex, quoted)):
                out.append(frame)
    return out
