"""Reports in an opening headline that the parser misreads (title case, no articles)."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse

BODY = "\n\nWASHINGTON (AP) — The candidates spoke to voters on Monday.\n"


def headline_claims(headline: str) -> list[Claim]:
    text = headline + BODY
    return [c for c in extract_claims(parse(Article(text=text))) if c.spans.content[0][0] < len(headline)]


def source_of(headline: str, claim: Claim) -> str | None:
    return headline[slice(*claim.spans.source[0])] if claim.spans.source else None


@pytest.mark.parametrize(
    ("headline", "source", "cue", "content"),
    [
        ("Conservative Icon Morton Blackwell Endorses Ted Cruz.", "Conservative Icon Morton Blackwell", "Endorses",
         "Ted Cruz"),
        ("Rose Bowl skywriters blast Trump.", "Rose Bowl skywriters", "blast", "Trump"),
        ("Rose Bowl skywriters again blast Trump.", "Rose Bowl skywriters", "again blast", "Trump"),
        ("Rose Bowl skywriters blast Trump, Cruz and Rubio.", "Rose Bowl skywriters", "blast", "Trump, Cruz and Rubio"),
        ("Trump talks to Megyn Kelly about bullying.", "Trump", "talks about", "bullying"),
    ],
)
def test_a_headline_in_subject_verb_order_is_a_report(headline: str, source: str, cue: str, content: str) -> None:
    claims = headline_claims(headline)
    assert [(source_of(headline, c), c.cue, c.text) for c in claims] == [(source, cue, content)]


@pytest.mark.parametrize(
    "headline",
    [
        "Sanders campaign buys ad time for Super Tuesday states.",  # a bare form after a name is a noun
        "Jobs report gives Democrats a lift.",  # a present tense after the cue word: it was a noun
        "Blistering attacks upend the front-runner's week.",  # an adjective is no subject
        "Village paper: Rose Bowl skywriters blast Trump.",  # after a label's colon: the label's words
        "U.S. Military Preparing Attacks Against Mexican Cartels, Report Says",  # "Preparing" is no subject
    ],
)
def test_a_cue_word_read_as_a_noun_makes_no_headline_report(headline: str) -> None:
    assert headline_claims(headline) == []


def test_a_report_nested_in_the_headline_report_does_not_hide_it() -> None:
    headline = "Trump demands Ginsburg resign for criticizing him as unfit."
    claims = headline_claims(headline)
    assert ("Trump", "demands", "Ginsburg resign for criticizing him as unfit") in [
        (source_of(headline, c), c.cue, c.text) for c in claims
    ]


def test_only_the_opening_line_is_read_this_way() -> None:
    text = "The candidates spoke to voters on Monday.\n\nRose Bowl skywriters blast Trump.\n\nThe vote is in May.\n"
    assert [c for c in extract_claims(parse(Article(text=text))) if c.cue == "blast"] == []
