"""Shorten text to a length limit at a sentence or word boundary, marking the cut with "…"."""

from __future__ import annotations

import re

ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")
_MIN_KEEP = 0.5
"""Back off to a boundary only if that keeps at least this share of the room."""


def shorten(text: str, limit: int) -> str:
    """`text` (stripped) if it fits in `limit` characters, else a prefix ending in "…".

    The cut falls after the last whole sentence that fits, else at the last space, else
    mid-word when the text has no usable boundary. The result never exceeds `limit`.
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
