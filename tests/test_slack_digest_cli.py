"""`newsbot digest run-due` with SLACK_BOT_TOKEN: Slack subscriptions go to Slack, others wait."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path

import pytest

from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import ChannelContext
from bot.digest.routing import RoutingPoster
from bot.digest.runtime import DigestRuntime
from bot.fetch import NetworkPolicy
from newsbot import digest_cli as cli
from newsbot.assemble import open_database
from newsbot.platforms import poster_from_env
from tests.fakes.slack_api import FakeSlackAPI, block_problems
from tests.servers.feeds import FeedItem, FeedServer, article_page, fake_analyse, feed_server, rss

TOKEN = "xoxb-cli-token"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
async def api() -> AsyncIterator[FakeSlackAPI]:
    fake = await FakeSlackAPI().start()
    yield fake
    await fake.close()


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "cli.db"))


def deps() -> DigestDeps:
    return default_deps(policy=NetworkPolicy(allow=(ip_network("127.0.0.0/8"),)), analyser=fake_analyse)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="newsbot")
    cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


async def subscribe_and_make_due(url: str, *contexts: ChannelContext) -> None:
    runtime = DigestRuntime.on(open_database(), deps())
    try:
        for ctx in contexts:
            assert (await runtime.commands.handle(ctx, f"add {url}")).ok
            assert (await runtime.commands.handle(ctx, "now 1" if ctx.platform == "slack" else "now 2")).ok
    finally:
        runtime.engine.dispose()


def test_without_chat_tokens_there_is_no_chat_poster() -> None:
    assert poster_from_env({}) is None
    assert poster_from_env({"SLACK_BOT_TOKEN": "  "}) is None
    assert isinstance(poster_from_env({"SLACK_BOT_TOKEN": TOKEN}), RoutingPoster)


async def test_run_due_posts_slack_digests_through_slack(
    server: FeedServer,
    api: FakeSlackAPI,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = datetime.now(UTC)
    server.set_page("/articles/cli", article_page("CLI story", ["The CLI story broke today. It is short."]))
    items = [FeedItem("cli", "CLI story", now - timedelta(minutes=5))]
    url = server.set_feed("/f.xml", rss("CLI Feed", items, base=server.url("")))
    slack = ChannelContext("slack", "T1", "C1", "U1", is_manager=True)
    discord = ChannelContext("discord", "G1", "D1", "U1", is_manager=True)
    await subscribe_and_make_due(url, slack, discord)
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_API_URL", api.base_url)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    capsys.readouterr()

    args = parse(["digest", "run-due"])
    assert await asyncio.to_thread(args.func, args, deps=deps()) == 0  # the Discord digest waits for a Discord run

    (post,) = api.called("chat.postMessage")
    assert (post.token, post.args["channel"]) == (TOKEN, "C1")
    assert block_problems(post.args["blocks"]) == []
    assert "The CLI story broke today." in json.dumps(post.args["blocks"])
    out, err = capsys.readouterr()
    assert out == "", "nothing printed when posting to a platform"
    assert "digest #1: posted" in err
    assert "digest #2" not in err, "a platform without a connection is left alone: its digest stays due"
