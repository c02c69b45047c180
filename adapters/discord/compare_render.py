"""A comparison of outlets as Discord messages, mapped from the core's compare view, pure and within
Discord's limits: the story (warning, best-sourced summary); the shared claims, a field each with
every outlet's credit; an embed per outlet, best- to worst-sourced, coloured by its worst flag (title
linked, counts, verdict, central-claim warning, the claims only it makes that fit a field, the rest
counted); the ranking note as footer. Embeds that do not fit in one message follow in the next."""

from __future__ import annotations

from typing import Any

from adapters.discord import limits
from adapters.discord.digest_render import FLAGGED_COLOUR, NOTICE_COLOUR, embed_chars
from adapters.discord.markup import escape
from adapters.discord.render import CENTRAL_ICON, NO_FLAGS_COLOUR, SEVERITY_COLOUR, SEVERITY_ICON
from bot.digest.links import web_link
from bot.view import fitted, pack_groups, pack_lines, shorten, whole_sentences, wording
from bot.view.compare import CompareView, OutletView, SharedClaimView

Embed = dict[str, Any]

SUMMARY_MAX, WARNING_MAX, VERDICT_MAX, CLAIM_MAX, CREDIT_MAX = 1500, 500, 600, 300, 200
"""Characters of each part (our choice); a shared claim's five credit lines fit in one field."""
FIELDS_ROOM = (limits.FIELDS_MAX, 3500)
"""Fields, and their characters, in one embed: with its head and the footer, an embed fits any message."""
TITLE_MAX, FIELD_VALUE_MAX = limits.TITLE_MAX, limits.FIELD_VALUE_MAX


def compare_messages(view: CompareView) -> list[list[Embed]]:
    """The comparison as the embed payloads of one or more messages, each within every limit."""
    lines = [f"{CENTRAL_ICON} **{shorten(escape(view.warning), WARNING_MAX)}**"] if view.warning else []
    lines += [f"**{escape(view.summary_heading)}**", whole_sentences(view.summary, SUMMARY_MAX, escape)]
    lines.append(f"*{shorten(escape(view.summary_from), WARNING_MAX)}*")
    story = {"title": shorten(view.heading, TITLE_MAX), "description": "\n".join(lines)}
    embeds: list[Embed] = [{"type": "rich", "color": FLAGGED_COLOUR if view.warning else NOTICE_COLOUR, **story}]
    shared = [{"name": fitted(s.claim, limits.FIELD_NAME_MAX, escape), "value": _credits(s)} for s in view.shared]
    head: Embed = {"title": shorten(view.shared_heading, TITLE_MAX), "color": NOTICE_COLOUR}
    embeds += _with_fields(head | ({"description": view.no_shared} if view.no_shared else {}), shared)
    embeds += [_outlet_embed(outlet, view.only_heading) for outlet in view.outlets]
    footer = shorten(f"{view.ranking_note}\n{view.footer}", limits.FOOTER_MAX)
    rooms = (limits.EMBEDS_MAX, limits.EMBEDS_TOTAL_MAX - len(footer))
    parts = pack_groups(embeds, lambda embed: (1, embed_chars(embed)), rooms)
    parts[-1][-1]["footer"] = {"text": footer}
    return parts


def _outlet_embed(outlet: OutletView, only_heading: str) -> Embed:
    title = f" — {outlet.title}" if outlet.title and outlet.title != outlet.name else ""
    icon = f"{SEVERITY_ICON[outlet.worst]} " if outlet.worst and outlet.worst != "info" else ""
    lines = [escape(outlet.counts), icon + shorten(escape(outlet.verdict), VERDICT_MAX)]
    if outlet.central_warning:
        lines.append(f"{CENTRAL_ICON} **{escape(outlet.central_warning)}**")
    colour = SEVERITY_COLOUR[outlet.worst] if outlet.worst else NO_FLAGS_COLOUR
    title = shorten(f"{outlet.rank}. {outlet.name}{title}", TITLE_MAX)
    embed: Embed = {"type": "rich", "title": title, "color": colour, "description": "\n".join(lines)}
    if url := web_link(outlet.url, limits.URL_MAX):
        embed["url"] = url
    only = [
        f"• {fitted(c.claim, CLAIM_MAX, escape)} — {fitted(c.source, CREDIT_MAX, escape)}"
        + (f" *({escape('; '.join(c.flags))})*" if c.flags else "")
        for c in outlet.only
    ]
    if only:
        embed["fields"] = [{"name": only_heading, "value": pack_lines(only, FIELD_VALUE_MAX, wording().more)[0]}]
    return embed


def _credits(shared: SharedClaimView) -> str:
    lines = (f"**{escape(c.outlet)}**: {fitted(c.source, CREDIT_MAX, escape)}" for c in shared.credits)
    return shorten("\n".join(lines), FIELD_VALUE_MAX)


def _with_fields(head: Embed, fields: list[Embed]) -> list[Embed]:
    """`head` with as many of `fields` as fit in one embed, then embeds of the rest (in its colour)."""
    groups = pack_groups(fields, lambda field: (1, len(field["name"]) + len(field["value"])), FIELDS_ROOM)
    rest = [{"type": "rich", "color": head["color"], "fields": group} for group in groups[1:]]
    return [{"type": "rich", **head, **({"fields": groups[0]} if groups[0] else {})}, *rest]
