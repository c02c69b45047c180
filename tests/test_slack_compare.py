"""`/summarise compare <links>` on Slack: the signed slash command over HTTP to the real Bolt app, the
articles fetched from a loopback page server and really analysed, the answer checked where the
fake Slack Web API received it; and the Block Kit mapping of the compare view, within every limit."""

from __future__ import annotations

import html
import json
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.slack.app import build_app
from adapters.slack.compare_render import render_compare_blocks
from adapters.slack.markup import escape
from adapters.slack.replies import READING
from adapters.slack.run import build_web_app
from adapters.slack.settings import SlackSettings
from bot.compare import Analysed, Comparison, analyse_story, compare
from bot.compare.result import Credit, Outlet, OutletClaim, SharedClaim, SourcingCounts
from bot.inputs import article_from_text
from bot.model import ClaimSpans, FlagKind, Severity
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.view.compare import compare_view
from tests.fakes.slack_api import FakeSlackAPI, block_problems
from tests.servers.http_pages import PageServer, page, serving
from tests.test_slack_http import BOT_TOKEN, SECRET, Harness, _serve

ARTICLES = Path(__file__).parent / "compare_articles"
GAZETTE, DAILY, WIRE, SEAWALL = (
    "storm-harbour-gazette",
    "storm-coast-daily",
    "storm-valley-wire",
    "seawall-vote-harbour-gazette",
)


@pytest.fixture
async def pages(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[PageServer]:
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "127.0.0.0/8")
    async with serving() as server:
        for path in ARTICLES.glob("*.html"):
            server.add(f"/{path.stem}", page(path.read_bytes()))
        yield server


@pytest.fixture
async def slack(pages: PageServer) -> AsyncIterator[Harness]:
    api = await FakeSlackAPI().start()
    service = SummaryService()  # the real fetcher (loopback allowed above) and analysis
    settings = SlackSettings(bot_token=BOT_TOKEN, signing_secret=SECRET, api_url=api.base_url)
    store = InMemoryAutoModeStore()
    runner, port = await _serve(build_web_app(build_app(settings, service, store)))
    async with aiohttp.ClientSession() as http:
        yield Harness(api, store, f"http://127.0.0.1:{port}/slack/events", pages.url("/", host="127.0.0.1"), http)
    await runner.cleanup()
    await api.close()
    service.close()


def links(harness: Harness, *names: str) -> list[str]:
    return [harness.page_url + name for name in names]


def shown(blocks: Sequence[dict[str, Any]]) -> str:
    """The blocks' JSON with entities decoded, escapes dropped and whitespace collapsed."""
    return _normalised(json.dumps(list(blocks), ensure_ascii=False).replace("\\n", " "))


def _normalised(text: str) -> str:
    return " ".join(html.unescape(text).replace("\\", "").split())


def read(text: str) -> str:
    """What a reader sees: also without the bold and italic marks."""
    return " ".join(_normalised(text).replace("*", "").replace("_", " ").split())


async def test_three_outlets_are_compared_in_the_channel(slack: Harness) -> None:
    reply = await slack.command("compare " + " ".join(links(slack, GAZETTE, DAILY, WIRE)))
    assert (reply.status, reply.body) == (200, READING), "acknowledged at once"
    (post,) = await slack.api.wait_for("chat.postMessage")
    blocks = post.args["blocks"]
    assert post.args["channel"] == "C1" and block_problems(blocks) == []
    text = shown(blocks)
    assert blocks[0]["text"]["text"] == "How 3 outlets report this story"
    assert "not seem to be about the same story" not in text
    assert "From Harbour Gazette, the best-sourced version." in text
    shared = next(i for i, b in enumerate(blocks) if b.get("text", {}).get("text") == "*Claims they share*")
    credits = blocks[shared + 1]["text"]["text"]
    assert "*Harbour Gazette*:" in credits and "*Coast Daily*: anonymous: " in credits
    assert text.index("1. *<") < text.index("|Harbour Gazette>") < text.index("2. *<") < text.index("|Valley Wire>")
    assert text.index("|Valley Wire>") < text.index("3. *<") < text.index("|Coast Daily>")
    assert "How 3 outlets report this story" in post.args["text"]


async def test_another_story_is_flagged_and_a_dead_link_told_only_to_the_caller(slack: Harness) -> None:
    gone = slack.page_url + "gone"
    await slack.command("compare " + " ".join([*links(slack, GAZETTE, DAILY, SEAWALL), gone]))
    (post,) = await slack.api.wait_for("chat.postMessage")
    assert block_problems(post.args["blocks"]) == []
    warning = post.args["blocks"][1]["text"]["text"]
    assert "Harbour Gazette" in warning and "not seem to be about the same story" in warning
    assert post.args["blocks"][0]["text"]["text"] == "How 3 outlets report this story"
    (note,) = await slack.api.wait_for("response_url")
    assert note.args["response_type"] == "ephemeral"
    assert note.args["text"].startswith(escape(gone) + ": ") and "doesn't exist" in note.args["text"]


async def test_too_few_links_get_one_private_sentence(slack: Harness) -> None:
    await slack.command("compare " + links(slack, GAZETTE)[0])
    (note,) = await slack.api.wait_for("response_url")
    assert note.args["response_type"] == "ephemeral" and "I found only one link" in note.args["text"]
    assert slack.api.called("chat.postMessage") == []


@pytest.fixture(scope="module")
def analysed() -> dict[str, Analysed]:
    return {name: analyse_story(article_from_text((ARTICLES / f"{name}.html").read_text("utf-8")))
            for name in (GAZETTE, DAILY, WIRE, SEAWALL)}


def facts(comparison: Comparison, *, limited: bool = False) -> list[str]:
    """The facts of the compare view every surface shows (at the limits, the first of each kind)."""
    view = compare_view(comparison)
    shared = view.shared[:1] if limited else view.shared
    found = [view.heading, view.summary_heading, view.summary_from, view.shared_heading, view.outlets_heading]
    found += [view.warning or "", view.no_shared or "", view.ranking_note, view.footer, *view.summary[:1]]
    found += [s.claim for s in shared] + [f"{c.outlet}: {c.source}" for s in shared for c in s.credits]
    for outlet in view.outlets:
        found += [outlet.name, outlet.title or "", outlet.counts, outlet.verdict, outlet.central_warning or ""]
        found += [f"{o.claim} — {o.source}" for o in (outlet.only[:1] if limited else outlet.only)]
        found += ["; ".join(o.flags) for o in (outlet.only[:1] if limited else outlet.only)]
    return [read(fact)[:40] for fact in found if fact.strip()]


@pytest.mark.parametrize("names", [(GAZETTE, DAILY, WIRE), (WIRE, SEAWALL), (GAZETTE, DAILY, WIRE, SEAWALL)])
def test_the_blocks_show_every_fact_of_the_view(analysed: dict[str, Analysed], names: tuple[str, ...]) -> None:
    comparison = compare([analysed[name] for name in names])
    blocks, fallback = render_compare_blocks(comparison)
    assert block_problems(blocks) == []
    text = read(shown(blocks))
    assert [fact for fact in facts(comparison) if fact not in text] == []
    assert fallback.startswith(compare_view(comparison).heading)


def at_the_limits() -> Comparison:
    """Five outlets with very long names, titles, links, verdicts and claims, and 60 shared claims."""
    words = "word & <more> " * 300
    credit = Credit("anonymous", "officials " * 40, "who asked not to be named " * 20)

    def version(outlet: int, number: int) -> OutletClaim:
        flags: tuple[tuple[FlagKind, Severity], ...] = (("anonymous", "high"),) * 30
        return OutletClaim(outlet, number, f"claim {number} {words}", True, credit, True, ClaimSpans(((0, 1),)), flags)

    outlets = tuple(
        Outlet(i, 5 - i, "A very long title " * 40, f"https://site{i}.example/" + "a|<>&" * 800 * (i % 2),
               f"Site {i} " * 60, None, SourcingCounts(1, 2, 3, 4, 5), "Much rests on anonymous sources. " * 60,
               True, "high", 9, tuple(version(i, n) for n in range(40)), 0.1)
        for i in range(5)
    )
    shared = tuple(SharedClaim(tuple(version(o, n) for o in range(5)), 0.9) for n in range(60))
    summary = tuple(f"Sentence {n} {words}." for n in range(20))
    return Comparison(outlets, (4, 3, 2, 1, 0), summary, (), 4, shared, (), (1, 3))


def test_five_outlets_with_very_long_claims_stay_within_every_limit() -> None:
    comparison = at_the_limits()
    blocks, fallback = render_compare_blocks(comparison)
    assert block_problems(blocks) == [] and len(blocks) == 50
    assert 0 < len(fallback) <= 3000
    text = read(shown(blocks))
    assert [fact for fact in facts(comparison, limited=True) if fact not in text] == []
    assert "…and 24 more" in text, "the shared claims beyond the block limit are counted"
    ranked = [block["text"]["text"] for block in blocks[-6:-1]]
    assert all(line.startswith(f"{n}. ") and f"Site {5 - n} " in line for n, line in enumerate(ranked, 1))
    assert "<https://site4.example/|Site 4 " in ranked[0] and "<https" not in ranked[1], "a link too long is left out"
