"""Attributions wherever they stand: sources after the content, in parentheticals, behind "by" in
the passive, on participles, and in the phrases the parser reads as clauses of their own."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def source_of(text: str, claim: Claim) -> str | None:
    return " ".join(text[s:e] for s, e in claim.spans.source) if claim.spans.source else None


def with_cue(text: str, cue: str) -> Claim:
    found = [c for c in claims_of(text) if c.cue == cue]
    assert len(found) == 1, [(c.cue, c.text) for c in claims_of(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The ferry service will stop in October, said three people briefed on the budget.",
            "said",
            "three people briefed on the budget",
            "The ferry service will stop in October",
        ),
        (
            "The museum will sell two of its paintings, the people said.",
            "said",
            "the people",
            "The museum will sell two of its paintings",
        ),
        (
            "The port expansion has stalled again, these people said.",
            "said",
            "these people",
            "The port expansion has stalled again",
        ),
        (
            "The mayor will sign the budget, said one council member familiar with the talks, "
            "who added that the vote was close.",
            "said",
            "one council member familiar with the talks",
            "The mayor will sign the budget",
        ),
    ],
)
def test_source_after_the_content(text: str, cue: str, source: str, content: str) -> None:
    claim = with_cue(text, cue)
    assert source_of(text, claim) == source
    assert claim.text == content


def test_a_relative_clause_that_reports_is_its_own_claim() -> None:
    text = (
        "The mayor will sign the budget, said one council member familiar with the talks, "
        "who added that the vote was close."
    )
    added = with_cue(text, "added")
    assert added.text == "that the vote was close"
    assert added.spans.source is not None


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The new stadium, his advisers believe, will pay for itself within ten years.",
            "believe",
            "his advisers",
            "The new stadium … will pay for itself within ten years",
        ),
        (
            "Such cuts, they believe, would close the rural clinics.",
            "believe",
            "they",
            "Such cuts … would close the rural clinics",
        ),
        (
            "If the strike goes on, figure people close to the union, the factory will close for good.",
            "figure",
            "people close to the union",
            "If the strike goes on … the factory will close for good",
        ),
    ],
)
def test_inverted_belief_verbs(text: str, cue: str, source: str, content: str) -> None:
    claim = with_cue(text, cue)
    assert source_of(text, claim) == source
    assert claim.text == content


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "The merger was described by bankers who asked not to be named.",
            "bankers who asked not to be named",
            "The merger",
        ),
        (
            "The proposal was rejected by the school board as too expensive.",
            "the school board",
            "The proposal … as too expensive",
        ),
        (
            "The report, which was reviewed by The Courier, lists nine unsafe bridges in the county.",
            "The Courier",
            "The report … lists nine unsafe bridges in the county",
        ),
        (
            "The figures, provided to the newspaper by a consultant not involved in the bid, show a loss.",
            "a consultant not involved in the bid",
            "The figures … show a loss",
        ),
    ],
)
def test_passive_agents_are_sources(text: str, source: str, content: str) -> None:
    claims = [c for c in claims_of(text) if source_of(text, c) == source]
    assert len(claims) == 1, [(source_of(text, c), c.text) for c in claims_of(text)]
    assert claims[0].text == content


def test_a_noun_a_passive_clause_only_describes_is_no_claim() -> None:
    text = "The letter was signed by a copy of the report reviewed by the auditors."
    assert all(source_of(text, c) != "the auditors" for c in claims_of(text))


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The union issued a statement saying the strike would go on.",
            "saying",
            "The union",
            "the strike would go on",
        ),
        (
            "The council began the meeting by saying that the budget was short.",
            "saying",
            "The council",
            "that the budget was short",
        ),
        (
            "Most farmers going to the meetings said they oppose the new water rules.",
            "said",
            "Most farmers going to the meetings",
            "they oppose the new water rules",
        ),
    ],
)
def test_holders_the_parser_puts_elsewhere(text: str, cue: str, source: str, content: str) -> None:
    claim = with_cue(text, cue)
    assert source_of(text, claim) == source
    assert claim.text == content


def test_a_participle_on_an_object_does_not_make_the_object_a_source() -> None:
    text = "The police arrested a man carrying a sign that said the end was near."
    assert all(source_of(text, c) != "a man" for c in claims_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "A senior aide, who requested anonymity to discuss private talks, said the veto was certain.",
        "The official, who was not authorized to discuss the inquiry, said it was widening.",
    ],
)
def test_the_reason_for_anonymity_is_no_claim_of_its_own(text: str) -> None:
    assert [c.cue for c in claims_of(text)] == ["said"]


def test_a_purpose_clause_shares_the_subject() -> None:
    text = "The senator used her speech to criticize the budget cuts."
    claim = with_cue(text, "criticize")
    assert source_of(text, claim) == "The senator"
