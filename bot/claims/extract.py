"""Every attribution in an article, in text order: quotations, reported speech, "according to"."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from ..model import BlockKind, Claim, ClaimSpans, Span
from ..pipeline import Parsed
from ..reference import Referent
from .according import find_according, find_colon_frames
from .agentless import find_agentless, find_reputations
from .citing import cited_sources
from .found import CueClass, Found
from .headlines import find_headline_reports
from .lexicon import Lexicon, lexicon
from .marks import Quote, find_quotes, inside_any
from .nouns import find_claim_nouns
from .passives import find_passives
from .quotes import attach_quotes, bare_quotes, colon_paragraphs
from .reported import find_frames, indirect, outermost
from .speakers import resolve_speakers
from .stances import find_stances

ELLIPSIS = " … "
_CUE_WORDS = ("VERB", "NOUN", "ADJ")
_HEADLINE_STOPS = frozenset(",.:;?!")
_CLAIM_BLOCKS: tuple[BlockKind, ...] = ("paragraph", "headline")


def _in_paragraphs(parsed: Parsed, spans: tuple[Span, ...] | None) -> bool:
    return all(parsed.kind_at(s) in _CLAIM_BLOCKS for s, _ in spans or ())


def _distinct(found: list[Found]) -> list[Found]:
    """One attribution per (content, source): the first found wins."""
    seen: set[tuple[tuple[Span, ...], Span | None]] = set()
    out = []
    for f in found:
        key = (f.content, f.source)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _block_end(parsed: Parsed, char: int) -> int:
    block = parsed.block_at(char)
    return block.end if block else len(parsed.text)


def _outside(found: list[Found], extra: list[Found]) -> list[Found]:
    """The `extra` attributions whose cue is not inside the content of one in `found`."""
    spans = [c for f in found for c in f.content]
    return [x for x in extra if not any(s <= x.cue[0][0] < e for s, e in spans)]


def _cut_out(found: Found, others: list[Found], text: str) -> Found:
    """`found` without the "according to X" phrases of `others` inside its content: in "X said A,
    according to a poll", the poll is not part of what X said."""
    phrases = [(o.cue[0][0], o.source[1]) for o in others if o.source is not None and o.cue[0][0] < o.source[1]]
    pieces: list[Span] = []
    for start, end in found.content:
        cuts = sorted((s, e) for s, e in phrases if start <= s and e <= end)
        for s, e in cuts:
            pieces.append((start, s))
            start = e
        pieces.append((start, end))
    content = tuple(p for p in (_stripped(text, s, e) for s, e in pieces) if p is not None)
    return replace(found, content=content) if content and content != found.content else found


def _stripped(text: str, start: int, end: int) -> Span | None:
    """The character range without outer spaces and punctuation (None if nothing is left)."""
    while start < end and (text[start].isspace() or text[start] in ",;:-—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-—–"):
        end -= 1
    return (start, end) if end > start else None


def find_all(parsed: Parsed) -> list[Found]:
    """The located attributions, before speaker resolution, in text order."""
    lex = lexicon()
    sentences = parsed.sentences(_CLAIM_BLOCKS)
    quotes = find_quotes(parsed.text, parsed.blocks)
    quoted = inside_any(quotes)
    frames = find_frames(sentences, lex, quoted) + find_stances(sentences, lex, quoted)
    frames += find_claim_nouns(sentences, lex, quoted) + find_passives(sentences, lex, quoted)
    frames = outermost(sorted(frames, key=lambda f: f.verb))
    direct, used = attach_quotes(parsed, frames, quotes)
    colon = colon_paragraphs(parsed, frames, used)
    according = find_according(parsed.doc, sentences, lex)
    reported = [_cut_out(f, according, parsed.text) for f in indirect(parsed.doc, frames, used)]
    found = direct + colon + _outside(according, reported) + according
    found += cited_sources(parsed.doc, frames, lex)
    found += _outside(found, find_agentless(parsed.doc, sentences, lex, quoted))
    found += _outside(found, find_colon_frames(parsed.doc, sentences, lambda c: _block_end(parsed, c), lex))
    found += _outside(found, find_reputations(parsed.doc, sentences, lex, quoted))
    found += find_headline_reports(parsed, found, lex)
    found = bare_quotes(parsed, quotes, found)
    found = [
        f
        for f in found
        if _in_paragraphs(parsed, f.content) and _in_paragraphs(parsed, (f.source,) if f.source else None)
    ]
    found = [_to_headline_end(parsed, f, lex) for f in found]
    spoken = [q for q in quotes if not _names_a_term(parsed.text, q, lex)]
    found = [_classified(_quoting(f, spoken), parsed, lex) for f in found]
    return sorted(_distinct(found), key=lambda f: (f.content[0][0], f.source or (0, 0)))


def _to_headline_end(parsed: Parsed, found: Found, lex: Lexicon) -> Found:
    """A headline's reported clause runs to the next punctuation mark ("Mayor Says Wall Will Stand
    by Spring"): its capitals mislead the parser into dropping the last words."""
    if len(found.content) != 1 or not found.cue or parsed.kind_at(found.cue[0][0]) != "headline":
        return found
    (start, end), text = found.content[0], parsed.text
    cue = parsed.doc.char_span(found.cue[0][0], found.cue[0][1], alignment_mode="expand")
    if start < found.cue[-1][1] or cue is None or not any(lex.lemma(t) in lex.clause for t in cue):
        return found
    stop = _block_end(parsed, start)
    while end < stop and text[end] not in _HEADLINE_STOPS:
        end += 1
    stripped = _stripped(text, start, end)
    return found if stripped is None else replace(found, content=(stripped,))


def _classified(found: Found, parsed: Parsed, lex: Lexicon) -> Found:
    """`found` with the class of its cue word: the first verb, noun or adjective of its cue."""
    if not found.cue:
        return found
    span = parsed.doc.char_span(found.cue[0][0], found.cue[-1][1], alignment_mode="expand")
    words = [t for t in span or () if t.pos_ in _CUE_WORDS]
    if not words:
        return found
    cue_class = lex.cue_class(words[0])
    return replace(found, cue_class=cast(CueClass, cue_class)) if cue_class != found.cue_class else found


def _names_a_term(text: str, quote: Quote, lex: Lexicon) -> bool:
    """A quotation that names something ("the so-called “kingpin strategy”") rather than quoting words."""
    before = text[max(0, quote.start - 40) : quote.start].lower().replace("—", " ").split()
    if before and before[-1] in ("the", "a", "an"):
        before.pop()
    return bool(before) and (before[-1] in lex.term_markers or " ".join(before[-2:]) in lex.term_markers)


def _quoting(found: Found, quotes: list[Quote]) -> Found:
    """Reported speech that quotes the speaker's words ("said he was “not quite there yet”") is direct."""
    if found.direct or not any(q.start < e and s < q.end for s, e in found.content for q in quotes):
        return found
    return replace(found, direct=True)


def extract_claims(parsed: Parsed) -> list[Claim]:
    """Every attribution in the article, in text order, with its speaker resolved."""
    return find_claims(parsed)[0]


def find_claims(parsed: Parsed) -> tuple[list[Claim], list[Referent | None]]:
    """Every attribution in the article, in text order, and what each one's source refers to."""
    return build_claims(parsed, find_all(parsed))


def build_claims(parsed: Parsed, found: list[Found]) -> tuple[list[Claim], list[Referent | None]]:
    """The claims of the located attributions, with their speakers, and what each source refers to.

    A relative pronoun is never a source of its own: the claim's source runs from the noun phrase
    it stands for to the pronoun ("one Democrat familiar with the talks, who").
    """
    referents, speakers = resolve_speakers(parsed, found)
    text = parsed.text
    claims: list[Claim] = []
    for f, speaker, referent in zip(found, speakers, referents, strict=True):
        source = f.source
        if source is not None and referent is not None and referent.phrase is not None:
            source = (min(referent.phrase[0], source[0]), max(referent.phrase[1], source[1]))
        claims.append(
            Claim(
                text=ELLIPSIS.join(text[s:e] for s, e in f.content),
                direct=f.direct,
                speaker=speaker,
                cue=" ".join(text[s:e] for s, e in f.cue) or None,
                spans=ClaimSpans(content=f.content, source=(source,) if source else None, cue=f.cue or None),
                background=f.background,
            )
        )
    return claims, referents
