"""`newsbot discord`: run the Discord bot until it is stopped.

Reads DISCORD_TOKEN (required), DISCORD_DEV_GUILD, DISCORD_API_BASE, DISCORD_GATEWAY_URL and
NEWSBOT_DISCORD_MESSAGE_CONTENT; prints the invite link once logged in; keeps per-channel
settings and channel digests in the database (DATABASE_URL, else a local SQLite file) and
posts due digests while it runs. Sharding: see `adapters.discord.sharding`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any, TextIO

import discord

from adapters.discord.client import NewsbotClient
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.invite import invite_url
from adapters.discord.settings import DiscordSettings
from adapters.discord.sharding import ShardPlan, parse_shards
from bot.digest.runtime import DigestRuntime, start_digests
from bot.service import AutoModeStore, SummaryService

log = logging.getLogger(__name__)

TOKEN_REJECTED = "Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal."
INTENT_NOT_ENABLED = (
    "NEWSBOT_DISCORD_MESSAGE_CONTENT=1 requests the Message Content intent, but it is not enabled "
    "for this application: enable it under Bot > Privileged Gateway Intents in the Developer Portal, "
    "or unset NEWSBOT_DISCORD_MESSAGE_CONTENT (automatic mode is then unavailable)."
)


def main(shards: str | None) -> int:
    """Run the bot; 0 when stopped, 1 when Discord refuses it, 2 for bad settings."""
    try:
        settings = DiscordSettings.from_env()
        plan = parse_shards(shards)
    except ValueError as exc:
        print(f"newsbot discord: {exc}", file=sys.stderr)
        return 2
    try:
        with discord_endpoints(settings.api_base, settings.gateway_url):
            asyncio.run(run_bot(settings, plan))
    except discord.LoginFailure:
        print(f"newsbot discord: {TOKEN_REJECTED}", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(f"newsbot discord: {INTENT_NOT_ENABLED}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def default_store() -> AutoModeStore:
    """Per-channel settings in the database, migrated to the newest schema."""
    from bot.store.engine import make_engine
    from bot.store.migrate import upgrade
    from bot.store.settings import ChannelSettings

    engine = make_engine()
    upgrade(engine)
    return ChannelSettings(engine)


async def run_bot(
    settings: DiscordSettings,
    plan: ShardPlan,
    *,
    service: SummaryService | None = None,
    store: AutoModeStore | None = None,
    digests: DigestRuntime | None = None,
    out: TextIO = sys.stdout,
    **client_options: Any,
) -> None:
    """Log in, print the invite link, and serve until the client is closed.

    Without `service`, a SummaryService is made (its language model loaded after login, before
    connecting to the gateway) and closed at the end. Without `store`, the database holds both
    the per-channel settings (`default_store()`) and, unless `digests` is given, the channel
    digests (`start_digests()`); with a `store` and no `digests`, `/digest` is not offered.
    """
    own_service = service is None
    service = service or SummaryService()
    own_digests = store is None and digests is None
    if store is None:
        store = await asyncio.to_thread(default_store)
    if own_digests:
        digests = await asyncio.to_thread(start_digests, platforms=frozenset({"discord"}))
    client = NewsbotClient(
        settings=settings, service=service, store=store, shards=plan, digests=digests, **client_options
    )
    try:
        async with client:
            await client.login(settings.token)
            if client.application_id is not None:
                link = invite_url(client.application_id)
                print(f"Invite newsbot to a server: {link}", file=out, flush=True)
            if own_service:
                await service.warm_up()
            await client.connect()
    finally:
        if own_service:
            service.close()
        if own_digests and digests is not None:
            digests.engine.dispose()
