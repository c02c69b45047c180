"""Who stands behind "according to", who a reporter cites, who is told, and who holds a belief
named by a noun."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def source_of(text: str, claim: Claim) -> str | None:
    return " ".join(text[s:e] for s, e in claim.spans.source) if claim.spans.source else None


def sources(text: str) -> dict[str | None, str]:
    return {source_of(text, c): c.text for c in claims_of(text)}


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "The library will close two branches, according to four people who attended the budget meeting.",
            "four people who attended the budget meeting",
            "The library will close two branches",
        ),
        (
            "The coach rarely spoke to the players, according to interviews with more than a dozen of his staff.",
            "more than a dozen of his staff",
            "The coach rarely spoke to the players",
        ),
        (
            "The treasurer left before the vote, according to an attendee.",
            "an attendee",
            "The treasurer left before the vote",
        ),
        (
            "The district spent $2 million on consultants, according to figures provided to the paper by a "
            "trustee not involved in the contract.",
            "a trustee not involved in the contract",
            "The district spent $2 million on consultants",
        ),
    ],
)
def test_who_stands_behind_according_to(text: str, source: str, content: str) -> None:
    assert sources(text).get(source) == content


def test_according_to_closing_a_sentence_covers_all_its_clauses() -> None:
    text = "Turnout rose in the north, fell in the south and held steady in the west, according to the count."
    assert sources(text)["the count"] == "Turnout rose in the north, fell in the south and held steady in the west"


def test_a_report_inside_according_to_content_is_not_a_second_claim() -> None:
    text = "The mayor plans to resign in June, according to two aides."
    assert [c.cue for c in claims_of(text)] == ["according to"]


def test_a_reporter_citing_people_credits_them_with_the_content() -> None:
    text = "The strike will end soon, wrote the bureau chief, citing participants in the talks."
    found = sources(text)
    assert found["the bureau chief"] in ("The strike will end soon", "participants in the talks")
    assert found["participants in the talks"] == "The strike will end soon"


def test_citing_closing_the_reported_clause_belongs_to_the_reporter() -> None:
    text = "The agency said the plant would close, citing two people familiar with the plan."
    said = [c for c in claims_of(text) if c.cue == "said"]
    assert [c.text for c in said] == ["the plant would close"]
    assert sources(text)["two people familiar with the plan"] == "the plant would close"


def test_citing_a_record_is_not_citing_a_source() -> None:
    text = "The governor said the state could afford the cuts, citing his record on taxes."
    assert "his record on taxes" not in sources(text)


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The former executive told The Tribune that the losses were hidden.", "The former executive",
         "that the losses were hidden"),
        ("The chief told reporters that the fire was under control.", "The chief", "that the fire was under control"),
        ("The council never voted on the plan, the clerk told me.", "the clerk", "The council never voted on the plan"),
        ("Privately, several trustees concede that the merger is dead.", "several trustees",
         "that the merger is dead"),
        ("Some donors privately express doubts about the campaign.", "Some donors", "doubts about the campaign"),
    ],
)
def test_told_and_privately(text: str, source: str, content: str) -> None:
    assert sources(text).get(source) == content


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "There is a tacit recognition among some members of her staff that the campaign cannot win.",
            "some members of her staff",
            "that the campaign cannot win",
        ),
        ("There is a growing sense among her aides that the bill is dead.", "her aides", "that the bill is dead"),
    ],
)
def test_a_belief_noun_held_by_a_group(text: str, source: str, content: str) -> None:
    claims = claims_of(text)
    assert [(source_of(text, c), c.text) for c in claims] == [(source, content)]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("MORALES: Well, the budget is not the problem here.", "MORALES", "Well, the budget is not the problem here"),
        ("Poll: Voters in the county back the school levy.", "Poll", "Voters in the county back the school levy"),
        (
            "Daily Ledger Fact-Check: The mayor's figures on crime are wrong.",
            "Daily Ledger",
            "The mayor's figures on crime are wrong",
        ),
    ],
)
def test_a_short_capitalised_label_before_a_colon_is_a_source(text: str, source: str, content: str) -> None:
    assert sources(text).get(source) == content


@pytest.mark.parametrize(
    "text",
    [
        "Update: The story was corrected on Monday to fix the name of the school.",
        "Springfield: The river rose two feet overnight and closed the bridge.",
        "Q: What will you do about the roads next year?",
        "News Guide: What to watch in the county races on Tuesday.",
    ],
)
def test_labels_that_name_no_speaker(text: str) -> None:
    assert all(c.cue != ":" for c in claims_of(text))


def test_a_light_verb_makes_its_subject_the_holder_of_a_claim_noun() -> None:
    text = "The mayor made the case that the new tax was fair."
    assert sources(text) == {"The mayor": "that the new tax was fair"}


def test_a_clause_standing_as_an_object() -> None:
    text = "She criticized what she called the careless handling of the budget."
    assert sources(text)["She"] == "what she called the careless handling of the budget"


def test_according_to_is_not_part_of_a_reported_clause() -> None:
    text = "Most residents said that the bus service had improved, according to the city survey."
    claims = claims_of(text)
    assert [c.cue for c in claims] == ["according to"]
    assert claims[0].text == "Most residents said that the bus service had improved"


def test_a_frame_ending_in_a_colon_does_not_take_the_quotation_before_it() -> None:
    text = (
        "“The costs are rising,” the treasurer said about the new pool. “We are already over budget.” "
        "She went on to say:\n\n“We will need a new plan.”"
    )
    said = [c for c in claims_of(text) if c.cue == "said"]
    assert len(said) == 1
    assert said[0].text.endswith("“We are already over budget.”")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("\u201cThe plant will close,\u201d said Elias Cummerford (R-Texas).", "Elias Cummerford (R-Texas)"),
        ("The mayor (a Democrat) said the plan was dead.", "The mayor (a Democrat)"),
    ],
)
def test_a_source_keeps_the_bracket_it_opens(text: str, source: str) -> None:
    claims = claims_of(text)
    assert [source_of(text, c) for c in claims] == [source]
