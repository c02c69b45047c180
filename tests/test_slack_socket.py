"""The Slack app in Socket Mode, end to end against a fake Socket Mode server and Web API."""

from __future__ import annotations

import json

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.slack.app import build_app
from adapters.slack.replies import READING
from adapters.slack.settings import SlackSettings
from bot.model import Article, Report
from bot.service import InMemoryAutoModeStore, SummaryService
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID, FakeSlackAPI, block_problems
from tests.fakes.slack_socket import FakeSocketMode

APP_TOKEN = "xapp-test-token"
BOT_TOKEN = "xoxb-test-token"
PASTED = "The council said on Monday that the bridge will close for six weeks. Engineers found worn cables."


def first_sentence(article: Article) -> Report:
    first = article.text.split(". ")[0] + "."
    return Report(text=article.text, summary=(first,), summary_spans=((0, len(first)),), title="Bridge")


async def test_socket_mode_command_and_event_are_acked_and_answered() -> None:
    socket = await FakeSocketMode().start()
    api = await FakeSlackAPI(socket_url=socket.url).start()
    service = SummaryService(fetch=None, analyse=first_sentence)
    settings = SlackSettings(bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_url=api.base_url)
    app = build_app(settings, service, InMemoryAutoModeStore(), socket_mode=True)
    handler = AsyncSocketModeHandler(app, APP_TOKEN)
    try:
        await handler.connect_async()
        command = {
            "team_id": TEAM_ID,
            "channel_id": "C1",
            "user_id": "U1",
            "command": "/summarise",
            "text": PASTED,
            "response_url": api.response_url(),
            "trigger_id": "t",
        }
        await socket.send(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "payload": command,
                "accepts_response_payload": True,
            }
        )
        ack = await socket.ack_for("env-1")
        assert ack["payload"]["text"] == READING
        (post,) = await api.wait_for("chat.postMessage")
        assert post.token == BOT_TOKEN and post.args["channel"] == "C1"
        assert block_problems(post.args["blocks"]) == []

        event = {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "event_id": "EvS1",
            "event_time": 1,
            "event": {
                "type": "app_mention",
                "user": "U1",
                "channel": "C1",
                "ts": "5.1",
                "text": f"<@{BOT_USER_ID}> hi",
            },
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        await socket.send(
            {
                "envelope_id": "env-2",
                "type": "events_api",
                "payload": event,
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
            }
        )
        assert (await socket.ack_for("env-2"))["envelope_id"] == "env-2"
        (hint,) = await api.wait_for("chat.postEphemeral")
        assert hint.args["thread_ts"] == "5.1"
        (connect,) = api.called("apps.connections.open")[:1]
        assert connect.token == APP_TOKEN
        assert json.dumps(post.args).count(BOT_TOKEN) == 0, "tokens never travel in message bodies"
    finally:
        await handler.close_async()
        await socket.close()
        await api.close()
        service.close()
