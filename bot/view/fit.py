"""Fitting text into a platform's limits: shorten at a sentence or word boundary, pack lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")
_MIN_KEEP = 0.5
"""Back off to a boundary only if that keeps at least this share of the room."""


def plain(text: str) -> str:
    """One line of text, whitespace collapsed."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """`text` (stripped) if it fits in `limit` characters, else a prefix ending in "…".

    The cut falls after the last whole sentence that fits, else at the last space, else mid-word
    when the text has no usable boundary. The result never exceeds `limit`.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[: room + 1]
    floor = room * _MIN_KEEP
    sentence_end = max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)
    if sentence_end > floor:
        kept = head[:sentence_end].rstrip()
        return kept + (" " + ELLIPSIS if len(kept) + 2 <= limit else ELLIPSIS)
    space = max((m.start() for m in _SPACE.finditer(head)), default=0)
    cut = space if space > floor else room
    return _tidy(head[:cut]) + ELLIPSIS


def _tidy(prefix: str) -> str:
    """A cut-off prefix without trailing spaces, dangling punctuation or a lone escape backslash."""
    return prefix.rstrip().rstrip(",;:-–—(\\").rstrip()


Escape = Callable[[str], str]
"""A platform's escaping of plain text (may make the text longer)."""


def fitted(text: str, limit: int, escape: Escape) -> str:
    """`text` shortened so that its escaped form fits in `limit` characters, then escaped."""
    budget = limit
    while True:
        escaped = escape(shorten(text, max(budget, 1)))
        if len(escaped) <= limit or budget <= 1:
            return escaped[:limit]
        budget -= len(escaped) - limit


def pack_lines(lines: Sequence[str], limit: int, more: Callable[[int], str], joiner: str = "\n") -> tuple[str, int]:
    """As many whole `lines` as fit in `limit` characters joined by `joiner`, with the note
    `more(n)` for the `n` left out; the first line is shortened when not even it fits.

    Returns the text and how many lines were left out.
    """
    shown: list[str] = []
    for index, line in enumerate(lines):
        rest = len(lines) - index - 1
        note = joiner + more(rest) if rest else ""
        if len(joiner.join([*shown, line])) + len(note) > limit:
            break
        shown.append(line)
    if not shown and lines:
        note = joiner + more(len(lines) - 1) if len(lines) > 1 else ""
        shown.append(shorten(lines[0], max(1, limit - len(note))))
    left_out = len(lines) - len(shown)
    text = joiner.join(shown) + (joiner + more(left_out) if left_out else "")
    return text, left_out


def text_chunks(text: str, limit: int) -> list[str]:
    """`text` as messages of at most `limit` characters, split between lines (a line too long
    alone is shortened); blank chunks are left out."""
    chunks: list[str] = []
    for line in text.splitlines() or [""]:
        line = shorten(line, limit) if len(line) > limit else line
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [chunk for chunk in chunks if chunk.strip()]


def pack_after(first: str, lines: Sequence[str], limit: int, more: Callable[[int], str]) -> str:
    """`first`, then as many of `lines` as fit in `limit` characters, one a line, with the note
    `more(n)` for the `n` left out (`pack_lines`); `first` alone is cut at `limit`."""
    if len(first) >= limit:
        return first[:limit]
    packed, _ = pack_lines(lines, limit - len(first) - 1, more) if lines else ("", 0)
    return f"{first}\n{packed}" if packed else first


class Budget:
    """The characters still free in a message whose parts share one limit (e.g. all the embeds of
    a Discord message): text is taken from it in order of importance."""

    def __init__(self, total: int) -> None:
        self.left = total

    def take(self, text: str) -> str:
        """`text`, its length taken from the budget (ValueError if it does not fit: a caller's bug)."""
        if len(text) > self.left:
            raise ValueError("text exceeds the remaining budget")
        self.left -= len(text)
        return text

    def reserve(self, size: int) -> None:
        """Keep `size` characters back for text written last."""
        self.left -= size


def pack_groups(items: Sequence[T], sizes: Callable[[T], tuple[int, ...]], rooms: tuple[int, ...]) -> list[list[T]]:
    """`items` in order, split into consecutive groups whose sizes, measure by measure (e.g.
    blocks and characters), add up to at most `rooms` (an item too large alone gets a group of
    its own). Always at least one group."""
    groups: list[list[T]] = [[]]
    used = [0] * len(rooms)
    for item in items:
        size = sizes(item)
        if groups[-1] and any(u + n > room for u, n, room in zip(used, size, rooms, strict=True)):
            groups.append([])
            used = [0] * len(rooms)
        groups[-1].append(item)
        used = [u + n for u, n in zip(used, size, strict=True)]
    return groups


def whole_sentences(sentences: Sequence[str], limit: int, escape: Escape) -> str:
    """As many whole leading sentences as fit in `limit` once escaped, joined by spaces; a first
    sentence too long alone is shortened at a word boundary with "…"."""
    escaped = [escape(plain(s)) for s in sentences if s.strip()]
    kept: list[str] = []
    for sentence in escaped:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    if kept or not escaped:
        return " ".join(kept)
    return fitted(plain(sentences[0]), limit, escape)
