"""Posting digests to Slack channels, each part at most once (`bot.digest.posting`).

Slack's chat.postMessage has no idempotency key: each part carries the run's key in its message
metadata, and the parts already posted are found in the channel's recent history (messages of
the last `lookback`, at most `history_limit` of them). `MESSAGE_ERRORS` refuse the message
itself (malformed), `PERMANENT_ERRORS` the channel.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.digest_render import SlackMessage, render_digest_messages
from bot.digest.model import Digest, PostError, PostResult, Target
from bot.digest.posting import post_parts

log = logging.getLogger(__name__)

EVENT_TYPE = "newsbot_digest"
"""The metadata event type that marks newsbot's digest messages."""
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "missing_scope",
    }
)
"""Slack errors after which retrying cannot help: the subscription is disabled."""
MESSAGE_ERRORS = frozenset(
    {
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
        "invalid_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "invalid_arguments",
        "invalid_arg_name",
        "invalid_array_arg",
        "invalid_charset",
        "invalid_form_data",
    }
)
"""Slack errors that refuse the message itself: sending it again unchanged cannot help."""
NOT_INSTALLED = "newsbot is not installed in this workspace"

NETWORK_ERRORS = (SlackClientError, aiohttp.ClientError, TimeoutError)
"""Failures to reach Slack at all (the async client raises aiohttp's errors as they are)."""
TokenLookup = Callable[[str], Awaitable[str | None]]
"""The bot token for a workspace (team id), or None when the app is not installed there."""


class SlackDigestPoster:
    """Posts digests with chat.postMessage (a Poster for the digest scheduler)."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        token_for: TokenLookup | None = None,
        lookback: timedelta = timedelta(days=1),
        history_limit: int = 200,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._client = client
        self._token_for = token_for
        self._lookback = lookback
        self._history_limit = history_limit
        self._clock = clock

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult:
        """Post each part of the digest not already in the channel (`bot.digest.posting`); raises
        PostError for the channel or a temporary failure, reports refused messages."""
        token = await self._token(target.workspace)
        messages = render_digest_messages(digest)
        there = await self._parts_posted(target.channel, idempotency_key, token)

        async def send(message: SlackMessage, part: str) -> str | None:
            number, _, sub = part.partition(".")
            payload: dict[str, Any] = {"key": idempotency_key, "part": int(number), "parts": len(messages)}
            if sub:
                payload["sub"] = int(sub)
            return await self._send(target.channel, message, payload, token)

        def singles(message: SlackMessage, part: str) -> list[SlackMessage]:
            alone = (Digest(digest.title, (item,), subscription_id=digest.subscription_id) for item in message.items)
            return [render_digest_messages(one)[0] for one in alone]

        return await post_parts(
            messages, key=idempotency_key, first=1, already=there.__contains__, send=send, singles=singles
        )

    async def _send(
        self, channel: str, message: SlackMessage, payload: dict[str, Any], token: str | None
    ) -> str | None:
        """Post one message; the reason when Slack refuses it as malformed, else None (raises PostError)."""
        try:
            await self._client.chat_postMessage(
                channel=channel,
                blocks=list(message.blocks),
                text=message.text,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": EVENT_TYPE, "event_payload": payload},
                token=token,
            )
        except SlackApiError as error:
            reason = _reason(error)
            if reason in MESSAGE_ERRORS:
                log.warning("slack refused a digest message in %s: %s", channel, reason)
                return f"Slack refused a message: {reason}"
            raise _post_error(error) from error
        except NETWORK_ERRORS as error:
            raise PostError(False, f"could not reach Slack ({type(error).__name__})") from error
        return None

    async def _token(self, workspace: str) -> str | None:
        """The bot token for this workspace's calls (None: the client's own token)."""
        if self._token_for is None:
            return None
        token = await self._token_for(workspace)
        if token is None:
            raise PostError(True, NOT_INSTALLED)
        return token

    async def _parts_posted(self, channel: str, key: str, token: str | None) -> set[str]:
        """The parts ("2", or "2.1" for a part's first item sent alone) of this key's messages in the
        channel's recent history."""
        oldest = (self._clock() - self._lookback).timestamp()
        try:
            response = await self._client.conversations_history(
                channel=channel,
                oldest=f"{oldest:.6f}",
                limit=self._history_limit,
                include_all_metadata=True,
                token=token,
            )
        except (SlackApiError, *NETWORK_ERRORS) as error:
            log.warning("cannot read the history of %s to avoid a repeat post: %s", channel, _reason(error))
            return set()
        return {
            part
            for message in response.get("messages") or []
            if (part := _part_of(message, key)) is not None
        }


def _part_of(message: dict[str, Any], key: str) -> str | None:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    if metadata.get("event_type") != EVENT_TYPE or payload.get("key") != key:
        return None
    part, sub = payload.get("part"), payload.get("sub")
    if not isinstance(part, int):
        return None
    return f"{part}.{sub}" if isinstance(sub, int) else str(part)


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or "unknown_error")
    return type(error).__name__


def _post_error(error: SlackApiError) -> PostError:
    reason = _reason(error)
    return PostError(reason in PERMANENT_ERRORS, reason)


def installation_tokens(store: AsyncInstallationStore) -> TokenLookup:
    """Looks up each workspace's bot token in the OAuth installation store."""

    async def token_for(workspace: str) -> str | None:
        bot = await store.async_find_bot(enterprise_id=None, team_id=workspace)
        return bot.bot_token if bot is not None else None

    return token_for
