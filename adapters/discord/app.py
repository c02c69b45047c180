"""The discord.py client: intents, sharding, command sync, and the handlers of every trigger."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import install_commands, install_digest_commands
from adapters.discord.digest_handlers import DigestHandlers
from adapters.discord.digest_poster import DiscordDigestPoster
from adapters.discord.handlers import DiscordHandlers
from adapters.discord.settings import DiscordSettings
from adapters.discord.sharding import ShardPlan
from bot.digest.runtime import POST_INTERVAL, DigestRuntime
from bot.service import AutoModeStore, SummaryService
from bot.service.channels import Channels
from bot.service.sourcing import StatsSource

log = logging.getLogger(__name__)


def bot_intents(message_content: bool) -> discord.Intents:
    """Guilds always; guild messages with their content only when automatic mode may be used."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = message_content
    intents.message_content = message_content
    return intents


class NewsbotClient(discord.AutoShardedClient):
    """newsbot on Discord. Mentions in what it posts never ping anyone.

    With `digests`, it also answers `/digest`, remembers the links posted where the Message
    Content intent lets it read messages, and posts due digests while it runs. With `scorecard`, it
    answers `/sourcing stats`.
    """

    def __init__(
        self,
        *,
        settings: DiscordSettings,
        service: SummaryService,
        store: AutoModeStore,
        shards: ShardPlan | None = None,
        digests: DigestRuntime | None = None,
        digest_interval: float = POST_INTERVAL,
        scorecard: StatsSource | None = None,
        **options: Any,
    ) -> None:
        plan = shards or ShardPlan()
        if plan.ids is not None:
            options["shard_ids"] = list(plan.ids)
        super().__init__(
            intents=bot_intents(settings.message_content),
            shard_count=plan.count,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self.shard_plan = plan
        links = digests.service if digests is not None and settings.message_content else None
        channels = Channels(service, store, links)
        self.handlers = DiscordHandlers(service, channels, message_content=settings.message_content, stats=scorecard)
        self.tree: app_commands.CommandTree[NewsbotClient] = app_commands.CommandTree(self)
        install_commands(self.tree, self.handlers)
        self.digests = digests
        self._digest_interval = digest_interval
        self._digest_task: asyncio.Task[None] | None = None
        if digests is not None:
            install_digest_commands(self.tree, DigestHandlers(digests.commands))

    async def setup_hook(self) -> None:
        """After login: fix the shard count if needed, sync the commands (from shard 0's process)
        and start posting due digests."""
        if self.shard_count is None and self.settings.gateway_url:
            # Keep Discord's recommended count but not its gateway URL (see adapters.discord.endpoints).
            self.shard_count, _url, _limits = await self.http.get_bot_gateway()
        if self.shard_plan.runs_first_shard:
            await sync_commands(self.tree, self.settings.dev_guild)
        if self.digests is not None:
            self._digest_task = self.digests.start_posting(DiscordDigestPoster(self), interval=self._digest_interval)

    async def close(self) -> None:
        """Stop the digest scheduler after its current pass, then disconnect."""
        task, self._digest_task = self._digest_task, None
        if task is not None and self.digests is not None:
            await self.digests.stop_posting(task)
        await super().close()

    async def on_message(self, message: discord.Message) -> None:
        await self.handlers.message(message)


async def sync_commands(tree: app_commands.CommandTree[Any], dev_guild: int | None) -> list[app_commands.AppCommand]:
    """Register the commands globally, or in the development guild only (visible at once)."""
    if dev_guild is None:
        synced = await tree.sync()
        log.info("synced %d commands globally (may take up to an hour to appear)", len(synced))
        return synced
    guild = discord.Object(id=dev_guild)
    tree.copy_global_to(guild=guild)
    synced = await tree.sync(guild=guild)
    log.info("synced %d commands to development guild %d", len(synced), dev_guild)
    return synced
