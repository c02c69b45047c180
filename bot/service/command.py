"""Reading the text of the `/summarise` command: material to summarise, links to compare, an
auto-mode switch, or help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class SummariseCommand:
    """What the user asked for: a summary (public or private), a comparison of outlets, an
    auto-mode switch, or help."""

    action: Literal["summarise", "compare", "auto", "help"]
    text: str = ""
    private: bool = False
    auto_on: bool = False


def parse_command(text: str) -> SummariseCommand:
    """The command in `text`; anything unrecognised is material to summarise."""
    stripped = text.strip()
    words = stripped.split()
    first = words[0].lower() if words else ""
    if not words or first == "help":
        return SummariseCommand(action="help")
    if first == "auto" and len(words) == 2 and words[1].lower() in ("on", "off"):
        return SummariseCommand(action="auto", auto_on=words[1].lower() == "on")
    if first == "auto" and len(words) == 1:
        return SummariseCommand(action="help")
    if first == "compare":
        return SummariseCommand(action="compare", text=stripped[len(words[0]) :].strip())
    if first == "private":
        rest = stripped[len(words[0]) :].strip()
        return (
            SummariseCommand(action="summarise", text=rest, private=True)
            if rest
            else SummariseCommand("help")
        )
    return SummariseCommand(action="summarise", text=stripped)
