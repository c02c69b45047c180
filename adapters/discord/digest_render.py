"""A Digest as Discord messages: a mapping of the core's digest view (whose rules every renderer
keeps, see `bot.view.digest`), pure, deterministic and always within Discord's limits.

Each item is one embed: its title linked to the article, the site as author, the publication
time as the embed timestamp (shown in each reader's time zone), the summary, when the sourcing
is flagged the badge on its own line and the embed in the warning colour, then a line per other
outlet that also reports the story. Notices are one embed each; the items beyond the limit, one
embed; the stories already posted here that other outlets now also report, one embed. When the
poster gives `refs`, each message's last embed ends its footer with "ref <hex>": the poster looks
for it in the channel's history before sending a message again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord import limits
from adapters.discord.markup import escape
from bot.digest.links import web_link
from bot.digest.model import Digest
from bot.view import (
    AlsoView,
    DigestView,
    EarlierView,
    ItemView,
    LinkView,
    digest_view,
    pack_after,
    pack_groups,
    pack_lines,
    part_suffix,
    shorten,
    whole_sentences,
    wording,
)

Embed = dict[str, Any]

ITEM_COLOUR = 0x3498DB
FLAGGED_COLOUR = 0xE67E22
NOTICE_COLOUR = 0x95A5A6
BADGE_ICON = "⚠️"
NOTHING_NEW = wording().nothing_new
FOOTER = wording().digest_footer
REF_PREFIX = "ref "
REF_LENGTH = 12
REF_MAX = len(" · ") + len(REF_PREFIX) + REF_LENGTH
SUMMARY_MAX = 1000
"""Characters of one item's summary (our choice: a digest should be skimmable)."""
BADGE_MAX = 200
"""Characters of one item's sourcing badge line."""
ALSO_MAX = 1500
"""Characters of an item's (or an earlier story's) "also reported by" lines together."""
MESSAGE_BUDGET = limits.EMBEDS_TOTAL_MAX - len(FOOTER) - REF_MAX
"""Embed characters each message may fill; the rest is kept for the footer and its reference."""
Refs = Callable[[str], str]
"""The reference of a message part ("0", "1", … and "1.0" for a part sent one embed at a time)."""


@dataclass(frozen=True)
class DigestMessage:
    """One Discord message of a digest: its content (the heading) and embed payloads."""

    content: str
    embeds: tuple[Embed, ...]

    def discord_embeds(self) -> list[discord.Embed]:
        """The embeds as discord.py objects, ready for `send(embeds=...)`."""
        return [discord.Embed.from_dict(embed) for embed in self.embeds]


def render_digest_messages(digest: Digest, refs: Refs | None = None) -> list[DigestMessage]:
    """The digest as one or more messages, each within every limit in `adapters.discord.limits`;
    with `refs`, message n's footer ends with its reference `refs(str(n))`."""
    view = digest_view(digest)
    embeds = [notice_embed(text) for text in view.notices]
    embeds += [item_embed(item) for item in view.items]
    if view.more_heading:
        embeds.append(more_embed(view))
    if view.earlier_heading:
        embeds.append(earlier_embed(view))
    if view.nothing_new:
        embeds.append({"type": "rich", "color": NOTICE_COLOUR, "description": view.nothing_new})
    parts = pack_groups(embeds, lambda embed: (1, embed_chars(embed)), (limits.EMBEDS_MAX, MESSAGE_BUDGET))
    if view.footer:
        parts[-1][-1]["footer"] = {"text": view.footer}
    if refs is not None:
        for number, part in enumerate(parts):
            with_ref(part[-1], refs(str(number)))
    heading = shorten(escape(view.title), limits.TITLE_MAX)
    return [
        DigestMessage(
            content=f"**{heading}**{part_suffix(number, len(parts))}",
            embeds=tuple(part),
        )
        for number, part in enumerate(parts, 1)
    ]


def one_embed_each(message: DigestMessage, part: str, refs: Refs | None = None) -> list[DigestMessage]:
    """Message `part` as one message per embed (to find the embed a platform refuses), each with
    the same heading and, with `refs`, the reference of sub-part "<part>.<n>"."""
    singles = []
    for number, embed in enumerate(message.embeds):
        single = {key: value for key, value in embed.items() if key != "footer"}
        footer = (embed.get("footer") or {}).get("text", "")
        if footer.startswith(FOOTER):
            single["footer"] = {"text": FOOTER}
        if refs is not None:
            with_ref(single, refs(f"{part}.{number}"))
        singles.append(DigestMessage(message.content, (single,)))
    return singles


def with_ref(embed: Embed, ref: str) -> None:
    """End the embed's footer with "ref <ref>" (the reference shortened to REF_LENGTH)."""
    marker = REF_PREFIX + ref[:REF_LENGTH]
    text = (embed.get("footer") or {}).get("text")
    embed["footer"] = {"text": f"{text} · {marker}" if text else marker}


def more_embed(view: DigestView) -> Embed:
    """Items beyond the limit: one linked title a line, then how many more there are."""
    closing = view.unlisted_line() if view.unlisted else ""
    lines, closing = view.more_lines(lambda link: f"• {more_line(link)}", limits.DESCRIPTION_MAX - len(closing) - 1)
    if closing:
        lines.append(closing)
    return {
        "type": "rich",
        "color": NOTICE_COLOUR,
        "title": shorten(view.more_heading or "", limits.TITLE_MAX),
        "description": shorten("\n".join(lines), limits.DESCRIPTION_MAX),
    }


def more_line(link: LinkView) -> str:
    """One item beyond the limit: its title, linked when its link is well formed and short enough."""
    label, url = link.fitted(escape)
    label = label.replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({url})" if url else label


def item_embed(item: ItemView) -> Embed:
    """One digest item as an embed (at most TITLE_MAX + AUTHOR_NAME_MAX + SUMMARY_MAX + BADGE_MAX + ALSO_MAX + 4
    characters)."""
    embed: Embed = {
        "type": "rich",
        "color": FLAGGED_COLOUR if item.badge else ITEM_COLOUR,
        "title": shorten(item.title, limits.TITLE_MAX),
    }
    link = web_link(item.url, limits.URL_MAX)  # well formed, or left out
    if link:
        embed["url"] = link
    if item.source:
        embed["author"] = {"name": shorten(item.source, limits.AUTHOR_NAME_MAX)}
    if item.published is not None:
        embed["timestamp"] = item.published.isoformat()
    lines = [summary_text(item.summary, SUMMARY_MAX)]
    if item.badge:
        lines.append(f"{BADGE_ICON} **{shorten(escape(item.badge), BADGE_MAX - len(BADGE_ICON) - 5)}**")
    if item.also:
        lines.append(pack_lines([also_line(also) for also in item.also], ALSO_MAX, wording().more)[0])
    description = "\n\n".join(line for line in lines if line)
    if description:
        embed["description"] = description
    return embed


def also_line(also: AlsoView) -> str:
    """"Also reported by X: <linked title>", then its badge."""
    badge = f" {BADGE_ICON} *{shorten(escape(also.badge), BADGE_MAX)}*" if also.badge else ""
    return f"↳ {escape(also.label)}: {more_line(LinkView(also.title, also.url))}{badge}"


def earlier_line(story: EarlierView) -> str:
    """The story's line ("Title (posted …)") with its title linked."""
    head, title, tail = (discord.utils.escape_markdown(part) for part in story.line.partition(story.title))
    return f"• {head}{more_line(LinkView(story.title, story.url)) if title else ''}{tail}"


def earlier_embed(view: DigestView) -> Embed:
    """The stories already posted here, each (linked) with the other outlets now reporting it."""
    stories = [
        pack_after(earlier_line(story), [also_line(also) for also in story.also], ALSO_MAX, wording().more)
        for story in view.earlier
    ]
    return {
        "type": "rich",
        "color": NOTICE_COLOUR,
        "title": shorten(view.earlier_heading or "", limits.TITLE_MAX),
        "description": pack_lines(stories, limits.DESCRIPTION_MAX, wording().more)[0],
    }


def notice_embed(text: str) -> Embed:
    """A notice (our own sentence, markdown kept) as an embed."""
    return {"type": "rich", "color": NOTICE_COLOUR, "description": shorten(text, limits.DESCRIPTION_MAX)}


def summary_text(sentences: Sequence[str], limit: int) -> str:
    """As many whole summary sentences as fit in `limit`; a first sentence too long alone is shortened."""
    return whole_sentences(sentences, limit, escape)


def embed_chars(embed: Embed) -> int:
    """The characters Discord counts towards a message's embed total."""
    fields = embed.get("fields") or []
    return (
        len(embed.get("title") or "")
        + len(embed.get("description") or "")
        + len((embed.get("footer") or {}).get("text") or "")
        + len((embed.get("author") or {}).get("name") or "")
        + sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
    )

