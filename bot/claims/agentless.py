"""Attributions without a source: "X is expected to ...", "X appears to ...", "it seems that ...",
"X is reportedly ...", "asked whether ..."."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .found import Found
from .lexicon import Lexicon
from .tokens import char_span, runs, subtree_range, trimmed

_VERBS = ("VERB", "AUX")


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _content(doc: Doc, parts: Iterable[Token]) -> tuple[tuple[int, int], ...]:
    indexes = {i for p in parts for i in range(*subtree_range(p))}
    out = []
    for start, end in runs(indexes):
        cut = trimmed(doc, start, end)
        if cut is not None:
            out.append(char_span(doc, *cut))
    return tuple(out)


def _as_phrase(verb: Token) -> Token | None:
    """The "as ..." phrase or predicate of a passive verb of regarding: "was seen [as a betrayal]",
    "is considered [one of the largest]"."""
    return next((c for c in verb.rights if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "attr")), None)


def _complement(verb: Token) -> Token | None:
    """The verb's "to ..." complement, else the clause after it (not one the parser hung before it)."""
    return _child(verb, "xcomp") or next((c for c in verb.rights if c.dep_ == "ccomp"), None)


def _likeness(verb: Token) -> Token | None:
    """The "like ..." phrase of "X seemed like a long shot", "it appears like ...", after the verb."""
    return next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "like"), None)


def _shared_subject(verb: Token) -> Token | None:
    """The subject a coordinated verb shares with the one before it ("She is moving but is expected
    to stay")."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    return _child(verb.head, "nsubj", "nsubjpass")


def _raised(verb: Token, lex: Lexicon) -> tuple[Token, ...] | None:
    """Subject and complement of "X appears to ..." / "X is expected to ..." / "X is seen as ...",
    or the clause of "it seems that ..."."""
    lemma = lex.lemma(verb)
    passive = verb.tag_ == "VBN" and _child(verb, "auxpass") is not None and _child(verb, "agent") is None
    if lemma in lex.raising:
        subject, comp = _child(verb, "nsubj"), _complement(verb) or _likeness(verb)
    elif lemma in lex.passive and passive:
        subject, comp = _child(verb, "nsubjpass") or _shared_subject(verb), _complement(verb)
        if comp is None and lemma in lex.characterizing:
            comp = _as_phrase(verb)
    else:
        return None
    if subject is None or comp is None:
        return None
    if subject.lower_ == "it" and (comp.dep_ == "ccomp" or comp.lower_ == "like"):
        return (comp,)
    return (subject, comp) if comp.dep_ in ("xcomp", "prep", "oprd", "attr") else None


def _asked(verb: Token, lex: Lexicon) -> Token | None:
    """The question in "Asked whether ..., X said", "when asked to confirm ..." or "X was asked about
    ...": put to someone by no one named (its clause, or its "about ..." phrase); "when asked" may
    be tagged as a past tense."""
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "advcl")
    if lex.lemma(verb) not in lex.asked or not participle or _child(verb, "agent", "nsubj"):
        return None
    if verb.dep_ != "advcl" and not _child(verb, "auxpass"):
        return None
    clause = _child(verb, "ccomp", "xcomp")
    if clause is not None:
        return clause
    return next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("about", "on")), None)


def _reputation(verb: Token, lex: Lexicon) -> tuple[range, Token, Token] | None:
    """The thing, the preposition and its object of "X is known as Y" or "a state known for Z" (a
    passive or a participle without an agent): what the thing is widely held to be or known for."""
    preps = lex.reputation.get(lex.lemma(verb))
    adjective = verb.dep_ == "acomp"  # "is well known for": an adjective after a linking verb
    if preps is None or not (verb.tag_ == "VBN" or adjective) or _child(verb, "agent") is not None:
        return None
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps), None)
    obj = _child(prep, "pobj", "pcomp") if prep is not None else None
    if prep is None or obj is None:
        return None
    subject = _child(verb.head, "nsubj") if adjective else _child(verb, "nsubjpass")
    if subject is not None and (adjective or _child(verb, "auxpass") is not None):
        return range(*subtree_range(subject)), prep, obj
    if verb.dep_ == "acl" and verb.head.i < verb.i:
        noun = verb.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PRON", "NUM"):
            noun = noun.head.head  # "the group of contests known as ..."
        return range(noun.left_edge.i, verb.left_edge.i), prep, obj
    return None


def find_reputations(
    doc: Doc, sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]
) -> list[Found]:
    """What things are known as or for ("the contests known as Super Tuesday"), outside quotations:
    claims with no source, marked as background."""
    out = []
    for sent in sentences:
        for token in sent:
            if token.pos_ not in (*_VERBS, "ADJ") or quoted(token.idx) or (found := _reputation(token, lex)) is None:
                continue
            thing, prep, obj = found
            linking = [token.head.i] if token.dep_ == "acomp" else []
            aux = [*linking, *(c.i for c in token.children if c.dep_ in ("auxpass", "advmod", "neg") and c.i < token.i)]
            cue = tuple(char_span(doc, s, e) for s, e in runs([*aux, token.i, prep.i]))
            content = _content(doc, [obj])
            named = trimmed(doc, thing.start, thing.stop) if thing else None
            if content and named is not None:
                content = (char_span(doc, *named), *content)
                out.append(Found(content, None, cue, direct=False, refers_to=None, background=True))
    return out


def find_agentless(
    doc: Doc, sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]
) -> list[Found]:
    """Source-less attributions outside quotations, in text order."""
    out = []
    for sent in sentences:
        for token in sent:
            if (token.pos_ not in _VERBS and token.lower_ not in lex.hedges) or quoted(token.idx):
                continue
            if token.pos_ in ("VERB", "AUX") and (parts := _raised(token, lex)):
                aux = [c.i for c in token.children if c.dep_ in ("aux", "auxpass") and c.i < token.i]
                cue = tuple(char_span(doc, s, e) for s, e in runs([*aux, token.i]))
                content = _content(doc, parts)
            elif (question := _asked(token, lex)) is not None:
                cue = (char_span(doc, token.i, token.i + 1),)
                content = _content(doc, [question])
            elif token.lower_ in lex.hedges and token.dep_ == "advmod":
                cue = (char_span(doc, token.i, token.i + 1),)
                content = _content(doc, [token.head])
            else:
                continue
            if content:
                out.append(Found(content, None, cue, direct=False, refers_to=None))
    return out
