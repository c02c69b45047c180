"""Posting digests to Discord channels over the REST API, each part at most once (`bot.digest.posting`).

No gateway connection is needed: `DiscordDigestPoster` sends through any logged-in
`discord.Client` (the running bot's, or one that only called `login()`), and
`TokenDigestPoster` logs in for each digest with the bot token alone, for cron-style runs.

Each message carries a nonce derived from the run's idempotency key and its part, with
`enforce_nonce` (Discord answers a repeated send within a few minutes with the message already
created), and ends its footer with "ref <hex>", derived the same way: the parts already posted
are found in the channel's newest `history_limit` messages. A 4xx other than 401/403/404/429
refuses the message itself (malformed); rate limits (429) are waited out by discord.py.
"""

from __future__ import annotations

import hashlib
import logging
import re

import aiohttp
import discord

from adapters.discord.digest_render import REF_LENGTH, REF_PREFIX, DigestMessage, one_embed_each, render_digest_messages
from adapters.discord.endpoints import configure_endpoints
from adapters.discord.settings import PLATFORM, DiscordSettings
from bot.digest.model import Digest, PostError, PostResult, Target
from bot.digest.posting import post_parts

log = logging.getLogger(__name__)

NONCE_MAX = 25
"""Discord's longest message nonce."""
HISTORY_LIMIT = 100
"""Messages of the channel's history read before posting (one request)."""
PERMANENT_CODES: dict[int, str] = {
    10003: "Discord says the channel does not exist (deleted, or newsbot cannot see it)",
    50001: "newsbot has no access to the channel (it needs View Channel there)",
    50013: "newsbot lacks permissions in the channel (it needs Send Messages and Embed Links there)",
}
"""Discord error codes after which posting to the channel cannot succeed until someone acts."""
TOKEN_REFUSED = "Discord refused the bot token (401 Unauthorized)"
NOT_ABOUT_THE_MESSAGE = frozenset({401, 403, 404, 429})
"""4xx statuses about the token, the channel or the rate: every other 4xx refuses the message itself
(400 Invalid Form Body, 413 too large, …) and retrying it unchanged cannot help."""
_REF = re.compile(rf"{REF_PREFIX}([0-9a-f]{{{REF_LENGTH}}})\b")
NETWORK_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)


class MessageRefused(Exception):
    """Discord refused one message for good (malformed); the channel itself is fine."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def message_nonce(idempotency_key: str, part: int | str) -> str:
    """The nonce of message `part` of the run with `idempotency_key` (hex, NONCE_MAX characters)."""
    return hashlib.sha256(f"{idempotency_key}#{part}".encode()).hexdigest()[:NONCE_MAX]


def message_ref(idempotency_key: str, part: int | str) -> str:
    """The reference shown in message `part`'s footer (the start of its nonce)."""
    return message_nonce(idempotency_key, part)[:REF_LENGTH]


def post_error(error: Exception) -> PostError:
    """The PostError for a failed send: permanent when retrying cannot help, temporary otherwise."""
    if isinstance(error, discord.HTTPException):
        if error.code in PERMANENT_CODES:
            return PostError(True, f"{PERMANENT_CODES[error.code]} (error {error.code})")
        if error.status == 401:
            return PostError(True, TOKEN_REFUSED)
        if error.status in (403, 404):
            return PostError(True, f"Discord answered HTTP {error.status} (error {error.code}): {error.text[:200]}")
        return PostError(False, f"Discord answered HTTP {error.status} (error {error.code}): {error.text[:200]}")
    if isinstance(error, discord.LoginFailure):
        return PostError(True, TOKEN_REFUSED)
    return PostError(False, f"could not reach Discord: {type(error).__name__}")


def refusal(error: Exception) -> MessageRefused | None:
    """A MessageRefused when Discord refused the message itself as malformed, else None."""
    if not isinstance(error, discord.HTTPException):
        return None
    if not 400 <= error.status < 500 or error.status in NOT_ABOUT_THE_MESSAGE:
        return None
    return MessageRefused(f"Discord refused a message: HTTP {error.status} (error {error.code}): {error.text[:200]}")


def _channel_id(target: Target) -> int:
    if target.platform != PLATFORM:
        # Another platform's run claimed by this process: retry later, when its own poster may take it.
        raise PostError(False, f"this process posts to Discord only, not to {target.platform}")
    if not target.channel.isdigit():
        raise PostError(True, f"{target.channel!r} is not a Discord channel ID")
    return int(target.channel)


class DiscordDigestPoster:
    """Posts digests through a logged-in discord.py client; mentions never ping anyone."""

    def __init__(self, client: discord.Client, *, history_limit: int = HISTORY_LIMIT) -> None:
        self._client = client
        self._history_limit = history_limit

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult:
        """Send the digest's messages in order to the target channel, skipping those already there;
        raises PostError for the channel or a temporary failure, reports refused messages."""
        channel = self._client.get_partial_messageable(
            _channel_id(target), guild_id=int(target.workspace) if target.workspace.isdigit() else None
        )

        def refs(part: str) -> str:
            """The footer reference of message `part` of this run."""
            return message_ref(idempotency_key, part)

        there = await self._refs_in(channel, target)

        async def send(message: DigestMessage, part: str) -> str | None:
            try:
                await self._send(channel, message, message_nonce(idempotency_key, part), target)
            except MessageRefused as refused:
                return refused.reason
            return None

        return await post_parts(
            render_digest_messages(digest, refs),
            key=idempotency_key,
            first=0,
            already=lambda part: refs(part) in there,
            send=send,
            singles=lambda message, part: one_embed_each(message, part, refs),
        )

    async def _send(
        self, channel: discord.PartialMessageable, message: DigestMessage, nonce: str, target: Target
    ) -> None:
        try:
            await channel.send(
                message.content,
                embeds=message.discord_embeds(),
                nonce=nonce,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except (discord.HTTPException, *NETWORK_ERRORS) as error:
            refused = refusal(error)
            if refused is not None:
                log.warning("discord refused a digest message in channel %s: %s", target.channel, refused.reason)
                raise refused from error
            failure = post_error(error)
            log.warning("digest post to discord channel %s failed: %s", target.channel, failure.reason)
            raise failure from error

    async def _refs_in(self, channel: discord.PartialMessageable, target: Target) -> set[str]:
        """The references in the footers of the bot's newest messages in the channel (empty when the
        history cannot be read)."""
        me = self._client.user
        found: set[str] = set()
        try:
            async for message in channel.history(limit=self._history_limit):
                if me is not None and message.author.id != me.id:
                    continue
                for embed in message.embeds:
                    found.update(_REF.findall(embed.footer.text or ""))
        except (discord.HTTPException, *NETWORK_ERRORS) as error:
            log.warning("cannot read discord channel %s's history to avoid a repeat: %s", target.channel, error)
        return found


class TokenDigestPoster:
    """Posts with the bot token alone, without a gateway connection: logs in (one REST call) for
    each digest, then sends as `DiscordDigestPoster` does. For `newsbot digest run-due`.

    Points the whole process at the settings' REST base (see `adapters.discord.endpoints`).
    """

    def __init__(self, settings: DiscordSettings) -> None:
        self._settings = settings

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult:
        """Log in, send the digest, log out; raises PostError."""
        _channel_id(target)
        configure_endpoints(self._settings.api_base, self._settings.gateway_url)
        client = discord.Client(intents=discord.Intents.none(), allowed_mentions=discord.AllowedMentions.none())
        async with client:
            try:
                await client.login(self._settings.token)
            except (discord.HTTPException, discord.LoginFailure, *NETWORK_ERRORS) as error:
                raise post_error(error) from error
            return await DiscordDigestPoster(client).post_digest(target, digest, idempotency_key)

