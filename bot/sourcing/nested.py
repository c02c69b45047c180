"""Sources named inside another source's words: a quoted passage that rests on its own sources
("“People close to the mayor say she will run,” the columnist wrote") and a belief the speaker
credits to a group ("she doubted aides' confidence that the bill would pass")."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..claims.lexicon import Lexicon as CueLexicon
from ..claims.stances import complement
from ..model import Claim
from ..model import Span as CharSpan
from .classify import Reading
from .credit import PressTest, cue_credits
from .frame import sentence_at, tokens_of
from .inherit import Mention
from .lexicon import Lexicon


def _phrase(token: Token) -> CharSpan | None:
    """The noun phrase under `token`, without a closing possessive mark or punctuation."""
    words = [t for t in token.subtree if not (t.dep_ == "case" and t.head.i == token.i and t.i > token.i)]
    while words and (words[-1].is_punct or words[-1].dep_ == "case"):
        words.pop()
    if not words:
        return None
    return (words[0].idx, words[-1].idx + len(words[-1].text))


def _inside(token: Token, start: int, end: int) -> bool:
    return all(start <= t.idx and t.idx + len(t.text) <= end for t in (token.left_edge, token.right_edge))


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two ("Number two, I don't think ..."), the one next to it."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _supposed(verb: Token, lex: Lexicon) -> bool:
    """The report is denied or only supposed: "never has an adviser said", "not once ...", "no official said",
    "if another senator says" (the mark may stand on a clause the verb is coordinated with)."""
    subject = _nearest_subject(verb)
    denied = subject is not None and any(
        c.dep_ == "det" and lex.has("negative_determiners", c.text) for c in subject.children
    )
    negated = any(
        t.dep_ == "neg" for c in verb.children if c.dep_ in ("neg", "advmod", "aux", "auxpass") for t in c.subtree
    )
    if denied or negated:
        return True
    clause = verb
    while True:
        if any(c.dep_ == "mark" and lex.has("conditional_marks", c.text) for c in clause.children):
            return True
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return False
        clause = clause.head


def _holders(
    tokens: Sequence[Token], start: int, end: int, cues: CueLexicon, lex: Lexicon
) -> Iterator[tuple[Token, Token]]:
    """The subjects of reporting verbs with a reported clause, and the possessors of claim nouns
    with their complement, that stand inside the character range, each with its cue word.
    Verbs of belief are left out: inside a claim they mostly tell what people in the story thought."""
    for token in tokens:
        if token.pos_ == "VERB" and cues.lemma(token) in cues.clause:
            if not any(c.dep_ == "ccomp" and _inside(c, start, end) for c in token.children):
                continue
            subject = _nearest_subject(token)
            if subject is not None and _inside(subject, start, end) and not _supposed(token, lex):
                yield subject, token
        elif token.pos_ == "NOUN":
            allowed = cues.nouns.get(token.lower_) or cues.nouns.get(token.lemma_.lower())
            found = complement(token, allowed) if allowed is not None else None
            if found is None or not _inside(found[1], start, end):
                continue
            yield from ((c, token) for c in token.children if c.dep_ == "poss" and _inside(c, start, end))


def nested_sources(
    doc: Doc,
    claims: Sequence[Claim],
    known: Sequence[CharSpan],
    read_cited: Callable[[CharSpan, Span], Reading],
    is_press: PressTest,
    cues: CueLexicon,
    lex: Lexicon,
) -> list[Mention]:
    """Anonymous sources that a claim's content credits with information of their own (not story
    actors, as `credit.cue_credits` tells), each once and none already the source of a claim (`known`)."""
    out: list[Mention] = []
    seen = set(known)
    for claim in claims:
        for start, end in claim.spans.content:
            for holder, cue in _holders(tokens_of(doc, [(start, end)]), start, end, cues, lex):
                span = _phrase(holder)
                if span is None or any(s < span[1] and span[0] < e for s, e in seen) or not cue_credits(cue, is_press):
                    continue
                sent = sentence_at(doc, span[0])
                reading = read_cited(span, sent)
                if reading.category == "anonymous" and not reading.actor:
                    seen.add(span)
                    out.append(Mention(None, reading, sent, sent.text))
    return out
