"""Digests as Slack messages: content, escaping, and splitting into messages within Slack's limits."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from adapters.slack.digest_render import (
    MAX_MESSAGE_CHARS,
    MAX_SUMMARY_CHARS,
    SlackMessage,
    render_digest_messages,
    sentences_within,
)
from bot.digest.model import Digest, DigestItem, DigestLink
from tests.fakes.slack_api import SLACK_MAX_BLOCKS, SLACK_MAX_TEXT, block_problems

WHEN = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


def item(number: int, **changes: object) -> DigestItem:
    base: dict[str, object] = dict(
        title=f"Story number {number}",
        url=f"https://news.example/story/{number}",
        summary=(f"Story {number} happened today.", "Officials described it."),
        badge=None,
        source="news.example",
        published=WHEN,
    )
    base.update(changes)
    return DigestItem(**base)  # type: ignore[arg-type]


def rendered(message: SlackMessage) -> str:
    return json.dumps(list(message.blocks), ensure_ascii=False)


def block_text_chars(message: SlackMessage) -> int:
    total = 0
    for block in message.blocks:
        total += len(block.get("text", {}).get("text", ""))
        total += sum(len(e["text"]) for e in block.get("elements", ()))
    return total


def assert_within_limits(messages: list[SlackMessage]) -> None:
    for message in messages:
        assert block_problems(list(message.blocks)) == []
        assert len(message.blocks) <= SLACK_MAX_BLOCKS
        assert block_text_chars(message) <= MAX_MESSAGE_CHARS
        assert 0 < len(message.text) <= SLACK_MAX_TEXT


def test_typical_digest_is_one_valid_message_with_links_summaries_and_badges() -> None:
    digest = Digest(
        "Morning News",
        (item(1, badge="Weak sourcing: anonymous sources"), item(2)),
        subscription_id=4,
    )
    [message] = render_digest_messages(digest)
    assert_within_limits([message])
    assert message.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Morning News", "emoji": True},
    }
    text = rendered(message)
    assert "*<https://news.example/story/1|Story number 1>*\\nStory 1 happened today. Officials described it." in text
    assert "Weak sourcing: anonymous sources" in text
    assert text.count("Weak sourcing") == 1, "only the flagged item carries a badge"
    assert "news.example · 06 May 2024" in text
    assert "Morning News" in message.text and "Story number 1" in message.text and "Story number 2" in message.text


def test_titles_and_summaries_are_escaped_and_links_cannot_break_out() -> None:
    digest = Digest(
        "Q&A <live>",
        (item(1, title="Cats & dogs <b>", url="https://x.example/a?b=1&c=|2", summary=("Fish > birds & cats.",)),),
    )
    [message] = render_digest_messages(digest)
    text = rendered(message)
    assert "<https://x.example/a?b=1&amp;c=%7C2|Cats &amp; dogs &lt;b&gt;>" in text
    assert "Fish &gt; birds &amp; cats." in text
    assert message.blocks[0]["text"]["text"] == "Q&A <live>", "plain_text headers are not escaped"
    assert "&lt;live&gt;" in message.text


def test_an_item_without_link_shows_its_title_unlinked() -> None:
    [message] = render_digest_messages(Digest("D", (item(1, url=None),)))
    text = rendered(message)
    assert "*Story number 1*" in text and "<http" not in text


def test_many_long_items_are_split_into_several_messages_each_within_limits() -> None:
    sentence = "The regional council debated the long-delayed river crossing plan for hours " * 6
    items = tuple(
        item(
            n,
            title=f"Item {n} " + "with a very long headline about the river crossing " * 8,
            summary=(sentence.strip() + ".",),
            badge="Check the sourcing: vague sources",
        )
        for n in range(20)
    )
    messages = render_digest_messages(Digest("River News", items))
    assert len(messages) > 1
    assert_within_limits(messages)
    # Every item appears exactly once, in order, never split across messages.
    found = [int(m) for message in messages for m in re.findall(r"\|Item (\d+) ", rendered(message))]
    assert found == list(range(20))
    headers = [message.blocks[0]["text"]["text"] for message in messages]
    assert headers == [f"River News ({n}/{len(messages)})" for n in range(1, len(messages) + 1)]
    assert all("River News" in message.text for message in messages)


def test_many_short_items_split_by_block_count() -> None:
    items = tuple(item(n, badge="Weak sourcing: anonymous sources") for n in range(30))  # 60 item blocks
    messages = render_digest_messages(Digest("Busy", items))
    assert len(messages) == 2
    assert_within_limits(messages)
    found = [int(m) for message in messages for m in re.findall(r"\|Story number (\d+)>", rendered(message))]
    assert found == list(range(30))


def test_summaries_keep_whole_sentences() -> None:
    first = "A first sentence that is rather long."
    long_second = "Second " + "word " * 200 + "ends here."
    [message] = render_digest_messages(Digest("D", (item(1, summary=(first, long_second)),)))
    section = message.blocks[1]["text"]["text"]
    assert section.endswith("A first sentence that is rather long."), "the second sentence did not fit whole"
    assert "Second" not in section


def test_a_single_overlong_sentence_is_shortened_at_a_word() -> None:
    words = " ".join(f"word{n}" for n in range(400)) + "."
    text = sentences_within([words], MAX_SUMMARY_CHARS)
    assert len(text) <= MAX_SUMMARY_CHARS and text.endswith("…")
    assert re.fullmatch(r"(word\d+ )*word\d+…", text), "cut between words"
    assert sentences_within(["Short one.", "Two."], 100) == "Short one. Two."
    assert sentences_within([], 100) == ""


def test_a_notice_only_digest_renders_as_the_notice() -> None:
    notice = "Digest #3 (https://f.example/rss) is paused: it failed 5 times in a row. Last error: HTTP 500."
    [message] = render_digest_messages(Digest("Digest paused", (), notices=(notice,), subscription_id=3))
    assert_within_limits([message])
    assert message.blocks[0]["text"]["text"] == "Digest paused"
    assert notice in rendered(message)
    assert "Nothing new" not in rendered(message)
    assert "is paused" in message.text


def test_an_empty_digest_says_nothing_new() -> None:
    [message] = render_digest_messages(Digest("Quiet", ()))
    assert_within_limits([message])
    assert "Nothing new" in rendered(message)


def test_malformed_links_are_encoded_or_left_out() -> None:
    spaced = item(1, url="https://news.example/a story|x")
    hostile = item(2, url="javascript:alert(1)")
    [message] = render_digest_messages(Digest("Links", (spaced, hostile)))
    text = rendered(message)
    assert "<https://news.example/a%20story%7Cx|Story number 1>" in text
    assert "javascript" not in text and "*Story number 2*" in text


def test_items_beyond_the_limit_are_listed_then_counted_within_limits() -> None:
    more = tuple(DigestLink(f"Extra {n} " + "word " * 20, f"https://news.example/x{n} y") for n in range(10))
    messages = render_digest_messages(Digest("Feed", (item(1),), more=more, more_count=25))
    assert_within_limits(messages)
    text = rendered(messages[-1])
    assert "*And 25 more links:*" in text
    assert "<https://news.example/x0%20y|Extra 0" in text
    assert "…and 15 more not listed here." in text
