"""The application commands, declared with their typed options: `/summarise`, the "Summarise"
message menu, `/summarise-auto`, `/compare` (also typed `/summarise text:compare <links>`, as on
Slack), `/sourcing stats` and the `/digest` group.

`/summarise auto on|off` is also understood, for people used to the Slack form; it is checked
for Manage Channels like `/summarise-auto`, which Discord also hides from other members.
`/digest add|shared|remove|now|resume` change the channel's digests and need Manage Channels
(read from the permissions Discord sends with the interaction; the core refuses the others);
`/digest list|preview` are for everyone.

None of them needs the privileged Message Content intent: Discord sends the text of a slash
command's option and of a menu's target message with the interaction.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord import replies
from adapters.discord.digest_handlers import DigestHandlers
from adapters.discord.handlers import DiscordHandlers, Interaction
from bot.digest.commands import MAX_ITEMS_LIMIT, Choices
from bot.scorecard.settings import MAX_RETENTION_DAYS
from bot.service.command import parse_command
from bot.service.service import GENERIC_ERROR
from bot.service.sourcing import DEFAULT_DAYS

log = logging.getLogger(__name__)

SLASH_NAME = "summarise"
MENU_NAME = "Summarise"
AUTO_GROUP_NAME = "summarise-auto"
SLASH_DESCRIPTION = "Summarise a news article: its claims, who made them, and how well it is sourced"
TEXT_MAX = 6000
"""The longest text Discord lets a string option carry."""
DIGEST_GROUP_NAME = "digest"
URL_MAX = 2048
"""The longest feed address the options accept."""
_SCHEDULE = "daily HH:MM, weekly <day> HH:MM or every <N>h (default: daily 09:00)"
_TIMEZONE = "Time zone of the schedule, e.g. Europe/Berlin (default: UTC)"
_MAX = f"Most items per digest, 1 to {MAX_ITEMS_LIMIT} (default: 5)"
_DIGEST = "The digest number shown by /digest list"
_LINK = "A link to another outlet's article on the same story"
Link = app_commands.Range[str, 1, URL_MAX]


def install_commands(tree: app_commands.CommandTree[Any], handlers: DiscordHandlers) -> None:
    """Add newsbot's commands and error handler to `tree`."""

    @tree.command(name=SLASH_NAME, description=SLASH_DESCRIPTION)
    @app_commands.describe(
        text="A link to a news article, or the article's text",
        private="Show the summary only to you",
    )
    async def summarise(
        interaction: Interaction, text: app_commands.Range[str, 1, TEXT_MAX], private: bool = False
    ) -> None:
        if (command := parse_command(text)).action == "compare":  # `/summarise compare <links>`, as on Slack
            await handlers.compare_command(interaction, command.text, private=private)
            return
        if command.action == "auto":  # `/summarise auto on|off`, as Slack users type it
            if interaction.guild_id is None or not interaction.permissions.manage_channels:
                await interaction.response.send_message(replies.NEEDS_MANAGE_CHANNELS, ephemeral=True)
                return
            await handlers.set_auto(interaction, command.auto_on)
            return
        await handlers.summarise_command(interaction, text, private=private)

    @tree.context_menu(name=MENU_NAME)
    async def summarise_message(interaction: Interaction, message: discord.Message) -> None:
        await handlers.summarise_message(interaction, message)

    auto = app_commands.Group(
        name=AUTO_GROUP_NAME,
        description="Summarise article links posted in this channel automatically",
        guild_only=True,
        default_permissions=discord.Permissions(manage_channels=True),
    )

    @auto.command(name="on", description="Reply to messages with article links in this channel")
    @app_commands.checks.has_permissions(manage_channels=True)
    async def auto_on(interaction: Interaction) -> None:
        await handlers.set_auto(interaction, True)

    @auto.command(name="off", description="Stop replying to links in this channel by myself")
    @app_commands.checks.has_permissions(manage_channels=True)
    async def auto_off(interaction: Interaction) -> None:
        await handlers.set_auto(interaction, False)

    tree.add_command(auto)

    @tree.command(name="compare", description="Compare how 2 to 5 outlets report one story, and their sourcing")
    @app_commands.describe(link1="A link to a news article", link2=_LINK, link3=_LINK, link4=_LINK, link5=_LINK)
    @app_commands.describe(private="Show the comparison only to you")
    async def compare(
        interaction: Interaction, link1: Link, link2: Link, link3: Link | None = None, link4: Link | None = None,
        link5: Link | None = None, private: bool = False,
    ) -> None:
        links = " ".join(link for link in (link1, link2, link3, link4, link5) if link)
        await handlers.compare_command(interaction, links, private=private)

    if handlers.stats is not None:
        sourcing = app_commands.Group(name="sourcing", description="How the news read here is sourced")

        @sourcing.command(name="stats", description="Per news site: anonymous central claims, named and weak sourcing")
        @app_commands.describe(days=f"The last how many days, 1 to {MAX_RETENTION_DAYS} (default: {DEFAULT_DAYS})")
        async def stats(
            interaction: Interaction, days: app_commands.Range[int, 1, MAX_RETENTION_DAYS] = DEFAULT_DAYS
        ) -> None:
            await handlers.sourcing_stats(interaction, days)

        tree.add_command(sourcing)
    tree.error(on_command_error)


def install_digest_commands(tree: app_commands.CommandTree[Any], digests: DigestHandlers) -> None:
    """Add the `/digest` group to `tree`: each command calls the core's typed operation."""
    commands = digests.commands
    group = app_commands.Group(
        name=DIGEST_GROUP_NAME, description="Digests of news feeds posted in this channel", guild_only=True
    )

    @group.command(name="add", description="Post a digest of a news feed in this channel (Manage Channels)")
    @app_commands.describe(
        feed="The feed's web address (RSS or Atom)",
        schedule=_SCHEDULE,
        timezone=_TIMEZONE,
        max_items=_MAX,
        keywords="Only items that mention one of these words",
    )
    @app_commands.rename(max_items="max")
    async def add(
        interaction: Interaction,
        feed: app_commands.Range[str, 1, URL_MAX],
        schedule: str | None = None,
        timezone: str | None = None,
        max_items: app_commands.Range[int, 1, MAX_ITEMS_LIMIT] | None = None,
        keywords: str | None = None,
    ) -> None:
        choices = Choices(schedule, timezone, max_items, tuple((keywords or "").split()))
        await digests.answer(interaction, commands.add, feed, choices)

    @group.command(name="shared", description="A digest of the links posted in this channel (Manage Channels)")
    @app_commands.describe(switch="on or off", schedule=_SCHEDULE, timezone=_TIMEZONE, max_items=_MAX)
    @app_commands.rename(max_items="max")
    async def shared(
        interaction: Interaction,
        switch: Literal["on", "off"],
        schedule: str | None = None,
        timezone: str | None = None,
        max_items: app_commands.Range[int, 1, MAX_ITEMS_LIMIT] | None = None,
    ) -> None:
        if switch == "off":
            await digests.answer(interaction, commands.shared_off)
            return
        choices = Choices(schedule, timezone, max_items)
        await digests.answer(interaction, commands.shared_on, choices)

    @group.command(name="list", description="This channel's digests, their schedules and state")
    async def list_(interaction: Interaction) -> None:
        await digests.answer(interaction, commands.listing)

    @group.command(name="remove", description="Stop one of this channel's digests (Manage Channels)")
    @app_commands.describe(digest=_DIGEST)
    async def remove(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await digests.answer(interaction, commands.remove, digest)

    @group.command(name="now", description="Post one of this channel's digests now (Manage Channels)")
    @app_commands.describe(digest=_DIGEST)
    async def now(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await digests.answer(interaction, commands.now, digest)

    @group.command(name="resume", description="Restart a paused or disabled digest (Manage Channels)")
    @app_commands.describe(digest=_DIGEST)
    async def resume(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await digests.answer(interaction, commands.resume, digest)

    @group.command(name="preview", description="Show what a digest of a feed would look like, to you only")
    @app_commands.describe(feed="The feed's web address (RSS or Atom)")
    async def preview(interaction: Interaction, feed: app_commands.Range[str, 1, URL_MAX]) -> None:
        await digests.answer(interaction, commands.preview, feed)

    tree.add_command(group)


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
