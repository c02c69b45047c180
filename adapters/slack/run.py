"""Running the Slack bot: Socket Mode (default) or an HTTP server for Events API requests."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from adapters.slack.app import build_app
from adapters.slack.digest_poster import SlackDigestPoster, installation_tokens
from adapters.slack.settings import DEFAULT_HOST, PLATFORM, SlackSettings
from bot.platform import BotParts, Serve
from bot.service.redelivery import StoredEventIds

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def build_web_app(app: AsyncApp) -> web.Application:
    """The aiohttp application: Slack requests on /slack/events (plus the OAuth pages when the app
    installs through OAuth) and a health check on /healthz."""
    web_app = app.web_app(path=EVENTS_PATH)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    web_app.router.add_get(HEALTH_PATH, healthz)
    return web_app


def digest_poster(app: AsyncApp, oauth: AsyncOAuthSettings | None) -> SlackDigestPoster:
    """The poster for this app: its bot token, or each workspace's token when installed through OAuth."""
    if oauth is None:
        return SlackDigestPoster(app.client)
    return SlackDigestPoster(app.client, token_for=installation_tokens(oauth.installation_store))


def _app(settings: SlackSettings, parts: BotParts, *, socket_mode: bool) -> tuple[AsyncApp, SlackDigestPoster]:
    oauth = None
    if settings.oauth and not socket_mode and settings.client_id and settings.client_secret:
        from adapters.slack.oauth import database_oauth_settings  # needs greenlet (SQLAlchemy asyncio)

        oauth = database_oauth_settings(settings.client_id, settings.client_secret, parts.engine)
    app = build_app(
        settings,
        parts.summaries,
        parts.channels,
        socket_mode=socket_mode,
        oauth_settings=oauth,
        digests=parts.digests,
        seen=StoredEventIds(parts.receipts, PLATFORM),
        scorecard=parts.scorecard,
    )
    return app, digest_poster(app, oauth)


async def run_socket_mode(settings: SlackSettings, parts: BotParts) -> None:
    """Connect to Slack over Socket Mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN) and serve until stopped."""
    app, poster = _app(settings, parts, socket_mode=True)
    await parts.summaries.warm_up()
    async with parts.digests.posting(poster):
        await AsyncSocketModeHandler(app, settings.app_token).start_async()


async def run_http(settings: SlackSettings, parts: BotParts, port: int, host: str = DEFAULT_HOST) -> None:
    """Serve Slack's HTTP requests on `port` (SLACK_SIGNING_SECRET; OAuth with SLACK_CLIENT_ID/SECRET)."""
    app, poster = _app(settings, parts, socket_mode=False)
    runner = web.AppRunner(build_web_app(app))
    try:
        await parts.summaries.warm_up()
        await runner.setup()
        await web.TCPSite(runner, host=host, port=port).start()
        log.info("newsbot Slack app listening on http://%s:%d%s", host, port, EVENTS_PATH)
        async with parts.digests.posting(poster):
            await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def slack_bot(settings: SlackSettings, *, http: bool, port: int, host: str) -> Serve:
    """`newsbot slack`: the bot over Socket Mode, or (`http`) serving HTTP requests."""

    def serve(parts: BotParts) -> int:
        asyncio.run(run_http(settings, parts, port, host) if http else run_socket_mode(settings, parts))
        return 0

    return serve
