"""Claim nouns with a possessor: "her claim that ...", "the minister's assertion that ...".
The possessor holds the claim; the complement the lexicon allows is its content."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import Lexicon
from .reported import Frame
from .stances import complement
from .tokens import runs, subtree_range, trimmed


def _claim(noun: Token, sent: SpacySpan, lex: Lexicon) -> Frame | None:
    allowed = lex.nouns.get(noun.lower_) or lex.nouns.get(noun.lemma_.lower())
    if allowed is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    found = complement(noun, allowed) if owner is not None else None
    if owner is None or found is None:
        return None
    prep, head = found
    source = trimmed(sent.doc, *subtree_range(owner))
    content = trimmed(sent.doc, head.left_edge.i, head.right_edge.i + 1)
    if source is None or content is None:
        return None
    cue = [noun.i, *([prep.i] if prep is not None else [])]
    return Frame(noun.i, tuple(runs(cue)), source, owner.i, (content,))


def find_claim_nouns(sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every claim noun with a possessor and a complement outside quotations, in text order."""
    out = []
    for sent in sentences:
        for token in sent:
            if token.pos_ == "NOUN" and not quoted(token.idx) and (frame := _claim(token, sent, lex)):
                out.append(frame)
    return out
