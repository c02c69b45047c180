"""Comparing outlets from a chat message: real pages on a loopback server, the real analysis, and
every way a message can fall short of a comparison."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.digest.model import Target
from bot.model import Report
from bot.service import SummaryRequest, SummaryService
from bot.service.command import parse_command
from bot.service.comparing import StoryComparer
from bot.service.ratelimit import BucketLimit, RateLimits
from bot.service.service import ServiceConfig
from tests.servers.http_pages import PageServer, page, serving

ARTICLES = Path(__file__).parent / "compare_articles"
STORM = ("storm-harbour-gazette.html", "storm-coast-daily.html", "storm-valley-wire.html")


class CountingScorecard:
    """Records what the service counts, per channel."""

    def __init__(self) -> None:
        self.counted: list[tuple[Target, str | None]] = []
        self.threads: set[str] = set()

    def record_report(self, channel: Target, report: Report, url: str | None = None) -> bool:
        self.threads.add(threading.current_thread().name)
        self.counted.append((channel, url))
        return True


@pytest.fixture
async def outlets(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[PageServer]:
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "127.0.0.0/8")
    async with serving() as server:
        for name in (*STORM, "seawall-vote-harbour-gazette.html"):
            server.add(f"/{name.removesuffix('.html')}", page(ARTICLES.joinpath(name).read_bytes()))
        server.add("/gone", page("not here", status=404))
        yield server


def _url(server: PageServer, name: str) -> str:
    return server.url(f"/{name.removesuffix('.html')}", host="127.0.0.1")


def _request(text: str, user: str = "U1") -> SummaryRequest:
    return SummaryRequest("slack", "T1", "C1", user, text)


def test_the_command_reads_compare_and_its_links() -> None:
    parsed = parse_command("compare https://a.example/1 <https://b.example/2|two>")
    assert parsed.action == "compare"
    assert parsed.text == "https://a.example/1 <https://b.example/2|two>"
    assert parse_command("Compare").action == "compare"
    assert parse_command("comparing notes https://a.example/1").action == "summarise"


async def test_three_outlets_are_compared_and_counted_in_the_channel(outlets: PageServer) -> None:
    scorecard = CountingScorecard()
    service = SummaryService(scorecard=scorecard)
    try:
        links = [_url(outlets, name) for name in STORM]
        outcome = await StoryComparer(service).compare(_request(" ".join(links)))
    finally:
        service.close()
    assert outcome.error is None and not outcome.failed
    comparison = outcome.comparison
    assert comparison is not None and comparison.same_story
    assert [outlet.url for outlet in comparison.outlets] == links
    assert comparison.shared, "the three reports of one storm share claims"
    assert [url for _, url in scorecard.counted] == links
    assert {target for target, _ in scorecard.counted} == {Target("slack", "T1", "C1")}


async def test_an_unreadable_link_is_named_and_the_rest_compared(outlets: PageServer) -> None:
    service = SummaryService()
    try:
        links = [_url(outlets, STORM[0]), _url(outlets, STORM[1]), _url(outlets, "gone")]
        outcome = await StoryComparer(service).compare(_request(" ".join(links)))
    finally:
        service.close()
    assert outcome.comparison is not None and len(outcome.comparison.outlets) == 2
    assert [item.source for item in outcome.failed] == [links[2]]
    notes = outcome.notes(lambda link: f"<{link}>")
    assert notes == [f"<{links[2]}>: {outcome.failed[0].error}"] and "doesn't exist" in notes[0]


async def test_another_story_is_compared_with_a_warning(outlets: PageServer) -> None:
    service = SummaryService()
    try:
        links = [_url(outlets, STORM[0]), _url(outlets, "seawall-vote-harbour-gazette.html")]
        outcome = await StoryComparer(service).compare(_request(" ".join(links)))
    finally:
        service.close()
    assert outcome.comparison is not None and not outcome.comparison.same_story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "I found no link"),
        ("https://a.example/1", "I found only one link"),
        ("https://a.example/1 https://a.example/1#top", "I found only one link"),
        (" ".join(f"https://s{i}.example/" for i in range(6)), "at most 5 articles at a time; you gave 6 links"),
    ],
)
async def test_too_few_or_too_many_links_get_one_sentence(text: str, expected: str) -> None:
    service = SummaryService(fetch=_never_fetch)
    try:
        outcome = await StoryComparer(service).compare(_request(text))
    finally:
        service.close()
    assert outcome.comparison is None and outcome.code == "compare_count"
    assert outcome.error is not None and expected in outcome.error


async def test_nothing_to_compare_when_only_one_link_can_be_read(outlets: PageServer) -> None:
    service = SummaryService()
    try:
        links = [_url(outlets, STORM[0]), _url(outlets, "gone"), "http://10.0.0.1/inside"]
        outcome = await StoryComparer(service).compare(_request(" ".join(links)))
    finally:
        service.close()
    assert outcome.comparison is None and outcome.code == "compare_unread"
    assert outcome.error == "I could read only one of the links, so there is nothing to compare."
    assert [item.code for item in outcome.failed] == ["fetch_failed", "blocked_address"]


async def test_each_link_costs_one_request_of_the_rate_limit() -> None:
    limits = RateLimits(user=BucketLimit(capacity=3, per_minute=1), channel=BucketLimit(capacity=100, per_minute=1))
    service = SummaryService(fetch=_never_fetch, config=ServiceConfig(limits=limits))
    try:
        outcome = await StoryComparer(service).compare(_request(" ".join(f"https://s{i}.example/" for i in range(4))))
    finally:
        service.close()
    assert outcome.comparison is None and outcome.code == "rate_limited"


async def _never_fetch(url: str) -> Report:
    raise AssertionError(f"fetched {url}")
