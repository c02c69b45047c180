"""Who a source is, as the article names or describes them: the referent found by the shared
resolver (`bot.reference`), with the description the article gives ("X, associate professor of
...") or what it adds about an unnamed source ("an aide, who spoke on condition of anonymity")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Span as CharSpan
from ..model import Speaker
from ..pipeline import Parsed
from ..reference import People, Referent, resolve_references
from .found import Found
from .tokens import trimmed

_DESCRIBING = ("relcl", "appos", "acl", "advcl")
_GLUED_PRONOUN = re.compile(r",?\s+(he|she|they|it|him|her|them)$", re.IGNORECASE)


def source_spans(found: Sequence[Found]) -> list[tuple[CharSpan, ...] | None]:
    """The source phrase of each attribution, as the resolver takes them."""
    return [(f.source,) if f.source else None for f in found]


def speakers_of(
    parsed: Parsed, found: Sequence[Found], referents: Sequence[Referent | None], people: People | None = None
) -> list[Speaker]:
    """The speaker of each attribution: a named person, the speaker of the earlier source it refers
    back to, or the source phrase itself with what the article says about it."""
    people = people or People(parsed)
    doc = parsed.doc
    out: dict[int, Speaker] = {}
    order = sorted(range(len(found)), key=lambda i: found[i].source or (-1, -1))
    for i in order:
        f, referent = found[i], referents[i]
        if f.source is None or referent is None:
            out[i] = Speaker(None, None, "none")
            continue
        phrase = doc.char_span(*(referent.phrase or f.source), alignment_mode="expand")
        if referent.kind == "person" and referent.name:
            name = referent.name
            out[i] = Speaker(name, people.descriptions.get(name) or _role_of(phrase, name), "named")
        elif referent.kind == "earlier" and referent.earlier is not None and referent.earlier in out:
            out[i] = out[referent.earlier]
        elif phrase is not None:
            out[i] = _described(phrase, _cue_verb(parsed, f))
        else:
            out[i] = Speaker(doc.text[f.source[0] : f.source[1]], None, "none")
    return [_unglued(out[i]) for i in range(len(found))]


def _unglued(speaker: Speaker) -> Speaker:
    """The speaker without a pronoun the parse left glued to the name ("Adam Neumann, he")."""
    name = speaker.name
    if name is None:
        return speaker
    cut = _GLUED_PRONOUN.sub("", name)
    return speaker if cut == name or not cut else Speaker(cut, speaker.description, speaker.kind)


def resolve_speakers(parsed: Parsed, found: Sequence[Found]) -> tuple[list[Referent | None], list[Speaker]]:
    """The referent and the speaker of each attribution's source."""
    people = People(parsed)
    referents = resolve_references(parsed, source_spans(found), people)
    return referents, speakers_of(parsed, found, referents, people)


def _cue_verb(parsed: Parsed, found: Found) -> Token | None:
    if not found.cue:
        return None
    span = parsed.doc.char_span(*found.cue[0], alignment_mode="expand")
    return span.root if span is not None else None


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
    if phrase is None or phrase.root.pos_ != "NOUN" or phrase.root.text in name:
        return None
    cut = trimmed(phrase.doc, phrase.start, phrase.root.i + 1)
    role = phrase.doc[cut[0] : cut[1]].text if cut is not None else None
    return role if role and name not in role else None
