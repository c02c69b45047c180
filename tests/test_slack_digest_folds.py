"""Folded digests as Slack messages: other outlets' versions of an entry ("Also reported by") and the
stories already posted in the channel that other outlets now also report, within every limit."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from adapters.slack.digest_render import render_digest_messages
from bot.digest.model import AlsoReported, Digest, EarlierStory
from bot.view import digest_view
from tests.test_slack_digest_blocks import assert_within_limits, item, rendered

POSTED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
DAILY = AlsoReported("Coast Daily", "Officials knew the sea wall was failing", "https://coast.example/wall",
                     "Weak sourcing: anonymous sources")
WIRE = AlsoReported("Valley Wire", "Storm hits Port Hale & <more>", None)


def test_an_entry_s_other_versions_and_an_earlier_story_are_shown() -> None:
    earlier = EarlierStory("Storm floods the harbour", "https://gazette.example/storm", POSTED, (WIRE,))
    digest = Digest("Port News", (item(1, also=(DAILY, WIRE)), item(2)), earlier=(earlier,))
    [message] = render_digest_messages(digest)
    assert_within_limits([message])
    blocks = list(message.blocks)
    also = blocks[3]["elements"][0]["text"].splitlines()
    assert also == [
        "Also reported by Coast Daily: *<https://coast.example/wall|Officials knew the sea wall was failing>*"
        " :warning: _Weak sourcing: anonymous sources_",
        "Also reported by Valley Wire: *Storm hits Port Hale &amp; &lt;more&gt;*",
    ]
    view = digest_view(digest)
    assert blocks[-3]["text"]["text"] == f"*{view.earlier_heading}*"
    assert blocks[-2]["text"]["text"] == (
        "• *<https://gazette.example/storm|Storm floods the harbour (posted 2024-05-06 09:00 UTC)>*\n"
        "    Also reported by Valley Wire: *Storm hits Port Hale &amp; &lt;more&gt;*"
    )
    assert blocks[-1]["type"] == "context", "the footer still ends the digest"


def test_many_folds_split_between_stories_and_stay_within_the_limits() -> None:
    many = tuple(
        AlsoReported(f"Outlet {n} " * 30, "A long headline about the storm " * 20, f"https://o{n}.example/" + "a" * 900,
                     "Check the sourcing: vague sources " * 10)
        for n in range(40)
    )
    items = tuple(item(n, also=many) for n in range(12))
    earlier = tuple(EarlierStory(f"Earlier story {n} " * 20, f"https://e.example/{n}", POSTED, many) for n in range(30))
    messages = render_digest_messages(Digest("Storm Watch", items, earlier=earlier))
    assert len(messages) > 1
    assert_within_limits(messages)
    text = "".join(rendered(message) for message in messages)
    assert [int(n) for n in re.findall(r"\|Story number (\d+)>", text)] == list(range(12))
    assert [int(n) for n in re.findall(r"• \*<https://e\.example/(\d+)\|", text)] == list(range(30))
    assert text.count("Also reported, on stories already posted here:") == 1
    assert "more_" in text, "versions beyond a block's room are counted"
