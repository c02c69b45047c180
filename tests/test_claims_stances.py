"""Stances and claims without a reporting verb: stance adjectives ("X is critical of Y"), claim nouns
("her claim that ..."), characterizing verbs ("X sees Y as ..."), and lemmas the tagger gets wrong."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def source_of(text: str, claim: Claim) -> str | None:
    return " ".join(text[s:e] for s, e in claim.spans.source) if claim.spans.source else None


@pytest.mark.parametrize(
    ("text", "source", "cue_word", "content"),
    [
        (
            "The senators were critical of the new trade agreement.",
            "The senators",
            "critical",
            "the new trade agreement",
        ),
        (
            "The mayor remains adamant that the stadium will be finished on time.",
            "The mayor",
            "adamant",
            "the stadium will be finished on time",
        ),
        (
            "Many farmers are worried about the drought in the north.",
            "Many farmers",
            "worried",
            "the drought in the north",
        ),
        (
            "The union is eager to resume the talks.",
            "The union",
            "eager",
            "to resume the talks",
        ),
    ],
)
def test_stance_adjective_after_a_linking_verb(text: str, source: str, cue_word: str, content: str) -> None:
    claims = [c for c in claims_of(text) if c.cue and cue_word in c.cue.split()]
    assert len(claims) == 1, [(c.cue, c.text) for c in claims_of(text)]
    assert source_of(text, claims[0]) == source
    assert claims[0].text.removeprefix("that ") == content


@pytest.mark.parametrize(
    "text",
    [
        "It is critical that the bridge is repaired before winter.",
        "The bridge is critical to the economy of the town.",
        "The report was clear and well written.",
        "The team is sure to win the league this year.",
    ],
)
def test_not_a_stance(text: str) -> None:
    assert claims_of(text) == []


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Nobody took seriously her claim that the factory polluted the river.",
            "her",
            "that the factory polluted the river",
        ),
        (
            "Economists doubted the minister's assertion that prices would fall.",
            "the minister's",
            "that prices would fall",
        ),
    ],
)
def test_claim_noun_with_a_possessor(text: str, source: str, content: str) -> None:
    claims = [c for c in claims_of(text) if c.text == content]
    assert len(claims) == 1, [(c.cue, c.text) for c in claims_of(text)]
    assert source_of(text, claims[0]) == source


@pytest.mark.parametrize(
    "text",
    [
        "The claim that the factory polluted the river was never proven.",
        "The senator's plan ran to 40 pages.",
        "The company's report that was published on Monday ran to 90 pages.",
    ],
)
def test_claim_noun_needs_a_possessor_and_a_clause(text: str) -> None:
    assert claims_of(text) == []


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Many voters see the senator as a reformer.", "Many voters", "the senator as a reformer"),
        ("The governor portrayed the strike as a threat to jobs.", "The governor", "the strike as a threat to jobs"),
    ],
)
def test_verb_characterizing_its_object_as_something(text: str, source: str, content: str) -> None:
    claims = claims_of(text)
    assert len(claims) == 1
    assert source_of(text, claims[0]) == source
    assert claims[0].text == content


@pytest.mark.parametrize(
    "text",
    [
        "Many voters saw the senator at the rally.",
        "The governor portrayed a king in the school play.",
        "She served as mayor for ten years.",
    ],
)
def test_characterizing_verb_without_an_as_phrase_is_no_claim(text: str) -> None:
    assert claims_of(text) == []


@pytest.mark.parametrize("verb", ["hopes", "is hoping", "hoped"])
def test_forms_of_hope_report_an_intention(verb: str) -> None:
    text = f"The coach {verb} to sign two new players before the season."
    claims = claims_of(text)
    assert len(claims) == 1
    assert source_of(text, claims[0]) == "The coach"
    assert claims[0].text == "to sign two new players before the season"
