"""The category of one source phrase, decided on its head noun in its attribution frame."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from ..model import Span as CharSpan
from ..reference import people_words
from .docindex import index_of
from .frame import mask_quotes, text_of, tokens_of
from .lexicon import Lexicon, blank_not_flagged
from .person import is_person_name
from .settings import SourcingSettings

Category = Literal["named", "anonymous", "agentless", "second_hand", "vague", "institutional", "document", "none"]

_OUTLET_ENTS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT"})
_INSTITUTION_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_AFFILIATION_PREPS = frozenset({"in", "at", "from", "of", "to", "for", "inside", "within", "on", "with"})
_COMMON_GROUPS = (
    "bare_anonymous_heads",
    "official_roles",
    "generic_person_heads",
    "private_person_heads",
    "spokesperson_heads",
    "vague_heads",
    "commentator_heads",
    "partisan_heads",
    "institution_heads",
    "document_heads",
    "report_heads",
    "outlet_heads",
    "journalist_roles",
    "quantifier_heads",
)
_PLACE_OR_PARTY = frozenset({"NORP", "GPE", "LOC"})
_QUANTIFIER_DEPS = frozenset({"det", "amod", "nummod", "quantmod", "predet", "advmod", "nmod", "npadvmod"})


_AUTHOR = frozenset({"me", "us"})
"""The writer as the object of a verb ("told me")."""


@dataclass(frozen=True)
class Frame:
    """The attribution frame of a source phrase: its sentence (contents and quotes blanked) and rivals.

    `offset` is where `text` starts in the document; `rivals` are the other source phrases of the
    sentence, so that an anonymity grant is credited to the source it stands next to.
    """

    text: str = ""
    offset: int = 0
    rivals: tuple[CharSpan, ...] = ()
    follow_up: str = ""
    off_record: bool = False
    """The view is shared off the record ("privately say")."""


@dataclass(frozen=True)
class Reading:
    """What a source phrase says about the source: its category and what the article tells of it."""

    category: Category
    text: str
    spans: tuple[CharSpan, ...]
    plural: bool = False
    pronoun: bool = False
    name: str | None = None
    journalist: bool = False
    role: bool = False
    basis: bool = False
    reason: bool = False
    safety: bool = False
    private: bool = False
    bare: bool = False
    bare_officials: bool = False
    actor: bool = False
    """The claim tells what the source knew, felt or did, rather than crediting it with information."""
    granted: bool = False
    """The article says the name is withheld ("anonymous", "on condition of anonymity")."""
    routine: bool = False
    """Unnamed officials or staff of a named local body, speaking on the record as a matter of routine."""
    antecedent: tuple[CharSpan, ...] = ()
    """Where the source this phrase refers back to stands ("Cruz's allies" for "they")."""


def read_source(
    doc: Doc,
    spans: Sequence[CharSpan],
    frame: Frame,
    lex: Lexicon,
    settings: SourcingSettings,
    description: str | None = None,
) -> Reading:
    """Classify the source phrase at `spans` of `doc` within its `frame`."""
    spans = tuple(spans)
    tokens = tokens_of(doc, spans)
    text = text_of(doc, spans)
    if not tokens:
        return Reading("none", text, spans)
    return _Reader(doc, tokens, text, spans, frame, lex, settings, description or "").read()


class _Reader:
    """One classification: the phrase, its head and the cues around it."""

    def __init__(
        self,
        doc: Doc,
        tokens: list[Token],
        text: str,
        spans: tuple[CharSpan, ...],
        frame: Frame,
        lex: Lexicon,
        settings: SourcingSettings,
        description: str,
    ) -> None:
        self.doc, self.tokens, self.text, self.spans = doc, tokens, text, spans
        self.frame, self.lex, self.settings = frame, lex, settings
        self.ids = {t.i for t in tokens}
        self.phrase = blank_not_flagged(mask_quotes(text, lex), lex) + " " + description
        self.head, self.quantifier = _head(tokens, self.ids, lex)
        self.lemma = self.head.lemma_.lower()
        self.plural = self.head.tag_ in ("NNS", "NNPS") or self.lemma in ("people", "personnel")

    # -- cues -----------------------------------------------------------------------------

    def _near(self, patterns: tuple[re.Pattern[str], ...]) -> bool:
        """A pattern occurs in the phrase, or in the frame closer to this phrase than to any rival."""
        if any(p.search(self.phrase) for p in patterns):
            return True
        own = (self.spans[0][0], self.spans[-1][1])
        for text, offset in ((self.frame.text, self.frame.offset), (self.frame.follow_up, None)):
            for pattern in patterns:
                for m in pattern.finditer(text):
                    if offset is None or _closest(offset + m.start(), own, self.frame.rivals):
                        return True
        return False

    def _has(self, group: str, word: str | None = None) -> bool:
        return self.lex.has(group, word if word is not None else self.lemma)

    def _quantified_vaguely(self) -> bool:
        """A sweeping or large quantity ("many officials", "fifty of the officers"): a group, not sources."""
        quantities = [t for t in self._mods() if t.dep_ in _QUANTIFIER_DEPS]
        if self.quantifier is not None:
            quantities.append(self.quantifier)
        return any(
            self._has("vague_quantifiers", t.lower_) or (t.like_num and not _small_number(t.lower_, self.lex))
            for t in quantities
        )

    def _mods(self) -> list[Token]:
        """The head's modifiers inside the phrase (and their own compound/amod children)."""
        out = []
        for child in self.head.children:
            if child.i in self.ids:
                out.append(child)
                out.extend(g for g in child.children if g.i in self.ids and g.dep_ in _QUANTIFIER_DEPS)
        return out

    def _affiliation(self, body_only: bool = False) -> bool:
        """A role or affiliation qualifies the head ("military", "White House", "in the administration");
        with `body_only`, only a body counts: a party, nationality or place ("Republican lawmakers",
        "Ohio senators") does not."""
        for child in self.head.children:
            if child.i not in self.ids or self._has("non_affiliation_modifiers", child.lower_):
                continue
            if body_only and (child.ent_type_ in _PLACE_OR_PARTY or self._has("partisan_heads", child.lemma_)):
                continue
            if child.dep_ in _MODIFIER_DEPS and child.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
                return True
            if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs and not self._has("non_affiliation_modifiers", objs[0].lemma_):
                    return True
        return False

    def _appositive_person(self) -> Token | None:
        """A person named in apposition to the head ("Apple's chief executive, Tim Cook"), by the
        parse or, when the parser attaches the name elsewhere, by a comma right after the head's
        own words (no preposition or relative clause in between, which would describe someone else)."""
        anchors = {self.head.i, *([self.quantifier.i] if self.quantifier is not None else [])}
        for t in self.tokens:
            if t.dep_ == "appos" and t.head.i in anchors and t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                return t
        for t in self.tokens:
            if t.ent_type_ != "PERSON" or t.ent_iob_ != "B" or t.i <= self.head.i or t.i == 0:
                continue
            between = self.doc[self.head.i + 1 : t.i]
            if (
                len(between) == 1
                and between[0].text == ","
                and not any(w.pos_ == "ADP" or w.tag_ in ("WP", "WDT") for w in between)
            ):
                return t
        return None

    def _example_person(self) -> Token | None:
        """A person named as an example of the group: "advisers like Gene Sperling", "leaders such as
        Jane Smith" (the group is known by that name)."""
        for prep in self.head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("like", "as") and prep.i in self.ids:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ == "PERSON":
                    return obj
        return None

    def _leading_person(self) -> Token | None:
        """A person's name opening the phrase that the parse cut off from the head ("Sen. Chris
        Murphy (a Connecticut Democrat ...)", "David Brock, a Clinton confidant who heads ...")."""
        first = next((t for t in self.tokens if not (t.is_punct or t.pos_ == "ADP")), None)
        if first is None or first.pos_ != "PROPN":
            return None
        last = first
        while last.i + 1 < len(self.doc) and last.i + 1 in self.ids and self.doc[last.i + 1].pos_ == "PROPN":
            last = self.doc[last.i + 1]
        if last.i == self.head.i or last.dep_ in _MODIFIER_DEPS or last.head.i not in self.ids:
            return None
        return last if is_person_name(last, self.ids, self.lex) else None

    def _journalist_attached(self, head: Token) -> bool:
        """A reporting role stands with the name ("reporter Ken Lee"); not a role that gives its own
        opinion ("Times columnist David Brooks said": his view, not a relayed report)."""
        roles = self.lex.words["journalist_roles"] - self.lex.words["opinion_roles"]
        return any(
            t.lemma_.lower() in roles
            and (t.head.i == head.i or t.head.head.i == head.i)
            and t.i != head.i
            for t in self.tokens
        )

    def _named_outlet(self) -> str | None:
        """An outlet named inside the phrase ("a New York Times reporter", "a report by Reuters")."""
        for t in self.tokens:
            if t.pos_ == "PROPN" and (t.head.i not in self.ids or t.dep_ != "compound" or t.head.pos_ != "PROPN"):
                name = _name_of(t, self.doc)
                if _is_outlet(name, t, self.lex):
                    return name
        return None

    # -- decision -------------------------------------------------------------------------

    def reading(self, category: Category, **extra: object) -> Reading:
        cues = {}
        if category == "anonymous":
            granted = self._granted() or self._has("bare_anonymous_heads") or self._knows()
            cues = {
                "reason": self._near(self.lex.reason),
                "safety": self._near(self.lex.safety),
                "basis": self._near(self.lex.basis),
                "role": self._has("official_roles") or self._affiliation() or self._knows(),
                "granted": granted,
                "routine": not granted and not self._knows() and not self.frame.off_record and self._routine_body(),
            }
        fields: dict[str, object] = {"plural": self.plural, **cues, **extra}
        return Reading(category, self.text, self.spans, **fields)  # type: ignore[arg-type]

    def read(self) -> Reading:
        head = self.head
        if head.pos_ == "PRON" and self._has("generic_person_heads", head.lower_) and self._described():
            return self._read_people("generic")
        if (head.pos_ == "PRON" and not self._has("vague_heads", head.lower_)) or self._has(
            "relative_pronouns", head.lower_
        ):
            return Reading(
                "none", self.text, self.spans, pronoun=True, plural=self._has("plural_pronouns", head.lower_)
            )
        lead = self._leading_person()
        if lead is not None:
            return self.reading("named", name=_name_of(lead, self.doc))
        alone = [t for t in self.tokens if not t.is_punct] == [head]
        if alone and self._common_noun():
            return self._read_common()  # a headline's "Poll finds ...": a common noun in capitals
        if head.pos_ == "PROPN" or (head.text[:1].isupper() and not self._common_noun()):
            return self._read_proper()
        person = self._appositive_person() or self._example_person()
        if person is not None:
            return self.reading("named", name=_name_of(person, self.doc))
        return self._read_common()

    def _read_proper(self) -> Reading:
        head, lex = self.head, self.lex
        name = _name_of(head, self.doc)
        if _is_outlet(name, head, lex):
            return self.reading("second_hand", name=name)
        if self._has("named_study_heads", head.lower_):
            return self.reading("document", name=name)  # "the AP-GfK Poll"
        if self._journalist_attached(head):
            return self.reading("second_hand", name=name, journalist=True)
        last = name.split()[-1].lower() if name.split() else ""
        if is_person_name(head, self.ids, lex):
            return self.reading("named", name=name)
        if any(
            c.dep_ in ("compound", "appos") and c.pos_ == "NOUN" and self._has("institution_heads", c.lemma_)
            for c in head.children
        ):
            return self.reading("institutional", name=name)
        if head.ent_type_ == "NORP" or (not head.ent_type_ and self._group_word()):
            if self.plural or self._has_determiner(("some",)) or self._singled_out() or self._counted():
                return self._read_people("partisan")
            return self.reading("named", name=name)
        if (
            head.ent_type_ in _INSTITUTION_ENTS
            or self._has("org_name_words", last)
            or self._has("institution_heads", _norm(name))
        ):
            return self.reading("institutional", name=name)
        return self.reading("named", name=name)

    def _read_common(self) -> Reading:
        has = self._has
        if self._office():
            return self.reading("institutional")
        if has("measure_heads") and any(c.like_num and c.dep_ == "nummod" for c in self.head.children):
            return self.reading("document")  # "Seventy-two percent believe ...": a poll's figure
        if has("journalist_roles"):
            return self.reading("second_hand", name=self._named_outlet() or self.text, journalist=True)
        if has("outlet_heads"):
            return self.reading("second_hand", name=self._named_outlet() or self.text)
        if has("report_heads"):
            outlet = self._named_outlet() or self._published_in()
            if outlet is not None:
                return self.reading("second_hand", name=outlet)
            if self._indefinite() and not self._named_outlet_or_org() and not self._kind_of_document():
                return self.reading("agentless")
            return self.reading("document")
        if self._granted() and not has("document_heads") and not has("institution_heads"):
            return self.reading("anonymous", private=has("private_person_heads"))
        if has("bare_anonymous_heads"):
            if self.lemma != "source" and self._quantified_vaguely() and not self._insider():
                return self.reading("vague")
            return self.reading("anonymous", bare=not self._insider())
        if has("spokesperson_heads"):
            return self.reading("institutional")
        if has("insider_groups") and any(c.dep_ == "poss" and c.i in self.ids for c in self.head.children):
            return self.reading("anonymous")
        if has("official_roles"):
            return self._read_role()
        if has("public_group_heads"):
            return self._read_people("public")
        if has("commentator_heads"):
            return self._read_people("commentator")
        if has("partisan_heads"):
            return self._read_people("partisan")
        if has("generic_person_heads"):
            return self._read_people("generic")
        if has("private_person_heads"):
            return self.reading("vague", private=True)
        if has("vague_heads"):
            if has("study_heads") and (self._named_outlet_or_org() or not self.plural):
                return self.reading("document")
            return self.reading("vague")
        if has("institution_heads"):
            return self.reading("institutional")
        if has("document_heads"):
            return self.reading("document")
        return self._read_unknown()

    def _read_role(self) -> Reading:
        """Insiders (officials, aides, allies, members): anonymous unless a sweeping, unattached
        group or a crowd counted in dozens ("nearly 140 House members")."""
        if (self._quantified_vaguely() and not self._insider()) or self._public_group() or self._crowd():
            return self.reading("vague")
        bare = self.plural and self._has("bare_official_heads") and not self._knows() and not self._affiliation()
        if bare and self.settings.bare_officials == "vague":
            return self.reading("vague")
        return self.reading("anonymous", bare_officials=bare)

    def _read_people(self, group: str) -> Reading:
        """Unnamed people who are not insiders by their title. Placed near the facts or speaking off
        the record, they are anonymous sources; so is one of them singled out ("one analyst", "a
        Republican"), and a counted few of public figures or people ("two senators", "three people").
        A general group ("experts", "several observers", "some Democrats", "lawmakers") is vague."""
        if self._knows() or self.frame.off_record or self._granted():
            return self.reading("anonymous")
        if group == "public" and self._affiliation(body_only=True):
            return self.reading("anonymous")
        if group == "generic" and self.lemma in self.lex.words["indefinite_pronouns"]:
            return self.reading("vague")
        if self._quantified_vaguely():
            return self.reading("vague")
        if self._singled_out() or (group in ("public", "generic") and self._counted()):
            return self.reading("anonymous")
        return self.reading("vague")

    def _read_unknown(self) -> Reading:
        """A head noun no list knows: a person when it looks like one and is singled out, counted or
        placed near the facts ("a former speechwriter", "three of his colleagues"); a group of such
        people otherwise; not a source at all when it does not look like a person ("areas")."""
        if not self._person_like():
            return self.reading("none")
        if self._knows() or self.frame.off_record:
            return self.reading("anonymous")
        if not self._quantified_vaguely() and (self._singled_out() or self._counted(numbers_only=True)):
            return self.reading("anonymous")
        return self.reading("vague")

    def _described(self) -> bool:
        """The head has words of its own in the phrase ("those close to him", "someone in the room")."""
        return any(c.i in self.ids and not c.is_punct for c in self.head.children)

    def _routine_body(self) -> bool:
        """Officials or staff of a named local body ("transit agency officials", "the city's
        spokesman", "officials with the school district"), not of a government or campaign."""
        if not (self._has("official_roles") or self._has("spokesperson_heads")):
            return False
        words = {t.lemma_.lower() for t in self.tokens if t.i != self.head.i} | {
            t.lower_ for t in self.tokens if t.i != self.head.i
        }
        text = " ".join(t.lower_ for t in self.tokens)
        if any(w in words or (" " in w and w in text) for w in self.lex.words["national_bodies"]):
            return False
        return any(w in words for w in self.lex.words["routine_bodies"])

    def _granted(self) -> bool:
        """The article withholds the name on purpose: "an anonymous official", "who asked not to be named"."""
        return bool(self.lex.anonymity_adjective.search(self.phrase)) or self._near(self.lex.grant)

    def _insider(self) -> bool:
        """Placed inside or near the story: an affiliation, a basis of knowledge, or off the record."""
        return self._knows() or self._affiliation() or self.frame.off_record

    def _quantity_words(self) -> list[Token]:
        mods = [c for c in self.head.children if c.i in self.ids and c.dep_ in _QUANTIFIER_DEPS]
        return [*mods, self.quantifier] if self.quantifier is not None else mods

    def _singled_out(self) -> bool:
        """One person singled out: "a delegate", "one analyst", "another official"."""
        return not self.plural and any(self._has("singling_words", t.lower_) for t in self._quantity_words())

    def _counted(self, numbers_only: bool = False) -> bool:
        """A counted few: "two aides", and unless `numbers_only`, "several senators", "other members"."""
        return any(
            (not numbers_only and self._has("counting_words", t.lower_))
            or (t.like_num and _small_number(t.lower_, self.lex))
            for t in self._quantity_words()
        )

    def _crowd(self) -> bool:
        """A number too large for a few people speaking: "nearly 140 House members"."""
        return any(t.like_num and not _small_number(t.lower_, self.lex) for t in self._quantity_words())

    def _person_like(self) -> bool:
        """The head noun names a person: "who" refers to it, or its ending makes it an agent noun."""
        if any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children) for c in self.head.children):
            return True
        return self._tells_the_author() or people_words().agent_noun(self.lemma)

    def _tells_the_author(self) -> bool:
        """The phrase is the subject of a verb addressed to the writer ("three denizens of the
        campaign told me"): only people tell the author anything."""
        verb = self.head.head
        return (
            self.head.dep_ == "nsubj"
            and verb.pos_ == "VERB"
            and any(c.dep_ in ("dobj", "dative") and c.lower_ in _AUTHOR for c in verb.children)
        )

    def _group_word(self) -> bool:
        return any(self._has(g) for g in ("vague_heads", "partisan_heads", "commentator_heads"))

    def _public_group(self) -> bool:
        """A group of elected public figures ("lawmakers", "elected officials"): a group, not sources
        (a senator's allies are the senator's insiders, not public figures)."""
        return self.plural and (
            self._has("public_group_heads")
            or any(self._has("public_group_heads", t.lower_) for t in self._mods() if t.dep_ != "poss")
        )

    def _common_noun(self) -> bool:
        """The head is a common noun the lexicon knows ("Experts", "Officials" at a sentence start)."""
        return any(self._has(group) for group in _COMMON_GROUPS)

    def _office(self) -> bool:
        """The head names an office rather than a person ("the State Department's inspector general")."""
        words = [c.lower_ for c in self.head.lefts if c.dep_ == "compound" and c.i in self.ids]
        return self._has("office_titles", " ".join([*words[-1:], self.lemma]))

    def _has_determiner(self, words: tuple[str, ...]) -> bool:
        return any(c.dep_ == "det" and c.lower_ in words for c in self.head.children if c.i in self.ids)

    def _knows(self) -> bool:
        """The phrase places the source near the facts ("familiar with", "close to", "briefed on")."""
        return any(p.search(self.phrase) for p in self.lex.knowledge_qualifier)

    def _indefinite(self) -> bool:
        dets = [c for c in self.head.children if c.dep_ in ("det", "poss") and c.i in self.ids]
        return not dets or dets[0].lower_ in ("a", "an", "some", "one", "several")

    def _published_in(self) -> str | None:
        """The publication a report appeared in ("a report in The Daily Ledger"), if named."""
        for t in self.tokens:
            if t.pos_ == "PROPN" and t.head.dep_ == "prep" and t.head.lower_ in ("in", "on") and t.dep_ == "pobj":
                return _name_of(t, self.doc)
        return None

    def _kind_of_document(self) -> bool:
        """A noun before the head says what kind of record it is ("fundraising reports", "police
        reports"), not which news media carried it ("news reports", "media reports")."""
        media = self.lex.words["media_words"]
        return any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.i in self.ids and c.lower_ not in media
            for c in self.head.children
        )

    def _named_outlet_or_org(self) -> bool:
        return any(t.pos_ == "PROPN" for t in self.tokens)


def _head(tokens: list[Token], ids: set[int], lex: Lexicon) -> tuple[Token, Token | None]:
    """The head of the phrase, looking through "one of the officials", an agentive "by" and a title
    the parse cut off from its name ("Pres. Obama"); and that quantifier, if any."""
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    preferred = [t for t in roots if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    title = preferred[0] if len(preferred) > 1 else None
    if title is not None and title.pos_ == "PROPN" and lex.has("titles", title.lower_.rstrip(".")):
        preferred = preferred[1:]
    head = (preferred or roots or tokens)[0]
    if head.lower_ == "by":
        objs = [g for g in head.children if g.dep_ == "pobj" and g.i in ids]
        head = objs[0] if objs else head
    if head.lemma_.lower() in lex.words["channel_heads"]:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                objs = [g for g in prep.children if g.dep_ == "pobj" and g.i in ids]
                head = objs[0] if objs else head
    if head.lower_ in lex.words["quantifier_heads"]:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [g for g in prep.children if g.dep_ == "pobj" and g.i in ids]
                if objs:
                    return objs[0], head
    return head, None


def _small_number(word: str, lex: Lexicon) -> bool:
    """A count of a few people: a number word from the list, or digits below 20."""
    return lex.has("small_numbers", word) or (word.isdigit() and int(word) < 20)


def _name_of(token: Token, doc: Doc) -> str:
    """The full name around a proper-noun token: its entity, or its run of proper-noun compounds."""
    ent = index_of(doc).ent_at(token.i)
    if ent is not None and ent.label_ not in ("CARDINAL", "DATE", "ORDINAL"):
        return ent.text
    parts = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    start = parts[0].i if parts else token.i
    return doc[start : token.i + 1].text


def _norm(name: str) -> str:
    name = name.lower().strip()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"['\u2019]s$", "", name).strip()


def is_outlet_name(name: str, lex: Lexicon) -> bool:
    """Whether `name` is a known news outlet ("The New York Times", "Reuters")."""
    norm = _norm(name)
    return norm in lex.words["outlets"] or f"the {norm}" in lex.words["outlets"]


def _is_outlet(name: str, token: Token, lex: Lexicon) -> bool:
    if is_outlet_name(name, lex):
        return True
    words = _norm(name).split()
    return len(words) > 1 and token.ent_type_ in _OUTLET_ENTS and words[-1] in lex.words["outlet_name_endings"]


def _closest(position: int, own: CharSpan, rivals: tuple[CharSpan, ...]) -> bool:
    mine = min(abs(position - own[0]), abs(position - own[1]))
    return all(mine <= min(abs(position - s), abs(position - e)) for s, e in rivals)
