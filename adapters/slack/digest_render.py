"""Digests as Slack messages: a mapping of the core's digest view (pure), Block Kit blocks plus
fallback text, split to stay within limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from adapters.slack.limits import (
    MAX_BLOCKS,
    MAX_FALLBACK_TEXT,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
)
from adapters.slack.markup import Block, context, escape, escaped_within, header, link, section
from bot.digest.links import web_link
from bot.digest.model import Digest, DigestItem
from bot.view import DigestView, ItemView, LinkView, digest_view, pack_groups, part_suffix, shorten, whole_sentences
from bot.view.digest import AlsoView
from bot.view.fit import pack_after, pack_lines
from bot.view.wording import wording

MAX_MESSAGE_CHARS = 12_000
"""Characters of text in all the blocks of one digest message (our choice: Slack refuses very long
messages well before its 40,000-character text maximum, and a digest part should be skimmable)."""
MAX_SUMMARY_CHARS = 700
"""Characters of one item's summary, so one long summary cannot crowd out the other items (our choice)."""
MAX_TITLE_CHARS = 300
"""Characters of one item's linked title (our choice)."""
MAX_LINK_CHARS = 1500
"""Longest title link; a longer URL is left out and the title shown unlinked (our choice)."""
BADGE_EMOJI = ":warning:"
NOTICE_EMOJI = ":information_source:"
RESERVED_BLOCKS = 2
"""Blocks kept in every part for the header and, on the last part, the footer."""


@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage worth of a digest: its blocks, the plain-text fallback and its items."""

    blocks: tuple[Block, ...]
    text: str
    items: tuple[DigestItem, ...] = ()


def render_digest_messages(digest: Digest) -> list[SlackMessage]:
    """The digest as one or more messages, each within Slack's limits, by the rules every
    renderer keeps (`bot.view.digest`): a header, a section per notice and per item (with its
    badge and site · date, then the other outlets' versions, as context), one section for the
    items beyond the limit, one per story already posted that other outlets now also report."""
    view = digest_view(digest)
    units: list[tuple[DigestItem | None, list[Block]]] = [(None, [_notice(text)]) for text in view.notices]
    units += [(item, _item_blocks(shown)) for item, shown in zip(digest.items, view.items, strict=True)]
    if view.more_heading:
        units.append((None, _more_blocks(view)))
    units += [(None, blocks) for blocks in _earlier_units(view)]
    if view.nothing_new:
        units.append((None, [section(f"_{escape(view.nothing_new)}_")]))
    rooms = (MAX_BLOCKS - RESERVED_BLOCKS, MAX_MESSAGE_CHARS - MAX_HEADER_TEXT - len(view.footer or ""))
    parts = pack_groups(units, lambda unit: (len(unit[1]), _chars(unit[1])), rooms)
    messages = []
    for number, part in enumerate(parts, 1):
        blocks = [b for _, unit in part for b in unit]
        items = [item for item, _ in part if item is not None]
        suffix = part_suffix(number, len(parts))
        body = [header(shorten(view.title, MAX_HEADER_TEXT - len(suffix)) + suffix), *blocks]
        if number == len(parts) and view.footer:
            body.append(context([escape(view.footer)]))
        messages.append(SlackMessage(tuple(body), _fallback(view, items, suffix), tuple(items)))
    return messages


def _item_blocks(item: ItemView) -> list[Block]:
    title = title_link(item.title, item.url)
    summary = sentences_within(item.summary, min(MAX_SUMMARY_CHARS, MAX_SECTION_TEXT - len(title) - 1))
    blocks = [section(f"{title}\n{summary}" if summary else title)]
    notes = []
    if item.badge:
        notes.append(f"{BADGE_EMOJI} *{escaped_within(item.badge, MAX_SECTION_TEXT // 2)}*")
    meta = [part for part in (item.source, f"{item.published:%d %b %Y}" if item.published else None) if part]
    if meta:
        notes.append(escaped_within(" · ".join(meta), MAX_SECTION_TEXT // 2))
    if notes:
        blocks.append(context(notes))
    if item.also:
        blocks.append(context([pack_lines(_also_lines(item.also), MAX_SECTION_TEXT, more_note)[0]]))
    return blocks


def title_link(title: str, url: str | None) -> str:
    """`title` in bold, linked to `url` when the link is well formed and short enough."""
    label = shorten(title, MAX_TITLE_CHARS)
    url = web_link(url, MAX_LINK_CHARS)
    if url:
        linked = link(url, label)
        if len(linked) <= MAX_LINK_CHARS:
            return f"*{linked}*"
    return f"*{escape(label)}*"


def _also_lines(also: Sequence[AlsoView], indent: str = "") -> list[str]:
    """One line per other outlet's version: "Also reported by X: *title*", and its badge."""
    return [
        f"{indent}{escaped_within(a.label, MAX_TITLE_CHARS)}: {title_link(a.title, a.url)}"
        + (f" {BADGE_EMOJI} _{escaped_within(a.badge, MAX_TITLE_CHARS)}_" if a.badge else "")
        for a in also
    ]


def _earlier_units(view: DigestView) -> list[list[Block]]:
    """A section per story already posted, with its new versions; the first has the heading."""
    units = [
        [section(pack_after(f"• {title_link(story.line, story.url)}", _also_lines(story.also, "    "),
                            MAX_SECTION_TEXT, more_note))]
        for story in view.earlier
    ]
    if units and view.earlier_heading:
        units[0].insert(0, section(f"*{escape(view.earlier_heading)}*"))
    return units


def more_note(count: int) -> str:
    """"…and 3 more", in italics."""
    return f"_{escape(wording().more(count))}_"


def _more_line(entry: LinkView) -> str:
    label, url = entry.fitted()
    return f"• {link(url, label) if url else escape(label)}"


def _more_blocks(view: DigestView) -> list[Block]:
    """Items beyond the limit: a heading and one linked title a line, then how many more there are."""
    heading = f"*{escape(view.more_heading or '')}*"
    lines, closing = view.more_lines(_more_line, MAX_SECTION_TEXT, head=[heading])
    blocks = [section("\n".join(lines))]
    if closing:
        blocks.append(context([escape(closing)]))
    return blocks


def sentences_within(sentences: Sequence[str], limit: int) -> str:
    """As many whole leading sentences as fit in `limit` once escaped; a first sentence that
    alone is too long is shortened at a word boundary with "…"."""
    return whole_sentences(sentences, limit, escape)


def _notice(text: str) -> Block:
    prefix = f"{NOTICE_EMOJI} "
    return section(prefix + sentences_within([text], MAX_SECTION_TEXT - len(prefix)))


def _chars(blocks: Sequence[Block]) -> int:
    total = 0
    for block in blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        total += sum(len(element["text"]) for element in block.get("elements", ()))
    return total


def _fallback(view: DigestView, items: Sequence[DigestItem], suffix: str) -> str:
    """The notification text: the title and the part's item titles (or the notices)."""
    details = "; ".join(item.title for item in items) if items else " ".join(view.notices)
    text = f"{view.title}{suffix}: {details}" if details else view.title + suffix
    return escaped_within(" ".join(text.split()), MAX_FALLBACK_TEXT)
