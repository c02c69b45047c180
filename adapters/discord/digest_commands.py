"""The `/digest` command group: typed options turned into the core's `/digest` text syntax.

`/digest add|shared|remove|now|resume` change the channel's digests and need Manage Channels;
`/digest list|preview` are for everyone. Whether the member manages the channel is read from
the permissions Discord sends with the interaction (as `/summarise-auto`'s check does) and the
core refuses the others. Every answer is shown to the caller only.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord
from discord import app_commands

from adapters.discord import limits
from adapters.discord.digest_embeds import render_digest_messages
from adapters.discord.digest_poster import refusal
from adapters.discord.flows import PLATFORM, Interaction, channel_key
from adapters.discord.shorten import shorten
from bot.digest.commands import MAX_ITEMS_LIMIT, DigestCommands
from bot.digest.model import ChannelContext, Reply

log = logging.getLogger(__name__)

GROUP_NAME = "digest"
PREVIEW_REFUSED = "Discord refused to show these items of the preview; the digest itself leaves such items out."
URL_MAX = 2048
"""The longest feed address the options accept."""

_SCHEDULE = "daily HH:MM, weekly <day> HH:MM or every <N>h (default: daily 09:00)"
_TIMEZONE = "Time zone of the schedule, e.g. Europe/Berlin (default: UTC)"
_MAX = f"Most items per digest, 1 to {MAX_ITEMS_LIMIT} (default: 5)"


def digest_context(interaction: Interaction) -> ChannelContext:
    """Who used the command where; a manager is a member with Manage Channels in the channel."""
    return ChannelContext(
        platform=PLATFORM,
        workspace=str(interaction.guild_id),
        channel=channel_key(interaction.channel, interaction.channel_id),
        user=str(interaction.user.id),
        is_manager=interaction.permissions.manage_channels,
    )


def command_text(verb: str, *words: str | None, keywords: str | None = None) -> str:
    """The core's `/digest` text: the verb, the given words in order, then any keywords (last)."""
    parts = [verb, *(word for word in words if word)]
    if keywords and keywords.split():
        parts += ["keywords", keywords]
    return " ".join(parts)


def schedule_words(
    schedule: str | None, timezone: str | None, max_items: int | None
) -> tuple[str | None, str | None, str | None]:
    """The optional schedule, `tz <zone>` and `max <N>` parts of add / shared on."""
    return (
        schedule,
        f"tz {timezone}" if timezone else None,
        f"max {max_items}" if max_items is not None else None,
    )


def text_chunks(text: str, limit: int = limits.CONTENT_MAX) -> list[str]:
    """`text` as messages of at most `limit` characters, split between lines."""
    chunks: list[str] = []
    for line in text.splitlines() or [""]:
        line = shorten(line, limit) if len(line) > limit else line
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [chunk for chunk in chunks if chunk.strip()]


async def answer(interaction: Interaction, commands: DigestCommands, text: str) -> None:
    """Run `/digest <text>` for the caller and show the reply (and any digest) to them alone."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    reply: Reply = await commands.handle(digest_context(interaction), text)
    if reply.digest is None:
        for chunk in text_chunks(reply.text):
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
                shorten(f"{content}\n{PREVIEW_REFUSED}", limits.CONTENT_MAX), ephemeral=True, suppress_embeds=True
            )


def install_digest_commands(tree: app_commands.CommandTree[Any], commands: DigestCommands) -> None:
    """Add the `/digest` group to `tree`, answering through `commands`."""
    group = app_commands.Group(
        name=GROUP_NAME, description="Digests of news feeds posted in this channel", guild_only=True
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
        words = schedule_words(schedule, timezone, max_items)
        await answer(interaction, commands, command_text("add", feed, *words, keywords=keywords))

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
        words = schedule_words(schedule, timezone, max_items) if switch == "on" else ()
        await answer(interaction, commands, command_text("shared", switch, *words))

    @group.command(name="list", description="This channel's digests, their schedules and state")
    async def list_(interaction: Interaction) -> None:
        await answer(interaction, commands, "list")

    @group.command(name="remove", description="Stop one of this channel's digests (Manage Channels)")
    @app_commands.describe(digest="The digest number shown by /digest list")
    async def remove(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await answer(interaction, commands, command_text("remove", str(digest)))

    @group.command(name="now", description="Post one of this channel's digests now (Manage Channels)")
    @app_commands.describe(digest="The digest number shown by /digest list")
    async def now(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await answer(interaction, commands, command_text("now", str(digest)))

    @group.command(name="resume", description="Restart a paused or disabled digest (Manage Channels)")
    @app_commands.describe(digest="The digest number shown by /digest list")
    async def resume(interaction: Interaction, digest: app_commands.Range[int, 1]) -> None:
        await answer(interaction, commands, command_text("resume", str(digest)))

    @group.command(name="preview", description="Show what a digest of a feed would look like, to you only")
    @app_commands.describe(feed="The feed's web address (RSS or Atom)")
    async def preview(interaction: Interaction, feed: app_commands.Range[str, 1, URL_MAX]) -> None:
        await answer(interaction, commands, command_text("preview", feed))

    tree.add_command(group)
