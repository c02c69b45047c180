"""Links posted in server channels, remembered for the channels' shared-links digests.

Needs the Message Content intent: without it the bot never receives ordinary messages.
"""

from __future__ import annotations

import discord

from adapters.discord.flows import PLATFORM, channel_key
from bot.digest.model import Target
from bot.digest.service import DigestService
from bot.service.urls import find_urls


async def record_message_links(service: DigestService, message: discord.Message) -> int:
    """Remember the links of a member's server message (kept only where a shared-links digest is
    on; a thread counts as its parent channel); returns how many were kept."""
    if message.guild is None or message.author.bot or message.webhook_id is not None:
        return 0
    target = Target(PLATFORM, str(message.guild.id), channel_key(message.channel, None))
    kept = 0
    for url in find_urls(message.content):
        if await service.record_shared_link(target, url, str(message.author.id), message.created_at):
            kept += 1
    return kept
