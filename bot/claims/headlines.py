"""Reports in a headline the parser misread: "Conservative Icon Morton Blackwell Endorses Ted Cruz",
"Rose Bowl skywriters blast Trump". Title case and a missing article make the small model tag the
verb as a name or a noun, so no frame is found; the headline's word order still shows the report:
the subject's words, a cue verb in the present tense, then what it reports."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..model import Block
from ..pipeline import Parsed
from .found import Found
from .lexicon import Lexicon
from .tokens import char_span

MAX_HEADLINE_WORDS = 25
_STOPS = frozenset(".:;?!")
_SEGMENT_MARKS = frozenset({":", ",", "—", "–"})
_FUNCTION_WORDS = ("DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PRON", "ADJ")
_MODIFIERS = ("JJ", "JJR", "JJS", "VBG")
_PRESENT = ("VBZ", "VBP")


def _cue_lemma(token: Token, lex: Lexicon) -> str | None:
    """The cue verb a headline word is a present-tense form of ("Endorses", "blast", "Praises")."""
    word = token.lower_
    forms = [word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    return next((f for f in forms if f and lex.is_cue(f) and f not in lex.belief), None)


def _subject_end(token: Token) -> bool:
    """A word that can end a subject: not a function word, an adjective or a participle (title case
    hides the participle's tag: "U.S. Military Preparing Attacks ...")."""
    participle = token.lower_.endswith("ing") and token.ent_type_ not in ("GPE", "PERSON", "NORP")
    return token.is_alpha and token.pos_ not in _FUNCTION_WORDS and token.tag_ not in _MODIFIERS and not participle


def _agrees(verb: Token, lemma: str, subject_end: Token) -> bool:
    """The cue word agrees with the subject: a bare form ("blast") only after a plural common noun
    ("skywriters blast"); after a singular or a name it is a noun ("Sanders campaign buys ...")."""
    if verb.lower_ != lemma:
        return True
    return subject_end.tag_ in ("NNS", "NNPS") or (subject_end.lower_.endswith("s") and subject_end.pos_ != "PROPN")


def _verb_inside(words: Sequence[Token]) -> bool:
    """A present tense among the words (capitalised names the tagger took for verbs aside)."""
    return any(t.tag_ in _PRESENT and not t.is_title for t in words)


def _subject_start(tokens: Sequence[Token], verb: int) -> int:
    """Where the words before the verb start: after the last colon, comma or dash before it."""
    marks = [i for i in range(verb) if tokens[i].text in _SEGMENT_MARKS]
    return marks[-1] + 1 if marks else 0


def _content_start(tokens: Sequence[Token], verb: int, lemma: str, lex: Lexicon) -> tuple[int, list[int]]:
    """Where the reported words start after the verb, and the extra cue tokens (the preposition of a
    prepositional cue: "swipes [at] Trump", "talks to Kelly [about] bullying")."""
    preps = lex.prepositional.get(lemma)
    if preps:
        for i in range(verb + 1, len(tokens)):
            if tokens[i].text in _STOPS:
                break
            if tokens[i].lower_ in preps:
                return i + 1, [i]
    return verb + 1, []


def headline_report(tokens: Sequence[Token], lex: Lexicon) -> Found | None:
    """The report of a headline's words in subject-verb order, or None."""
    words = [t for t in tokens if t.is_alpha]
    if not words or len(words) > MAX_HEADLINE_WORDS:
        return None
    title_case = sum(1 for t in words if t.is_title) > len(words) / 2
    for verb in range(1, len(tokens) - 1):
        lemma = _cue_lemma(tokens[verb], lex)
        if lemma is None:
            continue
        start = _subject_start(tokens, verb)
        if start > 0 and tokens[start - 1].text == ":":
            return None  # "Clinton camp: Trump's rhetoric threatens ...": the label's words, nested
        before = verb
        while before > start + 1 and tokens[before - 1].pos_ == "ADV":  # "Panel Just Dismissed"
            before -= 1
        subject = tokens[start:before]
        if not subject or not _subject_end(subject[-1]) or not _agrees(tokens[verb], lemma, subject[-1]):
            continue
        first, extra = _content_start(tokens, verb, lemma, lex)
        end = first
        while end < len(tokens) and tokens[end].text not in _STOPS:
            end += 1
        if end - first < 1 or (not title_case and _verb_inside(tokens[first : end - 1])):
            return None  # "Jobs report gives Democrats a lift": the cue word was a noun of the subject
        doc = tokens[0].doc
        content = char_span(doc, tokens[first].i, tokens[end - 1].i + 1)
        source = char_span(doc, subject[0].i, subject[-1].i + 1)
        cue = tuple(char_span(doc, tokens[i].i, tokens[i].i + 1) for i in (*range(before, verb + 1), *extra))
        return Found((content,), source, cue, direct=False, refers_to=subject[-1].i)
    return None


def opening_line(parsed: Parsed) -> Block | None:
    """The article's opening line: its headline, or a first paragraph of one line before others."""
    blocks = parsed.blocks
    if len(blocks) < 2 or blocks[0].kind not in ("headline", "paragraph"):
        return None
    block = blocks[0]
    return None if "\n" in parsed.text[block.start : block.end] else block


def find_headline_reports(parsed: Parsed, found: Sequence[Found], lex: Lexicon) -> list[Found]:
    """The report of the article's opening line (its headline, or a one-line first paragraph before
    others) when nothing was found in it but reports nested in that one's content (see the module)."""
    block = opening_line(parsed)
    if block is None:
        return []
    span = parsed.doc.char_span(block.start, block.end, alignment_mode="expand")
    tokens = [t for t in span or () if not t.is_space]
    report = headline_report(tokens, lex) if tokens else None
    if report is None:
        return []
    inside = [f for f in found if f.content and block.start <= f.content[0][0] < block.end]
    if any(f.content[0][0] < report.content[0][1] and not _within(f, report) for f in inside):
        return []  # the line's report was found; only reports nested in this one's content are not
    return [report]


def _within(inner: Found, outer: Found) -> bool:
    """Every span of `inner` lies inside the content of `outer`."""
    spans = [*inner.content, *inner.cue, *([inner.source] if inner.source else [])]
    return all(any(s <= a and b <= e for s, e in outer.content) for a, b in spans)
