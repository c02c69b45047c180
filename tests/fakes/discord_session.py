"""A real NewsbotClient connected to the fake Discord, for end-to-end adapter tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from adapters.discord.app import NewsbotClient
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.settings import DiscordSettings
from bot.service import InMemoryAutoModeStore, SummaryService
from tests.fakes.discord_api import FakeDiscord

WAIT = 10.0
"""The longest any test waits for the bot or the fake to do something."""


@asynccontextmanager
async def connected(
    fake: FakeDiscord,
    service: SummaryService,
    *,
    message_content: bool = False,
    store: InMemoryAutoModeStore | None = None,
    **client_options: Any,
) -> AsyncIterator[NewsbotClient]:
    """A NewsbotClient logged in to the fake and past READY; closed cleanly (with `service`) afterwards."""
    settings = DiscordSettings(
        token=fake.token,
        api_base=fake.api_base,
        gateway_url=fake.gateway_url,
        message_content=message_content,
    )
    client = NewsbotClient(
        settings=settings,
        service=service,
        store=store or InMemoryAutoModeStore(),
        guild_ready_timeout=0.05,
        **client_options,
    )
    with discord_endpoints(settings.api_base, settings.gateway_url):
        async with client:
            runner = asyncio.create_task(client.start(fake.token))
            try:
                await asyncio.wait_for(client.wait_until_ready(), WAIT)
                yield client
            finally:
                await client.close()
                await asyncio.wait_for(runner, WAIT)
                service.close()
