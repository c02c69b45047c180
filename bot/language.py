"""A cheap check that a text is English, made before any parsing."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")

MIN_WORDS = 12
"""Below this many words the check cannot tell, and the text passes."""
MIN_STOPWORD_SHARE = 0.15
"""English prose is 30-50% function words; other languages share few of them with English."""
MIN_LATIN_SHARE = 0.5


def looks_english(text: str) -> bool:
    """True unless the text clearly is not English (non-Latin script or no English function words)."""
    words = _WORD.findall(text.casefold())
    letters = sum(len(w) for w in words)
    if letters >= MIN_WORDS * 2 and len(_LATIN.findall(text)) / letters < MIN_LATIN_SHARE:
        return False
    if len(words) < MIN_WORDS:
        return True
    share = sum(1 for w in words if w in STOP_WORDS) / len(words)
    return share >= MIN_STOPWORD_SHARE
