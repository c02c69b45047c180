"""Sources cited by a source: "..., wrote the bureau chief, citing participants in the meeting".

The reporter cites the participants for the content, so the content is also the participants'
claim. A "citing" participle closing a reported clause belongs to the frame, not to what was
reported ("The agency said the plant would close, citing two people familiar with the plan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .found import Found
from .lexicon import Lexicon
from .reported import Frame
from .tokens import char_span, subtree_range, trimmed

_PEOPLE_ENTS = ("PERSON", "ORG", "NORP")


def citing_participle(head: Token, lex: Lexicon) -> Token | None:
    """A "citing ..." participle set off by a comma after `head` (a frame verb or the head of its
    reported clause), or None."""
    for child in head.rights:
        start = child.left_edge.i
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and lex.lemma(child) in lex.citing
            and start > 0
            and head.doc[start - 1].text == ","
        ):
            return child
    return None


def _cited(participle: Token, lex: Lexicon) -> Token | None:
    """The people or body a citing participle names ("citing [participants in the meeting]"), or None
    when it cites something else ("citing his results")."""
    obj = next((c for c in participle.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.ent_type_ in _PEOPLE_ENTS or lex.lemma(obj) in lex.source_nouns:
        return obj
    return None


def cited_sources(doc: Doc, frames: list[Frame], lex: Lexicon) -> list[Found]:
    """For every report with a clause whose source cites people for it, the clause as their claim."""
    out = []
    for frame in frames:
        lemma = lex.lemma(doc[frame.verb])
        if not frame.content or not (lemma in lex.clause or lemma in lex.belief):
            continue
        heads = [doc[frame.verb], doc[frame.content[-1][0] : frame.content[-1][1]].root]
        participle = next((p for h in heads if (p := citing_participle(h, lex)) is not None), None)
        cited = _cited(participle, lex) if participle is not None else None
        source = trimmed(doc, *subtree_range(cited)) if cited is not None else None
        if participle is None or cited is None or source is None:
            continue
        content = tuple(char_span(doc, s, e) for s, e in frame.content if not (s <= participle.i < e))
        cue = (char_span(doc, participle.i, participle.i + 1),)
        out.append(Found(content, char_span(doc, *source), cue, False, cited.i))
    return out
