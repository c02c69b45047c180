"""Pointing discord.py at another REST base and gateway (DISCORD_API_BASE, DISCORD_GATEWAY_URL).

discord.py has no public option for these, so this module sets the two class attributes it
builds every URL from, for the whole process:

- `discord.http.Route.BASE`: the prefix of every REST call, including the webhook and
  interaction-callback calls of `discord.webhook` (they use the same `Route`).
- `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`: the URL `Client.connect` opens (it never
  asks GET /gateway/bot unless an AutoShardedClient must choose its shard count; our client then
  keeps only the count, see `adapters.discord.client`), and the URL reconnects fall back to
  after an invalidated session.

Resumes go to the `resume_gateway_url` the gateway sent in READY, as Discord requires: a
gateway proxy must rewrite that field to point at itself. Query parameters (`v`, `encoding`,
`compress`) are added by discord.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.settings import checked_api_base, checked_gateway_url

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


def configure_endpoints(api_base: str | None, gateway_url: str | None) -> None:
    """Use `api_base` (e.g. `http://127.0.0.1:8080/api/v10`) and `gateway_url` (e.g.
    `ws://127.0.0.1:8080/gateway`) for every client in this process; None restores Discord's."""
    Route.BASE = checked_api_base(api_base) if api_base else DISCORD_API_BASE
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        checked_gateway_url(gateway_url) if gateway_url else DISCORD_GATEWAY_URL
    )


@contextmanager
def discord_endpoints(api_base: str | None, gateway_url: str | None) -> Iterator[None]:
    """`configure_endpoints` for the duration of the block, then the previous endpoints again."""
    saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    configure_endpoints(api_base, gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved
