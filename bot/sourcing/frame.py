"""Where a source phrase stands: its tokens, its sentence, and its attribution frame as text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..model import Span as CharSpan
from .lexicon import Lexicon, any_match, blank_not_flagged


def tokens_of(doc: Doc, spans: Iterable[CharSpan]) -> list[Token]:
    """The tokens overlapping the character ranges, in order, each once."""
    seen: dict[int, Token] = {}
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                seen.setdefault(tok.i, tok)
    return [seen[i] for i in sorted(seen)]


def text_of(doc: Doc, spans: Iterable[CharSpan]) -> str:
    """The phrase as written: the pieces of a (possibly discontinuous) span joined by spaces."""
    return " ".join(char_text(doc, s, e).strip() for s, e in spans).strip()


def blank(text: str, offset: int, ranges: Iterable[CharSpan]) -> str:
    """`text` (which starts at `offset` in the document) with `ranges` replaced by spaces."""
    chars = list(text)
    for start, end in ranges:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def mask_quotes(text: str, lex: Lexicon) -> str:
    """`text` with quoted passages replaced by spaces (same length)."""
    return lex.quotation.sub(lambda m: " " * len(m.group(0)), text)


def char_text(doc: Doc, start: int, end: int) -> str:
    """`doc.text[start:end]`, read from the tokens around it (`doc.text` is rebuilt on every access)."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None or len(span) == 0:
        return ""
    return span.text[start - span.start_char : end - span.start_char]


def sentence_at(doc: Doc, char: int) -> Span:
    """The sentence holding character `char` (or of the first token ending after it)."""
    i = bisect.bisect_right(doc, char, key=lambda tok: tok.idx + len(tok.text))
    return doc[min(i, len(doc) - 1)].sent


def frame_text(doc: Doc, sent: Span, hidden: Iterable[CharSpan], lex: Lexicon) -> str:
    """The sentence as the attribution frame: claim contents, quotations and never-flagged phrases blanked."""
    raw = blank(sent.text, sent.start_char, hidden)
    return blank_not_flagged(mask_quotes(raw, lex), lex)


def follow_up(doc: Doc, sent: Span, hidden: Iterable[CharSpan], lex: Lexicon) -> str:
    """The next sentence, if it explains the anonymity ("The official spoke on condition...")."""
    if sent.end >= len(doc):
        return ""
    following = doc[sent.end].sent
    if "\n" in char_text(doc, sent.end_char, following.start_char):
        return ""
    text = frame_text(doc, following, hidden, lex)
    if lex.follow_up_subject.search(text) and any_match(lex.grant, text):
        return text
    return ""
