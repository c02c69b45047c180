"""The `/digest` slash command: channel digest subscriptions, answered only to the caller."""

from __future__ import annotations

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.digest_render import render_digest_messages
from adapters.slack.handlers import Ack, Payload, is_manager
from adapters.slack.markup import escape
from adapters.slack.settings import PLATFORM
from bot.digest.commands import DigestCommands
from bot.digest.model import ChannelContext

DIGEST_COMMAND = "/digest"
MAX_RESPONSES = 5
"""Slack accepts at most five answers through one command's response_url."""


class DigestHandlers:
    """Answers `/digest ...` through the core's digest commands (Bolt injects arguments by name)."""

    def __init__(self, commands: DigestCommands, managers: frozenset[str]) -> None:
        self._commands = commands
        self._managers = managers

    async def command(self, ack: Ack, command: Payload, client: AsyncWebClient, respond: AsyncRespond) -> None:
        """Ack at once, run the command, then answer ephemerally (a preview as digest messages)."""
        await ack()
        user = command["user_id"]
        ctx = ChannelContext(
            platform=PLATFORM,
            workspace=command.get("team_id", ""),
            channel=command["channel_id"],
            user=user,
            is_manager=await is_manager(client, user, self._managers),
        )
        reply = await self._commands.handle(ctx, command.get("text", ""))
        await respond(text=escape(reply.text), response_type="ephemeral", replace_original=False)
        if reply.digest is None:
            return
        for message in render_digest_messages(reply.digest)[: MAX_RESPONSES - 1]:
            await respond(
                blocks=list(message.blocks), text=message.text, response_type="ephemeral", replace_original=False
            )
