"""`newsbot eval-language`: how often the English check refuses texts of known-English data sets.

Each article is checked whole, paragraph by paragraph, and in stretches of 12, 25 and 40 words
(what a person might paste); every refused piece is listed with the reason, for checking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .data_files import read_rows
from .language import check_english
from .local_input import read_file

WINDOWS = (12, 25, 40)
TEXT_FIELDS = ("text", "article")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Refusal:
    """A piece of a known-English text the check took for another language."""

    source: str
    piece: str
    reason: str


def texts_of(path: Path) -> Iterator[tuple[str, str]]:
    """(name, text) for each article: the rows of a JSON Lines file (field `text` or `article`),
    or the file itself."""
    if path.suffix != ".jsonl":
        yield str(path), read_file(str(path))
        return
    for row in read_rows(path):
        field = next((f for f in TEXT_FIELDS if isinstance(row.get(f), str)), None)
        if field is not None:
            yield f"{path.name}:{row.get('id')}", row[field]


def pieces(text: str) -> Iterator[tuple[str, str]]:
    """(kind, piece): the whole text, its paragraphs (lines), and its word stretches (half overlapping)."""
    yield "articles", text
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield "paragraphs", match.group()
    words = text.split()
    for size in WINDOWS:
        for start in range(0, max(1, len(words) - size + 1), max(1, size // 2)):
            yield f"{size}-word stretches", " ".join(words[start : start + size])


def run(paths: list[Path], stream: TextIO, shown: int = 20) -> dict[str, tuple[int, int]]:
    """Check every piece of every text in `paths`; print the refusal counts and the first refusals.

    Returns (refused, checked) per kind of piece.
    """
    counts: dict[str, list[int]] = {}
    refusals: list[Refusal] = []
    for path in paths:
        for name, text in texts_of(path):
            for kind, piece in pieces(text):
                verdict = check_english(piece)
                tally = counts.setdefault(kind, [0, 0])
                tally[1] += 1
                if not verdict.english:
                    tally[0] += 1
                    refusals.append(Refusal(name, piece, verdict.reason))
    for kind, (refused, checked) in counts.items():
        stream.write(f"{kind}: {refused} of {checked} refused as not English ({refused / max(checked, 1):.3%})\n")
    for refusal in refusals[:shown]:
        stream.write(f"- {refusal.source}: {refusal.reason}: {refusal.piece[:160]!r}\n")
    return {kind: (refused, checked) for kind, (refused, checked) in counts.items()}
