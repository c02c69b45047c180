"""A cheap check that a text is English, made before any parsing.

A text is refused only on evidence that it is in another language: written mostly in another
script, or with more function words of another language than of English. Headlines, lists
and captions have few function words of any language, so they pass.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

MIN_WORDS = 12
"""Below this many words the check cannot tell, and the text passes."""
MIN_LATIN_SHARE = 0.5
"""A text whose letters are mostly of another script (Cyrillic, Chinese, Arabic...) is not English."""
MIN_FOREIGN_WORDS = 3
MIN_FOREIGN_SHARE = 0.08
"""Another language's function words must number at least MIN_FOREIGN_WORDS, make up at least
MIN_FOREIGN_SHARE of the words and outnumber the English ones before a text counts as that
language: a quoted phrase or a foreign name ('El Nuevo Dia', 'La Liga') in an English story does not."""
UNKNOWN_LANGUAGE_WORDS = 40
UNKNOWN_LANGUAGE_SHARE = 0.04
"""A text with at least UNKNOWN_LANGUAGE_WORDS lower-case words, among which English function words
are rarer than UNKNOWN_LANGUAGE_SHARE, is in a language the word lists do not know. Only
lower-case words count, so a list of names (a team sheet, a list of delegates) is not taken for
a foreign language; English prose is 35-50% function words."""


@dataclass(frozen=True)
class LanguageCheck:
    """The verdict on a text, and why, in words for the error's detail."""

    english: bool
    reason: str


@cache
def function_words() -> dict[str, frozenset[str]]:
    """The function-word lists of `data/function_words.json`, by language code ('en' first)."""
    raw = json.loads(resources.files("bot.data").joinpath("function_words.json").read_text("utf-8"))
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each listed word with the languages whose list has it."""
    index: dict[str, list[str]] = {}
    for lang, words in function_words().items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def check_english(text: str) -> LanguageCheck:
    """Whether `text` may be English: True unless it clearly is in another script or language."""
    written = _WORD.findall(text)
    words = [w.casefold() for w in written]
    letters = sum(len(w) for w in words)
    if letters >= MIN_WORDS * 2:
        latin = len(_LATIN.findall(text)) / letters
        if latin < MIN_LATIN_SHARE:
            return LanguageCheck(False, f"only {latin:.0%} of the letters are in the Latin alphabet")
    if len(words) < MIN_WORDS:
        return LanguageCheck(True, f"only {len(words)} words: too few to tell")
    counts = Counter(lang for w in words for lang in _languages_of().get(w, ()))
    english = counts.pop("en", 0)
    lang, best = max(counts.items(), key=lambda item: item[1], default=("", 0))
    if best > english and best >= max(MIN_FOREIGN_WORDS, MIN_FOREIGN_SHARE * len(words)):
        return LanguageCheck(False, f"{best} function words of '{lang}' against {english} of English")
    lower = [w for w in written if w.islower()]
    english_lower = sum(1 for w in lower if w in function_words()["en"])
    if len(lower) >= UNKNOWN_LANGUAGE_WORDS and english_lower < UNKNOWN_LANGUAGE_SHARE * len(lower):
        return LanguageCheck(False, f"only {english_lower} English function words in {len(lower)} lower-case words")
    return LanguageCheck(True, f"{english} English function words in {len(words)} words")


def looks_english(text: str) -> bool:
    """True unless the text clearly is not English (see `check_english`)."""
    return check_english(text).english
