"""The application commands: `/summarise`, the "Summarise" message menu and `/summarise-auto`.

`/summarise auto on|off` is also understood, for people used to the Slack form; it is checked
for Manage Channels like `/summarise-auto`, which Discord also hides from other members.

None of them needs the privileged Message Content intent: Discord sends the text of a slash
command's option and of a menu's target message with the interaction.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands

from adapters.discord import replies
from adapters.discord.flows import DiscordFlows, Interaction
from bot.service.service import GENERIC_ERROR

log = logging.getLogger(__name__)

SLASH_NAME = "summarise"
MENU_NAME = "Summarise"
AUTO_GROUP_NAME = "summarise-auto"
SLASH_DESCRIPTION = "Summarise a news article: its claims, who made them, and how well it is sourced"
TEXT_MAX = 6000
"""The longest text Discord lets a string option carry."""
AUTO_SWITCH = re.compile(r"^\s*auto\s+(on|off)\s*$", re.IGNORECASE)
"""`/summarise auto on|off`: the same switch as `/summarise-auto`, typed as Slack users do."""


def install_commands(tree: app_commands.CommandTree[Any], flows: DiscordFlows) -> None:
    """Add newsbot's commands and error handler to `tree`."""

    @tree.command(name=SLASH_NAME, description=SLASH_DESCRIPTION)
    @app_commands.describe(
        text="A link to a news article, or the article's text",
        private="Show the summary only to you",
    )
    async def summarise(
        interaction: Interaction, text: app_commands.Range[str, 1, TEXT_MAX], private: bool = False
    ) -> None:
        if switch := AUTO_SWITCH.match(text):
            if interaction.guild_id is None or not interaction.permissions.manage_channels:
                await interaction.response.send_message(replies.NEEDS_MANAGE_CHANNELS, ephemeral=True)
                return
            await flows.set_auto(interaction, switch.group(1).lower() == "on")
            return
        await flows.summarise_command(interaction, text, private=private)

    @tree.context_menu(name=MENU_NAME)
    async def summarise_message(interaction: Interaction, message: discord.Message) -> None:
        await flows.summarise_message(interaction, message)

    auto = app_commands.Group(
        name=AUTO_GROUP_NAME,
        description="Summarise article links posted in this channel automatically",
        guild_only=True,
        default_permissions=discord.Permissions(manage_channels=True),
    )

    @auto.command(name="on", description="Reply to messages with article links in this channel")
    @app_commands.checks.has_permissions(manage_channels=True)
    async def auto_on(interaction: Interaction) -> None:
        await flows.set_auto(interaction, True)

    @auto.command(name="off", description="Stop replying to links in this channel by myself")
    @app_commands.checks.has_permissions(manage_channels=True)
    async def auto_off(interaction: Interaction) -> None:
        await flows.set_auto(interaction, False)

    tree.add_command(auto)
    tree.error(on_command_error)


async def on_command_error(interaction: Interaction, error: app_commands.AppCommandError) -> None:
    """Refusals and unexpected failures as one ephemeral sentence to the caller."""
    if isinstance(error, app_commands.MissingPermissions):
        text = replies.NEEDS_MANAGE_CHANNELS
    else:
        log.error("command %s failed", interaction.command and interaction.command.name, exc_info=error)
        text = GENERIC_ERROR
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True)
