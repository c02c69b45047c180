"""The people an article names: full names for surnames, what the article says they are, and where
each is mentioned."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..pipeline import Parsed
from .words import PeopleWords, people_words

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PREMODIFIER_POS = ("NOUN", "PROPN", "ADJ")


@dataclass(frozen=True)
class NameMention:
    """A PERSON entity in the text (token range), with its canonical full name."""

    start: int
    end: int
    name: str
    subject: bool


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range without punctuation and spaces at its edges, or None if nothing is left."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


class People:
    """The people named in an article's paragraphs."""

    def __init__(self, parsed: Parsed, words: PeopleWords | None = None) -> None:
        self.doc: Doc = parsed.doc
        self.words = words or people_words()
        self._full: dict[str, str] = {}
        ents = [
            e
            for e in self.doc.ents
            if (e.label_ == "PERSON" or self._party_labelled(e)) and parsed.kind_at(e.start_char) == "paragraph"
        ]
        for ent in ents:
            parts = self._name_words(ent)
            if len(parts) >= 2:
                surname = parts[-1].lower()
                known = self._full.get(surname)
                if known is None or len(known.split()) < len(parts):
                    self._full[surname] = " ".join(parts)
        self.mentions: list[NameMention] = []
        for ent in ents:
            name = self.canonical(ent)
            if name:
                self.mentions.append(NameMention(ent.start, ent.end, name, ent.root.dep_ in _SUBJECT_DEPS))
        self._starts = [m.start for m in self.mentions]
        self.descriptions = self._find_descriptions(ents)
        self._roles = self._find_roles(ents)

    # -- names ----------------------------------------------------------------------------

    def _party_labelled(self, ent: SpacySpan) -> bool:
        """A proper name of two words or more followed by a party label in parentheses ("Elijah
        Cummings (D-Md.)", "Ted Cruz (R)"): a politician, whatever label the recogniser gave."""
        doc = ent.doc
        if len(ent) < 2 or not all(t.pos_ == "PROPN" for t in ent) or ent.end >= len(doc) or doc[ent.end].text != "(":
            return False
        close = next((t.i for t in doc[ent.end + 1 : ent.end + 6] if t.text == ")"), None)
        if close is None:
            return False
        label = doc[ent.end + 1 : close].text.replace(" ", "")
        letter, _, state = label.partition("-")
        return letter in self.words.party_letters and (not state or state[:1].isupper())

    def _name_words(self, ent: SpacySpan) -> list[str]:
        parts = [t.text for t in ent if not t.is_punct or t.text == "."]
        while parts and parts[0].lower() in self.words.titles:
            parts.pop(0)
        while parts and parts[-1].lower() in ("'s", "’s"):
            parts.pop()
        return parts

    def canonical(self, ent: SpacySpan) -> str | None:
        """The full name an entity stands for ("Jones" -> "Nathan Jones"), titles dropped; a name
        with a given name of its own stays itself ("Ana Reyes" after "Tom Reyes")."""
        parts = self._name_words(ent)
        if not parts:
            return None
        if len(parts) == 1:
            return self._full.get(parts[0].lower(), parts[0])
        known = self._full.get(parts[-1].lower())
        return known if known is not None and _within(parts, known) else " ".join(parts)

    def person_at(self, token: Token) -> str | None:
        """The full name of the person whose name covers `token`, if any."""
        i = bisect.bisect_right(self._starts, token.i) - 1
        if i >= 0 and self.mentions[i].start <= token.i < self.mentions[i].end:
            return self.mentions[i].name
        return None

    def surname(self, token: Token) -> str | None:
        """A proper noun the entity recogniser missed but that is the surname of someone named."""
        return self._full.get(token.lower_) if token.pos_ == "PROPN" else None

    def named_in(self, phrase: SpacySpan) -> str | None:
        """The person a phrase names: at its root, in apposition to it ("the club's manager, Tom
        Hughes"), or by a surname the recogniser missed."""
        appositives = [c for c in phrase.root.children if c.dep_ == "appos" and c.i < phrase.end]
        for token in (phrase.root, *appositives):
            name = self.person_at(token)
            if name is not None:
                return name
        known = self.surname(phrase.root)
        given = [
            c.text
            for c in phrase.root.lefts
            if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.lower_ not in self.words.titles
        ]
        if known is not None and given and not _within(given, known):
            return " ".join([*given, phrase.root.text])  # another person of that surname ("Ana Reyes")
        return known

    # -- what the article says they are ----------------------------------------------------

    def _find_descriptions(self, ents: list[SpacySpan]) -> dict[str, str]:
        out: dict[str, str] = {}
        fallback: dict[str, str] = {}
        for ent in ents:
            name = self.canonical(ent)
            if not name or name in out:
                continue
            appos = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None)
            if appos is not None:
                cut = _trimmed(self.doc, appos.left_edge.i, appos.right_edge.i + 1)
                if cut is not None:
                    out[name] = self.doc[cut[0] : cut[1]].text
                    continue
            pre = self._premodifiers(ent)
            if pre and name not in fallback:
                fallback[name] = pre
        return {**fallback, **out}

    def _premodifiers(self, ent: SpacySpan) -> str | None:
        """Words naming a role just before the name: "journalist Ken Klippenstein"."""
        found: list[Token] = []
        i = ent.start - 1
        while i >= ent.root.left_edge.i and self.doc[i].pos_ in _PREMODIFIER_POS:
            found.insert(0, self.doc[i])
            i -= 1
        if not found or all(w.lower_ in self.words.titles for w in found):
            return None
        return " ".join(w.text for w in found)

    def _find_roles(self, ents: list[SpacySpan]) -> dict[str, set[str]]:
        """For each name, the role nouns the article gives the person: a title ("Sen."), words just
        before the name ("Commerce Minister"), or the head of an appositive ("a senator from Ohio")."""
        roles: dict[str, set[str]] = {}
        for ent in ents:
            name = self.canonical(ent)
            if not name:
                continue
            found = roles.setdefault(name, set())
            i = ent.start
            while i > ent.root.left_edge.i - 1 and i > 0 and self.doc[i - 1].pos_ in _PREMODIFIER_POS:
                i -= 1
            for token in self.doc[i : ent.end]:
                titled = token.ent_type_ != "PERSON" or token.lower_ in self.words.titles
                if titled and token.pos_ in ("NOUN", "PROPN"):
                    found.add(self.words.role_of_title(token.lemma_.lower()))
            for child in ent.root.children:
                if child.dep_ == "appos" and child.i >= ent.end and child.pos_ == "NOUN":
                    found.add(child.lemma_.lower())
        return roles

    def with_role(self, role: str, before: int) -> str | None:
        """The person last named before token `before` whom the article gives the role `role`."""
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0:
            name = self.mentions[i].name
            if role in self._roles.get(name, ()):
                return name
            i -= 1
        return None

    def named_before(self, start: int, limit: int) -> list[NameMention]:
        """The name mentions wholly between token `limit` and token `start`, in text order."""
        lo = bisect.bisect_left(self._starts, limit)
        return [m for m in self.mentions[lo:] if m.end <= start]


def _within(words: list[str], name: str) -> bool:
    """Every one of `words` is a word of the full `name` (so they name that person, not a namesake)."""
    return set(words) <= set(name.split())
