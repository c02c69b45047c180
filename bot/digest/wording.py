"""Sentences every digest renderer shows the same way."""

from __future__ import annotations

NOTHING_NEW = "Nothing new since the last digest."


def more_heading(count: int) -> str:
    """The line before the items beyond a digest's limit: "And 2 more links:"."""
    return f"And {count} more {'link' if count == 1 else 'links'}:"


def unlisted_line(count: int) -> str:
    """The line after them, for items only counted: "…and 12 more not listed here."."""
    return f"…and {count} more not listed here."
