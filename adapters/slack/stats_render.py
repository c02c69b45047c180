"""The sourcing scorecard as a Slack message: a mapping of the core's stats view (pure), the table
as aligned columns in a code block, within Slack's limits."""

from __future__ import annotations

from adapters.slack.limits import MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT
from adapters.slack.markup import Block, context, escape, escaped_within, header, section
from bot.scorecard.render import NUMERIC
from bot.view import StatsView, pack_lines, shorten, wording

FENCE = "```"
_SITE_MAX = 60


def render_stats_blocks(view: StatsView) -> tuple[list[Block], str]:
    """The heading, the table (or the empty line), then the note and the retention line."""
    if view.empty:
        body = f"_{escape(view.empty)}_"
    else:
        table = [(shorten(row[0], _SITE_MAX), *row[1:]) for row in view.table()]
        widths = [max(len(row[n]) for row in table) for n in range(len(view.columns))]
        pairs = [enumerate(zip(row, widths, strict=True)) for row in table]
        lines = [escape("  ".join(c.rjust(w) if n in NUMERIC else c.ljust(w) for n, (c, w) in row).rstrip())
                 for row in pairs]
        fenced, _ = pack_lines(lines, MAX_SECTION_TEXT - len(f"{FENCE}\n\n{FENCE}"), wording().more)
        body = f"{FENCE}\n{fenced}\n{FENCE}"
    notes = [escaped_within(text, MAX_SECTION_TEXT) for text in (view.note, view.retention) if text]
    blocks = [header(shorten(view.heading, MAX_HEADER_TEXT)), section(body), context(notes)]
    return blocks, escaped_within(view.heading + (f": {view.empty}" if view.empty else ""), MAX_FALLBACK_TEXT)
