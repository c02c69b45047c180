"""Direct quotations: give each quotation to the reporting frame around it.

`"A," he said, "B."` is one attribution with two pieces; quoted sentences that follow in the same
paragraph continue it, as do paragraphs carrying on an unclosed quotation; a frame ending in a
colon takes the paragraph after it; a quoted sentence with no frame of its own goes to the speaker
of the attribution just before it (in its paragraph, or a direct quote ending the one before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ..model import Span
from ..pipeline import Parsed
from .found import Found
from .marks import Quote
from .reported import Frame, frame_found
from .tokens import char_span, describes_a_noun

_WORD = re.compile(r"\w")
MAX_GAP_WORDS = 8
_SENTENCE_END = ".?!…"
_CLOSING = ("”", '"', "’", "'", "»")


@dataclass
class _Group:
    """The quotations collected for one frame (mutable while collecting)."""

    frame: Frame
    pieces: list[Span] = field(default_factory=list)


def _inside(pos: int, quotes: list[Quote]) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _quoted_only(doc: Doc, frame: Frame, quotes: list[Quote]) -> bool:
    """The frame has no reported clause of its own outside quotation marks."""
    for start, end in frame.content:
        for tok in doc[start:end]:
            if not tok.is_punct and not tok.is_space and not _inside(tok.idx, quotes):
                return False
    return True


def _lead_in(doc: Doc, frame: Frame, quote: Quote) -> int | None:
    """Where the reported clause starts when it runs into the quotation just before the frame
    (`Clubs are "just scratching out a profit," he said`), or None if it does not."""
    starts = [doc[s].idx for s, e in frame.content if doc[s].idx < quote.end and quote.start < doc[e - 1].idx + 1]
    return min([*starts, quote.start]) if starts else None


def _no_words(text: str, start: int, end: int) -> bool:
    return start <= end and _WORD.search(text, start, end) is None


def _same_block(parsed: Parsed, a: int, b: int) -> bool:
    return parsed.block_at(a) is parsed.block_at(b)


def _short_gap(parsed: Parsed, start: int, end: int) -> bool:
    """Between a frame and the quotation after it: a few words, no verb (a participle describing a
    noun is no verb: "the following statement:") and no "that" clause;
    or a colon ending the frame's paragraph when the quotation opens the next one."""
    text = parsed.text
    if not _same_block(parsed, start, end):
        return text[start:end].strip() == ":"
    gap = parsed.doc.char_span(start, end, alignment_mode="expand")
    if gap is None:
        return _no_words(text, start, end)
    words = [t for t in gap if t.is_alpha]
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX") and not describes_a_noun(t)]
    return len(words) <= MAX_GAP_WORDS and not verbs and not any(t.lower_ == "that" for t in words)


def _sentence_bounds(doc: Doc, frame: Frame) -> tuple[int, int]:
    sent = doc[frame.verb].sent
    return sent.start_char, sent.end_char


def _frame_edges(doc: Doc, frame: Frame) -> tuple[int, int]:
    """First and last character of the frame's own words (source and cue)."""
    spans = [char_span(doc, *frame.cue[0])]
    if frame.source is not None:
        spans.append(char_span(doc, *frame.source))
    return min(s for s, _ in spans), max(e for _, e in spans)


def _looks_ahead(doc: Doc, frame: Frame) -> bool:
    """The frame ends its sentence with a colon ("She went on to say:"): it introduces what follows,
    so a quotation before it is not its content."""
    sent = doc[frame.verb].sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == ":" and last.i > frame.verb


def attach_quotes(parsed: Parsed, frames: list[Frame], quotes: list[Quote]) -> tuple[list[Found], set[int]]:
    """Direct attributions, and the verbs of the frames they used."""
    doc, text = parsed.doc, parsed.text
    quoted_only = {f.verb for f in frames if _quoted_only(doc, f, quotes)}
    groups: dict[int, _Group] = {}
    owner: dict[int, int] = {}  # quote index -> frame verb
    for qi, quote in enumerate(quotes):
        best: tuple[int, Frame, Span] | None = None
        for frame in frames:
            lo, hi = _frame_edges(doc, frame)
            piece: Span = (quote.start, quote.end)
            before = quote.end <= lo and _no_words(text, quote.end, lo) and _same_block(parsed, quote.end - 1, lo)
            if before and not _looks_ahead(doc, frame):
                if frame.verb not in quoted_only:
                    lead = _lead_in(doc, frame, quote)
                    if lead is None:
                        continue
                    piece = (lead, quote.end)
                distance = lo - quote.end
            elif frame.verb in quoted_only and quote.start >= hi and _short_gap(parsed, hi, quote.start):
                distance = quote.start - hi
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, frame, piece)
        if best is not None:
            groups.setdefault(best[1].verb, _Group(best[1])).pieces.append(best[2])
            owner[qi] = best[1].verb
    _continue_groups(parsed, quotes, groups, owner)
    found = [frame_found(doc, g.frame, tuple(sorted(g.pieces)), direct=True) for g in groups.values()]
    return found, set(groups)


def _continue_groups(parsed: Parsed, quotes: list[Quote], groups: dict[int, _Group], owner: dict[int, int]) -> None:
    """Unowned quotations that carry on the quotation before them join its attribution."""
    for qi, quote in enumerate(quotes):
        if qi in owner or qi == 0 or (qi - 1) not in owner:
            continue
        prev = quotes[qi - 1]
        same_block = parsed.block_at(prev.start) is parsed.block_at(quote.start)
        group = groups[owner[qi - 1]]
        last_end = max(e for _, e in group.pieces)
        if quote.continued or (same_block and _follows(parsed, group, last_end, quote)):
            group.pieces.append((quote.start, quote.end))
            owner[qi] = owner[qi - 1]


def _follows(parsed: Parsed, group: _Group, last_end: int, quote: Quote) -> bool:
    """Only the frame's own sentence lies between the previous piece and this quotation."""
    doc, text = parsed.doc, parsed.text
    s_start, s_end = _sentence_bounds(doc, group.frame)
    gap_start = s_end if s_start <= last_end <= s_end or last_end < s_start else last_end
    return _no_words(text, max(gap_start, last_end), quote.start)


def colon_paragraphs(parsed: Parsed, frames: list[Frame], used: set[int]) -> list[Found]:
    """Frames ending their paragraph with a colon ("Hewitt writes:") take the next paragraph."""
    doc, text = parsed.doc, parsed.text
    out = []
    for frame in frames:
        if frame.verb in used or frame.content:
            continue
        block = parsed.block_at(doc[frame.verb].idx)
        if block is None or not text[block.start : block.end].rstrip().endswith(":"):
            continue
        nxt = parsed.block_at(_next_nonspace(text, block.end))
        if nxt is None or nxt.kind != "paragraph":
            continue
        direct = text[nxt.start] in "\"“'‘«„"
        out.append(frame_found(doc, frame, ((nxt.start, nxt.end),), direct=direct))
    return out


def _next_nonspace(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _stands_alone(text: str, block_start: int, quote: Quote) -> bool:
    """The quotation is a sentence of its own: nothing but a finished sentence before it, and it
    ends with sentence punctuation (or runs on to the next paragraph)."""
    lead = text[block_start : quote.start].rstrip()
    if lead and lead[-1] not in _SENTENCE_END + "".join(_CLOSING):
        return False
    if not quote.closed:
        return True
    body = text[quote.start : quote.end].rstrip("".join(_CLOSING) + " ")
    return bool(body) and body[-1] in _SENTENCE_END


def bare_quotes(parsed: Parsed, quotes: list[Quote], found: list[Found]) -> list[Found]:
    """`found` with the quoted sentences that have no frame of their own given to the speaker of the
    attribution just before them: a quotation in the same paragraph continues that attribution, one
    opening the paragraph after a direct quotation is a new attribution of the same speaker."""
    text = parsed.text
    out = list(found)
    taken = [s for f in found for s in f.content]
    for quote in quotes:
        block = parsed.block_at(quote.start)
        if block is None or any(s < quote.end and quote.start < e for s, e in taken):
            continue
        if not _stands_alone(text, block.start, quote):
            continue
        before = [
            k for k, f in enumerate(out) if f.content and f.source is not None and f.content[-1][1] <= quote.start
        ]
        if not before:
            continue
        k = max(before, key=lambda k: out[k].content[-1][1])
        prev = out[k]
        prev_block = parsed.block_at(prev.content[-1][1] - 1)
        piece = (quote.start, quote.end)
        if prev_block is block:
            out[k] = replace(prev, content=(*prev.content, piece), direct=True)
        elif prev_block is not None and prev.direct and _no_words(text, prev_block.end, block.start):
            out.append(Found((piece,), prev.source, (), True, prev.refers_to))
    return out
