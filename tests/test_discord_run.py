"""Running the Discord bot: settings, shard plans, endpoints, the invite link and `main`."""

from __future__ import annotations

import asyncio
import contextlib
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.endpoints import DISCORD_API_BASE, DISCORD_GATEWAY_URL, discord_endpoints
from adapters.discord.invite import invite_url
from adapters.discord.run import TOKEN_REJECTED, run_bot
from adapters.discord.settings import DiscordSettings
from adapters.discord.sharding import ShardPlan, parse_shards
from bot.model import Article, Report
from bot.service import InMemoryAutoModeStore, SummaryService
from newsbot.cli import main
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.discord_session import WAIT


def echo_analyse(article: Article) -> Report:
    return Report(text=article.text, summary=(article.text,), summary_spans=((0, len(article.text)),))



# -- settings ------------------------------------------------------------------------------


def test_settings_from_env() -> None:
    settings = DiscordSettings.from_env(
        {
            "DISCORD_TOKEN": " secret-token ",
            "DISCORD_DEV_GUILD": "1234",
            "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
            "NEWSBOT_DISCORD_MESSAGE_CONTENT": "1",
        }
    )
    assert settings.token == "secret-token" and settings.dev_guild == 1234
    assert settings.api_base == "http://127.0.0.1:9/api/v10"
    assert settings.gateway_url == "ws://127.0.0.1:9/gateway"
    assert settings.message_content
    assert "secret-token" not in repr(settings)


def test_settings_defaults() -> None:
    settings = DiscordSettings.from_env({"DISCORD_TOKEN": "t"})
    assert settings.dev_guild is None and settings.api_base is None and settings.gateway_url is None
    assert not settings.message_content


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "DISCORD_TOKEN"),
        ({"DISCORD_TOKEN": "t", "DISCORD_DEV_GUILD": "my-server"}, "DISCORD_DEV_GUILD"),
        ({"DISCORD_TOKEN": "t", "DISCORD_API_BASE": "ftp://example.com/api"}, "DISCORD_API_BASE"),
        ({"DISCORD_TOKEN": "t", "DISCORD_GATEWAY_URL": "https://gateway.example/"}, "DISCORD_GATEWAY_URL"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ValueError, match=variable):
        DiscordSettings.from_env(env)


# -- shards --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "plan"),
    [
        (None, ShardPlan(count=1)),
        ("auto", ShardPlan(count=None)),
        ("4", ShardPlan(count=4)),
        ("0-1/4", ShardPlan(count=4, ids=(0, 1))),
        ("2-3/4", ShardPlan(count=4, ids=(2, 3))),
    ],
)
def test_shard_specs(spec: str | None, plan: ShardPlan) -> None:
    assert parse_shards(spec) == plan


@pytest.mark.parametrize("spec", ["0", "many", "3-1/4", "0-4/4", "1-2"])
def test_bad_shard_specs(spec: str) -> None:
    with pytest.raises(ValueError, match="shards"):
        parse_shards(spec)


def test_only_the_process_with_shard_zero_syncs_commands() -> None:
    assert parse_shards("0-1/4").runs_first_shard and parse_shards("auto").runs_first_shard
    assert not parse_shards("2-3/4").runs_first_shard


# -- endpoints and invite ------------------------------------------------------------------


def test_endpoints_are_overridden_then_restored() -> None:
    with discord_endpoints("http://127.0.0.1:8080/api/v10/", "ws://127.0.0.1:8080/gateway"):
        assert Route("GET", "/users/@me").url == "http://127.0.0.1:8080/api/v10/users/@me"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:8080/gateway"
    assert Route("GET", "/users/@me").url == DISCORD_API_BASE + "/users/@me"
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == DISCORD_GATEWAY_URL


def test_invite_url_has_the_scopes_and_exact_permissions() -> None:
    parts = urlsplit(invite_url(1234))
    query = parse_qs(parts.query)
    assert parts.netloc == "discord.com" and query["client_id"] == ["1234"]
    assert query["scope"] == ["bot applications.commands"]
    # View Channel, Send Messages, Embed Links, Read Message History, Send Messages in Threads.
    expected = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 38)
    assert query["permissions"] == [str(expected)] == ["274877991936"]


# -- running -------------------------------------------------------------------------------


async def test_run_bot_prints_the_invite_and_syncs_to_the_dev_guild(fake: FakeDiscord) -> None:
    guild = fake.guilds[0]
    settings = DiscordSettings(
        token=fake.token, dev_guild=guild.id, api_base=fake.api_base, gateway_url=fake.gateway_url
    )
    out = io.StringIO()
    service = SummaryService(analyse=echo_analyse)
    with discord_endpoints(settings.api_base, settings.gateway_url):
        task = asyncio.create_task(
            run_bot(settings, ShardPlan(), service=service, store=InMemoryAutoModeStore(), out=out)
        )
        try:
            await fake.wait_identified(timeout=WAIT)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, WAIT)
    service.close()
    assert f"client_id={fake.application_id}" in out.getvalue()
    assert fake.token not in out.getvalue()
    [sync] = fake.requests_to("PUT", rf"/applications/{fake.application_id}/guilds/{guild.id}/commands")
    assert sync.status == 200 and {c["name"] for c in sync.body} == {
        "summarise",
        "Summarise",
        "summarise-auto",
        "compare",
    }
    assert not fake.requests_to("PUT", rf"/applications/{fake.application_id}/commands")


def test_main_without_a_token_explains(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["discord"]) == 2
    assert "DISCORD_TOKEN" in capsys.readouterr().err


def test_main_with_a_bad_shard_spec_explains(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "t")
    assert main(["discord", "--shards", "5-9/4"]) == 2
    assert "--shards" in capsys.readouterr().err


async def test_main_reports_a_rejected_token(
    fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "not-" + fake.token)
    monkeypatch.setenv("DISCORD_API_BASE", fake.api_base)
    monkeypatch.setenv("DISCORD_GATEWAY_URL", fake.gateway_url)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "newsbot.db"))
    assert await asyncio.wait_for(asyncio.to_thread(main, ["discord"]), WAIT) == 1
    assert TOKEN_REJECTED in capsys.readouterr().err
    assert [r.status for r in fake.requests_to("GET", "/users/@me")] == [401]
    assert Route.BASE == DISCORD_API_BASE, "main restores the default endpoints"
