"""The composition root: the `newsbot` command finds the platforms through their entry points,
checks a platform's settings before anything is built, then assembles one process's parts on
one database, migrated once, and closes them when the bot stops."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import newsbot.assemble
from bot.digest.routing import RoutingPoster
from bot.platform import BotParts, Platform, Serve
from bot.service import SummaryService
from newsbot import cli
from newsbot.platforms import load_platforms, poster_from_env


def test_the_installed_platforms_are_found_by_name() -> None:
    platforms = load_platforms()
    assert [p.name for p in platforms] == ["discord", "slack"]
    assert all(isinstance(p, Platform) for p in platforms)
    assert {p.token_variable for p in platforms} == {"DISCORD_TOKEN", "SLACK_BOT_TOKEN"}


def test_each_platform_is_a_subcommand() -> None:
    parser = cli.build_parser()
    assert parser.parse_args(["discord", "--shards", "auto"]).shards == "auto"
    assert parser.parse_args(["slack", "--http"]).long_running
    assert not parser.parse_args(["analyse", "-"]).__dict__.get("long_running")


class Recorder:
    """A platform whose bot records the parts it was given."""

    def __init__(self, *, problem: str | None = None, stop: BaseException | None = None) -> None:
        self.problem, self.stop = problem, stop
        self.given: list[BotParts] = []

    def prepare(self, args: argparse.Namespace) -> Serve:
        if self.problem:
            raise ValueError(self.problem)

        def serve(parts: BotParts) -> int:
            self.given.append(parts)
            if self.stop is not None:
                raise self.stop
            return int(args.code)

        return serve

    def platform(self) -> Platform:
        return Platform(
            name="chatter",
            help="a test platform",
            token_variable="CHATTER_TOKEN",
            add_arguments=lambda parser: parser.add_argument("--code", default="0"),
            prepare=self.prepare,
            poster=lambda environ: None,
        )


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A SQLite file for the process; records every migration run."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "root.db"))
    migrations: list[object] = []
    real = newsbot.assemble.upgrade
    monkeypatch.setattr(newsbot.assemble, "upgrade", lambda engine: (migrations.append(engine), real(engine)))
    monkeypatch.setattr(
        newsbot.assemble,
        "SummaryService",
        lambda scorecard: SummaryService(analyse=lambda a: pytest.fail(), scorecard=scorecard),
    )
    return migrations


def run(recorder: Recorder, *argv: str) -> int:
    return cli.cli.main(["chatter", *argv], commands=[cli.platform_command(recorder.platform())])


def test_one_engine_one_migration_and_one_runtime_for_the_platform(database: list[object]) -> None:
    recorder = Recorder()
    assert run(recorder, "--code", "3") == 3
    [parts] = recorder.given
    assert database == [parts.engine], "migrated once, on the engine every part shares"
    assert parts.digests.engine is parts.engine
    assert parts.digests.service is parts.digests.commands.service
    assert parts.digests.scheduler.platforms == frozenset({"chatter"}), "only its own digests"
    assert parts.scorecard._engine is parts.engine, "the scorecard counts into the same database"
    assert parts.summaries._scorecard is parts.scorecard, "chat summaries are counted in the scorecard"


def test_settings_are_checked_before_anything_is_built(
    database: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = Recorder(problem="set CHATTER_TOKEN (see .env.example)")
    assert run(recorder) == 2
    assert "newsbot chatter: set CHATTER_TOKEN (see .env.example)" in capsys.readouterr().err
    assert database == [] and recorder.given == []


def test_ctrl_c_stops_the_bot_quietly(database: list[object]) -> None:
    assert run(Recorder(stop=KeyboardInterrupt())) == 0


def test_a_malformed_digest_setting_is_a_settings_error(
    database: list[object], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_DIGEST_LEASE_SECONDS", "soon")
    assert run(Recorder()) == 2
    assert "NEWSBOT_DIGEST_LEASE_SECONDS" in capsys.readouterr().err


def test_posters_for_the_platforms_whose_tokens_are_set() -> None:
    assert poster_from_env({}) is None
    routing = poster_from_env({"SLACK_BOT_TOKEN": "xoxb-1", "DISCORD_TOKEN": "t"})
    assert isinstance(routing, RoutingPoster) and routing.platforms == {"slack", "discord"}
