"""Running the Slack bot: Socket Mode (default) or an HTTP server for Events API requests."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from adapters.slack.app import build_app
from adapters.slack.dedupe import StoredEventIds
from adapters.slack.digest_poster import SlackDigestPoster, installation_tokens
from adapters.slack.settings import SlackSettings
from bot.digest.model import Poster
from bot.digest.runtime import start_digests
from bot.digest.scheduler import DigestScheduler
from bot.service import SummaryService
from bot.store.events import EventReceipts
from bot.store.settings import ChannelSettings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DEFAULT_HOST = "0.0.0.0"
"""Where HTTP mode listens unless `--host` says otherwise: every address of the machine."""
SCHEDULER_STOP_SECONDS = 30.0
"""How long shutting down waits for a digest pass in progress before cancelling it."""


def missing_settings(settings: SlackSettings, *, http: bool) -> list[str]:
    """The environment variables this mode needs that are not set."""
    needed: dict[str, str | None]
    if not http:
        needed = {"SLACK_BOT_TOKEN": settings.bot_token, "SLACK_APP_TOKEN": settings.app_token}
    elif settings.oauth:
        needed = {"SLACK_SIGNING_SECRET": settings.signing_secret}
    else:
        needed = {"SLACK_BOT_TOKEN": settings.bot_token, "SLACK_SIGNING_SECRET": settings.signing_secret}
    return [name for name, value in needed.items() if not value]


def build_web_app(app: AsyncApp) -> web.Application:
    """The aiohttp application: Slack requests on /slack/events (plus the OAuth pages when the app
    installs through OAuth) and a health check on /healthz."""
    web_app = app.web_app(path=EVENTS_PATH)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    web_app.router.add_get(HEALTH_PATH, healthz)
    return web_app


@asynccontextmanager
async def digests_running(
    scheduler: DigestScheduler, poster: Poster, *, stop_after: float = SCHEDULER_STOP_SECONDS
) -> AsyncIterator[asyncio.Task[None]]:
    """Post due digests in the background while the block runs; then stop after the current pass
    (cancelling it if it takes longer than `stop_after` seconds)."""
    task = asyncio.create_task(scheduler.run_forever(poster), name="digest-scheduler")
    try:
        yield task
    finally:
        scheduler.stop()
        try:
            await asyncio.wait_for(task, stop_after)
        except TimeoutError:
            log.warning("the digest pass did not end within %s s and was cancelled", stop_after)


def digest_poster(app: AsyncApp, oauth: AsyncOAuthSettings | None) -> SlackDigestPoster:
    """The poster for this app: its bot token, or each workspace's token when installed through OAuth."""
    if oauth is None:
        return SlackDigestPoster(app.client)
    return SlackDigestPoster(app.client, token_for=installation_tokens(oauth.installation_store))


def _assemble(
    settings: SlackSettings, *, socket_mode: bool
) -> tuple[AsyncApp, SummaryService, DigestScheduler, SlackDigestPoster]:
    digests = start_digests(platforms=frozenset({"slack"}))
    oauth = None
    if settings.oauth and not socket_mode and settings.client_id and settings.client_secret:
        from adapters.slack.oauth import database_oauth_settings  # needs greenlet (SQLAlchemy asyncio)

        oauth = database_oauth_settings(settings.client_id, settings.client_secret, digests.engine)
    service = SummaryService()
    app = build_app(
        settings,
        service,
        ChannelSettings(digests.engine),
        socket_mode=socket_mode,
        oauth_settings=oauth,
        digests=True,
        seen=StoredEventIds(EventReceipts(digests.engine)),
    )
    return app, service, digests.scheduler, digest_poster(app, oauth)


async def run_socket_mode(settings: SlackSettings | None = None) -> None:
    """Connect to Slack over Socket Mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN) and serve until stopped."""
    settings = settings or SlackSettings.from_env()
    app, service, scheduler, poster = _assemble(settings, socket_mode=True)
    try:
        await service.warm_up()
        async with digests_running(scheduler, poster):
            await AsyncSocketModeHandler(app, settings.app_token).start_async()
    finally:
        service.close()


async def run_http(port: int, settings: SlackSettings | None = None, host: str = DEFAULT_HOST) -> None:
    """Serve Slack's HTTP requests on `port` (SLACK_SIGNING_SECRET; OAuth with SLACK_CLIENT_ID/SECRET)."""
    settings = settings or SlackSettings.from_env()
    app, service, scheduler, poster = _assemble(settings, socket_mode=False)
    runner = web.AppRunner(build_web_app(app))
    try:
        await service.warm_up()
        await runner.setup()
        await web.TCPSite(runner, host=host, port=port).start()
        log.info("newsbot Slack app listening on http://%s:%d%s", host, port, EVENTS_PATH)
        async with digests_running(scheduler, poster):
            await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        service.close()


def main(http: bool, port: int, host: str = DEFAULT_HOST) -> int:
    """Entry point for `newsbot slack [--http --host H --port N]`; returns the process exit status."""
    settings = SlackSettings.from_env()
    missing = missing_settings(settings, http=http)
    if missing:
        print(f"newsbot slack: set {', '.join(missing)} (see .env.example)", file=sys.stderr)
        return 2
    try:
        asyncio.run(run_http(port, settings, host=host) if http else run_socket_mode(settings))
    except KeyboardInterrupt:
        return 0
    return 0
