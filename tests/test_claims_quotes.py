"""Direct quotations: marks of every kind, split quotes, continued and multi-paragraph quotes."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims
from bot.claims.marks import find_quotes
from bot.model import Article, Block, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will win,” she said.", "“We will win,”"),
        ('"We will win," she said.', '"We will win,"'),
        ("''We will win,'' she said.", "''We will win,''"),
        ("«We will win», she said.", "«We will win»"),
        ("„We will win“, she said.", "„We will win“"),
        ("She said: ‘We will win.’", "‘We will win.’"),
    ],
)
def test_quote_marks_of_every_kind(text: str, quoted: str) -> None:
    claim = only(claims_of(text))
    assert claim.direct
    assert claim.text == quoted
    s, e = claim.spans.content[0]
    assert text[s:e] == quoted


def test_apostrophes_inside_words_are_not_quotes() -> None:
    text = "The senator’s aides don’t agree and the voters’ mood is sour."
    assert find_quotes(text, (Block(0, len(text), "paragraph"),)) == []


def test_split_quote_is_one_attribution_with_two_parts() -> None:
    text = "“The plan is sound,” the mayor said, “and it will pass next week.”"
    claim = only(claims_of(text))
    assert len(claim.spans.content) == 2
    assert claim.text == "“The plan is sound,” … “and it will pass next week.”"
    assert claim.speaker.name == "the mayor"
    assert claim.cue == "said"


def test_inverted_frame_with_title_and_appositive() -> None:
    text = "“Prices will rise,” said Dr. Maria Lopez, an economist at Rice University."
    claim = only(claims_of(text))
    assert claim.speaker.name == "Maria Lopez"
    assert claim.speaker.description == "an economist at Rice University"
    assert claim.speaker.kind == "named"


def test_question_quote_before_pronoun_frame() -> None:
    text = "Maria Lopez spoke to reporters on Monday.\n\n“Why would anyone wait?” she asked."
    claim = only(claims_of(text))
    assert claim.cue == "asked"
    assert claim.speaker.name == "Maria Lopez"


def test_quoted_sentence_after_the_frame_continues_the_quote() -> None:
    text = "“We are ready,” Smith said. “The troops have trained for months.”"
    claim = only(claims_of(text))
    assert len(claim.spans.content) == 2
    assert claim.text.endswith("“The troops have trained for months.”")


def test_quote_running_over_two_paragraphs() -> None:
    text = (
        "Mayor Ann Smith said: “The budget is balanced. Taxes will not go up.\n\n"
        "“We have cut waste in every department.”"
    )
    claim = only(claims_of(text))
    assert claim.direct
    assert len(claim.spans.content) == 2
    assert "waste in every department" in claim.text


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“He told me ‘never again’ and meant it,” Jones said."
    claim = only(claims_of(text))
    assert claim.text == "“He told me ‘never again’ and meant it,”"


def test_bare_quote_paragraph_goes_to_the_previous_speaker() -> None:
    text = "“The dam is safe,” said engineer Paul Grant.\n\n“We inspect it every single week and publish the results.”"
    claims = claims_of(text)
    assert len(claims) == 2
    assert {c.speaker.name for c in claims} == {"Paul Grant"}
    assert claims[1].text == "“We inspect it every single week and publish the results.”"


def test_quote_embedded_in_a_clause_is_not_a_direct_quote_of_the_frame() -> None:
    text = "Experts warn that the so-called “kingpin strategy” can backfire."
    claim = only(claims_of(text))
    assert not claim.direct
    assert claim.text == "that the so-called “kingpin strategy” can backfire"


def test_scare_quotes_without_a_frame_are_not_claims() -> None:
    assert claims_of("The town is the “capital of pie” in the region.") == []


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Ms. Ortiz, a council ally, called the new rules “reckless.”", "Ms. Ortiz, a council ally",
         "the new rules “reckless.”"),
        ("The crowd chanted “Recount!” as the results came in.", "The crowd", "“Recount!”"),
    ],
)
def test_a_quoted_name_or_chant(text: str, source: str, content: str) -> None:
    claims = extract_claims(parse(Article(text=text)))
    found = [c for c in claims if c.spans.source and text[c.spans.source[0][0] : c.spans.source[0][1]] == source]
    assert [c.text for c in found] == [content], [(c.cue, c.text) for c in claims]
    assert found[0].direct
