"""The shared words about people: titles, honorifics and pronoun groups (`data/people.json`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..wordlists import package_json, word_set


@dataclass(frozen=True)
class PeopleWords:
    """Lower-case word lists for referring to people (see the comment in `data/people.json`)."""

    titles: frozenset[str]
    honorifics: frozenset[str]
    title_roles: dict[str, str]
    person_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    generic_heads: frozenset[str]
    partitives: frozenset[str]
    unnamed_heads: frozenset[str]
    person_nouns: dict[str, frozenset[str]]
    party_letters: frozenset[str]
    number_words: tuple[str, ...]

    def role_of_title(self, word: str) -> str:
        """The role an abbreviated or spelled-out title names ("Sen." -> "senator")."""
        word = word.lower()
        return self.title_roles.get(word, word.rstrip("."))

    def agent_noun(self, word: str) -> bool:
        """The word's ending makes it a noun for a person ("speechwriter", "nominee")."""
        word = word.lower()
        return len(word) > 4 and any(word.endswith(s) for s in self.person_nouns.get("person_suffixes", ()))

    def count(self, word: str) -> int | None:
        """The count a spelled-out number or a figure gives ("four", "4"), or None."""
        word = word.lower()
        if word.isdigit():
            return int(word)
        return self.number_words.index(word) if word in self.number_words else None


@lru_cache(maxsize=1)
def people_words() -> PeopleWords:
    """The shipped lists (read once per process)."""
    raw = package_json("bot.reference.data", "people.json")

    def words(key: str) -> frozenset[str]:
        return word_set(raw[key])

    return PeopleWords(
        titles=words("titles"),
        honorifics=words("honorifics"),
        title_roles={str(k).lower(): str(v).lower() for k, v in raw["title_roles"].items()},
        person_pronouns=words("person_pronouns"),
        singular_pronouns=words("singular_pronouns"),
        plural_pronouns=words("plural_pronouns"),
        thing_pronouns=words("thing_pronouns"),
        relative_pronouns=words("relative_pronouns"),
        definite_determiners=words("definite_determiners"),
        generic_heads=words("generic_heads"),
        partitives=words("partitives"),
        unnamed_heads=words("unnamed_heads"),
        person_nouns={str(k): word_set(v) for k, v in raw["person_nouns"].items()},
        party_letters=frozenset(str(w) for w in raw["party_letters"]),
        number_words=tuple(str(w).lower() for w in raw["number_words"]),
    )
