"""SummaryService: links vs text, limits, cache, error sentences, and a free event loop."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from bot.errors import BlockedAddress, EmptyInput, FetchTimeout, NewsbotError, RateLimited, TooShort
from bot.model import Article, Report
from bot.service import SummaryRequest, SummaryService
from bot.service.ratelimit import BucketLimit, RateLimits
from bot.service.service import GENERIC_ERROR, ServiceConfig


class FakeWeb:
    """Serves an article per URL; records what was fetched; fails for URLs told to."""

    def __init__(self, failures: dict[str, Exception] | None = None) -> None:
        self.fetched: list[str] = []
        self.failures = failures or {}

    async def __call__(self, url: str) -> Article:
        self.fetched.append(url)
        if url in self.failures:
            raise self.failures[url]
        return Article(text=f"The page at {url} says things.", url=url, title=f"Title of {url}", origin="url")


def echo_analyse(article: Article) -> Report:
    return Report(
        text=article.text,
        summary=(article.text,),
        summary_spans=((0, len(article.text)),),
        title=article.title,
        url=article.url,
    )


def request(text: str, *, user: str = "U1", channel: str = "C1", links_only: bool = False) -> SummaryRequest:
    return SummaryRequest(
        platform="slack", workspace="T1", channel=channel, user=user, text=text, links_only=links_only
    )


async def test_links_are_fetched_and_analysed_in_order() -> None:
    web = FakeWeb()
    service = SummaryService(fetch=web, analyse=echo_analyse)
    outcome = await service.summarise(request("see <https://a.example/1|one> and https://b.example/2"))
    assert [i.source for i in outcome.items] == ["https://a.example/1", "https://b.example/2"]
    assert [i.report.url for i in outcome.items if i.report] == ["https://a.example/1", "https://b.example/2"]
    assert sorted(web.fetched) == ["https://a.example/1", "https://b.example/2"]


async def test_at_most_three_links_per_message() -> None:
    web = FakeWeb()
    service = SummaryService(fetch=web, analyse=echo_analyse)
    urls = [f"https://site{i}.example/" for i in range(5)]
    outcome = await service.summarise(request(" ".join(urls)))
    assert [i.source for i in outcome.items] == urls[:3]
    assert outcome.skipped_urls == tuple(urls[3:])
    assert len(web.fetched) == 3


async def test_text_without_links_is_analysed_as_pasted_text() -> None:
    web = FakeWeb()
    service = SummaryService(fetch=web, analyse=echo_analyse)
    outcome = await service.summarise(request("The minister said on Monday that &amp; taxes would rise."))
    (item,) = outcome.items
    assert item.source is None
    assert (
        item.report is not None and item.report.text == "The minister said on Monday that & taxes would rise."
    )
    assert web.fetched == []


async def test_links_only_requests_ignore_plain_text() -> None:
    service = SummaryService(fetch=FakeWeb(), analyse=echo_analyse)
    outcome = await service.summarise(request("no links here, just chatter", links_only=True))
    assert outcome.items == ()


async def test_empty_message_gets_the_empty_input_sentence() -> None:
    service = SummaryService(fetch=FakeWeb(), analyse=echo_analyse)
    (item,) = (await service.summarise(request("  <@U0BOT>  "))).items
    assert (item.error, item.code) == (EmptyInput.user_message, EmptyInput.code)


async def test_cache_serves_the_same_page_under_another_spelling() -> None:
    web = FakeWeb()
    service = SummaryService(fetch=web, analyse=echo_analyse)
    first = await service.summarise(request("https://a.example/p?utm_source=x"))
    second = await service.summarise(request("<HTTPS://A.EXAMPLE/p#top>"))
    assert web.fetched == ["https://a.example/p?utm_source=x"]
    assert second.items[0].report == first.items[0].report


async def test_cache_entries_expire() -> None:
    now = [0.0]
    web = FakeWeb()
    service = SummaryService(
        fetch=web, analyse=echo_analyse, config=ServiceConfig(cache_ttl=60), clock=lambda: now[0]
    )
    await service.summarise(request("https://a.example/p"))
    now[0] = 61.0
    await service.summarise(request("https://a.example/p"))
    assert web.fetched == ["https://a.example/p", "https://a.example/p"]


async def test_concurrent_requests_for_one_page_fetch_it_once() -> None:
    gate = asyncio.Event()
    fetched: list[str] = []

    async def slow_fetch(url: str) -> Article:
        fetched.append(url)
        await gate.wait()
        return Article(text="Some text.", url=url)

    service = SummaryService(fetch=slow_fetch, analyse=echo_analyse)
    tasks = [
        asyncio.create_task(service.summarise(request("https://a.example/", user=f"U{i}"))) for i in range(3)
    ]
    await asyncio.sleep(0)
    gate.set()
    outcomes = await asyncio.gather(*tasks)
    assert fetched == ["https://a.example/"]
    assert all(o.items[0].report is not None for o in outcomes)


@pytest.mark.parametrize("error", [BlockedAddress("10.0.0.1"), FetchTimeout("slow"), TooShort("x")])
async def test_core_errors_become_their_user_sentence(error: NewsbotError) -> None:
    service = SummaryService(fetch=FakeWeb({"https://bad.example/": error}), analyse=echo_analyse)
    outcome = await service.summarise(request("https://good.example/ https://bad.example/"))
    good, bad = outcome.items
    assert good.report is not None and good.error is None
    assert bad.report is None
    assert (bad.error, bad.code) == (type(error).user_message, type(error).code)


async def test_unexpected_exception_is_logged_and_becomes_a_generic_sentence(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(article: Article) -> Report:
        raise KeyError("internal detail")

    service = SummaryService(fetch=FakeWeb(), analyse=broken)
    with caplog.at_level(logging.ERROR, logger="bot.service.service"):
        (item,) = (await service.summarise(request("https://a.example/"))).items
    assert (item.error, item.code) == (GENERIC_ERROR, "internal")
    assert item.error is not None and "internal detail" not in item.error
    assert any(r.exc_info and isinstance(r.exc_info[1], KeyError) for r in caplog.records)


async def test_failures_are_not_cached() -> None:
    web = FakeWeb({"https://a.example/": FetchTimeout()})
    service = SummaryService(fetch=web, analyse=echo_analyse)
    await service.summarise(request("https://a.example/"))
    web.failures.clear()
    (item,) = (await service.summarise(request("https://a.example/"))).items
    assert item.report is not None
    assert len(web.fetched) == 2


async def test_rate_limit_per_user_counts_links() -> None:
    limits = RateLimits(
        user=BucketLimit(capacity=3, per_minute=1), channel=BucketLimit(capacity=50, per_minute=1)
    )
    service = SummaryService(
        fetch=FakeWeb(), analyse=echo_analyse, config=ServiceConfig(limits=limits), clock=lambda: 0.0
    )
    first = await service.summarise(request("https://a.example/ https://b.example/"))
    assert all(i.report for i in first.items)
    second = await service.summarise(request("https://c.example/ https://d.example/"))
    assert [(i.code, i.error) for i in second.items] == [(RateLimited.code, RateLimited.user_message)]
    other_user = await service.summarise(request("https://c.example/", user="U2"))
    assert other_user.items[0].report is not None


async def test_analysis_runs_off_the_event_loop() -> None:
    """The analyser blocks its thread until a coroutine on the loop has run: only possible
    if the loop stays free while the analysis runs."""
    heartbeat = threading.Event()
    analysis_started = asyncio.Event()
    loop = asyncio.get_running_loop()

    def blocking_analyse(article: Article) -> Report:
        loop.call_soon_threadsafe(analysis_started.set)
        if not heartbeat.wait(timeout=10):
            raise AssertionError("the event loop was blocked during the analysis")
        return echo_analyse(article)

    async def beat() -> None:
        await analysis_started.wait()
        heartbeat.set()

    service = SummaryService(fetch=FakeWeb(), analyse=blocking_analyse)
    outcome, _ = await asyncio.gather(service.summarise(request("Some pasted article text.")), beat())
    assert outcome.items[0].report is not None
    assert outcome.items[0].error is None
