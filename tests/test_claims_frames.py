"""Reporting frames the parser builds in less usual shapes, direct quotation conventions, and who an
unnamed source is described as."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def source_of(text: str, claim: Claim) -> str | None:
    return " ".join(text[s:e] for s, e in claim.spans.source) if claim.spans.source else None


def with_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue == cue]
    assert len(found) == 1, [(c.cue, c.text) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue", "source", "inside"),
    [
        (
            "Many voters registered as independents, which Democrats say could be aiding the senator.",
            "say",
            "Democrats",
            "could be aiding the senator",
        ),
        (
            "As the Washington Post observed, Republicans now control both chambers in 30 states.",
            "observed",
            "the Washington Post",
            "Republicans now control both chambers",
        ),
        (
            "Senator Pat Toomey refused to discuss the race, responding that he would not talk about his campaign.",
            "responding",
            "Senator Pat Toomey",
            "he would not talk about his campaign",
        ),
        (
            "The governor said the state would cut taxes, secure the border and repair the roads.",
            "said",
            "The governor",
            "secure the border and repair the roads",
        ),
        (
            "In a statement, the company explained its decision to close the plant.",
            "explained",
            "the company",
            "its decision to close the plant",
        ),
    ],
)
def test_frames(text: str, cue: str, source: str, inside: str) -> None:
    claim = with_cue(claims_of(text), cue)
    assert source_of(text, claim) == source
    assert inside in claim.text
    assert cue not in claim.text.split()


def test_question_put_by_no_one_named() -> None:
    text = "Asked whether he was worried about the vote, the minister shrugged."
    claim = with_cue(claims_of(text), "Asked")
    assert claim.spans.source is None and claim.speaker.name is None
    assert claim.text == "whether he was worried about the vote"


def test_it_is_understood_is_a_claim_without_a_source() -> None:
    text = "It is understood that the club has already found a replacement."
    claim = with_cue(claims_of(text), "is understood")
    assert claim.spans.source is None
    assert "the club has already found a replacement" in claim.text


def test_raising_concerns_is_not_a_claim() -> None:
    assert claims_of("The plan has raised concerns over relations between the two countries.") == []


def test_partial_quotation_makes_reported_speech_direct() -> None:
    text = "The senator said he was “not quite there yet” on the bill."
    claim = with_cue(claims_of(text), "said")
    assert claim.direct and "“not quite there yet”" in claim.text


def test_quotation_naming_a_term_keeps_reported_speech_indirect() -> None:
    text = "Analysts said the policy, dubbed “Operation Shield”, had failed."
    assert not with_cue(claims_of(text), "said").direct


def test_quoted_sentence_after_a_report_continues_it_in_its_paragraph() -> None:
    text = 'Trump is no conservative, the senator said. "He is a liberal!"\n\nThe vote is on Friday.'
    claims = claims_of(text)
    assert len(claims) == 1
    assert len(claims[0].spans.content) == 2 and claims[0].direct
    assert claims[0].text.endswith('"He is a liberal!"')


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        (
            "A senior official, who spoke on condition of anonymity because he was not authorized to discuss "
            "the talks, said the deal was close.",
            "A senior official",
            "who spoke on condition of anonymity because he was not authorized to discuss the talks",
        ),
        (
            "The deal is close, a senior diplomat said, speaking on condition of anonymity because the talks "
            "are private.",
            "a senior diplomat",
            "speaking on condition of anonymity because the talks are private",
        ),
        (
            "A diplomat familiar with the negotiations, who asked not to be named, said a deal was near.",
            "A diplomat familiar with the negotiations",
            "who asked not to be named",
        ),
        ("Officials said the deal was close.", "Officials", None),
    ],
)
def test_unnamed_source_keeps_what_the_article_says_about_it(text: str, name: str, description: str | None) -> None:
    claim = with_cue(claims_of(text), "said")
    assert (claim.speaker.name, claim.speaker.description) == (name, description)


def test_person_in_apposition_is_the_speaker() -> None:
    text = "The club's manager, Tom Hughes, said he had not discussed the transfer."
    claim = with_cue(claims_of(text), "said")
    assert claim.speaker.name == "Tom Hughes"
    assert claim.speaker.description == "The club's manager"


@pytest.mark.parametrize(
    ("text", "cue", "thing", "known_as"),
    [
        ("Voters went to the polls in the group of contests known as Super Tuesday.", "known as",
         "the group of contests", "Super Tuesday"),
        ("The town is widely known for its pie festival.", "is widely known for", "The town", "its pie festival"),
        ("The Islamic State, also known as ISIS, struck again.", "also known as", "The Islamic State", "ISIS"),
    ],
)
def test_what_a_thing_is_known_as_is_background_with_no_source(text: str, cue: str, thing: str, known_as: str) -> None:
    claim = with_cue(claims_of(text), cue)
    assert claim.background and claim.spans.source is None and claim.speaker.name is None
    assert [text[s:e] for s, e in claim.spans.content] == [thing, known_as]


def test_known_by_an_agent_or_known_to_be_is_no_background() -> None:
    claims = claims_of("The mayor is known to be careful. The song was known by every child.")
    assert not any(c.background for c in claims)


def test_a_name_for_a_practice_is_background_and_names_no_speaker() -> None:
    claims = claims_of("Targeting cartel leaders, known as the kingpin strategy, can backfire.")
    assert claims and all(c.background and c.speaker.name is None and not c.direct for c in claims)


def test_a_coordinated_passive_shares_the_subject_before_it() -> None:
    text = "She is moving to Los Angeles but is expected to continue to appear on the show."
    claim = with_cue(claims_of(text), "is expected")
    assert claim.spans.source is None
    assert [text[s:e] for s, e in claim.spans.content] == ["She", "to continue to appear on the show"]
