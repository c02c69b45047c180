"""The word lists, patterns and messages of the sourcing check, loaded from `data/*.json`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..reference import people_words


@dataclass(frozen=True)
class Lexicon:
    """Head-noun lists (lower-case lemmas), outlet names, patterns and messages; `words` also holds
    the shared titles, honorifics and pronoun groups of `bot.reference`."""

    words: dict[str, frozenset[str]]
    not_flagged: tuple[re.Pattern[str], ...]
    anonymity_adjective: re.Pattern[str]
    grant: tuple[re.Pattern[str], ...]
    reason: tuple[re.Pattern[str], ...]
    safety: tuple[re.Pattern[str], ...]
    basis: tuple[re.Pattern[str], ...]
    knowledge_qualifier: tuple[re.Pattern[str], ...]
    follow_up_subject: re.Pattern[str]
    agentless: tuple[re.Pattern[str], ...]
    quotation: re.Pattern[str]
    relay_recipient: str
    reasons: dict[str, str]
    verdict: dict[str, str]

    def has(self, group: str, word: str) -> bool:
        """Whether `word` (compared in lower case) is in the word list `group`."""
        return word.lower() in self.words[group]


def _read(name: str) -> Any:
    return json.loads(resources.files("bot.sourcing").joinpath("data").joinpath(name).read_text("utf-8"))


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped with the package (loaded once per process)."""
    words = _read("lexicon.json")
    pats = _read("patterns.json")
    messages = _read("messages.json")
    people = people_words()
    shared = {
        "titles": people.titles,
        "honorifics": people.honorifics,
        "person_pronouns": people.person_pronouns,
        "plural_pronouns": people.plural_pronouns,
        "thing_pronouns": people.thing_pronouns,
        "relative_pronouns": people.relative_pronouns,
        **people.person_nouns,
    }
    return Lexicon(
        words={**{k: frozenset(w.lower() for w in v) for k, v in words.items() if isinstance(v, list)}, **shared},
        not_flagged=_compile(pats["not_flagged"]),
        anonymity_adjective=re.compile(pats["anonymity_adjective"], re.IGNORECASE),
        grant=_compile(pats["grant"]),
        reason=_compile(pats["reason"]),
        safety=_compile(pats["safety"]),
        basis=_compile(pats["basis"]),
        knowledge_qualifier=_compile(pats["knowledge_qualifier"]),
        follow_up_subject=re.compile(pats["follow_up_subject"], re.IGNORECASE),
        agentless=_compile(pats["agentless"]),
        quotation=re.compile(pats["quotation"]),
        relay_recipient=str(pats["relay_recipient"]),
        reasons=dict(messages["reasons"]),
        verdict=dict(messages["verdict"]),
    )


def any_match(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether any of `patterns` occurs in `text`."""
    return any(p.search(text) for p in patterns)


def blank_not_flagged(text: str, lex: Lexicon) -> str:
    """`text` with never-flagged phrases ("Alcoholics Anonymous", "energy sources") blanked, same length."""
    for pattern in lex.not_flagged:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text
