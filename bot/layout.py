"""Reading the layout of pasted text: headline, section headings, paragraphs and page furniture.

The text is never rewritten: the layout is a list of character ranges with a role each, so
every later step can keep pointing into the text exactly as it was given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Block, BlockKind

_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class LayoutRules:
    """Patterns and limits from `bot/data/layout.json`."""

    furniture: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    heading_max_words: int
    heading_max_chars: int
    headline_max_words: int
    final_punctuation: str


@lru_cache(maxsize=1)
def layout_rules() -> LayoutRules:
    """The layout rules shipped with the package."""
    raw = json.loads(resources.files("bot.data").joinpath("layout.json").read_text("utf-8"))

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw[key])

    return LayoutRules(
        furniture=compile_all("furniture"),
        byline=tuple(re.compile(p) for p in raw["byline"]),
        caption=compile_all("caption"),
        heading_max_words=int(raw["heading_max_words"]),
        heading_max_chars=int(raw["heading_max_chars"]),
        headline_max_words=int(raw["headline_max_words"]),
        final_punctuation=str(raw["final_punctuation"]),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines, without their line breaks or outer spaces."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line.strip():
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.start() + len(line.rstrip())
        out.append((start, end))
    return out


def _join_wrapped(text: str, lines: list[tuple[int, int]], rules: LayoutRules) -> list[tuple[int, int]]:
    """Merge hard-wrapped lines (no blank line between, no final punctuation, lower-case next) into one."""
    merged: list[tuple[int, int]] = []
    for start, end in lines:
        if merged:
            prev_start, prev_end = merged[-1]
            between = text[prev_end:start]
            prev = text[prev_start:prev_end]
            if between.count("\n") == 1 and prev[-1] not in rules.final_punctuation and text[start].islower():
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _ends_like_sentence(line: str, rules: LayoutRules) -> bool:
    return line.rstrip()[-1] in rules.final_punctuation


def _is_heading_like(line: str, rules: LayoutRules, max_words: int) -> bool:
    words = line.split()
    return (
        0 < len(words) <= max_words
        and len(line) <= max(rules.heading_max_chars, max_words * 8)
        and not _ends_like_sentence(line, rules)
        and line[0].isupper() | line[0].isdigit()
    )


def _is_title_case(line: str) -> bool:
    """Most longer words capitalised, as in 'Ben Carson Slams The Media In Debate.'"""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_headline_like(line: str, rules: LayoutRules) -> bool:
    if _is_heading_like(line, rules, rules.headline_max_words):
        return True
    return len(line.split()) <= rules.headline_max_words and line[-1] in ".!?" and _is_title_case(line)


def _normalise(line: str) -> str:
    return " ".join(line.casefold().split())


def read_layout(text: str, title: str | None = None) -> tuple[Block, ...]:
    """The blocks of `text` in order, each with its role; whitespace between blocks belongs to none."""
    rules = layout_rules()
    ranges = _join_wrapped(text, _lines(text), rules)
    kinds: list[BlockKind] = []
    seen_headline: str | None = _normalise(title) if title else None
    for i, (start, end) in enumerate(ranges):
        line = text[start:end]
        kind: BlockKind
        if any(p.match(line) for p in rules.furniture):
            kind = "furniture"
        elif seen_headline is not None and _normalise(line) == seen_headline:
            kind = "headline" if "headline" not in kinds else "furniture"
        elif any(p.match(line) for p in rules.byline):
            kind = "byline"
        elif any(p.match(line) for p in rules.caption):
            kind = "caption"
        elif (
            title is None
            and "headline" not in kinds
            and "paragraph" not in kinds
            and i + 1 < len(ranges)
            and _is_headline_like(line, rules)
        ):
            kind = "headline"
            seen_headline = _normalise(line)
        elif i + 1 < len(ranges) and _is_heading_like(line, rules, rules.heading_max_words):
            kind = "heading"
        else:
            kind = "paragraph"
        kinds.append(kind)
    if "paragraph" not in kinds:
        kinds = ["paragraph" if k in ("headline", "heading") else k for k in kinds]
    return tuple(Block(s, e, k) for (s, e), k in zip(ranges, kinds, strict=True))


def headline_of(text: str, blocks: tuple[Block, ...]) -> str | None:
    """The text of the headline block, if the layout found one."""
    for block in blocks:
        if block.kind == "headline":
            return text[block.start : block.end]
    return None
