"""Claims with their source suppressed: "reportedly", "is said to", "according to reports"."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Span as CharSpan
from ..pipeline import Parsed
from .frame import mask_quotes
from .lexicon import Lexicon, blank_not_flagged


@dataclass(frozen=True)
class Marker:
    """One agentless marker as written, with the sentence (or headline) it stands in."""

    span: CharSpan
    text: str
    sentence: CharSpan
    headline: bool


def headline_span(parsed: Parsed) -> CharSpan | None:
    """Where the headline stands in the text, if the layout found one."""
    for block in parsed.blocks:
        if block.kind == "headline":
            return (block.start, block.end)
    return None


def find_markers(parsed: Parsed, lex: Lexicon) -> list[Marker]:
    """The agentless markers of the headline and the paragraph sentences, outside quotations."""
    regions: list[tuple[CharSpan, bool]] = []
    headline = headline_span(parsed)
    if headline is not None:
        regions.append((headline, True))
    regions.extend(((s.start_char, s.end_char), False) for s in parsed.sentences())
    text = parsed.text
    out: list[Marker] = []
    for (start, end), is_headline in regions:
        masked = blank_not_flagged(mask_quotes(text[start:end], lex), lex)
        found: list[CharSpan] = []
        for pattern in lex.agentless:
            for m in pattern.finditer(masked):
                span = (start + m.start(), start + m.end())
                if not any(a < span[1] and span[0] < b for a, b in found):
                    found.append(span)
        out.extend(
            Marker(span, text[span[0] : span[1]].strip(), (start, end), is_headline) for span in sorted(found)
        )
    return out
