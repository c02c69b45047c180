"""Posting digests to Discord channels over the REST API (the Poster of `bot.digest.model`).

No gateway connection is needed: `DiscordDigestPoster` sends through any logged-in
`discord.Client` (the running bot's, or one that only called `login()`), and
`TokenDigestPoster` logs in for each digest with the bot token alone, for cron-style runs.

Each message of a digest carries a nonce derived from the run's idempotency key and the
message's number, with `enforce_nonce`: Discord then answers a repeated send within a few
minutes with the message already created instead of posting it again. Rate limits (429) are
waited out and retried by discord.py.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping

import aiohttp
import discord

from adapters.discord.digest_embeds import render_digest_messages
from adapters.discord.endpoints import configure_endpoints
from adapters.discord.flows import PLATFORM
from adapters.discord.settings import DiscordSettings
from bot.digest.model import Digest, PostError, Target

log = logging.getLogger(__name__)

NONCE_MAX = 25
"""Discord's longest message nonce."""
PERMANENT_CODES: dict[int, str] = {
    10003: "Discord says the channel does not exist (deleted, or newsbot cannot see it)",
    50001: "newsbot has no access to the channel (it needs View Channel there)",
    50013: "newsbot lacks permissions in the channel (it needs Send Messages and Embed Links there)",
}
"""Discord error codes after which posting to the channel cannot succeed until someone acts."""
TOKEN_REFUSED = "Discord refused the bot token (401 Unauthorized)"


def message_nonce(idempotency_key: str, part: int) -> str:
    """The nonce of message `part` of the run with `idempotency_key` (hex, NONCE_MAX characters)."""
    return hashlib.sha256(f"{idempotency_key}#{part}".encode()).hexdigest()[:NONCE_MAX]


def post_error(error: Exception) -> PostError:
    """The PostError for a failed send: permanent when retrying cannot help, temporary otherwise."""
    if isinstance(error, discord.HTTPException):
        if error.code in PERMANENT_CODES:
            return PostError(True, f"{PERMANENT_CODES[error.code]} (error {error.code})")
        if error.status == 401:
            return PostError(True, TOKEN_REFUSED)
        return PostError(False, f"Discord answered HTTP {error.status} (error {error.code}): {error.text[:200]}")
    if isinstance(error, discord.LoginFailure):
        return PostError(True, TOKEN_REFUSED)
    return PostError(False, f"could not reach Discord: {type(error).__name__}")


def _channel_id(target: Target) -> int:
    if target.platform != PLATFORM:
        # Another platform's run claimed by this process: retry later, when its own poster may take it.
        raise PostError(False, f"this process posts to Discord only, not to {target.platform}")
    if not target.channel.isdigit():
        raise PostError(True, f"{target.channel!r} is not a Discord channel ID")
    return int(target.channel)


class DiscordDigestPoster:
    """Posts digests through a logged-in discord.py client; mentions never ping anyone."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        """Send the digest's messages in order to the target channel, or raise PostError."""
        channel = self._client.get_partial_messageable(
            _channel_id(target), guild_id=int(target.workspace) if target.workspace.isdigit() else None
        )
        for part, message in enumerate(render_digest_messages(digest)):
            try:
                await channel.send(
                    message.content,
                    embeds=message.discord_embeds(),
                    nonce=message_nonce(idempotency_key, part),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as error:
                failure = post_error(error)
                log.warning("digest post to discord channel %s failed: %s", target.channel, failure.reason)
                raise failure from error


class TokenDigestPoster:
    """Posts with the bot token alone, without a gateway connection: logs in (one REST call) for
    each digest, then sends as `DiscordDigestPoster` does. For `newsbot digest run-due`.

    Points the whole process at the settings' REST base (see `adapters.discord.endpoints`).
    """

    def __init__(self, settings: DiscordSettings) -> None:
        self._settings = settings

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        """Log in, send the digest, log out; raises PostError."""
        _channel_id(target)
        configure_endpoints(self._settings.api_base, self._settings.gateway_url)
        client = discord.Client(intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none())
        async with client:
            try:
                await client.login(self._settings.token)
            except (discord.HTTPException, discord.LoginFailure, aiohttp.ClientError, OSError) as error:
                raise post_error(error) from error
            await DiscordDigestPoster(client).post_digest(target, digest, idempotency_key)


def poster_from_env(environ: Mapping[str, str] | None = None) -> TokenDigestPoster | None:
    """A TokenDigestPoster from DISCORD_TOKEN (and DISCORD_API_BASE), or None when no token is set.

    Raises ValueError naming the variable at fault when a setting is malformed.
    """
    env = os.environ if environ is None else environ
    if not env.get("DISCORD_TOKEN", "").strip():
        return None
    return TokenDigestPoster(DiscordSettings.from_env(env))
