"""How much a shared key says: its rarity in general English, from the `wordfreq` package.

A shared "auction" or "Ginsburg" says much about two articles being one story, a shared
"campaign" or "city" little. The weights come from general English word frequencies (wordfreq's
"large" English list: Wikipedia, subtitles, news, books, web text and more, shipped inside the
wheel and read offline), not from the articles newsbot is tuned on, so they hold for any kind of
news: local papers, other outlets, other years.

A key's weight is `ceiling - zipf` clamped to [floor, cap], where `zipf` is the word's Zipf
frequency (log10 of its count per billion words: "the" 7.7, "campaign" 5.0, "auction" 4.3,
"Ginsburg" 3.0, an unknown word 0). Names ("kind:name") weigh by the frequency of the name; a
name of several words by wordfreq's frequency of the phrase, which is below that of its rarest
word. Numbers and dates ("#…") carry fixed weights by kind (a bare year or month says little, a
day of a month or an amount much). The settings are data (`data/matching.json`, "rarity").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class Rarity:
    """Weights of matching keys by how rare they are in general English."""

    ceiling: float
    floor: float
    cap: float
    numbers: tuple[tuple[str, float], ...]
    """The weight of a number or date by kind: 'year', 'month', 'date' (a day of a month), 'amount'."""

    def zipf(self, word: str) -> float:
        """wordfreq's Zipf frequency of `word` in English (0 for a word it never saw)."""
        return word_zipf(word)

    def idf(self, key: str) -> float:
        """The weight of a key: about `cap` for rare words and names, `floor` for the commonest."""
        return _weight(self, key)


def _number_kind(value: str, months: frozenset[str]) -> str:
    parts = value.split()
    if len(parts) == 1 and _YEAR.match(parts[0]):
        return "year"
    if parts and all(p in months for p in parts):
        return "month"
    if any(p in months for p in parts):
        return "date"
    return "amount"


@cache
def word_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of `word` in its large English list (0 for a word it never saw)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en", wordlist="large"))


@cache
def _weight(rarity: Rarity, key: str) -> float:
    if key.startswith("#"):
        from .features import matching_words

        kind = _number_kind(key[1:], frozenset(matching_words().months.values()))
        return dict(rarity.numbers)[kind]
    word = key.split(":", 1)[1] if ":" in key else key
    return min(rarity.cap, max(rarity.floor, rarity.ceiling - word_zipf(word)))


@cache
def rarity() -> Rarity:
    """The shipped settings (read once); the word list loads on the first look-up (about 0.3 s)."""
    from .features import matching_words

    raw = matching_words().rarity
    return Rarity(
        float(raw["ceiling"]),
        float(raw["floor"]),
        float(raw["cap"]),
        tuple((str(k), float(v)) for k, v in sorted(raw["numbers"].items())),
    )
