"""What the Discord bot says besides reports: confirmations, refusals and error notes."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.discord import limits
from adapters.discord.shorten import shorten
from bot.service import ItemOutcome
from bot.service.service import skipped_note

AUTO_ON = "Automatic summaries are **on** in this channel: I'll reply to messages that contain links to articles."
AUTO_OFF = "Automatic summaries are **off** in this channel."
AUTO_NEEDS_MESSAGE_CONTENT = (
    "I can't read messages in this channel, so automatic summaries can't work: this bot runs "
    "without Discord's Message Content intent. Use /summarise or the Summarise message menu "
    "instead, or ask the bot's operator to enable the intent."
)
NEEDS_MANAGE_CHANNELS = "Only members with the Manage Channels permission can switch automatic summaries on or off."
CANNOT_POST_HERE = "I can't post in this channel, so only you can see this summary."


def error_line(item: ItemOutcome) -> str:
    """The item's error sentence, prefixed with its link (embed preview suppressed) if any."""
    sentence = item.error or ""
    return f"<{item.source}>: {sentence}" if item.source else sentence


def notes_content(items: Sequence[ItemOutcome], skipped: int) -> str:
    """Message content for the failed items and the skipped links, within Discord's limit."""
    lines = [error_line(item) for item in items if item.report is None]
    if skipped:
        lines.append(skipped_note(skipped))
    return shorten("\n".join(lines), limits.CONTENT_MAX)
