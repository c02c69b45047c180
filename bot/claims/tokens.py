"""Small helpers turning spaCy token ranges into trimmed character spans."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..model import Span

QUOTE_CHARS = frozenset("\"'“”‘’«»„‚‹›`")


def is_quote_token(token: Token) -> bool:
    """A token made only of quotation marks."""
    return bool(token.text) and all(ch in QUOTE_CHARS for ch in token.text)


def describes_a_noun(token: Token) -> bool:
    """A participle or verb form used as a noun's modifier ("the following statement")."""
    return token.dep_ in ("amod", "compound")


def to_infinitive(token: Token) -> bool:
    """A verb with the infinitive marker "to" ("[to repeal] the law")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _droppable(token: Token) -> bool:
    return token.is_space or (token.is_punct and not is_quote_token(token)) or token.dep_ == "cc"


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range `[start, end)` without outer spaces, punctuation and conjunctions."""
    while start < end and (_droppable(doc[start]) or (is_quote_token(doc[start]) and _unpaired(doc, start, end))):
        start += 1
    while end > start and (_droppable(doc[end - 1]) or (is_quote_token(doc[end - 1]) and _unpaired(doc, start, end))):
        if doc[end - 1].text == ")" and _opened(doc, start, end - 1):
            break  # "Elijah Cummings (D-Md.)" keeps the bracket it opened
        end -= 1
    return (start, end) if end > start else None


def _opened(doc: Doc, start: int, end: int) -> bool:
    """Whether the range holds a round bracket it does not close."""
    depth = 0
    for token in doc[start:end]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


def _unpaired(doc: Doc, start: int, end: int) -> bool:
    """Whether the quotation-mark tokens in the range are odd in number (one mark lacks its partner)."""
    return sum(1 for t in doc[start:end] if is_quote_token(t)) % 2 == 1


def char_span(doc: Doc, start: int, end: int) -> Span:
    """Character offsets of the token range `[start, end)`."""
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


def runs(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted token indexes grouped into contiguous `[start, end)` ranges."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(indexes)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def subtree_range(token: Token) -> tuple[int, int]:
    """The token range covered by `token`'s subtree."""
    return token.left_edge.i, token.right_edge.i + 1
