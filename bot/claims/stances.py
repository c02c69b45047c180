"""Stance adjectives after a linking verb: "X is critical of Y", "X was adamant that ...",
"X is eager to ...". The subject holds the stance; the complement is what it is about."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .bounds import end_before_aside
from .lexicon import Lexicon
from .reported import Frame
from .tokens import runs, subtree_range, trimmed

_EMPTY_SUBJECTS = ("it", "there")


def _has(token: Token, dep: str, word: str) -> bool:
    return any(c.dep_ == dep and c.lower_ == word for c in token.children)


def complement(word: Token, allowed: frozenset[str]) -> tuple[Token | None, Token] | None:
    """The preposition (or None) and the head of the content of a stance or claim word, if it takes
    a complement it allows: "that" for a clause, "to" for an infinitive, or a preposition."""
    for child in word.rights:
        clause = child.dep_ == "ccomp" or (child.dep_ in ("acl", "relcl") and _has(child, "mark", "that"))
        if clause and "that" in allowed:
            return None, child
        if child.dep_ in ("xcomp", "acl") and "to" in allowed and _has(child, "aux", "to"):
            return None, child
        if child.dep_ == "prep" and child.lower_ in allowed:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return child, obj
    return None


def _clause_after(adj: Token, link: Token, allowed: frozenset[str]) -> tuple[None, Token] | None:
    """The "that" clause the parser hung on the linking verb after the adjective ("remains adamant that ...")."""
    if "that" not in allowed:
        return None
    clause = next((c for c in link.rights if c.dep_ == "ccomp" and c.i > adj.i), None)
    return (None, clause) if clause is not None and _has(clause, "mark", "that") else None


def _stance(adj: Token, sent: SpacySpan, lex: Lexicon, quoted: Callable[[int], bool]) -> Frame | None:
    allowed = lex.stances.get(adj.lower_)
    link = adj.head
    if allowed is None or adj.dep_ != "acomp" or lex.lemma(link) not in lex.linking:
        return None
    subject = next((c for c in link.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _EMPTY_SUBJECTS or quoted(subject.idx):
        return None
    found = complement(adj, allowed) or _clause_after(adj, link, allowed)
    if found is None:
        return None
    prep, head = found
    source = trimmed(sent.doc, *subtree_range(subject))
    content = trimmed(sent.doc, head.left_edge.i, end_before_aside(head, lex))
    if source is None or content is None:
        return None
    refers_to = link.head.i if subject.lower_ in lex.relative_pronouns and link.dep_ == "relcl" else subject.i
    cue = [link.i, adj.i, *([prep.i] if prep is not None else [])]
    return Frame(adj.i, tuple(runs(cue)), source, refers_to, (content,))


def find_stances(sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every stance adjective with a subject and a complement outside quotations, in text order."""
    out = []
    for sent in sentences:
        for token in sent:
            if token.pos_ == "ADJ" and not quoted(token.idx) and (frame := _stance(token, sent, lex, quoted)):
                out.append(frame)
    return out
