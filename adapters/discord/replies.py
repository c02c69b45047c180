"""What the Discord bot says besides reports and digests: confirmations, refusals and error notes."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.discord import limits
from bot.service import ItemOutcome
from bot.service.service import skipped_note
from bot.view import shorten

AUTO_ON = "Automatic summaries are **on** in this channel: I'll reply to messages that contain links to articles."
AUTO_OFF = "Automatic summaries are **off** in this channel."
AUTO_NEEDS_MESSAGE_CONTENT = (
    "I can't read messages in this channel, so automatic summaries can't work: this bot runs "
    "without Discord's Message Content intent. Use /summarise or the Summarise message menu "
    "instead, or ask the bot's operator to enable the intent."
)
NEEDS_MANAGE_CHANNELS = "Only members with the Manage Channels permission can switch automatic summaries on or off."
CANNOT_POST_HERE = "I can't post in this channel, so only you can see this summary."
PREVIEW_REFUSED = "Discord refused to show these items of the preview; the digest itself leaves such items out."


def notes_content(items: Sequence[ItemOutcome], skipped: int) -> str:
    """Message content for the failed items (each after its link, its preview suppressed) and the
    skipped links, within Discord's limit."""
    lines = [item.note(lambda link: f"<{link}>") for item in items if item.report is None]
    if skipped:
        lines.append(skipped_note(skipped))
    return shorten("\n".join(lines), limits.CONTENT_MAX)
