"""A Digest as Discord messages: pure, deterministic and always within Discord's limits.

Each item is one embed: its title linked to the article, the site as author, the publication
time as the embed timestamp (shown in each reader's time zone), a one- or two-sentence summary
and, when the sourcing is flagged, the badge on its own line and the embed in the warning
colour. Notices (e.g. "digest paused") come first, one embed each; a digest of notices only is
just those notices.

A digest too large for one message continues in the next: items are never split between
messages, every message is headed by the digest's title and, when there are several, its
number ("(2/3)"). Summaries keep whole sentences; only a single sentence longer than an item's
room is shortened, at a word boundary, with "…".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import discord

from adapters.discord import limits
from adapters.discord.shorten import shorten
from bot.digest.model import Digest, DigestItem

Embed = dict[str, Any]

ITEM_COLOUR = 0x3498DB
FLAGGED_COLOUR = 0xE67E22
NOTICE_COLOUR = 0x95A5A6
BADGE_ICON = "⚠️"
NOTHING_NEW = "Nothing new since the last digest."
UNTITLED = "Untitled item"
FOOTER = "newsbot digest · automatic summaries: check the articles before relying on them"
SUMMARY_MAX = 1000
"""Characters of one item's summary (our choice: a digest should be skimmable)."""
BADGE_MAX = 200
"""Characters of one item's sourcing badge line."""
MESSAGE_BUDGET = limits.EMBEDS_TOTAL_MAX - len(FOOTER)
"""Embed characters each message may fill; the rest is kept for the closing footer."""


@dataclass(frozen=True)
class DigestMessage:
    """One Discord message of a digest: its content (the heading) and embed payloads."""

    content: str
    embeds: tuple[Embed, ...]

    def discord_embeds(self) -> list[discord.Embed]:
        """The embeds as discord.py objects, ready for `send(embeds=...)`."""
        return [discord.Embed.from_dict(embed) for embed in self.embeds]


def render_digest_messages(digest: Digest) -> list[DigestMessage]:
    """The digest as one or more messages, each within every limit in `adapters.discord.limits`."""
    embeds = [notice_embed(text) for text in digest.notices if text.strip()]
    embeds += [item_embed(item) for item in digest.items]
    if not embeds:
        embeds = [{"type": "rich", "color": NOTICE_COLOUR, "description": NOTHING_NEW}]
    parts = _pack(embeds)
    if digest.items:
        parts[-1][-1]["footer"] = {"text": FOOTER}
    heading = shorten(_escape(digest.title) or "Digest", limits.TITLE_MAX)
    return [
        DigestMessage(
            content=f"**{heading}**" + (f" ({number}/{len(parts)})" if len(parts) > 1 else ""),
            embeds=tuple(part),
        )
        for number, part in enumerate(parts, 1)
    ]


def item_embed(item: DigestItem) -> Embed:
    """One digest item as an embed (at most TITLE_MAX + AUTHOR_NAME_MAX + SUMMARY_MAX + BADGE_MAX + 2 characters)."""
    embed: Embed = {
        "type": "rich",
        "color": FLAGGED_COLOUR if item.badge else ITEM_COLOUR,
        "title": shorten(_plain(item.title) or _host(item.url) or UNTITLED, limits.TITLE_MAX),
    }
    link = _link(item.url)
    if link:
        embed["url"] = link
    if item.source and item.source.strip():
        embed["author"] = {"name": shorten(_plain(item.source), limits.AUTHOR_NAME_MAX)}
    if item.published is not None:
        embed["timestamp"] = item.published.isoformat()
    lines = [summary_text(item.summary, SUMMARY_MAX)]
    if item.badge and item.badge.strip():
        lines.append(f"{BADGE_ICON} **{shorten(_escape(item.badge), BADGE_MAX - len(BADGE_ICON) - 5)}**")
    description = "\n\n".join(line for line in lines if line)
    if description:
        embed["description"] = description
    return embed


def notice_embed(text: str) -> Embed:
    """A notice (our own sentence, markdown kept) as an embed."""
    return {"type": "rich", "color": NOTICE_COLOUR, "description": shorten(text, limits.DESCRIPTION_MAX)}


def summary_text(sentences: Sequence[str], limit: int) -> str:
    """As many whole summary sentences as fit in `limit`; a first sentence too long alone is shortened."""
    escaped = [_escape(sentence) for sentence in sentences if sentence.strip()]
    kept: list[str] = []
    for sentence in escaped:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    if not kept and escaped:
        return shorten(escaped[0], limit)
    return " ".join(kept)


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


def _pack(embeds: Sequence[Embed]) -> list[list[Embed]]:
    """Embeds in order, grouped into messages of at most EMBEDS_MAX embeds and MESSAGE_BUDGET characters."""
    parts: list[list[Embed]] = [[]]
    used = 0
    for embed in embeds:
        size = embed_chars(embed)
        if parts[-1] and (len(parts[-1]) == limits.EMBEDS_MAX or used + size > MESSAGE_BUDGET):
            parts.append([])
            used = 0
        parts[-1].append(embed)
        used += size
    return parts


def _plain(text: str) -> str:
    """One line of text, whitespace collapsed."""
    return " ".join(text.split())


def _escape(text: str) -> str:
    """Feed text with Discord markdown neutralised."""
    return discord.utils.escape_markdown(_plain(text))


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _link(url: str | None) -> str | None:
    """The URL if Discord accepts it as an embed link (http or https, not too long)."""
    if not url or len(url) > limits.URL_MAX:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None
