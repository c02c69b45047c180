"""`newsbot discord`: run the Discord bot until it is stopped.

Reads DISCORD_TOKEN (required), DISCORD_DEV_GUILD, DISCORD_API_BASE, DISCORD_GATEWAY_URL and
NEWSBOT_DISCORD_MESSAGE_CONTENT; prints the invite link once logged in; keeps per-channel
settings and channel digests in the database the `newsbot` command assembled, and posts due
digests while it runs. Sharding: see `adapters.discord.sharding`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any, TextIO

import discord

from adapters.discord.app import NewsbotClient
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.invite import invite_url
from adapters.discord.settings import DiscordSettings
from adapters.discord.sharding import ShardPlan
from bot.digest.runtime import DigestRuntime
from bot.platform import BotParts, Serve
from bot.service import AutoModeStore, SummaryService

log = logging.getLogger(__name__)

TOKEN_REJECTED = "Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal."
INTENT_NOT_ENABLED = (
    "NEWSBOT_DISCORD_MESSAGE_CONTENT=1 requests the Message Content intent, but it is not enabled "
    "for this application: enable it under Bot > Privileged Gateway Intents in the Developer Portal, "
    "or unset NEWSBOT_DISCORD_MESSAGE_CONTENT (automatic mode is then unavailable)."
)


def discord_bot(settings: DiscordSettings, plan: ShardPlan) -> Serve:
    """The bot for `newsbot discord`: 0 when stopped, 1 when Discord refuses it."""

    def serve(parts: BotParts) -> int:
        try:
            with discord_endpoints(settings.api_base, settings.gateway_url):
                asyncio.run(
                    run_bot(
                        settings,
                        plan,
                        service=parts.summaries,
                        store=parts.channels,
                        digests=parts.digests,
                        scorecard=parts.scorecard,
                        warm_up=True,
                    )
                )
        except discord.LoginFailure:
            print(f"newsbot discord: {TOKEN_REJECTED}", file=sys.stderr)
            return 1
        except discord.PrivilegedIntentsRequired:
            print(f"newsbot discord: {INTENT_NOT_ENABLED}", file=sys.stderr)
            return 1
        return 0

    return serve


async def run_bot(
    settings: DiscordSettings,
    plan: ShardPlan,
    *,
    service: SummaryService,
    store: AutoModeStore,
    digests: DigestRuntime | None = None,
    warm_up: bool = False,
    out: TextIO = sys.stdout,
    **client_options: Any,
) -> None:
    """Log in, print the invite link, and serve until the client is closed. With `warm_up`, the
    service's language model is loaded after login, before connecting to the gateway; without
    `digests`, `/digest` is not offered; `client_options` (e.g. the `scorecard` for `/sourcing`) go
    to `NewsbotClient`."""
    client = NewsbotClient(
        settings=settings, service=service, store=store, shards=plan, digests=digests, **client_options
    )
    async with client:
        await client.login(settings.token)
        if client.application_id is not None:
            link = invite_url(client.application_id)
            print(f"Invite newsbot to a server: {link}", file=out, flush=True)
        if warm_up:
            await service.warm_up()
        await client.connect()
