"""Frames without a reporting verb: "according to X, ...", "..., according to X", "X: ...".

Behind "according to" may stand the people a source only gives access to: "according to interviews
with [aides]", "according to figures provided by [a strategist]".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .found import Found
from .lexicon import Lexicon
from .passives import agent_of
from .tokens import QUOTE_CHARS, char_span, runs, subtree_range, trimmed

MAX_COLON_SOURCE_TOKENS = 8
MAX_COLON_LABEL_WORDS = 3
_PLACES = ("GPE", "LOC", "FAC", "DATE", "TIME")
MIN_COLON_CONTENT_WORDS = 3
DASHES = frozenset("—–-―")


def _frame_tokens(sent: SpacySpan, lex: Lexicon) -> Iterable[tuple[Token, Token]]:
    """(first frame word, preposition) pairs such as ("according", "to")."""
    for token in sent:
        for frame in lex.according:
            if token.lower_ != frame[0]:
                continue
            words = sent.doc[token.i : token.i + len(frame)]
            if (
                len(words) == len(frame)
                and all(w.lower_ == f for w, f in zip(words, frame, strict=True))
                and words[-1].i < sent.end
            ):
                yield token, words[-1]


def _object(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _anchor(first: Token, phrase: range, sent: SpacySpan) -> Token:
    """The head of the clause an "according to" phrase is attached to; a phrase closing the sentence
    covers the whole coordination it ends ("A, B and C, according to X")."""
    anchor = first.head if first.head.i not in phrase else sent.root
    while anchor.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and anchor.head.i != anchor.i:
        anchor = anchor.head
    closing = all(t.is_punct or t.is_space for t in sent.doc[phrase.stop : sent.end])
    while closing and anchor.dep_ in ("conj", "ccomp"):
        anchor = anchor.head
        while anchor.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and anchor.head.i != anchor.i:
            anchor = anchor.head
    return anchor


def _behind(obj: Token, lex: Lexicon) -> Token:
    """The source behind the object of "according to": the people of "interviews with X", the
    provider of "figures provided by X"; else the object itself."""
    for child in obj.children:
        if child.dep_ == "prep" and lex.via.get(lex.lemma(obj)) and child.lower_ in lex.via[lex.lemma(obj)]:
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if inner is not None:
                return inner
        if child.dep_ == "acl" and lex.lemma(child) in lex.providing and (agent := agent_of(child)) is not None:
            return agent
    return obj


def _enclosing(doc: Doc, lo: int, hi: int, phrase: range) -> tuple[int, int]:
    """The part of the range [lo, hi) the phrase backs: inside the brackets that hold it ("states
    like Iowa (93 percent were white, according to exit polls)"), and after a colon before it
    ("At the same time: London was the capital, according to one index"; not the colon of a
    frame: 'said: "...", according to X')."""
    opened = [i for i in range(lo, phrase.start) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], phrase.start)):
        close = next((i for i in range(phrase.stop, hi) if doc[i].text == ")"), None)
        if close is not None:
            return opened[-1] + 1, close
    colons = [i for i in range(lo, phrase.start) if doc[i].text == ":" and i > 0 and doc[i - 1].pos_ != "VERB"]
    return (colons[-1] + 1 if colons else lo), hi


def find_according(doc: Doc, sentences: Iterable[SpacySpan], lex: Lexicon) -> list[Found]:
    """Attributions whose source follows "according to"; the content is the rest of the clause."""
    out = []
    for sent in sentences:
        for first, prep in _frame_tokens(sent, lex):
            obj = _object(prep)
            if obj is None:
                continue
            whole = trimmed(doc, *subtree_range(obj))
            holder = _behind(obj, lex)
            source = trimmed(doc, *subtree_range(holder))
            if whole is None or source is None:
                continue
            phrase = range(first.i, max(whole[1], prep.i + 1))
            lo, hi = subtree_range(_anchor(first, phrase, sent))
            lo, hi = _enclosing(doc, max(lo, sent.start), min(hi, sent.end), phrase)
            content = []
            for start, end in runs(i for i in range(lo, hi) if i not in phrase):
                cut = trimmed(doc, start, end)
                if cut is not None:
                    content.append(char_span(doc, *cut))
            if not content:
                continue
            out.append(
                Found(
                    content=tuple(content),
                    source=char_span(doc, *source),
                    cue=(char_span(doc, first.i, prep.i + 1),),
                    direct=False,
                    refers_to=holder.i,
                )
            )
    return out


def find_colon_frames(
    doc: Doc, sentences: Iterable[SpacySpan], block_end: Callable[[int], int], lex: Lexicon
) -> list[Found]:
    """ "Name: what they said" — a short name of a person or organisation, a colon, then the content
    (running to the end of the paragraph, `block_end(char)` tells where)."""
    out = []
    for sent in sentences:
        if ":" not in sent.text:
            continue
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i - sent.start > MAX_COLON_SOURCE_TOKENS:
            continue
        lo = sent.start
        for t in sent[: colon.i - sent.start]:
            if t.text in DASHES and (t.i == 0 or doc[t.i - 1].whitespace_):  # a dash, not "Fact-Check"
                lo = t.i + 1
        source = _without_label(doc, trimmed(doc, lo, colon.i), lex)
        if source is None or not _names_someone(doc[source[0] : source[1]], lex):
            continue
        end = block_end(colon.idx)
        content_span = doc.char_span(colon.idx + 1, end, alignment_mode="contract")
        if content_span is None or len([t for t in content_span if t.is_alpha]) < MIN_COLON_CONTENT_WORDS:
            continue
        cut = trimmed(doc, content_span.start, content_span.end)
        if cut is None:
            continue
        out.append(
            Found(
                content=(char_span(doc, *cut),),
                source=char_span(doc, *source),
                cue=((colon.idx, colon.idx + 1),),
                direct=doc[cut[0]].text[0] in QUOTE_CHARS,
                refers_to=doc[source[0] : source[1]].root.i,
            )
        )
    return out


def _without_label(doc: Doc, source: tuple[int, int] | None, lex: Lexicon) -> tuple[int, int] | None:
    """The words before the colon without a closing label of a genre ("Wash Post Fact-Check" is the
    Post's); None when the words are all a label of page furniture ("News Guide")."""
    if source is None:
        return None
    start, end = source
    if doc[start:end].text.lower() in lex.colon_labels:
        return None
    for cut in range(start + 1, end):
        if doc[cut:end].text.lower() in lex.trailing_labels:
            return trimmed(doc, start, cut)
    return source


def _names_someone(span: SpacySpan, lex: Lexicon) -> bool:
    """The phrase is a person or organisation name (and nothing longer than a short title), or a
    short capitalised label of a speaker or a source ("MATTHEWS", "Poll") that is not a place, a
    single letter ("Q", "A") or one of the labels of page furniture ("Update", "Related")."""
    if any(e.label_ in ("PERSON", "ORG") for e in span.ents) and span.root.pos_ == "PROPN":
        return True
    words = [t for t in span if not t.is_punct]
    return (
        0 < len(words) <= MAX_COLON_LABEL_WORDS
        and len(span.text) > 1
        and all(t.text[0].isupper() and t.ent_type_ not in _PLACES for t in words)
        and span.text.lower() not in lex.colon_labels
        and not any(t.pos_ in ("VERB", "AUX", "PRON", "DET") for t in words)
    )
