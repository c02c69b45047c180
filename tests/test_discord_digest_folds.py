"""Folded digests as Discord embeds: other outlets' versions of an item, and stories already posted
here that other outlets now also report, shown as the digest view words them and within every limit."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.discord.digest_render import BADGE_ICON, DigestMessage, render_digest_messages
from bot.digest.model import AlsoReported, Digest, DigestItem, EarlierStory
from bot.view import digest_view
from tests.fakes.discord_api import message_problems

POSTED = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
COAST = AlsoReported("Coast Daily", "Storm floods *Port Hale*", "https://coast.example/storm", "Anonymous sources")
WIRE = AlsoReported("Valley Wire", "Hundreds leave flooded homes", None)


def payload(message: DigestMessage) -> dict[str, object]:
    """The message as discord.py would send it."""
    return {"content": message.content, "embeds": [e.to_dict() for e in message.discord_embeds()]}


def folded() -> Digest:
    item = DigestItem("Storm floods the harbour", "https://gazette.example/storm", ("It rained.",), also=(COAST, WIRE))
    earlier = EarlierStory("Bridge [closed] for repairs", "https://gazette.example/bridge", POSTED, (COAST,))
    return Digest("Night News", (item,), earlier=(earlier,))


def test_an_item_lists_the_other_outlets_with_linked_titles_and_badges() -> None:
    [message] = render_digest_messages(folded())
    item, _earlier = message.embeds
    labels = [also.label for also in digest_view(folded()).items[0].also]
    assert item["description"].split("\n")[2:] == [
        f"↳ {labels[0]}: [Storm floods \\*Port Hale\\*](https://coast.example/storm) {BADGE_ICON} *Anonymous sources*",
        f"↳ {labels[1]}: Hundreds leave flooded homes",
    ]
    assert message_problems(payload(message)) == []


def test_stories_already_posted_get_an_embed_of_their_own_with_the_new_versions() -> None:
    view = digest_view(folded())
    [message] = render_digest_messages(folded())
    earlier = message.embeds[-1]
    assert earlier["title"] == view.earlier_heading
    first, also = earlier["description"].split("\n")
    assert first == "• [Bridge \\[closed\\] for repairs](https://gazette.example/bridge) (posted 2024-05-06 09:00 UTC)"
    assert also.startswith(f"↳ {view.earlier[0].also[0].label}: [Storm")
    assert "footer" in earlier, "the digest's footer stays on its last embed"


def test_many_long_folds_stay_within_every_limit() -> None:
    long = "word " * 300
    alsos = tuple(
        AlsoReported(f"Outlet {n} {long}", f"Title {n} {long}", f"https://o{n}.example/{'a' * 600}", f"Badge {long}")
        for n in range(12)
    )
    items = tuple(
        DigestItem(f"Story {n} {long}", f"https://news.example/{n}", (f"Sentence {n}. " * 80,), "Weak", also=alsos)
        for n in range(10)
    )
    earlier = tuple(EarlierStory(f"Old {n} {long}", f"https://old.example/{n}", POSTED, alsos) for n in range(30))
    messages = render_digest_messages(Digest("Big", items, earlier=earlier))
    assert len(messages) > 1
    for message in messages:
        assert message_problems(payload(message)) == []
    descriptions = [embed.get("description", "") for message in messages for embed in message.embeds]
    assert sum("↳ Also reported by Outlet 0" in text for text in descriptions) == len(items) + 1
    assert "• [Old 0" in descriptions[-1] and "more" in descriptions[-1], "earlier stories that don't fit are counted"
