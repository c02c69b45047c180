"""Second-hand reports that rest on anonymous sources, and anonymous sources that spoke to another outlet."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..model import Span as CharSpan
from .classify import Reading
from .lexicon import Lexicon


@dataclass(frozen=True)
class Mention:
    """A classified source in its sentence; `claim` is None for a cited source ("citing two officials")."""

    claim: int | None
    reading: Reading
    sentence: Span
    frame: str


@dataclass(frozen=True)
class Relays:
    """Which relayed reports rest on which anonymous sources, and which spoke to an outlet."""

    inherits: dict[int, int]
    relayed: frozenset[int]
    cited: tuple[Mention, ...]


def name_keys(reading: Reading) -> tuple[str, ...]:
    """The words by which an outlet or journalist is mentioned again ("Klippenstein", "Times")."""
    name = re.sub(r"^(the|The)\s+", "", (reading.name or reading.text).strip())
    name = re.sub(r"['\u2019]s$", "", name)
    words = [w for w in name.split() if w[:1].isupper()]
    keys = [name] if name[:1].isupper() else []
    if words:
        keys.append(words[-1])
    return tuple(dict.fromkeys(keys))


def _names_recipient(text: str, keys: Sequence[str], lex: Lexicon) -> bool:
    """The frame names the outlet or journalist as recipient ("told Klippenstein", "to the Times")."""
    return any(re.search(rf"{lex.relay_recipient}{re.escape(k)}(?!\w)", text, re.IGNORECASE) for k in keys)


def find_relays(
    doc: Doc,
    mentions: Sequence[Mention],
    contents: Sequence[CharSpan],
    read_cited: Callable[[CharSpan, Span], Reading],
    is_outlet_name: Callable[[str], bool],
    lex: Lexicon,
    window: int,
) -> Relays:
    """Link each second-hand mention to the anonymous sources its report rests on.

    A relayed report inherits anonymity when an anonymous source's frame names the outlet or
    journalist ("three military sources told Klippenstein", in any sentence), or when the
    relaying sentence cites anonymous sources ("the Times reported, citing two officials"), or
    when anonymous sources speak in the `window` sentences right after the relayed report
    ("..., The Post has learned. [...], sources said.").
    """
    inherits: dict[int, int] = {}
    relayed: set[int] = set()
    cited: list[Mention] = []
    anonymous = [i for i, m in enumerate(mentions) if m.reading.category == "anonymous"]
    for i, m in enumerate(mentions):
        if m.reading.category != "second_hand":
            continue
        keys = name_keys(m.reading)
        for a in anonymous:
            if _names_recipient(mentions[a].frame, keys, lex):
                inherits.setdefault(i, a)
                relayed.add(a)
        if i not in inherits:
            following = _following(m.sentence, window, doc)
            nxt = next((a for a in anonymous if mentions[a].sentence.start_char in following), None)
            if nxt is not None:
                inherits[i] = nxt
                relayed.add(nxt)
        if i not in inherits:
            found = _cited(doc, m, contents, read_cited, lex)
            if found is not None:
                cited.append(found)
                inherits[i] = len(mentions) + len(cited) - 1
    for a in anonymous:
        if a not in relayed and _names_outlet(mentions[a], is_outlet_name):
            relayed.add(a)
    return Relays(inherits, frozenset(relayed), tuple(cited))


def _following(sent: Span, window: int, doc: Doc) -> set[int]:
    """The start offsets of the `window` sentences after `sent`."""
    starts: set[int] = set()
    for _ in range(window):
        if sent.end >= len(doc):
            break
        sent = doc[sent.end].sent
        while sent.text.isspace() and sent.end < len(doc):
            sent = doc[sent.end].sent
        starts.add(sent.start_char)
    return starts


def _cited(
    doc: Doc,
    mention: Mention,
    contents: Sequence[CharSpan],
    read_cited: Callable[[CharSpan, Span], Reading],
    lex: Lexicon,
) -> Mention | None:
    for tok in mention.sentence:
        if tok.lemma_.lower() not in lex.words["citing_lemmas"]:
            continue
        if any(a <= tok.idx < b for a, b in contents):
            continue
        for obj in tok.children:
            if obj.dep_ in ("dobj", "pobj"):
                span = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
                reading = read_cited(span, mention.sentence)
                if reading.category == "anonymous":
                    return Mention(None, reading, mention.sentence, mention.frame)
    return None


def _names_outlet(mention: Mention, is_outlet_name: Callable[[str], bool]) -> bool:
    """The anonymous source's frame names an outlet outside the source phrase ("told The Post")."""
    offset = mention.sentence.start_char
    for ent in mention.sentence.ents:
        if any(s < ent.end_char and ent.start_char < e for s, e in mention.reading.spans):
            continue
        shown = mention.frame[ent.start_char - offset : ent.end_char - offset]
        if shown == ent.text and is_outlet_name(ent.text):
            return True
    return False
