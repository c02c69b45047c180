"""What newsbot does for each Slack event: call the core service, answer with Block Kit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import render_report_blocks, render_unfurl_blocks
from adapters.slack.commands import USAGE, parse_command
from adapters.slack.mrkdwn import escape
from bot.service import AutoModeStore, SummaryOutcome, SummaryRequest, SummaryService
from bot.service.service import skipped_note
from bot.service.urls import canonical_url, find_urls

log = logging.getLogger(__name__)

PLATFORM = "slack"
Ack = Callable[..., Awaitable[None]]
Payload = dict[str, Any]
LinkRecorder = Callable[[str, str, str, str, str, datetime], Awaitable[bool]]
"""Remembers a link posted in a channel: (platform, workspace, channel, url, user, posted at)."""

READING = ":hourglass_flowing_sand: Reading it now…"
MENTION_HINT = "Mention me with a link to an article and I'll summarise it in a thread."
NOT_A_MANAGER = (
    "Only workspace admins and owners (or the people listed in NEWSBOT_SLACK_MANAGERS) "
    "can switch automatic summaries for a channel."
)
AUTO_ON = "<@{user}> switched automatic summaries *on*: I'll reply in a thread to messages with links."
AUTO_OFF = "<@{user}> switched automatic summaries *off* for this channel."


class SlackListeners:
    """Bolt listeners (arguments are injected by Bolt by name)."""

    def __init__(
        self,
        service: SummaryService,
        store: AutoModeStore,
        managers: frozenset[str],
        *,
        record_link: LinkRecorder | None = None,
    ) -> None:
        self._service = service
        self._store = store
        self._managers = managers
        self._record_link = record_link

    async def command(
        self, ack: Ack, command: Payload, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """`/summarise ...`: ack at once, then post the report (or tell only the caller)."""
        parsed = parse_command(command.get("text", ""))
        if parsed.action == "help":
            await ack(text=USAGE)
            return
        if parsed.action == "auto":
            await ack()
            await self._switch_auto(command, parsed.auto_on, client, respond)
            return
        await ack(text=READING)
        user, channel = command["user_id"], command["channel_id"]
        outcome = await self._service.summarise(
            SummaryRequest(PLATFORM, command.get("team_id", ""), channel, user, parsed.text)
        )

        async def tell(text: str) -> None:
            await respond(text=text, response_type="ephemeral", replace_original=False)

        for item in outcome.items:
            if item.report is None:
                await tell(_error_text(item.source, item.error))
                continue
            blocks, text = render_report_blocks(item.report)
            if parsed.private:
                await respond(blocks=blocks, text=text, response_type="ephemeral", replace_original=False)
            else:
                await _post_or_respond(client, respond, channel, blocks, text)
        if outcome.skipped_urls:
            await tell(skipped_note(len(outcome.skipped_urls)))

    async def shortcut(
        self, ack: Ack, shortcut: Payload, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """Message shortcut: summarise the message's links (or its text) in its thread."""
        await ack()
        message = shortcut.get("message", {})
        channel, user = shortcut["channel"]["id"], shortcut["user"]["id"]
        thread_ts = message.get("thread_ts") or message.get("ts")
        request = SummaryRequest(
            PLATFORM, shortcut.get("team", {}).get("id", ""), channel, user, message.get("text", "")
        )
        await self._answer_in_thread(
            client, await self._service.summarise(request), channel, user, thread_ts, respond
        )

    async def app_mention(self, event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        """A mention with a link: summary in the thread; without one, a hint to the sender."""
        channel, user = event["channel"], event.get("user", "")
        thread_ts = event.get("thread_ts") or event["ts"]
        request = SummaryRequest(
            PLATFORM, context.team_id or "", channel, user, event.get("text", ""), links_only=True
        )
        outcome = await self._service.summarise(request)
        if not outcome.items:
            await _ephemeral(client, channel, user, MENTION_HINT, thread_ts)
            return
        await self._answer_in_thread(client, outcome, channel, user, thread_ts)

    async def message(self, event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        """A message with links: remember them for digests; with automatic mode on, summarise them."""
        if event.get("subtype") not in (None, "thread_broadcast", "file_share") or event.get("bot_id"):
            return
        text = event.get("text", "")
        urls = find_urls(text)
        if not urls:
            return
        workspace, channel = context.team_id or "", event["channel"]
        await self._remember_links(workspace, channel, event, urls)
        if context.bot_user_id and f"<@{context.bot_user_id}>" in text:
            return  # the app_mention listener answers this one
        if not await asyncio.to_thread(self._store.get_auto, PLATFORM, workspace, channel):
            return
        request = SummaryRequest(PLATFORM, workspace, channel, event.get("user", ""), text, links_only=True)
        outcome = await self._service.summarise(request)
        thread_ts = event.get("thread_ts") or event["ts"]
        for item in outcome.items:
            if item.report is not None:
                blocks, fallback = render_report_blocks(item.report)
                await client.chat_postMessage(
                    channel=channel, thread_ts=thread_ts, blocks=blocks, text=fallback, unfurl_links=False
                )
            else:
                log.info("automatic summary of %s skipped: %s", item.source, item.code)

    async def link_shared(self, event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        """Links from the app's registered domains: unfurl them with a compact summary."""
        links = [link["url"] for link in event.get("links", []) if link.get("url")]
        by_key = {_key(url): url for url in links}
        request = SummaryRequest(
            PLATFORM,
            context.team_id or "",
            event.get("channel", ""),
            event.get("user", ""),
            " ".join(links),
            links_only=True,
        )
        outcome = await self._service.summarise(request)
        unfurls = {
            by_key.get(_key(item.source), item.source): {"blocks": render_unfurl_blocks(item.report)}
            for item in outcome.items
            if item.report is not None and item.source is not None
        }
        if not unfurls:
            return
        if event.get("unfurl_id") and event.get("source"):
            await client.chat_unfurl(unfurls=unfurls, unfurl_id=event["unfurl_id"], source=event["source"])
        else:
            await client.chat_unfurl(unfurls=unfurls, channel=event["channel"], ts=event["message_ts"])

    async def _remember_links(self, workspace: str, channel: str, event: Payload, urls: Sequence[str]) -> None:
        if self._record_link is None:
            return
        posted = datetime.fromtimestamp(float(event["ts"]), UTC)
        for url in urls:
            try:
                await self._record_link(PLATFORM, workspace, channel, url, event.get("user", ""), posted)
            except Exception:
                log.exception("could not record a shared link for the channel's digest")

    async def _answer_in_thread(
        self,
        client: AsyncWebClient,
        outcome: SummaryOutcome,
        channel: str,
        user: str,
        thread_ts: str | None,
        respond: AsyncRespond | None = None,
    ) -> None:
        for item in outcome.items:
            if item.report is None:
                await _ephemeral(
                    client, channel, user, _error_text(item.source, item.error), thread_ts, respond
                )
                continue
            blocks, text = render_report_blocks(item.report)
            await client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, blocks=blocks, text=text, unfurl_links=False
            )
        if outcome.skipped_urls:
            await _ephemeral(
                client, channel, user, skipped_note(len(outcome.skipped_urls)), thread_ts, respond
            )

    async def _switch_auto(
        self, command: Payload, on: bool, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        user = command["user_id"]
        if not await is_manager(client, user, self._managers):
            await respond(text=NOT_A_MANAGER, response_type="ephemeral")
            return
        await asyncio.to_thread(
            self._store.set_auto, PLATFORM, command.get("team_id", ""), command["channel_id"], on, user
        )
        await respond(text=(AUTO_ON if on else AUTO_OFF).format(user=user), response_type="in_channel")


async def is_manager(client: AsyncWebClient, user: str, managers: frozenset[str]) -> bool:
    """Whether `user` may change channel settings: listed in `managers`, or a workspace admin or owner."""
    if user in managers:
        return True
    try:
        info = (await client.users_info(user=user)).get("user") or {}
    except SlackApiError:
        log.exception("users.info failed; treating the user as not a manager")
        return False
    return bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner"))


def _key(url: str) -> str:
    try:
        return canonical_url(url)
    except ValueError:
        return url


def _error_text(source: str | None, error: str | None) -> str:
    sentence = error or ""
    return f"{escape(source)}: {sentence}" if source else sentence


async def _post_or_respond(
    client: AsyncWebClient, respond: AsyncRespond, channel: str, blocks: Sequence[Payload], text: str
) -> None:
    """Post in the channel; where the bot may not post, answer through the command's response_url."""
    try:
        await client.chat_postMessage(channel=channel, blocks=blocks, text=text, unfurl_links=False)
    except SlackApiError as exc:
        log.info("chat.postMessage refused (%s); answering through response_url", exc.response.get("error"))
        await respond(blocks=list(blocks), text=text, response_type="in_channel", replace_original=False)


async def _ephemeral(
    client: AsyncWebClient,
    channel: str,
    user: str,
    text: str,
    thread_ts: str | None,
    respond: AsyncRespond | None = None,
) -> None:
    """Tell only `user`; fall back to the response_url, and never raise."""
    try:
        await client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts)
    except SlackApiError as exc:
        log.info("chat.postEphemeral refused (%s)", exc.response.get("error"))
        if respond is not None:
            await respond(text=text, response_type="ephemeral", replace_original=False)
