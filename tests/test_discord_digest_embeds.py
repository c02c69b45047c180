"""Digests as Discord messages: content, links, badges, notices, and every limit when split."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import discord

from adapters.discord.digest_render import (
    FLAGGED_COLOUR,
    NOTHING_NEW,
    SUMMARY_MAX,
    DigestMessage,
    render_digest_messages,
)
from bot.digest.model import Digest, DigestItem, DigestLink
from tests.fakes.discord_api import message_problems

WHEN = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)


def item(n: int, *, badge: str | None = None, sentences: tuple[str, ...] | None = None) -> DigestItem:
    return DigestItem(
        title=f"Story {n}",
        url=f"https://news.example/story/{n}",
        summary=sentences or (f"Story {n} happened today.", "Officials described it."),
        badge=badge,
        source="news.example",
        published=WHEN - timedelta(minutes=n),
    )


def payload(message: DigestMessage) -> dict[str, object]:
    """The message as discord.py would send it."""
    return {"content": message.content, "embeds": [e.to_dict() for e in message.discord_embeds()]}


def test_each_item_is_a_linked_embed_with_its_summary_and_badge() -> None:
    flagged = item(2, badge="Weak sourcing: anonymous sources")
    digest = Digest("Night News", (item(1), flagged), subscription_id=4)
    [message] = render_digest_messages(digest)
    assert message.content == "**Night News**"
    first, second = message.embeds
    assert first["title"] == "Story 1" and first["url"] == "https://news.example/story/1"
    assert first["description"] == "Story 1 happened today. Officials described it."
    assert first["author"] == {"name": "news.example"}
    assert datetime.fromisoformat(first["timestamp"]) == WHEN - timedelta(minutes=1)
    assert "⚠️" not in first["description"] and first["color"] != FLAGGED_COLOUR
    assert second["description"].endswith("⚠️ **Weak sourcing: anonymous sources**")
    assert second["color"] == FLAGGED_COLOUR
    assert "footer" in second and "footer" not in first
    assert message_problems(payload(message)) == []


def test_feed_text_cannot_inject_markdown_or_bad_links() -> None:
    sneaky = DigestItem(
        title="**Big** news",
        url="javascript:alert(1)",
        summary=("Read *this* and __that__ [now](https://evil.example).",),
    )
    [message] = render_digest_messages(Digest("Feed *bold*", (sneaky,)))
    [embed] = message.embeds
    assert "url" not in embed
    assert "\\*this\\*" in embed["description"] and "\\[now\\]" not in embed["description"]
    assert "*this*" not in embed["description"].replace("\\*", "")
    assert message.content == "**Feed \\*bold\\***"


def test_a_notice_only_digest_is_that_notice() -> None:
    notice = "Digest #3 (https://feed.example/rss) is paused: it failed 3 times in a row."
    [message] = render_digest_messages(Digest("Digest paused", (), notices=(notice,), subscription_id=3))
    [embed] = message.embeds
    assert embed["description"] == notice
    assert "title" not in embed and "footer" not in embed
    assert message.content == "**Digest paused**"


def test_an_empty_digest_says_nothing_is_new() -> None:
    [message] = render_digest_messages(Digest("Quiet feed", ()))
    assert [e["description"] for e in message.embeds] == [NOTHING_NEW]


def test_summaries_keep_whole_sentences_and_only_an_overlong_one_is_cut() -> None:
    long_first = "Word " * 400 + "end."
    short = "A short sentence."
    [message] = render_digest_messages(
        Digest("Feed", (item(1, sentences=(short, "x" * SUMMARY_MAX)), item(2, sentences=(long_first, short))))
    )
    kept, cut = (e["description"] for e in message.embeds)
    assert kept == short, "the second sentence does not fit whole, so it is left out"
    assert len(cut) <= SUMMARY_MAX and cut.endswith("…") and cut.startswith("Word Word")
    assert short not in cut


def test_many_long_items_are_split_across_messages_within_every_limit() -> None:
    sentence = "The committee heard evidence from " + "many different witnesses and " * 15 + "experts."
    items = tuple(
        DigestItem(
            title=f"Item {n:02d} " + "very long headline words " * 20,
            url=f"https://news.example/{n}?" + "q" * 3000 if n % 5 == 0 else f"https://news.example/{n}",
            summary=(sentence, sentence),
            badge="Check the sourcing: vague sources" if n % 3 == 0 else None,
            source="site-" + "x" * 300,
            published=WHEN,
        )
        for n in range(25)
    )
    messages = render_digest_messages(Digest("Busy " * 100, items, notices=("Feed moved.",)))
    assert len(messages) > 1
    titles: list[str] = []
    for number, message in enumerate(messages, 1):
        assert message_problems(payload(message)) == [], number
        assert len(message.embeds) <= 10
        assert message.content.endswith(f"({number}/{len(messages)})")
        for embed in message.embeds:
            if "title" in embed:
                titles.append(embed["title"])
                assert embed["description"].startswith(sentence), "whole sentences only"
                assert "url" not in embed or len(embed["url"]) <= 2048
    assert [re.match(r"Item (\d+)", t).group(1) for t in titles] == [f"{n:02d}" for n in range(25)]  # type: ignore[union-attr]
    assert messages[0].embeds[0]["description"] == "Feed moved."
    assert "footer" in messages[-1].embeds[-1]
    assert sum(1 for m in messages for e in m.embeds if "footer" in e) == 1


def test_embeds_round_trip_through_discord_py() -> None:
    [message] = render_digest_messages(Digest("Feed", (item(1, badge="Weak sourcing: vague sources"),)))
    [embed] = message.discord_embeds()
    assert isinstance(embed, discord.Embed)
    assert embed.url == "https://news.example/story/1" and embed.timestamp == WHEN - timedelta(minutes=1)


def test_items_beyond_the_limit_are_listed_with_links_then_counted() -> None:
    more = (
        DigestLink("Extra one", "https://news.example/extra one"),
        DigestLink("Extra [two]", "https://news.example/" + "x" * 3000),
        DigestLink("https://news.example/bare", "https://news.example/bare"),
    )
    [message] = render_digest_messages(Digest("Feed", (item(1),), more=more, more_count=5))
    extra = message.embeds[-1]
    assert extra["title"] == "And 5 more links:"
    lines = extra["description"].split("\n")
    assert lines[0] == "• [Extra one](https://news.example/extra%20one)"
    assert lines[1] == "• Extra \\[two\\]", "a link too long for the list is left out, the title stays"
    assert lines[-1] == "…and 2 more not listed here."
    assert "footer" in extra and message_problems(payload(message)) == []


def test_many_beyond_the_limit_stay_within_the_description_limit() -> None:
    more = tuple(DigestLink("Long title " * 20, f"https://news.example/{n}/" + "y" * 400) for n in range(10))
    [message] = render_digest_messages(Digest("Feed", (item(1),), more=more, more_count=40))
    extra = message.embeds[-1]
    assert len(extra["description"]) <= 4096 and extra["description"].endswith("more not listed here.")
    assert message_problems(payload(message)) == []


def test_with_references_every_message_ends_with_its_own() -> None:
    items = tuple(item(n, sentences=("Word " * 190 + "end.",)) for n in range(12))
    messages = render_digest_messages(Digest("Busy", items), refs=lambda part: f"{int(part):012x}")
    assert len(messages) > 1
    for number, message in enumerate(messages):
        assert message.embeds[-1]["footer"]["text"].endswith(f"ref {number:012x}")
        assert message_problems(payload(message)) == []
    assert messages[-1].embeds[-1]["footer"]["text"].startswith("newsbot digest · automatic summaries")
