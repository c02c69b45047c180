"""`/sourcing stats [days]` end to end: the real discord.py client against the fake Discord and a real
SQLite scorecard; and the stats embed within Discord's limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.stats_render import stats_embed
from bot.digest.model import Target
from bot.model import Article, Report
from bot.scorecard import ArticleFacts, Scorecard, ScorecardSettings
from bot.scorecard.settings import MAX_RETENTION_DAYS
from bot.service import SummaryService
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from bot.view import SiteRowView, StatsView
from tests.fakes.discord_api import EPHEMERAL, FakeDiscord, Recorded, message_problems
from tests.fakes.discord_session import connected


def unused(article: Article) -> Report:
    raise AssertionError("/sourcing reads the scorecard only")


def facts(site: str, key: str, *, core_anonymous: bool) -> ArticleFacts:
    return ArticleFacts(site, key, claims=4, named_claims=2, core_anonymous=core_anonymous, weak=(1, 0, 0, 0))


@pytest.fixture
def scorecard(tmp_path: Path) -> Iterator[Scorecard]:
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    upgrade(engine)
    yield Scorecard(engine, ScorecardSettings(retention_days=90))
    engine.dispose()


def record(fake: FakeDiscord, scorecard: Scorecard) -> None:
    """Two articles of one site in the guild's channel, one of another site in another channel."""
    guild = fake.guilds[0]
    here, elsewhere = Target("discord", str(guild.id), str(guild.channels[0])), Target("discord", str(guild.id), "9")
    scorecard.record(here, facts("example-news.com", "https://example-news.com/a", core_anonymous=True))
    scorecard.record(here, facts("example-news.com", "https://example-news.com/b", core_anonymous=False))
    scorecard.record(elsewhere, facts("other.example.org", "https://other.example.org/c", core_anonymous=True))


async def ask(fake: FakeDiscord, options: list[dict[str, Any]]) -> tuple[Recorded, Recorded]:
    """Dispatch `/sourcing stats` with `options`; its callback and follow-up."""
    guild = fake.guilds[0]
    stats = [{"name": "stats", "type": 1, "options": options}]
    data = {"id": str(fake.snowflake()), "name": "sourcing", "type": 1, "options": stats}
    payload = fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake())
    await fake.dispatch("INTERACTION_CREATE", payload)
    [answer] = await fake.wait_for_request(lambda r: r.path.startswith(f"/webhooks/{fake.application_id}/"))
    [callback] = fake.requests_to("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    return callback, answer


async def test_stats_for_seven_days_show_the_channels_sites_to_the_caller(
    fake: FakeDiscord, scorecard: Scorecard
) -> None:
    record(fake, scorecard)
    async with connected(fake, SummaryService(analyse=unused), scorecard=scorecard):
        callback, answer = await ask(fake, [{"name": "days", "type": 4, "value": 7}])
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] & EPHEMERAL
    assert answer.body["flags"] & EPHEMERAL and message_problems(answer.body) == []
    [embed] = answer.body["embeds"]
    assert embed["title"] == "Sourcing by outlet, last 7 days, this channel"
    header, row = embed["description"].removeprefix("```\n").removesuffix("\n```").split("\n")
    columns = ["Site", "Articles", "Anonymous core", "Named sources", "Most common weak sourcing"]
    assert re.split(r"\s{2,}", header) == columns
    assert re.split(r"\s{2,}", row) == ["example-news.com", "2", "50%", "50%", "Anonymous source 2"]
    assert embed["footer"]["text"].startswith("Anonymous core: articles whose central claim")


async def test_the_command_is_typed_and_defaults_to_thirty_days(fake: FakeDiscord, scorecard: Scorecard) -> None:
    async with connected(fake, SummaryService(analyse=unused), scorecard=scorecard):
        _, answer = await ask(fake, [])
    [sync] = fake.requests_to("PUT", rf"/applications/{fake.application_id}/commands")
    [stats] = next(c for c in sync.body if c["name"] == "sourcing")["options"]
    [days] = stats["options"]
    assert (stats["name"], days["name"]) == ("stats", "days")
    assert (days["min_value"], days["max_value"]) == (1, MAX_RETENTION_DAYS)
    assert not days.get("required")
    [embed] = answer.body["embeds"]
    assert embed["title"] == "Sourcing by outlet, last 30 days, this channel"
    assert embed["description"] == "No articles were analysed for this channel in that period."


async def test_a_period_longer_than_kept_says_so(fake: FakeDiscord, scorecard: Scorecard) -> None:
    record(fake, scorecard)
    async with connected(fake, SummaryService(analyse=unused), scorecard=scorecard):
        _, answer = await ask(fake, [{"name": "days", "type": 4, "value": 365}])
    assert answer.body["embeds"][0]["description"].endswith("```\nOnly the last 90 days are kept.")


def test_many_sites_and_hostile_names_stay_in_one_code_block_within_limits() -> None:
    rows = tuple(SiteRowView(f"site{n}```[x](https://evil.example)", 400 - n, "10%", "90%", "—") for n in range(400))
    view = StatsView("Sourcing", ("Site", "Articles", "A", "N", "W"), rows, None, "note " * 600, "Only 90 days.")
    embed = stats_embed(view)
    assert message_problems({"embeds": [embed]}) == []
    assert embed["description"].count("```") == 2 and re.search(r"\n…and \d+ more\n```\n", embed["description"])
