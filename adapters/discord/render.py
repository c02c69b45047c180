"""A Report as Discord embeds: pure, deterministic and always within Discord's limits.

The first embed carries the article (title linked to it, "site · author · date", summary)
and its sourcing (verdict, then flags, most severe first); the second, when there are key
claims, lists them grouped by speaker. Both take the colour of the most severe flag.

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
from adapters.discord.shorten import shorten
from bot.model import Claim, Flag, Report, Severity
from bot.render_text import group_by_speaker, meta_line, quoted

SEVERITY_RANK: dict[Severity, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}
SEVERITY_COLOUR: dict[Severity, int] = {
    "high": 0xE74C3C,
    "medium": 0xE67E22,
    "low": 0xF1C40F,
    "info": 0x95A5A6,
}
NO_FLAGS_COLOUR = 0x2ECC71
SEVERITY_ICON: dict[Severity, str] = {"high": "🔴", "medium": "🟠", "low": "🟡", "info": "⚪"}
FLAG_LABEL = {
    "anonymous": "Anonymous source",
    "agentless": "No one named",
    "second_hand": "Second-hand",
    "vague": "Vague source",
    "institutional": "Institutional source",
}

SOURCING_NAME = "Sourcing"
FLAGS_NAME = "Flags"
NOTES_NAME = "Note"
CLAIMS_TITLE = "Key claims"
FOOTER = "newsbot · automatic reading: check the article before relying on it"
UNTITLED_TEXT = "Pasted text"
NO_VERDICT = "No sourcing problems found."
SEE_FLAGS = "Some of the sourcing is weak: see the flags below."
NO_SUMMARY = "No summary could be made."

FLAG_LINE_MAX = 300
CLAIM_LINE_MAX = 300
NOTE_MAX = 300
CLAIMS_RESERVE = 1500
"""Characters kept back from a long summary so that some claims can still be shown."""
FIELD_MIN_VALUE = 60
"""A claims field is added only if at least this much of its value fits."""
FOOTER_NOTE_RESERVE = 48
"""Room kept for the footer's count of claims left out."""


class _Budget:
    """The characters still free across the message's embeds."""

    def __init__(self, total: int) -> None:
        self.left = total

    def take(self, text: str) -> str:
        if len(text) > self.left:
            raise ValueError("text exceeds the remaining embed budget")  # a bug in this module
        self.left -= len(text)
        return text

    def reserve(self, size: int) -> None:
        """Keep `size` characters back for text written last."""
        self.left -= size


def severity_colour(report: Report) -> int:
    """The embed colour: that of the most severe flag, or green without flags."""
    flags = report.sourcing.flags
    if not flags:
        return NO_FLAGS_COLOUR
    worst = max(flags, key=lambda f: SEVERITY_RANK[f.severity])
    return SEVERITY_COLOUR[worst.severity]


def render_report_embeds(report: Report) -> list[discord.Embed]:
    """The report as the embeds of one Discord message (see `report_embed_dicts`)."""
    return [discord.Embed.from_dict(data) for data in report_embed_dicts(report)]


def report_embed_dicts(report: Report) -> list[dict[str, Any]]:
    """The report as Discord embed payloads, within every limit in `adapters.discord.limits`."""
    budget = _Budget(limits.EMBEDS_TOTAL_MAX)
    colour = severity_colour(report)
    main: dict[str, Any] = {"type": "rich", "color": colour}
    main["title"] = budget.take(shorten(_title(report), limits.TITLE_MAX))
    url = _link(report.url)
    if url:
        main["url"] = url
    meta = meta_line(report)
    if meta:
        main["author"] = {"name": budget.take(shorten(_plain(meta), limits.AUTHOR_NAME_MAX))}
    budget.take(FOOTER)
    budget.reserve(FOOTER_NOTE_RESERVE)  # for the count of claims left out
    verdict = _escape(report.sourcing.verdict) or (SEE_FLAGS if report.sourcing.flags else NO_VERDICT)
    fields = [_field(budget, SOURCING_NAME, verdict)]
    if report.sourcing.flags:
        fields.append(_lines_field(budget, FLAGS_NAME, _flag_lines(report.sourcing.flags), "flags")[0])
    claims_reserve = CLAIMS_RESERVE if report.key_claims else 0
    summary = " ".join(_escape(s) for s in report.summary) or NO_SUMMARY
    room = max(1, min(limits.DESCRIPTION_MAX, budget.left - claims_reserve))
    main["description"] = budget.take(shorten(summary, room))
    for notice in report.warnings:
        room_left = budget.left >= len(NOTES_NAME) + FIELD_MIN_VALUE and len(fields) < limits.FIELDS_MAX
        if notice.message.strip() and room_left:
            fields.append(_field(budget, NOTES_NAME, shorten(_escape(notice.message), NOTE_MAX)))
    main["fields"] = fields
    embeds = [main]
    left_out = 0
    if report.key_claims:
        claims_title = budget.take(CLAIMS_TITLE)
        claim_fields, left_out = _claim_fields(budget, report.key_claims)
        if claim_fields:
            embeds.append({"type": "rich", "color": colour, "title": claims_title, "fields": claim_fields})
    footer = FOOTER
    if left_out:
        footer += f" · {left_out} more key claim{'s' if left_out != 1 else ''} not shown"
    embeds[-1]["footer"] = {"text": shorten(footer, limits.FOOTER_MAX)}
    return embeds


def _title(report: Report) -> str:
    if report.title and report.title.strip():
        return _plain(report.title)
    if report.url:
        return urlsplit(report.url).hostname or report.url
    return UNTITLED_TEXT


def _link(url: str | None) -> str | None:
    """The article's URL if Discord accepts it as an embed link."""
    if not url or len(url) > limits.URL_MAX:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _plain(text: str) -> str:
    """One line of text, whitespace collapsed."""
    return " ".join(text.split())


def _escape(text: str) -> str:
    """Article text with Discord markdown neutralised."""
    return discord.utils.escape_markdown(_plain(text))


def _field(budget: _Budget, name: str, value: str) -> dict[str, Any]:
    name = budget.take(shorten(name, limits.FIELD_NAME_MAX))
    value = budget.take(shorten(value, min(limits.FIELD_VALUE_MAX, budget.left)))
    return {"name": name, "value": value, "inline": False}


def _flag_lines(flags: Sequence[Flag]) -> list[str]:
    ordered = sorted(flags, key=lambda f: -SEVERITY_RANK[f.severity])
    lines = []
    for flag in ordered:
        reasons = f" ({_escape('; '.join(flag.reasons))})" if flag.reasons else ""
        label = FLAG_LABEL.get(flag.kind, flag.kind.replace("_", " ").capitalize())
        line = f"**{label}**: “{_escape(flag.text)}”{reasons}"
        lines.append(f"{SEVERITY_ICON[flag.severity]} {shorten(line, FLAG_LINE_MAX)}")
    return lines


def _lines_field(budget: _Budget, name: str, lines: Sequence[str], noun: str) -> tuple[dict[str, Any], int]:
    """A field listing as many of `lines` as fit, with "…and N more" for the rest.

    Returns the field and how many lines were left out.
    """
    name = budget.take(shorten(name, limits.FIELD_NAME_MAX))
    room = min(limits.FIELD_VALUE_MAX, budget.left)
    shown: list[str] = []
    for index, line in enumerate(lines):
        rest = len(lines) - index - 1
        more = f"\n…and {rest} more {noun}" if rest else ""
        candidate = "\n".join([*shown, line])
        if len(candidate) + len(more) > room:
            break
        shown.append(line)
    if not shown and lines:
        more = f"\n…and {len(lines) - 1} more {noun}" if len(lines) > 1 else ""
        shown.append(shorten(lines[0], max(1, room - len(more))))
    left_out = len(lines) - len(shown)
    value = "\n".join(shown) + (f"\n…and {left_out} more {noun}" if left_out else "")
    return {"name": name, "value": budget.take(value), "inline": False}, left_out


def _claim_line(claim: Claim) -> str:
    return "• " + shorten(_escape(quoted(claim)), CLAIM_LINE_MAX)


def _claim_fields(budget: _Budget, claims: Sequence[Claim]) -> tuple[list[dict[str, Any]], int]:
    """Fields of key claims by speaker while room lasts; returns them and the claims left out."""
    fields: list[dict[str, Any]] = []
    left_out = 0
    for label, group in group_by_speaker(claims):
        name = shorten(_plain(label), limits.FIELD_NAME_MAX)
        if len(fields) == limits.FIELDS_MAX or budget.left < len(name) + FIELD_MIN_VALUE:
            left_out += len(group)
            continue
        field, dropped = _lines_field(budget, name, [_claim_line(c) for c in group], "claims")
        fields.append(field)
        left_out += dropped
    return fields, left_out
