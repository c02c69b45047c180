"""Parses written out by hand, in the shapes the small English model produces on real news, so
that rules are tested on the shape itself rather than on whether the model happens to parse one
sentence that way."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.nlp import load_nlp

# (word, head index, dependency, coarse tag, fine tag, entity); a space follows every word unless
# the next one is punctuation that attaches to it.
Row = tuple[str, int, str, str, str, str]
_NO_SPACE_BEFORE = {",", ".", ")", "”"}
_LEMMAS = {
    "told": "tell",
    "said": "say",
    "accused": "accuse",
    "called": "call",
    "noting": "note",
    "noted": "note",
    "asked": "ask",
    "referred": "refer",
    "was": "be",
    "seemed": "seem",
    "referenced": "reference",
    "’s": "be",
}


def doc_of(rows: list[Row]) -> Doc:
    """A one-sentence Doc with the words, heads, dependencies, tags and entities of `rows`."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and words[i] not in ("“", "(")
        for i in range(len(words))
    ]
    return Doc(
        load_nlp().vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        ents=[r[5] for r in rows],
        lemmas=[_LEMMAS.get(w, w.lower()) for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
