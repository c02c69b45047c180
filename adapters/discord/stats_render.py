"""The sourcing scorecard (`/sourcing stats`) as one Discord embed, mapped from the core's stats view:
the table as aligned columns in a code block (rows that do not fit are counted), the note as footer."""

from __future__ import annotations

from typing import Any

from adapters.discord import limits
from adapters.discord.digest_render import NOTICE_COLOUR
from adapters.discord.markup import escape
from bot.scorecard.render import NUMERIC
from bot.view import StatsView, pack_after, shorten, wording


def stats_embed(view: StatsView) -> dict[str, Any]:
    """The embed payload of `view`, within every limit in `adapters.discord.limits`."""
    table = [[cell.replace("`", "'") for cell in row] for row in view.table()]  # nothing closes the code block
    widths = [max(len(row[n]) for row in table) for n in range(len(view.columns))]
    justify = [str.rjust if n in NUMERIC else str.ljust for n in range(len(widths))]
    lines = ["  ".join(j(c, w) for j, c, w in zip(justify, row, widths, strict=True)).rstrip() for row in table]
    title, note = shorten(view.heading, limits.TITLE_MAX), shorten(view.note, limits.FOOTER_MAX)
    retention = f"\n{escape(view.retention)}" if view.retention else ""
    fences = len("```\n\n```") + len(retention)
    room = min(limits.DESCRIPTION_MAX, limits.EMBEDS_TOTAL_MAX - len(title) - len(note)) - fences
    rows = pack_after(lines[0], lines[1:], room, wording().more)
    body = (escape(view.empty) if view.empty else f"```\n{rows}\n```") + retention
    return {"type": "rich", "color": NOTICE_COLOUR, "title": title, "description": body, "footer": {"text": note}}
