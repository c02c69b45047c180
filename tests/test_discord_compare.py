"""`/compare` (and `/summarise text:compare …`) end to end, and the comparison's embeds.

End to end: the real discord.py client against the fake Discord, the outlets' articles served by a
loopback page server, the real fetcher and analysis; what the bot answered is read back from the
follow-ups the fake recorded. The renderer: the same facts as the compare view, and every limit
for five outlets with very long claims.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.compare_render import compare_messages
from bot.compare import analyse_story, compare
from bot.compare.result import Comparison, Credit, Outlet, OutletClaim, SharedClaim, SourcingCounts
from bot.inputs import article_from_text
from bot.model import ClaimSpans
from bot.service import SummaryService
from bot.view.compare import CompareView, compare_view
from tests.fakes.discord_api import EPHEMERAL, FakeDiscord, Recorded, message_problems
from tests.fakes.discord_session import WAIT, connected
from tests.servers.http_pages import PageServer, page, serving

ARTICLES = Path(__file__).parent / "compare_articles"
STORM = ("storm-harbour-gazette", "storm-coast-daily", "storm-valley-wire")
SEAWALL = "seawall-vote-harbour-gazette"


@pytest.fixture
async def outlets(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[PageServer]:
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "127.0.0.0/8")
    async with serving() as server:
        for name in (*STORM, SEAWALL):
            server.add(f"/{name}", page(ARTICLES.joinpath(f"{name}.html").read_bytes()))
        server.add("/gone", page("not here", status=404))
        yield server


def link(server: PageServer, name: str) -> str:
    return server.url(f"/{name}", host="127.0.0.1")


def followups(fake: FakeDiscord) -> list[Recorded]:
    pattern = re.compile(rf"/webhooks/{fake.application_id}/interaction-token-\d+")
    return [r for r in fake.requests if r.method == "POST" and pattern.fullmatch(r.path) and r.status == 200]


async def ask(fake: FakeDiscord, name: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    guild = fake.guilds[0]
    data = {"id": str(fake.snowflake()), "name": name, "type": 1, "options": options}
    payload = fake.interaction(guild, guild.channels[0], data, user_id=fake.snowflake())
    await fake.dispatch("INTERACTION_CREATE", payload)
    return payload


async def wait_private(fake: FakeDiscord) -> Recorded:
    """The ephemeral follow-up (the notes are sent last)."""

    def private(r: Recorded) -> bool:
        return r.path.startswith("/webhooks/") and r.method == "POST" and bool(r.body.get("flags", 0) & EPHEMERAL)

    [note] = await fake.wait_for_request(private, timeout=WAIT * 3)
    return note


async def test_compare_posts_shared_claims_ranked_outlets_the_warning_and_a_private_note(
    fake: FakeDiscord, outlets: PageServer
) -> None:
    links = [link(outlets, name) for name in (*STORM, SEAWALL, "gone")]
    async with connected(fake, SummaryService()):
        options = [{"name": f"link{n}", "type": 3, "value": url} for n, url in enumerate(links, 1)]
        payload = await ask(fake, "compare", options)
        note = await wait_private(fake)
    [callback] = fake.requests_to("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    assert callback.body["type"] == 5 and not callback.body.get("data", {}).get("flags", 0) & EPHEMERAL
    answers = [r for r in followups(fake) if r is not note]
    assert answers and all(not r.body.get("flags", 0) & EPHEMERAL for r in answers)
    assert all(message_problems(r.body) == [] for r in answers)
    embeds = [embed for r in answers for embed in r.body["embeds"]]
    story, shared, *ranked = embeds
    assert story["title"] == "How 4 outlets report this story"
    warning = story["description"].split("\n")[0]
    assert warning.startswith("⚠️ **Harbour Gazette (“Port Hale council approves") and "not seem to be about" in warning
    sea_wall = next(f for f in shared["fields"] if f["name"].startswith("“The sea wall on Quay Street gave way"))
    credits = [line.split("**: ") for line in sea_wall["value"].split("\n")]
    assert [(outlet[2:12], source) for outlet, source in credits] == [
        ("Harbour Ga", "Mayor Ana Ruiz, who toured the flooded streets on Wednesday morning"),
        ("Valley Wir", "no source given"),
        ("Coast Dail", "anonymous: two officials who spoke on condition of anonymity"),
    ]
    titles = [embed["title"] for embed in ranked if "title" in embed]
    expected = ["1. Harbour Gazette (“Storm", "2. Harbour Gazette (“Port Hale", "3. Valley Wire", "4. Coast Daily"]
    assert [title[: len(start)] for title, start in zip(titles, expected, strict=True)] == expected
    assert ranked[-1]["footer"]["text"].startswith("Ranked by whether the central claim")
    assert note.body["content"].startswith(f"<{links[-1]}>: ") and "doesn't exist" in note.body["content"]


async def test_summarise_compare_as_typed_on_slack_compares_too(fake: FakeDiscord, outlets: PageServer) -> None:
    text = "compare " + " ".join(link(outlets, name) for name in STORM[:2])
    async with connected(fake, SummaryService()):
        await ask(fake, "summarise", [{"name": "text", "type": 3, "value": text}])
        [answer] = await fake.wait_for_request(lambda r: r.path.startswith("/webhooks/"), timeout=WAIT * 3)
    assert answer.body["embeds"][0]["title"] == "How 2 outlets report this story"
    assert "⚠️" not in answer.body["embeds"][0]["description"], "one story: no warning"


async def test_two_links_privately(fake: FakeDiscord, outlets: PageServer) -> None:
    options: list[dict[str, Any]] = [{"name": f"link{n}", "type": 3, "value": link(outlets, name)}
                                     for n, name in enumerate(STORM[1:], 1)]
    async with connected(fake, SummaryService()):
        payload = await ask(fake, "compare", [*options, {"name": "private", "type": 5, "value": True}])
        answer = await wait_private(fake)
    [callback] = fake.requests_to("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    assert callback.body["data"]["flags"] & EPHEMERAL
    assert answer.body["embeds"][0]["title"] == "How 2 outlets report this story" and followups(fake) == [answer]


async def test_too_few_links_is_one_private_sentence(fake: FakeDiscord, outlets: PageServer) -> None:
    async with connected(fake, SummaryService()):
        payload = await ask(fake, "summarise", [{"name": "text", "type": 3, "value": "compare https://a.example/1"}])
        note = await wait_private(fake)
    assert "I found only one link" in note.body["content"] and followups(fake) == [note]
    token = payload["token"]
    assert fake.requests_to("DELETE", rf"/webhooks/\d+/{token}/messages/@original"), "no public 'thinking…' left"


# -- the renderer ----------------------------------------------------------------------------


def normalised(text: str) -> str:
    """What a reader sees: entities decoded, Markdown escapes and emphasis dropped, whitespace collapsed."""
    return " ".join(html.unescape(text).replace("\\", "").replace("*", "").split())


def shown(messages: list[list[dict[str, Any]]]) -> str:
    return normalised(json.dumps(messages, ensure_ascii=False).replace("\\n", " "))


def facts(view: CompareView) -> list[str]:
    """Everything of the view a surface must show."""
    out = [view.heading, view.summary_heading, *view.summary, view.summary_from, view.shared_heading]
    out += [view.warning or "", view.no_shared or "", view.ranking_note, view.footer]
    for shared in view.shared:
        out += [shared.claim, *(f"{c.outlet}: {c.source}" for c in shared.credits)]
    for outlet in view.outlets:
        out += [f"{outlet.rank}. {outlet.name}", outlet.title or "", outlet.counts, outlet.verdict]
        out += [outlet.central_warning or "", outlet.url or ""]
        out += [f"{only.claim} — {only.source}" for only in outlet.only]
        out += [flag for only in outlet.only for flag in only.flags]
    return [normalised(fact) for fact in out if fact]


@pytest.fixture(scope="module")
def storm() -> Comparison:
    pages = [ARTICLES.joinpath(f"{name}.html").read_text("utf-8") for name in (*STORM, SEAWALL)]
    return compare([analyse_story(article_from_text(text)) for text in pages])


def test_the_embeds_show_every_fact_of_the_view(storm: Comparison) -> None:
    messages = compare_messages(compare_view(storm))
    assert all(message_problems({"embeds": message}) == [] for message in messages)
    text = shown(messages)
    assert [fact for fact in facts(compare_view(storm)) if fact not in text] == []


def long_comparison(outlets: int = 5, shared: int = 8, only: int = 20) -> Comparison:
    words = "and the long clause goes on " * 40

    def claim(outlet: int, n: int) -> OutletClaim:
        credit = Credit("anonymous", f"Source {outlet}.{n}", f"a person {words}")
        return OutletClaim(outlet, n, f"Claim {n} by {outlet} {words}", n % 2 == 0, credit, True, ClaimSpans(()),
                           (("anonymous", "high"),))

    return Comparison(
        outlets=tuple(
            Outlet(
                index=i, rank=outlets - i, title=f"Title {i} {words}", url=f"https://outlet{i}.example/{'a' * 1500}",
                site=f"Outlet {i} News", published=None, counts=SourcingCounts(1, 2, 3, 4, 5),
                verdict=f"Verdict {i}. {words}. " * 5, core_claim_anonymous=True, worst="high", flag_weight=3,
                only_here=tuple(claim(i, n) for n in range(only)), story_match=0.5,
            )
            for i in range(outlets)
        ),
        ranking=tuple(reversed(range(outlets))),
        summary=tuple(f"Sentence {n} {words}." for n in range(20)),
        summary_spans=(),
        summary_from=outlets - 1,
        shared=tuple(SharedClaim(tuple(claim(i, 100 + n) for i in range(outlets)), 0.9) for n in range(shared)),
        pairs=(),
        off_story=(0, 1),
    )


def test_five_outlets_with_very_long_claims_stay_within_every_limit() -> None:
    view = compare_view(long_comparison())
    messages = compare_messages(view)
    assert len(messages) > 1, "too much for one message: the embeds continue in the next"
    for message in messages:
        assert message_problems({"embeds": message}) == []
    text = shown(messages)
    # Whole summary sentences only, and the claims only an outlet makes that fit its field:
    outlets = tuple(replace(outlet, only=outlet.only[:1]) for outlet in view.outlets)
    shortened = replace(view, summary=view.summary[:1], outlets=outlets)
    prefixes = [fact[:40] for fact in facts(shortened)]
    assert [prefix for prefix in prefixes if prefix not in text] == [], "every fact shows, if shortened"
    only = [embed["fields"][0]["value"] for message in messages for embed in message if embed.get("url")]
    assert len(only) == 5 and all(re.search(r"\n…and \d+ more$", value) for value in only), "the rest are counted"
    titles = [embed["title"] for message in messages for embed in message if embed.get("url")]
    assert [title[:9] for title in titles] == [f"{rank}. Outlet" for rank in range(1, 6)]
    assert "footer" in messages[-1][-1] and all("footer" not in e for m in messages[:-1] for e in m)


def test_no_shared_claim_is_said() -> None:
    view = compare_view(long_comparison(outlets=2, shared=0, only=1))
    [message] = compare_messages(view)
    assert message[1]["title"] == view.shared_heading and message[1]["description"] == view.no_shared
