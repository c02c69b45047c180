"""What each source phrase refers to: a person the article names, an earlier source, or itself.

One resolver for the claims and the sourcing steps. A personal pronoun ("he", "they") refers to
the nearest earlier source or named person that agrees with it, preferring subjects; a definite
description ("the official", "the senator", "that person") to the latest earlier source with the
same head noun, or to a named person the article gives that role; a relative pronoun ("who") is
never a mention of its own: it stands for the noun phrase its clause describes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Span as CharSpan
from ..pipeline import Parsed
from .people import People
from .words import PeopleWords

LOOKBACK_SENTENCES = 3
"""How many sentences before a pronoun its antecedent may stand in."""

_DESCRIPTION_DEPS = frozenset(
    {"det", "amod", "compound", "nummod", "predet", "poss", "case", "advmod", "npadvmod", "prep", "pobj", "nmod"}
)
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_INTRODUCING = frozenset({"a", "an", "one", "another"})
_CLOSING_QUOTES = frozenset({"”", '"', "''", "»"})
_NOT_HEADS = frozenset({"person_suffixes", "person_role_nouns", "journalist_roles"})
"""Groups of `person_nouns` that are no head nouns of a group of people."""


@dataclass(frozen=True)
class Referent:
    """What one source phrase refers to.

    `kind` is "person" (a named person: `name`), "earlier" (the same source as mention `earlier`)
    or "self" (a source of its own). `phrase` is the noun phrase a relative pronoun stands for,
    when the mention is one.
    """

    kind: Literal["self", "earlier", "person"]
    earlier: int | None = None
    name: str | None = None
    phrase: CharSpan | None = None
    introduced: CharSpan | None = None
    """For a description ("the designer") that is no earlier source: where the article introduced
    the same person ("a fashion designer for the company watched ...")."""


@dataclass(frozen=True)
class _Mention:
    index: int
    span: SpacySpan
    root: Token


class _Resolver:
    def __init__(self, parsed: Parsed, people: People) -> None:
        self.doc: Doc = parsed.doc
        self.parsed = parsed
        self.people = people
        self.words: PeopleWords = people.words
        self.done: list[tuple[_Mention, Referent]] = []
        self.people_heads = frozenset().union(
            *(words for group, words in self.words.person_nouns.items() if group not in _NOT_HEADS)
        )
        self.person_words = self.people_heads | frozenset(self.words.title_roles.values()) | (
            self.words.person_nouns.get("person_role_nouns", frozenset())
        )

    # -- the kinds of phrase ---------------------------------------------------------------

    def is_relative(self, root: Token) -> bool:
        return root.lower_ in self.words.relative_pronouns and _clause_of(root).dep_ == "relcl"

    def is_personal(self, root: Token) -> bool:
        word = root.lower_
        return root.pos_ == "PRON" and (word in self.words.person_pronouns or word in self.words.plural_pronouns)

    def is_description(self, span: SpacySpan) -> bool:
        """A definite description: "the official", "the two people", "that person", "the RNC member"."""
        root = span.root
        if root.pos_ != "NOUN":
            return False
        rest = [t for t in span if t.i != root.i and not t.is_punct]
        if not rest or rest[0].lower_ not in self.words.definite_determiners:
            return False
        inside = {root.i, *(r.i for r in rest)}
        return all(t.dep_ in _DESCRIPTION_DEPS and t.head.i in inside for t in rest)

    # -- resolving -------------------------------------------------------------------------

    def resolve(self, mention: _Mention) -> Referent:
        root = mention.root
        if self.is_relative(root):
            return self._relative(mention)
        if self.is_personal(root):
            return self._pronoun(mention)
        group = self._partitive(mention)
        if group is not None:
            return self._pronoun(_Mention(mention.index, mention.span, group), plural=True)
        name = self.people.named_in(mention.span)
        if name is not None:
            return Referent("person", name=name)
        core = _before_comma(mention.span)
        if core.root.i == root.i and self.is_description(core):
            return self._description(_Mention(mention.index, core, root))
        return Referent("self")

    def _relative(self, mention: _Mention) -> Referent:
        """A relative pronoun: the noun phrase its clause describes, resolved as that phrase."""
        noun = _clause_of(mention.root).head
        while noun.dep_ == "appos" and noun.head.i < noun.i:
            noun = noun.head
        span = antecedent_phrase(noun)
        phrase = (span.start_char, span.end_char)
        for earlier, referent in reversed(self.done):
            if earlier.root.i == span.root.i:
                found = _follow(earlier.index, referent)
                return Referent(found.kind, earlier=found.earlier, name=found.name, phrase=phrase)
        name = self.people.named_in(span)
        if name is not None:
            return Referent("person", name=name, phrase=phrase)
        return Referent("self", phrase=phrase)

    def _window_start(self, token: Token) -> int:
        sent = token.sent
        for _ in range(LOOKBACK_SENTENCES):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return sent.start

    def _plural(self, token: Token) -> bool:
        return token.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in token.children)

    def _partitive(self, mention: _Mention) -> Token | None:
        """Some of an earlier group: the pronoun of "one of them", "most of those", or a bare
        "most" or "both" standing as the subject."""
        root = mention.root
        if root.lower_ not in self.words.partitives:
            return None
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("PRON", "DET") and obj.lower_ not in self.words.thing_pronouns:
                    return obj
                return None
        return root if len(mention.span) == 1 and root.pos_ in ("PRON", "DET", "ADJ", "NUM") else None

    def _pronoun(self, mention: _Mention, plural: bool | None = None) -> Referent:
        """The latest earlier source or named person in reach that agrees in number, subjects first."""
        root = mention.root
        if plural is None:
            plural = root.lower_ in self.words.plural_pronouns
        limit = self._window_start(root)
        candidates: list[tuple[int, bool, Referent]] = []
        for earlier, referent in self.done:
            start = earlier.span.start
            if limit <= start < mention.span.start and self._agrees(earlier, referent, plural):
                candidates.append((earlier.root.i, True, _follow(earlier.index, referent)))
        if not plural:
            narrated = not self._in_quotation(root.idx)
            for name in self.people.named_before(mention.span.start, limit):
                if self._quoted_between(name.start, mention.span.start):
                    continue
                if narrated and self._in_quotation(self.doc[name.start].idx):
                    continue  # a person a quotation names is not whom the narrator's "he" means
                candidates.append((name.start, name.subject, Referent("person", name=name.name)))
        if not candidates:
            group = self._group_before(root, limit) if plural and self.is_personal(root) else None
            return Referent("self", introduced=group)
        subjects = [c for c in candidates if c[1]]
        return max(subjects or candidates, key=lambda c: c[0])[2]

    def _group_before(self, pronoun: Token, limit: int) -> CharSpan | None:
        """The nearest earlier plural noun phrase naming people ("people close to the campaign"),
        for a "they" that no earlier source or named person answers; not one a quotation holds."""
        narrated = not self._in_quotation(pronoun.idx)
        for token in reversed(self.doc[limit : pronoun.i]):
            if token.pos_ != "NOUN" or not (token.tag_ == "NNS" or token.lemma_.lower() == "people"):
                continue
            if token.lemma_.lower() not in self.people_heads or (narrated and self._in_quotation(token.idx)):
                continue
            joined = [token.head] if token.dep_ == "conj" else [c for c in token.children if c.dep_ == "conj"]
            if any(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in joined):
                return None  # "Yellen and her advisers ... they": the named person is among them
            span = antecedent_phrase(token)
            if self.people.named_before(pronoun.i, span.end):
                return None  # people named since then are likelier what "they" means
            return (span.start_char, span.end_char)
        return None

    def _person_signs(self, token: Token) -> bool:
        """A name the recogniser took for an organisation that the text treats as a person's: "who"
        refers to it, or a title or honorific stands before it."""
        if any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children) for c in token.children):
            return True
        return any(c.dep_ == "compound" and c.lower_ in self.words.honorifics for c in token.lefts)

    def _quoted_between(self, start: int, end: int) -> bool:
        """A quotation closes between two tokens of one sentence: the first was quoted, not the
        narrator's ('"Clinton lied," he said')."""
        if self.doc[start].sent.start != self.doc[end].sent.start:
            return False
        return any(t.is_quote or t.text in _CLOSING_QUOTES for t in self.doc[start:end])

    def _in_quotation(self, char: int) -> bool:
        """Character `char` stands inside a quotation that opened earlier in its paragraph."""
        block = self.parsed.block_at(char)
        if block is None:
            return False
        before = self.parsed.text[block.start : char]
        curly = before.count("“") - before.count("”")
        return curly > 0 or (curly == 0 and before.count('"') % 2 == 1)

    def _agrees(self, earlier: _Mention, referent: Referent, plural: bool) -> bool:
        if referent.kind == "person":
            return not plural
        root = earlier.root
        if self.is_personal(root):
            return (root.lower_ in self.words.plural_pronouns) == plural
        if root.ent_type_ in ("ORG", "GPE", "NORP") and root.pos_ == "PROPN" and not self._person_signs(root):
            return False
        if root.lower_ in self.words.thing_pronouns or root.lower_ in self.words.relative_pronouns:
            return False
        return self._plural(root) == plural

    def _description(self, mention: _Mention) -> Referent:
        """The latest earlier source with the same head noun (or any person, for "the person",
        "that man"), or a named person the article gives that role, whichever stands later."""
        root = mention.root
        lemma = root.lemma_.lower()
        generic = lemma in self.words.generic_heads
        best: tuple[int, Referent] | None = None
        limit = self._window_start(root) if generic else 0
        for earlier, referent in self.done:
            other = earlier.root
            if earlier.span.start >= mention.span.start or earlier.span.start < limit:
                continue
            same = other.lemma_.lower() == lemma or (
                generic and not self.is_personal(other) and self._plural(other) == self._plural(root)
            )
            if same and (best is None or other.i > best[0]):
                best = (other.i, _follow(earlier.index, referent))
        name = self.people.with_role(lemma, mention.span.start)
        if name is not None:
            last = max(m.start for m in self.people.mentions if m.name == name and m.start < mention.span.start)
            if best is None or last > best[0]:
                best = (last, Referent("person", name=name))
        if best is None and not generic:
            introduced = self._introduction(mention)
            if introduced is not None:
                return Referent("self", introduced=introduced)
        if best is None and (group := self._named_group(mention)) is not None:
            return Referent("person", name=group)
        if best is None and self._renaming(mention.span):
            named = self.people.named_before(mention.span.start, self._window_start(root))
            if named:
                return Referent("person", name=named[-1].name)
        return best[1] if best is not None else Referent("self")

    def _named_group(self, mention: _Mention) -> str | None:
        """The names of the latest earlier coordination of named people that a plural description
        points back to ("A, B, C and D ... those four skilled debaters"): the description has a
        number that counts them, or a demonstrative and a head that does not continue an unnamed
        source."""
        root = mention.root
        if not self._plural(root) or root.lemma_.lower() in self.words.unnamed_heads:
            return None
        count = next((c for c in root.children if c.dep_ == "nummod" and c.like_num), None)
        pointing = any(c.dep_ == "det" and c.lower_ != "the" for c in root.children)
        if count is None and not pointing:
            return None
        for token in reversed(self.doc[self._window_start(root) : mention.span.start]):
            if token.dep_ == "conj" or not any(c.dep_ == "conj" for c in token.children):
                continue
            names = [self.people.person_at(self.doc[i]) for i in sorted(_chain(token))]
            known = [n for n in names if n is not None]
            if len(known) < 2 or len(known) < len(names):
                continue
            if count is not None and self.words.count(count.lower_) != len(known):
                continue
            return ", ".join(known[:-1]) + " and " + known[-1]
        return None

    def _introduction(self, mention: _Mention) -> CharSpan | None:
        """The latest earlier noun phrase with the same head that introduces someone ("a designer",
        "one employee", "two aides"), within a few sentences."""
        root = mention.root
        lemma = root.lemma_.lower()
        for token in reversed(self.doc[self._window_start(root) : mention.span.start]):
            if token.pos_ != "NOUN" or token.lemma_.lower() != lemma:
                continue
            if any(c.dep_ in ("det", "nummod") and c.lower_ in _INTRODUCING for c in token.children) or any(
                c.dep_ == "nummod" and c.like_num for c in token.children
            ):
                span = antecedent_phrase(token)
                return (span.start_char, span.end_char)
        return None

    def _renaming(self, span: SpacySpan) -> bool:
        """A singular description with modifiers whose head names a person and is not one that
        continues an unnamed source: journalists' way of naming again someone just named ("said the
        former top aide"). Not a body or a record ("the rights group", "the annual budget report")."""
        root = span.root
        lemma = root.lemma_.lower()
        if self._plural(root) or lemma in self.words.unnamed_heads or not self._names_a_person(lemma):
            return False
        return any(t.dep_ != "det" and not t.is_punct for t in span if t.i != root.i)

    def _names_a_person(self, lemma: str) -> bool:
        """A noun for people, a title, or an agent noun by its ending ("frontrunner", "nominee")."""
        return lemma in self.person_words or self.words.agent_noun(lemma)


def _chain(token: Token) -> set[int]:
    """The indexes of `token` and of the words coordinated with it, along the "conj" arcs."""
    out = {token.i}
    todo = [token]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj" and child.i not in out:
                out.add(child.i)
                todo.append(child)
    return out


def _clause_of(pronoun: Token) -> Token:
    """The relative clause a relative pronoun opens, also the second of two joined ones ("a man
    who worshiped there and who did not want to be named")."""
    verb = pronoun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _follow(index: int, referent: Referent) -> Referent:
    """A reference to mention `index`, or straight to what that mention itself refers to."""
    if referent.kind == "person":
        return Referent("person", name=referent.name)
    if referent.kind == "earlier":
        return Referent("earlier", earlier=referent.earlier)
    return Referent("earlier", earlier=index)


def _before_comma(span: SpacySpan) -> SpacySpan:
    """The phrase up to its first comma: "the designer" of "the designer, who works for ..."."""
    comma = next((t.i for t in span if t.text == "," and t.i > span.start), None)
    return span.doc[span.start : comma] if comma is not None else span


def _relative_at_end(span: SpacySpan, words: PeopleWords) -> Token | None:
    """The relative pronoun ending a source written with its antecedent ("an aide, who")."""
    last = next((t for t in reversed(span) if not t.is_punct), None)
    if last is not None and last.i != span.start and last.lower_ in words.relative_pronouns:
        return last if last.head.dep_ == "relcl" else None
    return None


def antecedent_phrase(noun: Token) -> SpacySpan:
    """The noun phrase a relative pronoun stands for, without the relative clause
    ("a report in The Daily Ledger" for "..., which cited two diplomats")."""
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ == "relcl":
            break
        end = child.right_edge.i + 1
    span = noun.doc[noun.left_edge.i : end]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def resolve_references(
    parsed: Parsed, sources: Sequence[tuple[CharSpan, ...] | None], people: People | None = None
) -> list[Referent | None]:
    """What each source phrase refers to (None where there is no source), in the order given."""
    people = people or People(parsed)
    job = _Resolver(parsed, people)
    out: list[Referent | None] = [None] * len(sources)
    order = sorted((i for i, s in enumerate(sources) if s), key=lambda i: sources[i][0][0])  # type: ignore[index]
    for i in order:
        spans = sources[i]
        assert spans
        span = parsed.doc.char_span(spans[0][0], spans[-1][1], alignment_mode="expand")
        if span is None or len(span) == 0:
            out[i] = Referent("self")
            continue
        mention = _Mention(i, span, _relative_at_end(span, job.words) or span.root)
        referent = job.resolve(mention)
        out[i] = referent
        job.done.append((mention, referent))
    return out
