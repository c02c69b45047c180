"""Per-document look-ups the sourcing step repeats for every source phrase, computed once per Doc.

`Doc.ents` builds new spans on every access and whole-document scans grow with the number of
sources; both are cached in the Doc's `user_data`, so classifying a long article stays linear.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

_KEY = "newsbot.sourcing.index"


class DocIndex:
    """The entities of a Doc, and its tokens by their text."""

    def __init__(self, doc: Doc) -> None:
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self._ent_starts = [e.start for e in self.ents]
        by_text: dict[str, list[Token]] = defaultdict(list)
        for token in doc:
            by_text[token.text].append(token)
        self._by_text = dict(by_text)

    def tokens(self, text: str) -> list[Token]:
        """Every token whose text is exactly `text`, in order."""
        return self._by_text.get(text, [])

    def ent_at(self, i: int) -> Span | None:
        """The entity covering token `i`, if any."""
        k = bisect.bisect_right(self._ent_starts, i) - 1
        if k >= 0 and self.ents[k].start <= i < self.ents[k].end:
            return self.ents[k]
        return None


def index_of(doc: Doc) -> DocIndex:
    """The cached index of `doc` (built on first use)."""
    found = doc.user_data.get(_KEY)
    if not isinstance(found, DocIndex):
        found = DocIndex(doc)
        doc.user_data[_KEY] = found
    return found
