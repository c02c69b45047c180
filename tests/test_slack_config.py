"""Command parsing, settings, event de-duplication, the manifest, and the entry point's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adapters.slack.app import COMMAND, SHORTCUT_CALLBACK_ID, SOURCING_COMMAND, build_app
from adapters.slack.digest_handlers import DIGEST_COMMAND
from adapters.slack.scopes import BOT_SCOPES
from adapters.slack.settings import SlackSettings
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.service.command import SummariseCommand, parse_command
from bot.service.redelivery import RecentIds
from newsbot.cli import main

MANIFEST = Path(__file__).resolve().parent.parent / "adapters" / "slack" / "manifest.yml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", SummariseCommand("help")),
        ("help", SummariseCommand("help")),
        ("auto", SummariseCommand("help")),
        ("auto ON", SummariseCommand("auto", auto_on=True)),
        ("auto off", SummariseCommand("auto", auto_on=False)),
        ("private", SummariseCommand("help")),
        (
            "private https://a.example/ x",
            SummariseCommand("summarise", text="https://a.example/ x", private=True),
        ),
        ("https://a.example/", SummariseCommand("summarise", text="https://a.example/")),
        ("auto racing is fun to watch", SummariseCommand("summarise", text="auto racing is fun to watch")),
    ],
)
def test_parse_command(text: str, expected: SummariseCommand) -> None:
    assert parse_command(text) == expected


def test_settings_from_env() -> None:
    env = {
        "SLACK_BOT_TOKEN": "xoxb-secret",
        "SLACK_SIGNING_SECRET": "sig-secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api",
        "NEWSBOT_SLACK_MANAGERS": " U1, U2 ,,",
    }
    settings = SlackSettings.from_env(env)
    assert settings.api_url == "http://127.0.0.1:9/api/"
    assert settings.managers == frozenset({"U1", "U2"})
    assert not settings.oauth
    assert "secret" not in repr(settings)
    assert SlackSettings.from_env({"SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"}).oauth


def test_recent_ids_forget_after_ttl_and_stay_bounded() -> None:
    now = [0.0]
    recent = RecentIds(ttl=60, max_ids=3, clock=lambda: now[0])
    assert recent.first_time("a") and not recent.first_time("a")
    now[0] = 61
    assert recent.first_time("a"), "forgotten after the window"
    for name in "bcd":
        assert recent.first_time(name)
    assert recent.first_time("a"), "the oldest id made room for newer ones"


def test_manifest_declares_exactly_what_the_app_uses() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [COMMAND, DIGEST_COMMAND, SOURCING_COMMAND]
    assert [(s["type"], s["callback_id"]) for s in manifest["features"]["shortcuts"]] == [
        ("message", SHORTCUT_CALLBACK_ID)
    ]
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == ["app_mention", "link_shared", "message.channels", "message.groups"]
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_http_mode_without_signing_secret_is_refused() -> None:
    service = SummaryService(fetch=None, analyse=lambda article: pytest.fail("never analyses"))
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_app(SlackSettings(bot_token="xoxb-x"), service, InMemoryAutoModeStore())
    service.close()


def test_missing_settings_per_mode() -> None:
    assert SlackSettings().missing(http=False) == ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]
    assert SlackSettings().missing(http=True) == ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    oauth = SlackSettings(client_id="1", client_secret="2")
    assert oauth.missing(http=True) == ["SLACK_SIGNING_SECRET"]


def test_main_explains_missing_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    assert main(["slack"]) == 2
    assert "SLACK_BOT_TOKEN, SLACK_APP_TOKEN" in capsys.readouterr().err
