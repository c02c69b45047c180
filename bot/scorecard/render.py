"""The scorecard as text for a terminal: a mapping of the stats view into aligned columns."""

from __future__ import annotations

import textwrap

from ..view.stats import StatsView

NUMERIC = (1, 2, 3)
"""Columns aligned to the right (counts and shares)."""


def render_stats_text(view: StatsView, width: int = 100) -> str:
    """The heading, the table (or the empty line), and the note."""
    out = [view.heading, ""]
    if view.empty:
        out.append(view.empty)
    else:
        table = view.table()
        widths = [max(len(row[n]) for row in table) for n in range(len(view.columns))]
        for row in table:
            pairs = enumerate(zip(row, widths, strict=True))
            cells = [cell.rjust(w) if n in NUMERIC else cell.ljust(w) for n, (cell, w) in pairs]
            out.append("  ".join(cells).rstrip())
    out += ["", textwrap.fill(view.note, width)]
    if view.retention:
        out.append(view.retention)
    return "\n".join(out) + "\n"
