"""Finding quotations in paragraphs: curly, straight, doubled-apostrophe and guillemet marks.

A quotation is a character range that includes its marks. A paragraph that opens a quotation
without closing it continues into the next paragraph when that one opens with a quotation mark
(the newspaper convention for quotes running over several paragraphs).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Block

# Opening mark -> the marks that may close it.
_DOUBLE_PAIRS: dict[str, str] = {"“": '”"', "„": "“”", "«": "»", "»": "«", '"': '"”', "''": "''", "``": "''"}
_SINGLE_PAIRS: dict[str, str] = {"‘": "’", "‚": "’‘", "‹": "›", "'": "'"}


@dataclass(frozen=True)
class Quote:
    """A quotation inside one paragraph, marks included.

    `closed` is False when the paragraph ends before the closing mark; `continued` is True when
    the quotation carries on from an unclosed quotation in the previous paragraph.
    """

    start: int
    end: int
    closed: bool = True
    continued: bool = False


_CLOSING_ONLY = frozenset({"”"})
_UTTERANCE_END = frozenset(",.!?")
_MARK_START = frozenset(mark[0] for mark in (*_DOUBLE_PAIRS, *_SINGLE_PAIRS))


def _mark_at(text: str, i: int, pairs: dict[str, str]) -> str | None:
    if text[i] not in _MARK_START:
        return None
    for mark in sorted(pairs, key=len, reverse=True):
        if text.startswith(mark, i):
            return mark
    return None


def _opens(text: str, i: int, mark: str, start: int) -> bool:
    """An opening mark stands at a word start: after the block start, a space or an opening bracket."""
    before = text[i - 1] if i > start else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return (before.isspace() or before in "([{—–-:/" or i == start) and not after.isspace()


def _closes(text: str, i: int, mark: str, end: int) -> bool:
    """A closing mark is not followed by a letter (so an apostrophe inside a word never closes),
    except a closing double mark right after punctuation with the space after it missing
    ('paranoia,”Clinton said')."""
    after = text[i + len(mark)] if i + len(mark) < end else " "
    if mark in _CLOSING_ONLY and i > 0 and text[i - 1] in _UTTERANCE_END:
        return True
    return not after.isalnum()


def _scan(text: str, start: int, end: int, pairs: dict[str, str]) -> list[tuple[int, int, bool]]:
    """Top-level quotations of one kind of marks in `text[start:end]`: (start, end, closed)."""
    out: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        mark = _mark_at(text, i, pairs)
        if mark is None or not _opens(text, i, mark, start):
            i += 1
            continue
        closers = pairs[mark]
        j = i + len(mark)
        close_at = -1
        while j < end:
            closer = next((c for c in _closers(closers) if text.startswith(c, j)), None)
            if closer is not None and _closes(text, j, closer, end) and j > i + len(mark):
                close_at = j + len(closer)
                break
            j += 1
        if close_at < 0:
            out.append((i, end, False))
            break
        out.append((i, close_at, True))
        i = close_at
    return out


def _closers(closers: str) -> tuple[str, ...]:
    return ("''",) if closers == "''" else tuple(closers)


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Double-mark quotations, or single-mark ones when the paragraph has no double marks."""
    found = _scan(text, start, end, _DOUBLE_PAIRS)
    if found:
        return found
    return [q for q in _scan(text, start, end, _SINGLE_PAIRS) if q[2]]


def find_quotes(text: str, blocks: tuple[Block, ...]) -> list[Quote]:
    """The top-level quotations of the paragraph blocks, in text order."""
    quotes: list[Quote] = []
    carry = False
    for block in blocks:
        if block.kind != "paragraph":
            carry = False
            continue
        found = _paragraph_quotes(text, block.start, block.end)
        for n, (s, e, closed) in enumerate(found):
            continued = carry and n == 0 and s == block.start
            quotes.append(Quote(s, e, closed, continued))
        carry = bool(found) and not found[-1][2]
    return quotes


def inside_any(quotes: list[Quote]) -> Callable[[int], bool]:
    """A test telling whether a character offset lies inside one of `quotes`."""
    starts = [q.start for q in quotes]

    def test(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and quotes[i].start <= pos < quotes[i].end

    return test
