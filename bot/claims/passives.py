"""Passive frames with an agent: the source stands after "by".

"The plan was described by officials who asked not to be named": officials describe the plan.
"She is seen by party leaders as credible": the leaders see her as credible.
"The memo, which was reviewed by The Post, lists twelve sites": The Post vouches for what the memo
lists. "figures provided to the newspaper by a strategist": the strategist provided the figures.
The verb is a cue verb, or a verb of examining or handing over material (`material` in the lexicon).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import Lexicon
from .reported import Frame
from .tokens import runs, subtree_range, trimmed

_COMPLEMENTS = ("xcomp", "oprd", "ccomp", "advcl")
_SUBJECTS = ("nsubj", "nsubjpass")


def agent_of(verb: Token) -> Token | None:
    """The noun after "by" of a passive participle ("described by [officials]"), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _passive(verb: Token) -> bool:
    """A passive participle: with a passive auxiliary, or reducing a relative clause ("figures
    provided by ...")."""
    return verb.tag_ == "VBN" and (any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acl")


def _described(verb: Token) -> list[int]:
    """What a passive frame is about: its subject with the verb's complements ("[the plan] was
    described [as a failure]"), or, for a relative or reduced clause on a noun, the clause the noun
    is the subject of ("[the memo], which was reviewed by X, [lists twelve sites]"); nothing for a
    clause on a noun that heads no clause ("a letter reviewed by X")."""
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        lo, hi = subtree_range(verb)
        if noun.dep_ in _SUBJECTS and noun.i < noun.head.i:
            return [i for i in range(*subtree_range(noun.head)) if not lo <= i < hi]
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    parts = [c for c in verb.rights if c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "as")]
    if subject is None and not parts:
        return []
    return [i for part in ([subject] if subject is not None else []) + parts for i in range(*subtree_range(part))]


def _frame(verb: Token, sent: SpacySpan, lex: Lexicon) -> Frame | None:
    lemma = lex.lemma(verb)
    if not (lex.is_cue(lemma) or lemma in lex.material) or not _passive(verb):
        return None
    agent = agent_of(verb)
    if agent is None:
        return None
    source = trimmed(sent.doc, *subtree_range(agent))
    source_tokens = range(*source) if source is not None else range(0)
    content = [i for i in _described(verb) if i not in source_tokens and agent.head.i != i]
    ranges = [cut for s, e in runs(content) if (cut := trimmed(sent.doc, s, e)) is not None]
    if source is None or not ranges:
        return None
    aux = [c.i for c in verb.children if c.dep_ == "auxpass"]
    return Frame(verb.i, tuple(runs([*aux, verb.i, agent.head.i])), source, agent.i, tuple(ranges))


def find_passives(sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every passive cue verb with an agent outside quotations, in text order."""
    out = []
    for sent in sentences:
        for token in sent:
            if token.pos_ in ("VERB", "AUX") and not quoted(token.idx) and (frame := _frame(token, sent, lex)):
                out.append(frame)
    return out
