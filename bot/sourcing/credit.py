"""Source or story actor: whether a claim credits its source with information the article reports.

"Officials said the line would reopen" credits the officials; "officials knew about the leak",
"aides were hopeful that ...", "a guard told her she had to leave" and "donors pushed the issue"
tell what people in the story knew, felt or did. Only a source credited with information can be
an anonymous source; a story actor is never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Claim
from ..model import Span as CharSpan
from ..wordlists import package_json, word_set
from .frame import tokens_of

_RECIPIENT_DEPS = frozenset({"dative", "dobj", "iobj"})
_CLAUSE_DEPS = frozenset({"ccomp"})
_PERSON_PRONOUNS = frozenset({"him", "her", "them", "you", "it"})

PressTest = Callable[[str], bool]
"""Whether a name is the press's: a news outlet, or a journalist the article names."""


@dataclass(frozen=True)
class CreditWords:
    """The word lists of `data/credit.json` (lemmas, lower case)."""

    actor_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    addressed_verbs: frozenset[str]
    credited_stances: frozenset[str]
    feeling_nouns: frozenset[str]
    insider_adverbs: frozenset[str]
    clause_only_verbs: frozenset[str]
    idioms: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def credit_words() -> CreditWords:
    """The shipped lists (read once)."""
    raw = package_json("bot.sourcing.data", "credit.json")

    def words(key: str) -> frozenset[str]:
        return word_set(raw[key])

    return CreditWords(
        actor_verbs=words("actor_verbs"),
        directive_verbs=words("directive_verbs"),
        addressed_verbs=words("addressed_verbs"),
        credited_stances=words("credited_stances"),
        feeling_nouns=words("feeling_nouns"),
        insider_adverbs=words("insider_adverbs"),
        clause_only_verbs=words("clause_only_verbs"),
        idioms=tuple(re.compile(p, re.IGNORECASE) for p in raw["idioms"]),
    )


def _cue_root(doc: Doc, cue: tuple[CharSpan, ...]) -> Token | None:
    """The word that carries the cue: the first verb, adjective or noun of the cue span."""
    tokens = tokens_of(doc, cue)
    for pos in (("ADJ",), ("VERB",), ("NOUN",), ("AUX",)):
        found = next((t for t in tokens if t.pos_ in pos), None)
        if found is not None:
            return found
    return tokens[0] if tokens else None


def _private(verb: Token, words: CreditWords) -> bool:
    """ "privately say", "Privately, aides concede ...": the view is shared off the record."""
    if any(c.dep_ == "advmod" and c.lower_ in words.insider_adverbs for c in verb.children):
        return True
    sent = verb.sent
    first = next((t for t in sent if not t.is_punct), None)
    return first is not None and first.lower_ in words.insider_adverbs and first.head.i == verb.i


def _recipient(verb: Token) -> Token | None:
    """Whom the verb addresses: its indirect or direct object, or the object of "to"."""
    for child in verb.children:
        if child.dep_ in _RECIPIENT_DEPS and child.pos_ in ("PRON", "PROPN", "NOUN"):
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _a_person(token: Token) -> bool:
    """A personal pronoun or a person's name: someone in the story ("told her", "urged Smith"),
    unlike a group the information reaches ("told their allies", "told lawmakers")."""
    return token.lower_ in _PERSON_PRONOUNS or token.ent_type_ == "PERSON"


def _to_the_press(person: Token, is_press: PressTest) -> bool:
    """The person addressed is a journalist the article names ("told Klippenstein")."""
    name = person.doc[person.left_edge.i : person.i + 1].text
    return is_press(name) or is_press(person.text)


def _verb_credit(verb: Token, words: CreditWords, is_press: PressTest) -> bool:
    lemma = verb.lemma_.lower()
    has_clause = any(c.dep_ in _CLAUSE_DEPS for c in verb.children)
    if lemma in words.actor_verbs:
        return _answers_a_claim(verb)
    if lemma in words.clause_only_verbs and not has_clause:
        return False
    if lemma in ("express", "voice"):
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj is None or obj.lemma_.lower() not in words.feeling_nouns
    recipient = _recipient(verb)
    if lemma in words.addressed_verbs and recipient is not None and _a_person(recipient):
        return _to_the_press(recipient, is_press)
    if lemma in words.directive_verbs and not has_clause:
        infinitive = any(c.dep_ == "xcomp" for c in verb.children)
        if infinitive or (recipient is not None and _a_person(recipient)):
            return False
    return True


def _answers_a_claim(verb: Token) -> bool:
    """The verb takes a stand on a claim: its object holds a "that" clause ("rejected any
    implication that ...", "bristle at the suggestion that ..."), a view rather than an action."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(
        clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        for noun in objects
        for clause in noun.children
    )


def _cue_word(doc: Doc, claim: Claim) -> Token | None:
    return _cue_root(doc, claim.spans.cue) if claim.spans.cue else None


def off_record(doc: Doc, claim: Claim) -> bool:
    """The claim's view is shared off the record: "privately say", "Privately, aides concede ..."."""
    root = _cue_word(doc, claim)
    return root is not None and root.pos_ in ("VERB", "AUX") and _private(root, credit_words())


def credited(doc: Doc, claim: Claim, is_press: PressTest) -> bool:
    """Whether `claim` credits its source with information (see the module docstring).

    A claim without a cue (built by hand, or a colon frame) is credited; "according to" always is.
    """
    words = credit_words()
    if claim.spans.source:
        first = doc.char_span(*claim.spans.source[0], alignment_mode="expand")
        if first is not None:
            tail = doc[first.start : first.sent.end].text
            if any(p.search(tail) for p in words.idioms):
                return False
    return cue_credits(_cue_word(doc, claim), is_press)


def cue_credits(root: Token | None, is_press: PressTest) -> bool:
    """Whether the cue word `root` credits its holder with information rather than telling what a
    story actor knew, felt or did; no cue word, a preposition or a mark credits."""
    words = credit_words()
    if root is None or root.pos_ == "ADP" or root.is_punct:
        return True
    if root.pos_ in ("VERB", "AUX") and _private(root, words):
        return True
    if root.pos_ == "ADJ":
        return root.lemma_.lower() in words.credited_stances or root.lower_ in words.credited_stances
    if root.pos_ == "NOUN":
        return root.lemma_.lower() not in words.feeling_nouns
    return _verb_credit(root, words, is_press)
