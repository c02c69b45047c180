"""Sources inside another source's words: a quoted passage that rests on unnamed people, or a
belief a speaker credits to unnamed officials, is still anonymous sourcing the reader should see;
story actors and named people inside a claim are not."""

from __future__ import annotations

import pytest

from bot.analysis import analyse
from bot.model import Article, Report

LEDE = (
    "The council approved the budget on Monday, Mayor Ann Lee said. "
    "Taxes will not rise next year, Treasurer Bob Hale told reporters.\n\n"
)


def report_of(paragraph: str) -> Report:
    return analyse(Article(text=LEDE + paragraph + "\n\nThe meeting ended at noon, Lee said."))


def flagged(report: Report) -> list[str]:
    """The phrases of the report's anonymous flags."""
    return [report.text[s:e] for f in report.sourcing.flags if f.kind == "anonymous" for s, e in f.spans]


NESTED = [
    (
        "“People close to the mayor say she will run again, and is likely to announce it in May,” "
        "the columnist wrote in the Ledger.",
        "People close to the mayor",
    ),
    (
        "The governor said she doubted state transport officials' confidence that the bridge would open by June.",
        "state transport officials",
    ),
    (
        "She said an agency inspector she spoke to by phone had said that the permits were approved in March.",
        "an agency inspector she spoke to by phone",
    ),
]


@pytest.mark.parametrize(("paragraph", "source"), NESTED)
def test_unnamed_sources_inside_a_claim_are_flagged(paragraph: str, source: str) -> None:
    report = report_of(paragraph)
    assert source in flagged(report)
    assert sum(phrase == source for phrase in flagged(report)) == 1


NOT_SOURCES = [
    "He said several people told him the plant would close before the winter.",
    "The mayor said aides were worried that the deal would collapse.",
    "“Number two, on spending: I don't think the city is broke,” the mayor said.",
    "The senator said Treasurer Bob Hale's claim that taxes would fall was simply wrong.",
]


@pytest.mark.parametrize("paragraph", NOT_SOURCES)
def test_actors_and_named_people_inside_a_claim_are_not_flagged(paragraph: str) -> None:
    assert flagged(report_of(paragraph)) == []


def test_a_nested_source_does_not_change_the_claims() -> None:
    plain = report_of("The governor said she doubted the forecast that the bridge would open by June.")
    nested = report_of(
        "The governor said she doubted state transport officials' confidence that the bridge would open by June."
    )
    assert [c.speaker.name for c in nested.claims] == [c.speaker.name for c in plain.claims]
    assert all(c.speaker.kind != "anonymous" for c in nested.claims)


DENIED_OR_SUPPOSED = [
    "“Not once has an adviser of mine said that the plan would fail,” the mayor said.",
    "“If another senator says you could lose your seat, you listen,” the governor said.",
    "The mayor said no official had said that the bridge was unsafe.",
]


@pytest.mark.parametrize("paragraph", DENIED_OR_SUPPOSED)
def test_a_denied_or_supposed_report_inside_a_claim_is_not_a_source(paragraph: str) -> None:
    assert flagged(report_of(paragraph)) == []
