"""How much newsbot reads and how much it analyses, agreed by every way in (links, files, stdin, batch, chat).

Every input is read up to `MAX_INPUT_BYTES` (the fetcher's body cap too) and refused beyond it.
Every text the reader accepts is analysed: in full up to `MAX_ANALYSED_CHARS`, and beyond that
its first `MAX_ANALYSED_CHARS` characters, cut at a paragraph or sentence end, with a notice.
A decoded text never has more characters than the bytes it came from, so whatever the
fetcher accepts can be analysed.
"""

from __future__ import annotations

import re

MEGABYTE = 1_000_000

MAX_INPUT_BYTES = 5 * MEGABYTE
"""The most bytes read from a web page, a file, standard input or one batch line."""

MAX_ANALYSED_CHARS = 100_000
"""The most characters analysed: about 16,000 words, three times the longest article of the
development sets and longer than nearly any news story. Analysis time grows faster than the
length (about 10 s for 100,000 characters), so a longer text is analysed up to here; this is
also well below the parser's own limit (spaCy's `max_length`, 1,000,000 characters)."""

_BREAKS = (
    re.compile(r"\n\s*\n"),  # a blank line: the end of a paragraph
    re.compile(r"\n"),  # a line break
    re.compile(r"[.!?][\"'”’)\]]*\s"),  # the end of a sentence
    re.compile(r"\s"),  # any space between words
)


def analysed_end(text: str, limit: int = MAX_ANALYSED_CHARS) -> int:
    """Where the analysed part of `text` ends: its length when it fits in `limit`, else the last
    paragraph, line, sentence or word end before `limit` (in that order of preference, and not
    earlier than half of `limit`)."""
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window, limit // 2)]
        if ends:
            return ends[-1]
    return limit


def format_bytes(size: int) -> str:
    """A byte count as people say it: '5 MB', or '200,000 bytes' when not whole megabytes."""
    if size >= MEGABYTE and size % MEGABYTE == 0:
        return f"{size // MEGABYTE} MB"
    return f"{size:,} bytes"
