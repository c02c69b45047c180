"""What the finders hand on: an attribution located in the text, before its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Span

CueClass = Literal["report", "knowledge", "belief", "intention", "emotion"]


@dataclass(frozen=True)
class Found:
    """An attribution's spans, whether its content is a quotation, and the token naming its source.

    `refers_to` is the doc index of the token the source stands for (the antecedent of a
    relative pronoun, else the source's own head), or None when there is no source.
    `cue_class` says what the cue reports of its holder: "report" (speech, writing, findings,
    "according to"), "knowledge", "belief", "intention" or "emotion" (`cue_classes` in the lexicon).
    `background` marks what the article gives as commonly known ("the contests known as Super
    Tuesday"): no one's report.
    """

    content: tuple[Span, ...]
    source: Span | None
    cue: tuple[Span, ...]
    direct: bool
    refers_to: int | None
    cue_class: CueClass = "report"
    background: bool = False
