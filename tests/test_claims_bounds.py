"""Where reported content ends: a narrator's aside after the reported clause is not part of it."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claim_by(text: str, speaker: str) -> Claim:
    claims = [c for c in extract_claims(parse(Article(text=text))) if c.speaker.name == speaker]
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "speaker", "content", "aside"),
    [
        (
            "The senator said the bill would pass, though several colleagues remained opposed.",
            "The senator",
            "the bill would pass",
            "several colleagues",
        ),
        (
            "The mayor said the budget was balanced, although critics disputed the figures.",
            "The mayor",
            "the budget was balanced",
            "critics",
        ),
        (
            "Analysts said the merger will go ahead, even though regulators have raised concerns.",
            "Analysts",
            "the merger will go ahead",
            "regulators",
        ),
        (
            "Officials said the plant would reopen, even as workers continued to strike.",
            "Officials",
            "the plant would reopen",
            "workers",
        ),
        (
            "The minister said exports would fall, while imports would rise sharply.",
            "The minister",
            "exports would fall",
            "imports",
        ),
        (
            "The governor said she supports the final bill, which includes new funding for schools.",
            "The governor",
            "she supports the final bill",
            "new funding",
        ),
        (
            "Smith said the party should back Jones, who won the primary last spring.",
            "Smith",
            "the party should back Jones",
            "primary",
        ),
        (
            "The coach said the team would travel to Boston, where the final will be played.",
            "The coach",
            "the team would travel to Boston",
            "final will be played",
        ),
        (
            "The treasurer said the council should hire Dana Ortiz, the former auditor who led the 2019 review.",
            "The treasurer",
            "the council should hire Dana Ortiz",
            "former auditor",
        ),
        (
            "The union said members would vote on the offer, a deal the company called final.",
            "The union",
            "members would vote on the offer",
            "deal",
        ),
        (
            "The coach said the club would keep its manager, with whom the players had clashed all season.",
            "The coach",
            "the club would keep its manager",
            "players",
        ),
        (  # an object verb's object, not only a reported clause
            "The governor attacked the senator, who had blocked the bill for months.",
            "The governor",
            "the senator",
            "blocked",
        ),
        (
            "The bridge will close next month, the engineer said, though no date has been set.",
            "the engineer",
            "The bridge will close next month",
            "no date",
        ),
    ],
)
def test_a_closing_aside_after_a_comma_is_the_narrators(text: str, speaker: str, content: str, aside: str) -> None:
    claim = claim_by(text, speaker)
    assert claim.text == content
    assert aside not in claim.text


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The company said profits rose because demand for its chips surged.",
            "The company",
            "profits rose because demand for its chips surged",
        ),
        (
            "The chief said the road would close if the river kept rising.",
            "The chief",
            "the road would close if the river kept rising",
        ),
        (
            "The minister said exports fell while he was in office.",
            "The minister",
            "exports fell while he was in office",
        ),
        (
            "The senator said he opposes the bill that the House passed last week.",
            "The senator",
            "he opposes the bill that the House passed last week",
        ),
        (
            "Aides said the senator met voters who were angry about the tax.",
            "Aides",
            "the senator met voters who were angry about the tax",
        ),
        (
            "The report said the agency, a unit of the state police, had failed to act.",
            "The report",
            "the agency, a unit of the state police, had failed to act",
        ),
        (
            "The report said the agency, which was created in 2002, had failed to act.",
            "The report",
            "the agency, which was created in 2002, had failed to act",
        ),
    ],
)
def test_the_reported_clause_keeps_its_own_subordinate_clauses(text: str, speaker: str, content: str) -> None:
    assert claim_by(text, speaker).text == content


def test_only_the_closing_aside_is_cut_not_a_remark_inside_the_clause() -> None:
    text = "He said the plan, which he called fair, would cut costs, though critics disagree."
    assert claim_by(text, "He").text == "the plan, which he called fair, would cut costs"


@pytest.mark.parametrize(
    ("text", "speaker", "pieces"),
    [
        (
            "He said there are no good options, but that sometimes the lesser of two evils will have to do.",
            "He",
            ["there are no good options", "that sometimes the lesser of two evils will have to do"],
        ),
        (
            "The mayor said the budget was balanced, but critics disagree.",
            "The mayor",
            ["the budget was balanced"],
        ),
    ],
)
def test_a_second_that_clause_after_but_is_reported_too(text: str, speaker: str, pieces: list[str]) -> None:
    claim = claim_by(text, speaker)
    assert [text[s:e] for s, e in claim.spans.content] == pieces
