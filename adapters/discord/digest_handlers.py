"""The `/digest` operations for Discord: who asks where, the core's typed operation, and the
answer shown to the caller alone (a preview as digest messages)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec

import discord

from adapters.discord import limits, replies
from adapters.discord.digest_poster import refusal
from adapters.discord.digest_render import render_digest_messages
from adapters.discord.handlers import Interaction, channel_key
from adapters.discord.settings import PLATFORM
from bot.digest.commands import DigestCommands
from bot.digest.model import ChannelContext, Reply
from bot.view import shorten, text_chunks

log = logging.getLogger(__name__)

P = ParamSpec("P")


def digest_context(interaction: Interaction) -> ChannelContext:
    """Who used the command where; a manager is a member with Manage Channels in the channel."""
    return ChannelContext(
        platform=PLATFORM,
        workspace=str(interaction.guild_id),
        channel=channel_key(interaction.channel, interaction.channel_id),
        user=str(interaction.user.id),
        is_manager=interaction.permissions.manage_channels,
    )


class DigestHandlers:
    """Answers the `/digest` group's commands through the core's digest commands."""

    def __init__(self, commands: DigestCommands) -> None:
        self.commands = commands

    async def answer(
        self,
        interaction: Interaction,
        operation: Callable[Concatenate[ChannelContext, P], Awaitable[Reply]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """Run one of `commands`' operations (`DigestCommands.add`, …) for the caller, and show the
        reply (and any digest) to them alone."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        reply = await operation(digest_context(interaction), *args, **kwargs)
        if reply.digest is None:
            for chunk in text_chunks(reply.text, limits.CONTENT_MAX):
                await interaction.followup.send(chunk, ephemeral=True, suppress_embeds=True)
            return
        for number, message in enumerate(render_digest_messages(reply.digest)):
            content = shorten(reply.text, limits.CONTENT_MAX) if number == 0 else message.content
            try:
                await interaction.followup.send(content, embeds=message.discord_embeds(), ephemeral=True)
            except discord.HTTPException as error:
                refused = refusal(error)
                if refused is None:
                    raise
                log.warning("discord refused part of a digest preview: %s", refused.reason)
                await interaction.followup.send(
                    shorten(f"{content}\n{replies.PREVIEW_REFUSED}", limits.CONTENT_MAX),
                    ephemeral=True,
                    suppress_embeds=True,
                )
