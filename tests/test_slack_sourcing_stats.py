"""`/sourcing stats [days]` on Slack: a signed slash command over HTTP to the real Bolt app, the
channel's scorecard read from a real SQLite database, the answer checked where the fake Slack Web
API received it; and the Block Kit mapping of the stats view, within every limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.app import SOURCING_COMMAND, build_app
from adapters.slack.markup import escape
from adapters.slack.run import build_web_app
from adapters.slack.settings import SlackSettings
from adapters.slack.stats_render import render_stats_blocks
from bot.analysis import analyse
from bot.digest.model import Target
from bot.model import Article
from bot.scorecard import Scorecard, ScorecardSettings
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.service.sourcing import USAGE, parse_sourcing_command
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from bot.view import SiteRowView, StatsView
from tests.fakes.slack_api import TEAM_ID, FakeSlackAPI, block_problems
from tests.test_slack_http import BOT_TOKEN, SECRET, Harness, Reply, _serve

SEED = Path(__file__).parent.parent / "seeds" / "cartels.txt"
NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


@pytest.fixture
async def slack(tmp_path: Path) -> AsyncIterator[Harness]:
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    upgrade(engine)
    scorecard = Scorecard(engine, ScorecardSettings(retention_days=90), clock=lambda: NOW)
    for url, channel in (("https://www.example-news.com/cartels", "C1"), ("https://other.example.org/x", "C2")):
        report = analyse(Article(text=SEED.read_text(), url=url, origin="url"))
        scorecard.record_report(Target("slack", TEAM_ID, channel), report, report.url)
    api = await FakeSlackAPI().start()
    settings = SlackSettings(bot_token=BOT_TOKEN, signing_secret=SECRET, api_url=api.base_url)
    service, store = SummaryService(), InMemoryAutoModeStore()
    runner, port = await _serve(build_web_app(build_app(settings, service, store, scorecard=scorecard)))
    async with aiohttp.ClientSession() as http:
        yield Harness(api, store, f"http://127.0.0.1:{port}/slack/events", "", http)
    await runner.cleanup()
    await api.close()
    service.close()
    engine.dispose()


async def sourcing(harness: Harness, text: str) -> Reply:
    form = {
        "team_id": TEAM_ID,
        "channel_id": "C1",
        "user_id": "U1",
        "command": SOURCING_COMMAND,
        "text": text,
        "response_url": harness.api.response_url(),
        "trigger_id": "t1",
        "api_app_id": "A1",
    }
    return await harness.post(urlencode(form), "application/x-www-form-urlencoded")


async def test_stats_show_the_channel_s_sites_to_the_caller(slack: Harness) -> None:
    reply = await sourcing(slack, "stats 7")
    assert reply.status == 200
    (answer,) = await slack.api.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral"
    blocks = answer.args["blocks"]
    assert block_problems(blocks) == []
    assert blocks[0]["text"]["text"] == "Sourcing by outlet, last 7 days, this channel"
    table = blocks[1]["text"]["text"].splitlines()
    assert table[0] == "```" and table[-1] == "```"
    assert table[1].startswith("Site  ") and "Articles" in table[1]
    assert table[2].startswith("example-news.com  ") and table[2].split()[1] == "1"
    assert "other.example.org" not in str(blocks), "another channel's sites are not shown"
    assert "Anonymous core:" in blocks[2]["elements"][0]["text"]
    assert slack.api.called("chat.postMessage") == [], "reading stats posts nothing in the channel"


@pytest.mark.parametrize("text", ["", "stats nonsense"])
async def test_bad_input_gets_the_usage_with_the_problem_first(slack: Harness, text: str) -> None:
    reply = await sourcing(slack, text)
    problem = parse_sourcing_command(text).problem
    assert reply.status == 200
    assert reply.body == escape(f"{problem} {USAGE}" if problem else USAGE)
    if problem:
        assert reply.body.startswith("I didn't understand “nonsense”")


def test_many_long_rows_stay_within_the_limits_and_are_counted() -> None:
    row = SiteRowView("very-long-site-name.example" * 10, 12, "40%", "55%", "Anonymous sources 3, Vague 2 & <more>")
    columns = ("Site", "Articles", "Anonymous core", "Named sources", "Most common weak sourcing")
    view = StatsView("Sourcing, last 400 days", columns, (row,) * 200, None, "A note. " * 500, "Kept 90 days.")
    blocks, text = render_stats_blocks(view)
    assert block_problems(blocks) == [] and 0 < len(text) <= 3000
    body = blocks[1]["text"]["text"]
    assert "&amp; &lt;more&gt;" in body and "more" in body.splitlines()[-2]
    assert blocks[2]["elements"][1]["text"] == "Kept 90 days."


def test_an_empty_channel_says_so() -> None:
    view = StatsView("Heading", ("a", "b", "c", "d", "e"), (), "Nothing was analysed.", "Note.", None)
    blocks, text = render_stats_blocks(view)
    assert block_problems(blocks) == [] and blocks[1]["text"]["text"] == "_Nothing was analysed._"
    assert text == "Heading: Nothing was analysed."
