"""The Discord bot's settings, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

PLATFORM = "discord"
"""The platform's name: its `newsbot` command and `Target.platform` of its channels."""
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class DiscordSettings:
    """What the bot needs to run; the token is never shown in reprs or logs."""

    token: str = field(repr=False)
    dev_guild: int | None = None
    """Sync commands to this guild only (instant), instead of globally (may take up to an hour)."""
    api_base: str | None = None
    """REST base including the API version, e.g. `https://discord.com/api/v10`; None: Discord's."""
    gateway_url: str | None = None
    """Gateway websocket URL, e.g. `wss://gateway.discord.gg/`; None: Discord's."""
    message_content: bool = False
    """Request the privileged Message Content intent (needed for automatic mode)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DiscordSettings:
        """Settings from DISCORD_TOKEN, DISCORD_DEV_GUILD, DISCORD_API_BASE, DISCORD_GATEWAY_URL
        and NEWSBOT_DISCORD_MESSAGE_CONTENT; raises ValueError naming the variable at fault."""
        env = os.environ if env is None else env
        token = env.get("DISCORD_TOKEN", "").strip()
        if not token:
            raise ValueError("DISCORD_TOKEN is not set (the bot token from the Discord Developer Portal)")
        guild = env.get("DISCORD_DEV_GUILD", "").strip()
        if guild and not guild.isdigit():
            raise ValueError("DISCORD_DEV_GUILD must be a guild (server) ID: digits only")
        api_base = env.get("DISCORD_API_BASE", "").strip()
        gateway_url = env.get("DISCORD_GATEWAY_URL", "").strip()
        return cls(
            token=token,
            dev_guild=int(guild) if guild else None,
            api_base=checked_api_base(api_base) if api_base else None,
            gateway_url=checked_gateway_url(gateway_url) if gateway_url else None,
            message_content=env.get("NEWSBOT_DISCORD_MESSAGE_CONTENT", "").strip().lower() in TRUE_WORDS,
        )


def _checked(url: str, schemes: tuple[str, ...], variable: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in schemes or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"{variable} must be a {' or '.join(schemes)} URL without a query, not {url!r}")
    return url


def checked_api_base(url: str) -> str:
    """`url` without a trailing slash if it can be a REST base; ValueError naming DISCORD_API_BASE."""
    return _checked(url, ("http", "https"), "DISCORD_API_BASE").rstrip("/")


def checked_gateway_url(url: str) -> str:
    """`url` if it can be a gateway URL; ValueError naming DISCORD_GATEWAY_URL."""
    return _checked(url, ("ws", "wss"), "DISCORD_GATEWAY_URL")
