"""Digests as Slack messages (pure): Block Kit blocks plus fallback text, split to stay within limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adapters.slack.limits import (
    MAX_BLOCKS,
    MAX_CONTEXT_ELEMENTS,
    MAX_FALLBACK_TEXT,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
)
from adapters.slack.mrkdwn import escape, escaped_within, link, shorten
from bot.digest.links import web_link
from bot.digest.model import Digest, DigestItem, DigestLink
from bot.digest.wording import more_heading, unlisted_line

Block = dict[str, Any]

MAX_MESSAGE_CHARS = 12_000
"""Characters of text in all the blocks of one digest message (our choice: Slack refuses very long
messages well before its 40,000-character text maximum, and a digest part should be skimmable)."""
MAX_SUMMARY_CHARS = 700
"""Characters of one item's summary, so one long summary cannot crowd out the other items (our choice)."""
MAX_TITLE_CHARS = 300
"""Characters of one item's linked title (our choice)."""
MAX_LINK_CHARS = 1500
"""Longest title link; a longer URL is left out and the title shown unlinked (our choice)."""
MAX_MORE_LINK_CHARS = 500
"""Longest link in the list of items beyond the limit (our choice)."""
MAX_MORE_TITLE_CHARS = 150
BADGE_EMOJI = ":warning:"
NOTICE_EMOJI = ":information_source:"
NOTHING_NEW = "_Nothing new since the last digest._"
FOOTER = "newsbot digest · automatic summaries, they can be wrong · check the articles themselves"


@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage worth of a digest: its blocks, the plain-text fallback and its items."""

    blocks: tuple[Block, ...]
    text: str
    items: tuple[DigestItem, ...] = ()


def render_digest_messages(digest: Digest) -> list[SlackMessage]:
    """The digest as one or more messages, each within Slack's limits.

    Items are never cut between messages: a digest too large for one message continues in the
    next, each part headed by the digest's title and its number ("(2/3)"). Summaries keep whole
    sentences; only a single sentence longer than the per-item room is shortened, at a word.
    A digest of notices only (e.g. "Digest paused") renders as those notices. Items beyond the
    limit follow in one section, "And 2 more links:", one linked title a line.
    """
    units: list[tuple[DigestItem | None, list[Block]]] = [(None, [_notice(text)]) for text in digest.notices]
    units += [(item, _item_blocks(item)) for item in digest.items]
    if digest.more_count:
        units.append((None, _more_blocks(digest.more, digest.unlisted)))
    if not units:
        units = [(None, [_section(NOTHING_NEW)])]
    parts = _pack(units)
    total = len(parts)
    messages = []
    for number, (blocks, items) in enumerate(parts, 1):
        suffix = f" ({number}/{total})" if total > 1 else ""
        body = [_header(digest.title, suffix), *blocks]
        if number == total:
            body.append(_context([escape(FOOTER)]))
        messages.append(SlackMessage(tuple(body), _fallback(digest, items, suffix), tuple(items)))
    return messages


def _pack(
    units: list[tuple[DigestItem | None, list[Block]]],
) -> list[tuple[list[Block], list[DigestItem]]]:
    """Fill messages in order with whole units (a notice, or an item's blocks) while they fit."""
    reserved_blocks = 2  # the header and, on the last part, the footer
    reserved_chars = MAX_HEADER_TEXT + len(FOOTER)
    parts: list[tuple[list[Block], list[DigestItem]]] = []
    blocks: list[Block] = []
    items: list[DigestItem] = []
    for item, unit in units:
        fits_blocks = len(blocks) + len(unit) + reserved_blocks <= MAX_BLOCKS
        fits_chars = _chars(blocks) + _chars(unit) + reserved_chars <= MAX_MESSAGE_CHARS
        if blocks and not (fits_blocks and fits_chars):
            parts.append((blocks, items))
            blocks, items = [], []
        blocks += unit
        if item is not None:
            items.append(item)
    parts.append((blocks, items))
    return parts


def _item_blocks(item: DigestItem) -> list[Block]:
    title = _title_line(item)
    summary = sentences_within(item.summary, min(MAX_SUMMARY_CHARS, MAX_SECTION_TEXT - len(title) - 1))
    blocks = [_section(f"{title}\n{summary}" if summary else title)]
    notes = []
    if item.badge:
        notes.append(f"{BADGE_EMOJI} *{escaped_within(item.badge, MAX_SECTION_TEXT // 2)}*")
    meta = [part for part in (item.source, f"{item.published:%d %b %Y}" if item.published else None) if part]
    if meta:
        notes.append(escaped_within(" · ".join(meta), MAX_SECTION_TEXT // 2))
    if notes:
        blocks.append(_context(notes))
    return blocks


def _title_line(item: DigestItem) -> str:
    label = shorten(" ".join(item.title.split()), MAX_TITLE_CHARS) or item.url or "Untitled"
    url = web_link(item.url, MAX_LINK_CHARS)
    if url:
        linked = link(url, label)
        if len(linked) <= MAX_LINK_CHARS:
            return f"*{linked}*"
    return f"*{escape(label)}*"


def _more_blocks(links: Sequence[DigestLink], unlisted: int) -> list[Block]:
    """Items beyond the limit: a heading and one linked title a line, then how many more there are."""
    lines = [f"*{escape(more_heading(len(links) + unlisted))}*"]
    closing = unlisted_line(unlisted) if unlisted else ""
    for number, entry in enumerate(links):
        label = shorten(" ".join(entry.title.split()), MAX_MORE_TITLE_CHARS) or "Untitled"
        url = web_link(entry.url, MAX_MORE_LINK_CHARS)
        line = f"• {link(url, label) if url else escape(label)}"
        if len("\n".join([*lines, line])) > MAX_SECTION_TEXT:
            closing = unlisted_line(unlisted + len(links) - number)
            break
        lines.append(line)
    blocks = [_section("\n".join(lines))]
    if closing:
        blocks.append(_context([escape(closing)]))
    return blocks


def sentences_within(sentences: Sequence[str], limit: int) -> str:
    """As many whole leading sentences as fit in `limit` once escaped; a first sentence that
    alone is too long is shortened at a word boundary with "…"."""
    kept: list[str] = []
    for sentence in sentences:
        escaped = escape(" ".join(sentence.split()))
        if len(" ".join([*kept, escaped])) > limit:
            break
        kept.append(escaped)
    if kept or not sentences:
        return " ".join(kept)
    return escaped_within(" ".join(sentences[0].split()), limit)


def _notice(text: str) -> Block:
    prefix = f"{NOTICE_EMOJI} "
    return _section(prefix + sentences_within([text], MAX_SECTION_TEXT - len(prefix)))


def _header(title: str, suffix: str) -> Block:
    text = (shorten(" ".join(title.split()), MAX_HEADER_TEXT - len(suffix)) or "News digest") + suffix
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(texts: list[str]) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts[:MAX_CONTEXT_ELEMENTS]]}


def _chars(blocks: Sequence[Block]) -> int:
    total = 0
    for block in blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        total += sum(len(element["text"]) for element in block.get("elements", ()))
    return total


def _fallback(digest: Digest, items: Sequence[DigestItem], suffix: str) -> str:
    """The notification text: the title and the part's item titles (or the notices)."""
    details = "; ".join(item.title for item in items) if items else " ".join(digest.notices)
    text = f"{digest.title}{suffix}: {details}" if details else digest.title + suffix
    return escaped_within(" ".join(text.split()), MAX_FALLBACK_TEXT)
