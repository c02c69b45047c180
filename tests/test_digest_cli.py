"""`newsbot digest preview` and `newsbot digest run-due` against a loopback feed server."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path

import pytest

from bot.digest.deps import DigestDeps, default_deps
from bot.digest.model import ChannelContext
from bot.digest.runtime import DigestRuntime
from bot.fetch import NetworkPolicy
from newsbot import digest_cli as cli
from newsbot.assemble import open_database
from tests.servers.feeds import FakeClock, FeedItem, FeedServer, fake_analyse, feed_server, rss

NOW = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as running:
        yield running


@pytest.fixture
def deps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DigestDeps:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "cli.db"))
    loopback = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
    return default_deps(FakeClock(NOW), policy=loopback, analyser=fake_analyse)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="newsbot")
    cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_preview_prints_the_newest_items(
    server: FeedServer, deps: DigestDeps, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [FeedItem(f"i{n}", f"Item {n}", NOW - timedelta(hours=n), summary=f"Said {n}.") for n in range(4)]
    url = server.set_feed("/f.xml", rss("CLI Feed", items, base=server.url("")))
    args = parse(["digest", "preview", url, "--max", "2"])
    assert args.func(args, deps=deps) == 0
    out = capsys.readouterr().out
    assert out.startswith("CLI Feed") and "1. Item 0" in out and "2. Item 1" in out and "Item 2" not in out
    assert cli.preview(parse(["digest", "preview", server.set_error("/bad", 500)]), deps=deps) == 1
    assert "HTTP 500" in capsys.readouterr().err


def test_run_due_prints_due_digests(
    server: FeedServer, deps: DigestDeps, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.set_feed("/f.xml", rss("Due Feed", []))
    runtime = DigestRuntime.on(open_database(), deps)
    manager = ChannelContext("discord", "G1", "C1", "U1", is_manager=True)
    assert asyncio.run(runtime.commands.handle(manager, f"add {url} every 1h")).ok
    runtime.engine.dispose()
    clock = deps.clock
    assert isinstance(clock, FakeClock)
    server.set_feed("/f.xml", rss("Due Feed", [FeedItem("n", "Newer", clock.advance(minutes=5))]))
    clock.advance(hours=1)
    capsys.readouterr()
    args = parse(["digest", "run-due", "--print"])
    assert args.func(args, deps=deps) == 0
    out = capsys.readouterr().out
    assert "discord/G1/C1" in out and "1. Newer" in out


def test_run_due_without_a_chat_token_posts_nothing_and_says_so(
    server: FeedServer, deps: DigestDeps, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    url = server.set_feed("/f.xml", rss("Due Feed", []))
    runtime = DigestRuntime.on(open_database(), deps)
    manager = ChannelContext("slack", "T1", "C1", "U1", is_manager=True)
    assert asyncio.run(runtime.commands.handle(manager, f"add {url} every 1h")).ok
    runtime.engine.dispose()
    clock = deps.clock
    assert isinstance(clock, FakeClock)
    server.set_feed("/f.xml", rss("Due Feed", [FeedItem("n", "Newer", clock.advance(minutes=5))]))
    clock.advance(hours=1)
    capsys.readouterr()
    args = parse(["digest", "run-due"])
    assert args.func(args, deps=deps) == 2
    assert "no chat platform is configured" in capsys.readouterr().err
    args = parse(["digest", "run-due", "--print"])
    assert args.func(args, deps=deps) == 0
    assert "1. Newer" in capsys.readouterr().out  # still due: the refused run lost nothing
