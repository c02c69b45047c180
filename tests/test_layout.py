"""Reading the layout of pasted text: headline, headings, paragraphs and page furniture."""

from __future__ import annotations

import pytest

from bot.layout import read_layout


def roles(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in read_layout(text, title)]


def test_headline_printed_twice_counts_once() -> None:
    text = "Storm Hits Coast\n\nStorm Hits Coast\n\nA storm hit the coast on Monday. Roads were closed."
    assert [k for k, _ in roles(text)] == ["headline", "furniture", "paragraph"]


def test_section_headings_are_not_paragraphs() -> None:
    text = (
        "Council Votes On Budget\n\nThe council voted on Tuesday.\n\n"
        "What Happens Next\n\nThe mayor will sign it, officials said."
    )
    assert roles(text) == [
        ("headline", "Council Votes On Budget"),
        ("paragraph", "The council voted on Tuesday."),
        ("heading", "What Happens Next"),
        ("paragraph", "The mayor will sign it, officials said."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Share this article",
        "Subscribe to our newsletter for free updates",
        "We use cookies to improve your experience.",
        "Advertisement",
        "Related: Five things to know",
        "Editor’s note: The mayor is a frequent critic of this newspaper, which she has called unfair.",
    ],
)
def test_page_furniture_is_dropped(line: str) -> None:
    text = f"The minister resigned on Friday. She gave no reason.\n\n{line}\n\nThe vote is next week."
    kinds = dict((t, k) for k, t in roles(text))
    assert kinds[line] == "furniture"
    assert kinds["The vote is next week."] == "paragraph"


def test_a_sentence_that_mentions_cookies_is_kept() -> None:
    text = "The bakery sold cookies to the mayor, who praised them.\n\nSales rose."
    assert all(k == "paragraph" for k, _ in roles(text))


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = "The committee said the plan would\ncost more than expected and take\nlonger to build.\n\nIt meets again."
    assert roles(text)[0] == (
        "paragraph",
        "The committee said the plan would\ncost more than expected and take\nlonger to build.",
    )


def test_given_title_marks_the_headline_and_not_a_short_first_paragraph() -> None:
    text = "Storm hits coast\n\nRoads closed\n\nA storm hit the coast."
    assert roles(text, title="Storm hits coast")[0] == ("headline", "Storm hits coast")


def test_text_without_paragraphs_keeps_its_lines_as_paragraphs() -> None:
    assert roles("Just a line without a full stop") == [("paragraph", "Just a line without a full stop")]


def test_byline_and_caption() -> None:
    text = "Big News Today\n\nBy Jane Smith and Tom Jones\n\nPhoto: The harbour at dawn\n\nThe harbour reopened."
    kinds = [k for k, _ in roles(text)]
    assert kinds == ["headline", "byline", "caption", "paragraph"]


def test_title_case_headline_with_a_full_stop() -> None:
    text = "Ben Carson Slams Hillary And The Media In One Debate Answer.\n\nThe candidate spoke on Tuesday."
    assert [k for k, _ in roles(text)] == ["headline", "paragraph"]


def test_short_sentence_lede_is_not_a_headline() -> None:
    text = "The mayor resigned on Friday.\n\nShe told reporters that she was tired of the job and would leave at once."
    assert [k for k, _ in roles(text)] == ["paragraph", "paragraph"]


def test_a_long_paragraph_opened_by_an_editors_note_is_still_the_story() -> None:
    """An editor's note is furniture only as a short line of its own: a pasted story that opens
    with one (a single paragraph, as copied from some pages) is still read."""
    story = "Editor’s note: this story was updated on Friday. "
    story += "The council approved the budget after a long debate. " * 10
    text = f"Budget passes\n\n{story.strip()}"
    assert [k for k, _ in roles(text)] == ["headline", "paragraph"]
