"""Where a reported clause ends: a trailing comment set off by a comma belongs to the narrator.

In "X said the deal was dead, though talks resumed on Monday" the "though" clause is the writer's
aside, not part of what X said; so is a ", which ...", ", who ..." or ", with whom ..." remark on
the clause's last noun, a description set after it (", the former auditor who ...", ", a deal the
company called final"), and the reporter's ", citing ..." (see `citing`). The reported clause keeps its own
subordinate clauses ("because ...", "if ...") and its restrictive relative clauses ("the bill that ...").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .lexicon import Lexicon
from .tokens import is_quote_token

_SET_OFF = frozenset({",", "-", "—", "–", ";"})
_ARTICLES = frozenset({"the", "a", "an"})


def _opening(token: Token, n: int) -> str:
    """The first `n` words of the token's subtree, in lower case."""
    start = token.left_edge.i
    return " ".join(t.lower_ for t in token.doc[start : min(start + n, token.right_edge.i + 1)])


def _before(token: Token) -> str:
    start = token.left_edge.i
    return token.doc[start - 1].text if start > 0 else ""


def _set_off_aside(token: Token, lex: Lexicon) -> bool:
    """A phrase after a comma or dash that comments on the reported clause rather than belongs to it."""
    if _before(token) not in _SET_OFF:
        return False
    if token.dep_ == "advcl":
        citing = token.tag_ == "VBG" and lex.lemma(token) in lex.citing
        return citing or _opening(token, 1) in lex.aside_marks or _opening(token, 2) in lex.aside_marks
    if token.dep_ == "relcl":  # ", which ...", ", with whom ..."
        words = _opening(token, 2).split()
        preposition = token.doc[token.left_edge.i].pos_ == "ADP"
        return bool(words) and (words[0] in lex.aside_relatives or (preposition and words[-1] in lex.aside_relatives))
    if token.dep_ in ("appos", "npadvmod") and token.pos_ in ("NOUN", "PROPN"):
        return _before(token) == "," and _opening(token, 1) in _ARTICLES
    return False


def aside_start(root: Token, lex: Lexicon) -> int | None:
    """The first token of a narrator's aside closing the clause headed by `root`, or None.

    Follows the clause's right edge down the tree: the aside is the last phrase of some word on it.
    """
    node = root
    while True:
        rights = [c for c in node.rights if not (c.is_punct or c.is_space)]
        if not rights:
            return None
        last = rights[-1]
        if _set_off_aside(last, lex):
            return last.left_edge.i
        node = last


def end_before_aside(head: Token, lex: Lexicon) -> int:
    """Where the phrase headed by `head` ends (exclusive), without a narrator's aside closing it."""
    start = aside_start(head, lex)
    return head.right_edge.i + 1 if start is None or start <= head.left_edge.i else start


_DASHES = frozenset({"—", "–", "-", "--"})


def dash_asides(doc: Doc, indexes: Iterable[int]) -> set[int]:
    """The tokens of phrases set off by a pair of dashes inside a reported clause ("voters — who had
    backed him in 2008 — stayed home"): the writer's interruption, not part of what was reported.

    A pair counts when the phrase between the dashes hangs, as a whole, on one word outside it, and
    holds no quotation mark (a quoted speaker's own dashes stay).
    """
    kept = sorted(set(indexes))
    inside = set(kept)
    dashes = [i for i in kept if _free_dash(doc, i)]
    out: set[int] = set()
    for first, second in zip(dashes[::2], dashes[1::2], strict=False):
        phrase = range(first + 1, second)
        if not phrase or any(i not in inside for i in phrase) or doc[first].sent != doc[second].sent:
            continue
        if any(is_quote_token(doc[i]) for i in phrase):
            continue
        governors = {doc[i].head.i for i in phrase if not first < doc[i].head.i < second}
        if len(governors) == 1 and governors.isdisjoint(phrase):
            out.update(range(first, second + 1))
    return out


def _free_dash(doc: Doc, i: int) -> bool:
    """A dash between words, not the hyphen of a compound ("one-third", "rank-and-file")."""
    token = doc[i]
    if token.text not in _DASHES or not token.is_punct:
        return False
    spaced = i > 0 and bool(doc[i - 1].whitespace_) and bool(token.whitespace_)
    return token.text in ("—", "–") or spaced
