"""Who a source is: pronouns to the person meant, surnames to full names, titles dropped,
appositive descriptions ("X, associate professor of ...") found anywhere in the article."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Speaker
from ..pipeline import Parsed
from .found import Found
from .lexicon import Lexicon
from .tokens import trimmed

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PREMODIFIER_POS = ("NOUN", "PROPN", "ADJ")
_DESCRIBING = ("relcl", "appos", "acl", "advcl")


@dataclass(frozen=True)
class _Mention:
    """A PERSON entity in the text, with its canonical full name."""

    start: int
    end: int
    name: str
    subject: bool


def _strip_name(ent: SpacySpan, lex: Lexicon) -> list[str]:
    words = [t.text for t in ent if not t.is_punct or t.text == "."]
    while words and words[0].lower() in lex.titles:
        words.pop(0)
    while words and words[-1].lower() in ("'s", "’s"):
        words.pop()
    return words


class SpeakerIndex:
    """The people an article mentions, to resolve sources against."""

    def __init__(self, parsed: Parsed, lex: Lexicon) -> None:
        self._doc: Doc = parsed.doc
        self._lex = lex
        self._full: dict[str, str] = {}
        mentions: list[_Mention] = []
        ents = [e for e in self._doc.ents if e.label_ == "PERSON" and parsed.kind_at(e.start_char) == "paragraph"]
        for ent in ents:
            words = _strip_name(ent, lex)
            if len(words) >= 2:
                surname = words[-1].lower()
                known = self._full.get(surname)
                if known is None or len(known.split()) < len(words):
                    self._full[surname] = " ".join(words)
        for ent in ents:
            name = self._canonical(ent)
            if name:
                mentions.append(_Mention(ent.start, ent.end, name, ent.root.dep_ in _SUBJECT_DEPS))
        self._mentions = mentions
        self._starts = [m.start for m in mentions]
        self._descriptions = self._find_descriptions(ents)

    def _canonical(self, ent: SpacySpan) -> str | None:
        words = _strip_name(ent, self._lex)
        if not words:
            return None
        if len(words) == 1:
            return self._full.get(words[0].lower(), words[0])
        return self._full.get(words[-1].lower(), " ".join(words))

    def _find_descriptions(self, ents: list[SpacySpan]) -> dict[str, str]:
        out: dict[str, str] = {}
        fallback: dict[str, str] = {}
        for ent in ents:
            name = self._canonical(ent)
            if not name or name in out:
                continue
            appos = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None)
            if appos is not None:
                cut = trimmed(self._doc, appos.left_edge.i, appos.right_edge.i + 1)
                if cut is not None:
                    out[name] = self._doc[cut[0] : cut[1]].text
                    continue
            pre = self._premodifiers(ent)
            if pre and name not in fallback:
                fallback[name] = pre
        return {**fallback, **out}

    def _premodifiers(self, ent: SpacySpan) -> str | None:
        """Words naming a role just before the name: "journalist Ken Klippenstein"."""
        words: list[Token] = []
        i = ent.start - 1
        while i >= ent.root.left_edge.i and self._doc[i].pos_ in _PREMODIFIER_POS:
            words.insert(0, self._doc[i])
            i -= 1
        if not words or all(w.lower_ in self._lex.titles for w in words):
            return None
        return " ".join(w.text for w in words)

    def _person_at(self, token: Token) -> str | None:
        i = bisect.bisect_right(self._starts, token.i) - 1
        if i >= 0 and self._mentions[i].start <= token.i < self._mentions[i].end:
            return self._mentions[i].name
        return None

    def _antecedent(self, token: Token, earlier: list[tuple[int, str]]) -> str | None:
        """The person a pronoun stands for: the latest earlier named source or person subject."""
        best_pos, best = -1, None
        for pos, name in earlier:
            if best_pos < pos < token.i:
                best_pos, best = pos, name
        i = bisect.bisect_left(self._starts, token.i) - 1
        fallback = None
        while i >= 0:
            m = self._mentions[i]
            if m.end <= token.i:
                if fallback is None:
                    fallback = (m.start, m.name)
                if m.subject:
                    if m.start > best_pos:
                        best_pos, best = m.start, m.name
                    break
            i -= 1
        if best is None and fallback is not None:
            best = fallback[1]
        return best

    def resolve(self, found: Found, earlier: list[tuple[int, str]]) -> Speaker:
        """The speaker of `found`; `earlier` holds (token index, name) of named sources before it."""
        if found.source is None or found.refers_to is None:
            return Speaker(None, None, "none")
        token = self._doc[found.refers_to]
        phrase = self._doc.char_span(*found.source, alignment_mode="expand")
        if phrase is not None and phrase.root.lower_ in self._lex.relative_pronouns and token.i != phrase.root.i:
            phrase = _antecedent_phrase(token)
        text = phrase.text if phrase is not None else token.text
        name: str | None
        if token.lower_ in self._lex.person_pronouns:
            name = self._antecedent(token, earlier)
        else:
            name = self._person_at(token) or self._person_in(phrase) or self._surname(token)
        if name is None:
            return _described(phrase, self._cue_verb(found)) if phrase is not None else Speaker(text, None, "none")
        return Speaker(name, self._descriptions.get(name) or _role_of(phrase, name), "named")

    def _cue_verb(self, found: Found) -> Token | None:
        if not found.cue:
            return None
        span = self._doc.char_span(*found.cue[0], alignment_mode="expand")
        return span.root if span is not None else None

    def _surname(self, token: Token) -> str | None:
        """A proper noun the entity recogniser missed but that is the surname of someone named."""
        return self._full.get(token.lower_) if token.pos_ == "PROPN" else None

    def _person_in(self, phrase: SpacySpan | None) -> str | None:
        """A person named at the root of the source phrase ("Jones, a professor at ...") or in
        apposition to it ("the club's manager, Tom Hughes")."""
        if phrase is None:
            return None
        appositives = [c for c in phrase.root.children if c.dep_ == "appos" and c.i < phrase.end]
        for token in (phrase.root, *appositives):
            name = self._person_at(token)
            if name is not None:
                return name
        return None


def _antecedent_phrase(noun: Token) -> SpacySpan:
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


def _described(phrase: SpacySpan, verb: Token | None) -> Speaker:
    """An unnamed source: the noun phrase as its name, and what the article adds about it after a
    comma as its description: a clause on the phrase ("a senior official, who spoke on condition of
    anonymity because ...") or a participle right after it ("said an aide, speaking on condition ...")."""
    doc = phrase.doc
    extra = [
        t
        for t in phrase
        if t.dep_ in _DESCRIBING
        and t.i > phrase.root.i
        and phrase.start < t.left_edge.i
        and doc[t.left_edge.i - 1].text == ","
        and t.head.i in range(phrase.start, phrase.end)
    ]
    if extra:
        cut = extra[0].left_edge.i
        head, tail = trimmed(doc, phrase.start, cut), trimmed(doc, cut, phrase.end)
        if head is not None and tail is not None:
            return Speaker(doc[head[0] : head[1]].text, doc[tail[0] : tail[1]].text, "none")
    after = _participle_after(phrase, verb)
    return Speaker(phrase.text, after, "none")


def _participle_after(phrase: SpacySpan, verb: Token | None) -> str | None:
    """The participle set off right after the source or its verb: "..., said an aide, speaking on
    condition of anonymity", "an aide said, speaking on condition of anonymity, that ..."."""
    if verb is None:
        return None
    doc = phrase.doc
    for child in verb.rights:
        start = child.left_edge.i
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and doc[start - 1].text == ","
            and start - 2 in (phrase.end - 1, verb.i)
        ):
            cut = trimmed(doc, start, child.right_edge.i + 1)
            return doc[cut[0] : cut[1]].text if cut is not None else None
    return None


def _role_of(phrase: SpacySpan | None, name: str) -> str | None:
    """The role a source phrase gives a person named in apposition: "the club's manager, Tom Hughes"."""
    if phrase is None or phrase.root.ent_type_ == "PERSON" or phrase.root.text in name:
        return None
    cut = trimmed(phrase.doc, phrase.start, phrase.root.i + 1)
    role = phrase.doc[cut[0] : cut[1]].text if cut is not None else None
    return role if role and name not in role else None
