"""The Discord renderer: what a report looks like as embeds, and every Discord limit respected."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from adapters.discord import limits
from adapters.discord.render import (
    NO_FLAGS_COLOUR,
    SEVERITY_COLOUR,
    render_report_embeds,
)
from adapters.discord.replies import notes_content
from bot.model import Claim, ClaimSpans, Flag, FlagKind, Notice, Report, Severity, Sourcing, Speaker
from bot.service import ItemOutcome
from bot.view import ELLIPSIS, shorten
from tests.fakes.discord_api import message_problems

JANE = Speaker("Jane Doe", "a spokeswoman for the ministry", "named")
OFFICIAL = Speaker(None, "a senior official", "anonymous")
SENTENCE = "the minister said that the budget would be balanced within three years despite the storm"
WORDS = SENTENCE.split()


def prose(n_words: int, *, seed: int = 0) -> str:
    """`n_words` words of sentence-like text (a full stop every 12 words)."""
    words = [WORDS[(i + seed) % len(WORDS)] for i in range(n_words)]
    return " ".join(w + ("." if i % 12 == 11 else "") for i, w in enumerate(words)).capitalize()


def claim(text: str, speaker: Speaker, *, direct: bool = False) -> Claim:
    return Claim(text=text, direct=direct, speaker=speaker, cue="said", spans=ClaimSpans(content=((0, 1),)), key=True)


def flag(severity: Severity, text: str = "a senior official", kind: FlagKind = "anonymous") -> Flag:
    return Flag(kind=kind, severity=severity, text=text, reasons=("the source is not named",), spans=((0, 1),))


def report(**changes: Any) -> Report:
    base: dict[str, Any] = {
        "text": "x",
        "summary": ("The ministry announced a new budget.", "Critics were unconvinced."),
        "summary_spans": (),
        "title": "Budget unveiled",
        "url": "https://news.example/budget",
        "site": "Example News",
        "byline": "Ann Writer",
        "published": "2024-05-01T10:00:00+00:00",
        "claims": (
            claim("The budget is balanced", JANE, direct=True),
            claim("taxes will rise next year", OFFICIAL),
            claim("No cuts are planned", JANE, direct=True),
        ),
        "sourcing": Sourcing(
            flags=(flag("low", "experts", "vague"), flag("high")),
            verdict="One claim rests on an anonymous official.",
        ),
    }
    base.update(changes)
    return Report(**base)


def payload(embeds: list[discord.Embed]) -> dict[str, Any]:
    return {"embeds": [e.to_dict() for e in embeds]}


def total_chars(embeds: list[discord.Embed]) -> int:
    return sum(len(e) for e in embeds)


def all_field_values(embeds: list[discord.Embed]) -> str:
    return "\n".join(f.value or "" for e in embeds for f in e.fields)


# -- what the embeds say -------------------------------------------------------------------


def test_title_links_to_the_article_and_author_line_has_site_author_date() -> None:
    main = render_report_embeds(report())[0]
    assert main.title == "Budget unveiled"
    assert main.url == "https://news.example/budget"
    assert main.author.name == "Example News · Ann Writer · 2024-05-01"
    assert main.description == "The ministry announced a new budget. Critics were unconvinced."


def test_pasted_text_without_title_or_metadata() -> None:
    main = render_report_embeds(report(title=None, url=None, site=None, byline=None, published=None))[0]
    assert main.title and main.url is None and not main.author
    assert message_problems(payload([main])) == []


def test_sourcing_verdict_and_flags_come_first_most_severe_first() -> None:
    main = render_report_embeds(report())[0]
    names = [f.name for f in main.fields]
    assert names[:2] == ["Sourcing", "Flags"]
    assert main.fields[0].value == "One claim rests on an anonymous official."
    flag_lines = (main.fields[1].value or "").splitlines()
    assert "a senior official" in flag_lines[0] and "experts" in flag_lines[1]


def test_without_a_verdict_the_sourcing_field_still_reflects_the_flags() -> None:
    flagged = render_report_embeds(report(sourcing=Sourcing(flags=(flag("high"),))))[0]
    clean = render_report_embeds(report(sourcing=Sourcing()))[0]
    assert flagged.fields[0].value != clean.fields[0].value
    assert [f.name for f in clean.fields] == ["Sourcing"]


def test_key_claims_grouped_by_speaker_with_description() -> None:
    embeds = render_report_embeds(report())
    claims = embeds[1]
    by_name = {f.name: f.value or "" for f in claims.fields}
    assert set(by_name) == {"Jane Doe, a spokeswoman for the ministry", "a senior official"}
    jane = by_name["Jane Doe, a spokeswoman for the ministry"].splitlines()
    assert jane == ["• “The budget is balanced”", "• “No cuts are planned”"]
    assert by_name["a senior official"] == "• taxes will rise next year"


def test_claims_that_are_not_key_are_not_shown() -> None:
    minor = Claim("a minor remark", False, JANE, "said", ClaimSpans(content=((0, 1),)), key=False)
    embeds = render_report_embeds(report(claims=(minor,)))
    assert len(embeds) == 1
    assert "minor remark" not in all_field_values(embeds)


@pytest.mark.parametrize(
    ("severities", "colour"),
    [
        (("low", "high", "medium"), SEVERITY_COLOUR["high"]),
        (("low", "medium"), SEVERITY_COLOUR["medium"]),
        (("low", "info"), SEVERITY_COLOUR["low"]),
        (("info",), SEVERITY_COLOUR["info"]),
        ((), NO_FLAGS_COLOUR),
    ],
)
def test_colour_follows_the_most_severe_flag(severities: tuple[Severity, ...], colour: int) -> None:
    sourcing = Sourcing(flags=tuple(flag(s) for s in severities), verdict="v")
    embeds = render_report_embeds(report(sourcing=sourcing))
    assert {e.colour.value for e in embeds if e.colour} == {colour}


def test_article_markdown_is_neutralised() -> None:
    embeds = render_report_embeds(report(summary=("A **bold** and _odd_ claim.",), claims=(claim("*never*", JANE),)))
    assert embeds[0].description == r"A \*\*bold\*\* and \_odd\_ claim."
    assert r"\*never\*" in all_field_values(embeds)


def test_notices_are_shown() -> None:
    notice = Notice("short_text", "The text has only 2 sentences, so the summary is the whole text.")
    main = render_report_embeds(report(warnings=(notice,)))[0]
    assert notice.message in [f.value for f in main.fields]


# -- Discord's limits ----------------------------------------------------------------------


def test_long_title_is_cut_at_a_word() -> None:
    title = prose(200)
    main = render_report_embeds(report(title=title))[0]
    assert main.title is not None
    assert len(main.title) <= limits.TITLE_MAX and main.title.endswith(ELLIPSIS)
    kept = main.title.removesuffix(ELLIPSIS).rstrip(" .")
    assert title.startswith(kept) and title[len(kept)] in " ."


def test_long_author_line() -> None:
    main = render_report_embeds(report(site=prose(80), byline=prose(80, seed=3)))[0]
    assert len(main.author.name or "") <= limits.AUTHOR_NAME_MAX
    assert (main.author.name or "").endswith(ELLIPSIS)


def test_long_summary_ends_at_a_sentence() -> None:
    summary = tuple(prose(12, seed=i) for i in range(200))
    embeds = render_report_embeds(report(summary=summary, claims=()))
    description = embeds[0].description or ""
    assert limits.DESCRIPTION_MAX // 2 < len(description) <= limits.DESCRIPTION_MAX
    assert description.endswith(". " + ELLIPSIS)
    assert message_problems(payload(embeds)) == []


def test_long_summary_leaves_room_for_claims() -> None:
    summary = tuple(prose(12, seed=i) for i in range(200))
    embeds = render_report_embeds(report(summary=summary))
    assert len(embeds) == 2 and "budget is balanced" in all_field_values(embeds)
    assert total_chars(embeds) <= limits.EMBEDS_TOTAL_MAX


def test_one_speaker_with_many_long_claims_fills_one_field_value() -> None:
    claims = tuple(claim(prose(60, seed=i), JANE, direct=i % 2 == 0) for i in range(40))
    embeds = render_report_embeds(report(claims=claims))
    [field] = embeds[1].fields
    value = field.value or ""
    assert len(value) <= limits.FIELD_VALUE_MAX
    shown = value.count("• ")
    assert 1 <= shown < 40 and value.endswith(f"…and {40 - shown} more")


def test_long_speaker_description_is_cut_in_the_field_name() -> None:
    speaker = Speaker("Jane Doe", prose(150), "named")
    embeds = render_report_embeds(report(claims=(claim("short", speaker),)))
    name = embeds[1].fields[0].name or ""
    assert len(name) <= limits.FIELD_NAME_MAX and name.startswith("Jane Doe, ")


def test_many_speakers_respect_the_field_count_and_are_counted_in_the_footer() -> None:
    claims = tuple(claim(f"claim number {i}", Speaker(f"Speaker {i}", None, "named")) for i in range(60))
    embeds = render_report_embeds(report(claims=claims))
    assert all(len(e.fields) <= limits.FIELDS_MAX for e in embeds)
    shown = all_field_values(embeds).count("• claim number")
    footer = embeds[-1].footer.text or ""
    assert f"{60 - shown} more key claims not shown" in footer
    assert message_problems(payload(embeds)) == []


def test_report_with_many_long_claims_and_flags_fits_one_message() -> None:
    speakers = [Speaker(f"Person {i}", prose(40, seed=i), "named") for i in range(30)]
    claims = tuple(claim(prose(70, seed=i), speakers[i % 30], direct=i % 3 == 0) for i in range(150))
    flags = tuple(flag(("low", "medium", "high")[i % 3], prose(30, seed=i)) for i in range(40))
    big = report(
        title=prose(100),
        summary=tuple(prose(12, seed=i) for i in range(100)),
        claims=claims,
        sourcing=Sourcing(flags=flags, verdict=prose(300)),
        warnings=(Notice("short_text", prose(100)),),
    )
    embeds = render_report_embeds(big)
    assert len(embeds) <= limits.EMBEDS_MAX
    assert total_chars(embeds) <= limits.EMBEDS_TOTAL_MAX
    assert message_problems(payload(embeds)) == []
    main = embeds[0]
    assert main.fields[0].name == "Sourcing" and main.fields[0].value
    assert (main.fields[1].value or "").startswith("🔴")
    assert len(embeds) == 2 and embeds[1].fields, "some claims are still shown"
    assert len(embeds[-1].footer.text or "") <= limits.FOOTER_MAX


def test_overlong_article_url_is_not_linked() -> None:
    url = "https://news.example/" + "a" * limits.URL_MAX
    main = render_report_embeds(report(url=url))[0]
    assert main.url is None and main.title == "Budget unveiled"


def test_error_notes_fit_in_message_content() -> None:
    items = [
        ItemOutcome(source=f"https://site{i}.example/{'p' * 200}", error="I couldn't load that page.")
        for i in range(40)
    ]
    content = notes_content(items, skipped=5)
    assert len(content) <= limits.CONTENT_MAX and content.endswith(ELLIPSIS)
    assert content.startswith("<https://site0.example/")


# -- shortening ----------------------------------------------------------------------------


def test_shorten_keeps_text_that_fits() -> None:
    assert shorten("  Short enough.  ", 20) == "Short enough."


def test_shorten_prefers_a_sentence_end() -> None:
    text = "First sentence is here. Second sentence goes on and on and on."
    assert shorten(text, 40) == "First sentence is here. …"


def test_shorten_falls_back_to_a_word_boundary() -> None:
    assert shorten("alpha beta gamma delta epsilon", 20) == "alpha beta gamma…"


def test_shorten_cuts_a_word_without_spaces() -> None:
    assert shorten("x" * 50, 10) == "x" * 9 + ELLIPSIS


@pytest.mark.parametrize("limit", [1, 2, 5, 17, 64, 255, 256, 1000])
def test_shorten_never_exceeds_the_limit(limit: int) -> None:
    for seed in range(5):
        text = prose(400, seed=seed)
        out = shorten(text, limit)
        assert len(out) <= limit and out.endswith(ELLIPSIS)
