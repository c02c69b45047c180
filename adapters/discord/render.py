"""A Report as Discord embeds: a mapping of the core's report view, pure, deterministic and
always within Discord's limits.

The first embed carries the article (title linked to it, "site · author · date", summary)
and its sourcing (verdict and central-claim warning, then flags, most severe first, and the
information lines); the second, when there are key claims, lists them grouped by speaker.
Both take the colour of the most severe flag.

Everything is fitted into one shared character budget in order of importance: title and
metadata, sourcing verdict, flags, summary, notes, then claims speaker by speaker. Text is
shortened at sentence or word boundaries; claims that do not fit are dropped and counted in
the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import discord

from adapters.discord import limits
from adapters.discord.markup import escape
from bot.model import Report, Severity
from bot.view import Budget, FlagView, MentionGroup, ReportView, SpeakerView, pack_lines, report_view, shorten, wording

SEVERITY_COLOUR: dict[Severity, int] = {
    "high": 0xE74C3C,
    "medium": 0xE67E22,
    "low": 0xF1C40F,
    "info": 0x95A5A6,
}
NO_FLAGS_COLOUR = 0x2ECC71
SEVERITY_ICON: dict[Severity, str] = {"high": "🔴", "medium": "🟠", "low": "🟡", "info": "⚪"}
CENTRAL_ICON = "⚠️"
FLAGS_NAME = "Flags"
NOTES_NAME = "Note"

FLAG_LINE_MAX = 300
CLAIM_LINE_MAX = 300
NOTE_MAX = 300
CLAIMS_RESERVE = 1500
"""Characters kept back from a long summary so that some claims can still be shown."""
FIELD_MIN_VALUE = 60
"""A claims field is added only if at least this much of its value fits."""
FOOTER_NOTE_RESERVE = 48
"""Room kept for the footer's count of claims left out."""


def render_report_embeds(report: Report) -> list[discord.Embed]:
    """The report as the embeds of one Discord message (see `report_embed_dicts`)."""
    return [discord.Embed.from_dict(data) for data in report_embed_dicts(report)]


def report_embed_dicts(report: Report) -> list[dict[str, Any]]:
    """The report as Discord embed payloads, within every limit in `adapters.discord.limits`."""
    view = report_view(report)
    words = wording()
    budget = Budget(limits.EMBEDS_TOTAL_MAX)
    worst = view.sourcing.worst
    colour = SEVERITY_COLOUR[worst] if worst else NO_FLAGS_COLOUR
    main: dict[str, Any] = {"type": "rich", "color": colour}
    main["title"] = budget.take(shorten(view.title, limits.TITLE_MAX))
    url = _link(view.url)
    if url:
        main["url"] = url
    if view.meta:
        main["author"] = {"name": budget.take(shorten(view.meta, limits.AUTHOR_NAME_MAX))}
    budget.take(view.footer)
    budget.reserve(FOOTER_NOTE_RESERVE)  # for the count of claims left out
    fields = [_field(budget, words.sourcing_heading, _headline(view))]
    lines = _flag_lines(view.sourcing.flags) + _mention_lines(view.sourcing.mentions)
    if lines:
        fields.append(_lines_field(budget, FLAGS_NAME, lines)[0])
    claims_reserve = CLAIMS_RESERVE if view.speakers else 0
    summary = " ".join(escape(s) for s in view.summary) or words.no_summary
    room = max(1, min(limits.DESCRIPTION_MAX, budget.left - claims_reserve))
    main["description"] = budget.take(shorten(summary, room))
    for note in view.notes:
        room_left = budget.left >= len(NOTES_NAME) + FIELD_MIN_VALUE and len(fields) < limits.FIELDS_MAX
        if room_left:
            fields.append(_field(budget, NOTES_NAME, shorten(escape(note), NOTE_MAX)))
    main["fields"] = fields
    embeds = [main]
    left_out = 0
    if view.speakers:
        claims_title = budget.take(words.claims_heading)
        claim_fields, left_out = _claim_fields(budget, view.speakers)
        if claim_fields:
            embeds.append({"type": "rich", "color": colour, "title": claims_title, "fields": claim_fields})
    footer = view.footer
    if left_out:
        footer += " · " + words.claims_left_out(left_out).removeprefix("…and ")
    embeds[-1]["footer"] = {"text": shorten(footer, limits.FOOTER_MAX)}
    return embeds


def _headline(view: ReportView) -> str:
    """The verdict, and the central-claim warning on a line of its own."""
    text = escape(view.sourcing.verdict)
    if view.sourcing.central_warning:
        text += f"\n{CENTRAL_ICON} **{escape(view.sourcing.central_warning)}**"
    return text


def _link(url: str | None) -> str | None:
    """The article's URL if Discord accepts it as an embed link."""
    if not url or len(url) > limits.URL_MAX:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None



def _field(budget: Budget, name: str, value: str) -> dict[str, Any]:
    name = budget.take(shorten(name, limits.FIELD_NAME_MAX))
    value = budget.take(shorten(value, min(limits.FIELD_VALUE_MAX, budget.left)))
    return {"name": name, "value": value, "inline": False}


def _flag_lines(flags: Sequence[FlagView]) -> list[str]:
    lines = []
    for flag in flags:
        reasons = f" ({escape('; '.join(flag.reasons))})" if flag.reasons else ""
        line = f"**{flag.label}**: “{escape(flag.source)}”{reasons}"
        lines.append(f"{SEVERITY_ICON[flag.severity]} {shorten(line, FLAG_LINE_MAX)}")
    return lines


def _mention_lines(groups: Sequence[MentionGroup]) -> list[str]:
    return [f"{SEVERITY_ICON['info']} {shorten(escape(g.line), FLAG_LINE_MAX)}" for g in groups]


def _lines_field(budget: Budget, name: str, lines: Sequence[str]) -> tuple[dict[str, Any], int]:
    """A field listing as many of `lines` as fit, with "…and N more" for the rest.

    Returns the field and how many lines were left out.
    """
    name = budget.take(shorten(name, limits.FIELD_NAME_MAX))
    room = min(limits.FIELD_VALUE_MAX, budget.left)
    value, left_out = pack_lines(lines, room, wording().more)
    return {"name": name, "value": budget.take(value), "inline": False}, left_out


def _claim_fields(budget: Budget, speakers: Sequence[SpeakerView]) -> tuple[list[dict[str, Any]], int]:
    """Fields of key claims by speaker while room lasts; returns them and the claims left out."""
    fields: list[dict[str, Any]] = []
    left_out = 0
    for speaker in speakers:
        name = shorten(speaker.label, limits.FIELD_NAME_MAX)
        if len(fields) == limits.FIELDS_MAX or budget.left < len(name) + FIELD_MIN_VALUE:
            left_out += len(speaker.claims)
            continue
        lines = ["• " + shorten(escape(c), CLAIM_LINE_MAX) for c in speaker.claims]
        field, dropped = _lines_field(budget, name, lines)
        fields.append(field)
        left_out += dropped
    return fields, left_out
