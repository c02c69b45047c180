"""Multi-workspace OAuth: install page, redirect, installation stored in the app database, then used."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp
from aiohttp import web

from adapters.slack.app import build_app
from adapters.slack.oauth import database_oauth_settings
from adapters.slack.run import build_web_app
from adapters.slack.scopes import BOT_SCOPES
from adapters.slack.settings import SlackSettings
from bot.model import Article, Report
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.store.engine import make_engine
from tests.fakes.slack_api import INSTALLED_BOT_TOKEN, INSTALLED_TEAM_ID, FakeSlackAPI, block_problems

SECRET = "oauth-signing-secret"


def summary_of(article: Article) -> Report:
    return Report(text=article.text, summary=(article.text,), summary_spans=((0, len(article.text)),))


async def test_install_then_commands_use_the_stored_installation(tmp_path: Path) -> None:
    api = await FakeSlackAPI().start()
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    settings = SlackSettings(
        signing_secret=SECRET, client_id="111.222", client_secret="shh", api_url=api.base_url
    )
    oauth = database_oauth_settings("111.222", "shh", engine)
    service = SummaryService(fetch=None, analyse=summary_of)
    app = build_app(settings, service, InMemoryAutoModeStore(), oauth_settings=oauth)
    runner = web.AppRunner(build_web_app(app))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/slack/install") as page:
                assert page.status == 200
                html = await page.text()
                state_cookie = page.headers["Set-Cookie"].split(";")[0]  # Secure: sent by hand over http
            authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', html)
            assert authorize is not None
            query = parse_qs(urlsplit(authorize.group(1).replace("&amp;", "&")).query)
            assert query["client_id"] == ["111.222"]
            assert set(query["scope"][0].split(",")) == set(BOT_SCOPES)

            redirect = f"{base}/slack/oauth_redirect?code=the-code&state={query['state'][0]}"
            async with http.get(redirect, headers={"Cookie": state_cookie}) as done:
                assert done.status == 200
            (exchange,) = api.called("oauth.v2.access")
            assert exchange.args["code"] == "the-code"

            body = urlencode(
                {
                    "team_id": INSTALLED_TEAM_ID,
                    "channel_id": "C1",
                    "user_id": "U1",
                    "command": "/summarise",
                    "text": "Pasted article text about a bridge.",
                    "response_url": api.response_url(),
                }
            )
            stamp = str(int(time.time()))
            digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": f"v0={digest}",
            }
            async with http.post(base + "/slack/events", data=body, headers=headers) as ack:
                assert ack.status == 200
        (post,) = await api.wait_for("chat.postMessage")
        assert post.token == INSTALLED_BOT_TOKEN
        assert block_problems(post.args["blocks"]) == []
    finally:
        await runner.cleanup()
        await api.close()
        service.close()
        engine.dispose()
