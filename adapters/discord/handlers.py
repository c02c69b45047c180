"""What the bot does for each Discord trigger: call the chat service, answer with embeds.

Interactions are acknowledged first (deferred, within Discord's three seconds); the service
fetches and analyses off the event loop, so the gateway heartbeat is never held up.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord import limits, replies
from adapters.discord.compare_render import compare_messages
from adapters.discord.render import render_report_embeds
from adapters.discord.settings import PLATFORM
from adapters.discord.stats_render import stats_embed
from bot.digest.model import Target
from bot.service import SummaryOutcome, SummaryRequest, SummaryService
from bot.service.channels import Channels
from bot.service.comparing import StoryComparer
from bot.service.sourcing import SourcingStatsService, StatsSource
from bot.view import shorten
from bot.view.compare import compare_view

log = logging.getLogger(__name__)

DIRECT_MESSAGES = "dm"
"""The workspace name used for requests outside any server."""

Interaction = discord.Interaction[Any]


def channel_key(channel: object, fallback: int | None) -> str:
    """The channel whose settings apply: a thread follows its parent channel."""
    if isinstance(channel, discord.Thread) and channel.parent_id is not None:
        return str(channel.parent_id)
    channel_id = getattr(channel, "id", None) or fallback
    return str(channel_id or "")


class DiscordHandlers:
    """The slash commands, the message menu, the auto-mode switch and the messages posted;
    `/sourcing stats` only with the scorecard's `stats`."""

    def __init__(
        self, service: SummaryService, channels: Channels, *, message_content: bool, stats: StatsSource | None = None
    ) -> None:
        self._service = service
        self._channels = channels
        self._message_content = message_content
        self._comparer = StoryComparer(service)
        self.stats = SourcingStatsService(stats) if stats is not None else None

    async def summarise_command(self, interaction: Interaction, text: str, *, private: bool) -> None:
        """`/summarise`: defer at once, then the report(s) as follow-ups; problems only to the caller."""
        await interaction.response.defer(ephemeral=private)
        outcome = await self._service.summarise(self._request(interaction, text))
        reports = [item.report for item in outcome.items if item.report is not None]
        if not reports and not private:
            # The public "thinking…" message would turn the first follow-up public: remove it.
            await interaction.delete_original_response()
        for report in reports:
            await interaction.followup.send(embeds=render_report_embeds(report), ephemeral=private)
        await self._send_notes(interaction, outcome)

    async def compare_command(self, interaction: Interaction, text: str, *, private: bool) -> None:
        """`/compare`: defer at once, then the comparison as follow-ups; problems only to the caller."""
        await interaction.response.defer(ephemeral=private)
        outcome = await self._comparer.compare(self._request(interaction, text))
        if outcome.comparison is None and not private:
            await interaction.delete_original_response()  # see summarise_command
        elif outcome.comparison is not None:
            for embeds in compare_messages(compare_view(outcome.comparison)):
                await interaction.followup.send(embeds=[discord.Embed.from_dict(e) for e in embeds], ephemeral=private)
        if notes := outcome.notes(lambda link: f"<{link}>"):
            await interaction.followup.send(shorten("\n".join(notes), limits.CONTENT_MAX), ephemeral=True)

    async def sourcing_stats(self, interaction: Interaction, days: int) -> None:
        """`/sourcing stats`: the channel's scorecard, to the caller alone (see README)."""
        assert self.stats is not None, "the command is offered only with a scorecard"
        await interaction.response.defer(ephemeral=True)
        view = await self.stats.stats(self._target(interaction), days)
        await interaction.followup.send(embed=discord.Embed.from_dict(stats_embed(view)), ephemeral=True)

    async def summarise_message(self, interaction: Interaction, message: discord.Message) -> None:
        """Message menu "Summarise": reply to the message with its report(s)."""
        await interaction.response.defer(ephemeral=True)
        outcome = await self._service.summarise(self._request(interaction, message.content))
        answered = False
        for item in outcome.items:
            if item.report is None:
                continue
            embeds = render_report_embeds(item.report)
            try:
                await message.channel.send(
                    embeds=embeds,
                    reference=message.to_reference(fail_if_not_exists=False),
                    mention_author=False,
                )
            except discord.Forbidden:
                await interaction.followup.send(replies.CANNOT_POST_HERE, embeds=embeds, ephemeral=True)
                answered = True
        answered = await self._send_notes(interaction, outcome) or answered
        if not answered:
            await interaction.delete_original_response()

    async def set_auto(self, interaction: Interaction, on: bool) -> None:
        """`/summarise-auto on|off` in a server channel (the command checks Manage Channels)."""
        if on and not self._message_content:
            await interaction.response.send_message(replies.AUTO_NEEDS_MESSAGE_CONTENT, ephemeral=True)
            return
        target = Target(PLATFORM, str(interaction.guild_id), channel_key(interaction.channel, interaction.channel_id))
        await self._channels.set_auto(target, on, str(interaction.user.id))
        await interaction.response.send_message(replies.AUTO_ON if on else replies.AUTO_OFF)

    async def message(self, message: discord.Message) -> None:
        """A member's server message the bot can read (Message Content intent): its links are
        remembered for digests and, with automatic mode on, answered with their reports
        (`bot.service.channels`; a thread follows its parent channel)."""
        if message.guild is None or message.author.bot or message.webhook_id is not None:
            return
        target = Target(PLATFORM, str(message.guild.id), channel_key(message.channel, None))
        user, when = str(message.author.id), message.created_at
        for report in await self._channels.message_posted(target, user, message.content, when):
            try:
                await message.channel.send(
                    embeds=render_report_embeds(report),
                    reference=message.to_reference(fail_if_not_exists=False),
                    mention_author=False,
                )
            except discord.Forbidden:
                log.warning("no permission to reply in channel %s of guild %s", target.channel, target.workspace)
                return

    def _target(self, interaction: Interaction) -> Target:
        workspace = str(interaction.guild_id) if interaction.guild_id else DIRECT_MESSAGES
        return Target(PLATFORM, workspace, channel_key(interaction.channel, interaction.channel_id))

    def _request(self, interaction: Interaction, text: str) -> SummaryRequest:
        target = self._target(interaction)
        return SummaryRequest(PLATFORM, target.workspace, target.channel, str(interaction.user.id), text)

    async def _send_notes(self, interaction: Interaction, outcome: SummaryOutcome) -> bool:
        """Tell the caller alone about failed items and skipped links; whether anything was sent."""
        if all(item.report is not None for item in outcome.items) and not outcome.skipped_urls:
            return False
        content = replies.notes_content(outcome.items, len(outcome.skipped_urls))
        await interaction.followup.send(content, ephemeral=True)
        return True
