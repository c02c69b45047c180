"""What newsbot does for each Slack event: call the core service, answer with Block Kit."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import replies
from adapters.slack.compare_render import render_compare_blocks
from adapters.slack.markup import escape
from adapters.slack.render import render_report_blocks, render_unfurl_blocks
from adapters.slack.settings import PLATFORM
from adapters.slack.stats_render import render_stats_blocks
from bot.digest.model import Target
from bot.service import SummaryOutcome, SummaryRequest, SummaryService
from bot.service.channels import Channels
from bot.service.command import parse_command
from bot.service.comparing import StoryComparer
from bot.service.sourcing import USAGE as SOURCING_USAGE
from bot.service.sourcing import SourcingStatsService, parse_sourcing_command

log = logging.getLogger(__name__)

Ack = Callable[..., Awaitable[None]]
Payload = dict[str, Any]


class SlackHandlers:
    """Bolt listeners (arguments are injected by Bolt by name)."""

    def __init__(
        self, service: SummaryService, channels: Channels, managers: frozenset[str], stats: SourcingStatsService | None
    ) -> None:
        self._service = service
        self._channels = channels
        self._managers = managers
        self._comparer = StoryComparer(service)
        self._stats = stats

    async def command(
        self, ack: Ack, command: Payload, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """`/summarise ...`: ack at once, then post the report or comparison (or tell only the caller)."""
        parsed = parse_command(command.get("text", ""))
        if parsed.action == "help":
            await ack(text=replies.USAGE)
            return
        if parsed.action == "auto":
            await ack()
            await self._switch_auto(command, parsed.auto_on, client, respond)
            return
        await ack(text=replies.READING)
        user, channel = command["user_id"], command["channel_id"]
        request = SummaryRequest(PLATFORM, command.get("team_id", ""), channel, user, parsed.text)
        if parsed.action == "compare":
            await self._compare(request, client, respond)
            return
        outcome = await self._service.summarise(request)

        for answer in outcome.answers(escape):
            if isinstance(answer, str):
                await respond(text=answer, response_type="ephemeral", replace_original=False)
                continue
            blocks, text = render_report_blocks(answer)
            if parsed.private:
                await respond(blocks=blocks, text=text, response_type="ephemeral", replace_original=False)
            else:
                await _post_or_respond(client, respond, channel, blocks, text)

    async def sourcing(self, ack: Ack, command: Payload, respond: AsyncRespond) -> None:
        """`/sourcing stats [days]`: the channel's scorecard, shown only to the caller; else the usage."""
        parsed = parse_sourcing_command(command.get("text", ""))
        if parsed.action == "help" or self._stats is None:
            await ack(text=escape(" ".join(filter(None, (parsed.problem, SOURCING_USAGE)))))
            return
        await ack()
        target = Target(PLATFORM, command.get("team_id", ""), command["channel_id"])
        blocks, text = render_stats_blocks(await self._stats.stats(target, parsed.days))
        await respond(blocks=blocks, text=text, response_type="ephemeral", replace_original=False)

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
            await _ephemeral(client, channel, user, replies.MENTION_HINT, thread_ts)
            return
        await self._answer_in_thread(client, outcome, channel, user, thread_ts)

    async def message(self, event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        """A member's message: its links are remembered for digests and, with automatic mode on,
        summarised in its thread (`bot.service.channels`)."""
        if event.get("subtype") not in (None, "thread_broadcast", "file_share") or event.get("bot_id"):
            return
        text, target = event.get("text", ""), Target(PLATFORM, context.team_id or "", event["channel"])
        mentioned = bool(context.bot_user_id) and f"<@{context.bot_user_id}>" in text  # app_mention answers it
        posted = datetime.fromtimestamp(float(event["ts"]), UTC)
        reports = await self._channels.message_posted(target, event.get("user", ""), text, posted, answered=mentioned)
        for report in reports:
            blocks, fallback = render_report_blocks(report)
            await client.chat_postMessage(
                channel=target.channel,
                thread_ts=event.get("thread_ts") or event["ts"],
                blocks=blocks,
                text=fallback,
                unfurl_links=False,
            )

    async def link_shared(self, event: Payload, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        """Links from the app's registered domains: unfurl them with a compact summary."""
        links = [link["url"] for link in event.get("links", []) if link.get("url")]
        request = SummaryRequest(
            PLATFORM,
            context.team_id or "",
            event.get("channel", ""),
            event.get("user", ""),
            " ".join(links),
            links_only=True,
        )
        reports = (await self._service.summarise(request)).reports_by_link(links)
        unfurls = {link: {"blocks": render_unfurl_blocks(report)} for link, report in reports.items()}
        if not unfurls:
            return
        if event.get("unfurl_id") and event.get("source"):
            await client.chat_unfurl(unfurls=unfurls, unfurl_id=event["unfurl_id"], source=event["source"])
        else:
            await client.chat_unfurl(unfurls=unfurls, channel=event["channel"], ts=event["message_ts"])

    async def _answer_in_thread(
        self,
        client: AsyncWebClient,
        outcome: SummaryOutcome,
        channel: str,
        user: str,
        thread_ts: str | None,
        respond: AsyncRespond | None = None,
    ) -> None:
        for answer in outcome.answers(escape):
            if isinstance(answer, str):
                await _ephemeral(client, channel, user, answer, thread_ts, respond)
                continue
            blocks, text = render_report_blocks(answer)
            await client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, blocks=blocks, text=text, unfurl_links=False
            )

    async def _compare(self, request: SummaryRequest, client: AsyncWebClient, respond: AsyncRespond) -> None:
        """Post the comparison in the channel; tell only the caller about links that could not be read."""
        outcome = await self._comparer.compare(request)
        if outcome.comparison is not None:
            await _post_or_respond(client, respond, request.channel, *render_compare_blocks(outcome.comparison))
        if notes := outcome.notes(escape):
            await respond(text="\n".join(notes), response_type="ephemeral", replace_original=False)

    async def _switch_auto(
        self, command: Payload, on: bool, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        user = command["user_id"]
        if not await is_manager(client, user, self._managers):
            await respond(text=replies.NOT_A_MANAGER, response_type="ephemeral")
            return
        await self._channels.set_auto(Target(PLATFORM, command.get("team_id", ""), command["channel_id"]), on, user)
        await respond(text=(replies.AUTO_ON if on else replies.AUTO_OFF).format(user=user), response_type="in_channel")


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
