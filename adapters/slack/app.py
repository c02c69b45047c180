"""Building the Bolt app: Web API client, listeners, retry de-duplication, error handling."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.digest_handlers import DIGEST_COMMAND, DigestHandlers
from adapters.slack.handlers import SlackHandlers
from adapters.slack.settings import SlackSettings
from bot.digest.runtime import DigestRuntime
from bot.service import AutoModeStore, SummaryService
from bot.service.channels import Channels
from bot.service.redelivery import EventIds, LocalEventIds, handle_once
from bot.service.service import GENERIC_ERROR
from bot.service.sourcing import SourcingStatsService, StatsSource

log = logging.getLogger(__name__)

COMMAND = "/summarise"
SOURCING_COMMAND = "/sourcing"
SHORTCUT_CALLBACK_ID = "summarise_message"
RETRY_HEADER = "x-slack-retry-num"


def make_client(settings: SlackSettings) -> AsyncWebClient:
    """A Web API client for SLACK_API_URL (or Slack), retrying 429 answers after Retry-After."""
    retries = [AsyncRateLimitErrorRetryHandler(max_retry_count=2), AsyncConnectionErrorRetryHandler()]
    if settings.api_url:
        return AsyncWebClient(token=settings.bot_token, base_url=settings.api_url, retry_handlers=retries)
    return AsyncWebClient(token=settings.bot_token, retry_handlers=retries)


def build_app(
    settings: SlackSettings,
    service: SummaryService,
    store: AutoModeStore,
    *,
    socket_mode: bool = False,
    oauth_settings: AsyncOAuthSettings | None = None,
    digests: DigestRuntime | None = None,
    seen: EventIds | None = None,
    scorecard: StatsSource | None = None,
) -> AsyncApp:
    """The Bolt app with newsbot's listeners. Socket Mode needs no signing secret; HTTP mode does.

    With `digests`, it also answers `/digest` and remembers the links posted in channels for
    shared-links digests; with `scorecard`, it answers `/sourcing`. `seen` remembers the event ids
    taken in (default: in this process; several instances share `bot.service.redelivery.StoredEventIds`).
    """
    client = make_client(settings)
    if oauth_settings is not None:
        app = AsyncApp(
            signing_secret=settings.signing_secret or "",
            client=client,
            oauth_settings=oauth_settings,
        )
    else:
        if not socket_mode and not settings.signing_secret:
            raise ValueError("SLACK_SIGNING_SECRET is required to receive events over HTTP")
        app = AsyncApp(
            client=client,
            signing_secret=settings.signing_secret or "",
            request_verification_enabled=not socket_mode,
        )
    app.use(skip_redeliveries(seen or LocalEventIds()))
    app.error(report_unexpected_error)

    channels = Channels(service, store, digests.service if digests is not None else None)
    stats = SourcingStatsService(scorecard) if scorecard is not None else None
    handlers = SlackHandlers(service, channels, settings.managers, stats)
    app.command(COMMAND)(handlers.command)
    if stats is not None:
        app.command(SOURCING_COMMAND)(handlers.sourcing)
    app.shortcut(SHORTCUT_CALLBACK_ID)(handlers.shortcut)
    app.event("app_mention")(handlers.app_mention)
    app.event("message")(handlers.message)
    app.event("link_shared")(handlers.link_shared)
    if digests is not None:
        app.command(DIGEST_COMMAND)(DigestHandlers(digests.commands, settings.managers).command)
    return app


Next = Callable[[], Awaitable[None]]


def skip_redeliveries(
    seen: EventIds,
) -> Callable[[AsyncBoltRequest, dict[str, Any], Next], Awaitable[BoltResponse | None]]:
    """Global middleware: handle each event id once (`bot.service.redelivery.handle_once`); a
    redelivery of an event already taken in is acknowledged without handling it."""

    async def middleware(req: AsyncBoltRequest, body: dict[str, Any], next: Next) -> BoltResponse | None:
        event_id = body.get("event_id")
        if await handle_once(seen, event_id if isinstance(event_id, str) else None, next):
            return None
        log.info("acknowledging event %s again (delivery %d) without reprocessing", event_id, _retry_number(req))
        return BoltResponse(status=200, body="")

    return middleware


def _retry_number(req: AsyncBoltRequest) -> int:
    """Which redelivery this is (0 for the first delivery; Socket Mode always sends the header)."""
    values = req.headers.get(RETRY_HEADER) or ["0"]
    try:
        return int(values[0])
    except ValueError:
        return 0


async def report_unexpected_error(error: Exception, context: AsyncBoltContext) -> None:
    """Log a listener's failure and, where possible, tell the person who asked in one sentence."""
    log.error("Slack listener failed", exc_info=error)
    if context.respond is None:
        return
    try:
        await context.respond(text=GENERIC_ERROR, response_type="ephemeral", replace_original=False)
    except Exception:
        log.exception("could not tell the user about the failure")
