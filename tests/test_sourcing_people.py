"""Named people whose names the tagger labels as places or organisations, and organisations that must
stay organisations: the article's own evidence (titles, roles, full names, pronouns) decides."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Span

from bot.model import Article, Claim, ClaimSpans, Speaker
from bot.pipeline import parse
from bot.sourcing import assess_sourcing


def kind_of(text: str, source: str, content: str, person_label: str | None = None) -> str:
    """The category given to the last whole-word occurrence of `source`, claiming `content`; with
    `person_label`, every PERSON entity is first relabelled so, as the small tagger often does."""
    found = [m for m in re.finditer(rf"(?<!\w){re.escape(source)}(?!\w)", text)]
    assert found, source
    m = found[-1]
    c = text.rindex(content)
    spans = ClaimSpans(((c, c + len(content)),), ((m.start(), m.end()),))
    claim = Claim(content, False, Speaker(source, None, "none"), None, spans)
    parsed = parse(Article(text=text))
    if person_label is not None:
        doc = parsed.doc
        doc.ents = [Span(doc, e.start, e.end, person_label if e.label_ == "PERSON" else e.label_) for e in doc.ents]
        assert not [e for e in doc.ents if e.label_ == "PERSON"]
    claims, sourcing = assess_sourcing(parsed, [claim])
    assert not [f for f in sourcing.flags if f.kind == "anonymous"]
    return claims[0].speaker.kind


# The surname stands for a two-word name given earlier. A name tagged exactly as an organisation or a
# state ("Goldman Sachs") is trusted to be one unless a pronoun says otherwise, so only these labels.
FULL_NAME_ELSEWHERE = (
    "The memo was written by Dorota Vlasek, who runs the budget office. Vlasek wrote that the reform would save money.",
    "Vlasek",
    "the reform would save money",
)

PEOPLE = [
    # a person's role in front of the name
    (
        "\u201cI can't vote for him,\u201d said Ashford resident Wyn Carrick.",
        "Ashford resident Wyn Carrick",
        "I can't vote for him",
    ),
    # a person's role in apposition, even when the parser hangs the name on a later verb
    (
        "\u201cIt is a smear,\u201d said Dana Pruitt, a Clinton confidant who heads the group Fix the Facts.",
        "Dana Pruitt, a Clinton confidant who heads the group Fix the Facts",
        "It is a smear",
    ),
    # a person's pronoun after the name as subject
    (
        "The mill is owned by Hal Brandt. Brandt said he would close the plant in March.",
        "Brandt",
        "he would close the plant in March",
    ),
    # a title elsewhere in the article
    (
        "Mr. Okafor owns the mill. Okafor said the plant would close in March.",
        "Okafor",
        "the plant would close in March",
    ),
    # an abbreviated title the parser splits from the name
    ("With Pres. Obama claiming victory, aides said the vote was close.", "Pres. Obama", "claiming victory"),
    # a name the parser cuts off from the phrase's head, before a parenthesis
    (
        "Sen. Tom Harkle (a Vermont Democrat so blunt he has been called rude) said the bill was dead.",
        "Sen. Tom Harkle (a Vermont Democrat so blunt he has been called rude)",
        "the bill was dead",
    ),
    # a party label in parentheses after the name
    (
        "\u201cThe hearing was a farce,\u201d said Harold Benning (D-Md.).",
        "Harold Benning (D-Md.)",
        "The hearing was a farce",
    ),
    # an agentive "by" opening the source
    (
        "The plan was a decision by Senate campaign chairman Chuck Schumer and his House counterpart Rahm Emanuel.",
        "by Senate campaign chairman Chuck Schumer and his House counterpart Rahm Emanuel",
        "The plan",
    ),
]

ORGANISATIONS = [
    ("The Clinton campaign said the report was false.", "The Clinton campaign", "the report was false"),
    (
        "The Committee for a Responsible Federal Budget said the plan would add to the deficit.",
        "The Committee for a Responsible Federal Budget",
        "the plan would add to the deficit",
    ),
    ("Apple said sales rose in the quarter.", "Apple", "sales rose in the quarter"),
    ("Congress said the law was clear.", "Congress", "the law was clear"),
    ("The U.S. Congress said the law was clear.", "The U.S. Congress", "the law was clear"),
    ("The Pentagon said the strike was lawful.", "The Pentagon", "the strike was lawful"),
    ("China said the tariffs were unfair.", "China", "the tariffs were unfair"),
    ("Goldman Sachs said the merger would close soon.", "Goldman Sachs", "the merger would close soon"),
    (
        "Wells Fargo cut rates. Wells Fargo said it expected lower profits.",
        "Wells Fargo",
        "it expected lower profits",
    ),
    (
        "The book's publisher, W.W. Norton, dropped it. Norton, which declined to comment, said sales were weak.",
        "Norton, which declined to comment",
        "sales were weak",
    ),
    ("Costa Rica cut tariffs last year. Costa Rica said exports rose.", "Costa Rica", "exports rose"),
    (
        "The State Department\u2019s inspector general said the emails were mishandled.",
        "The State Department\u2019s inspector general",
        "the emails were mishandled",
    ),
]

GROUPS = [
    ("Some say the law targets farmers.", "Some", "the law targets farmers"),
    ("The vote was called a victory by some in the movement.", "by some in the movement", "The vote"),
]


@pytest.mark.parametrize("label", ["ORG", "GPE", "LOC", "FAC"])
@pytest.mark.parametrize(("text", "source", "content"), PEOPLE)
def test_people_mislabelled_by_the_tagger_are_named(text: str, source: str, content: str, label: str) -> None:
    assert kind_of(text, source, content, person_label=label) == "named"


@pytest.mark.parametrize("label", ["LOC", "FAC"])
def test_a_surname_reads_as_the_full_name_given_earlier(label: str) -> None:
    assert kind_of(*FULL_NAME_ELSEWHERE, person_label=label) == "named"


@pytest.mark.parametrize(("text", "source", "content"), ORGANISATIONS)
def test_organisations_and_offices_stay_institutional(text: str, source: str, content: str) -> None:
    assert kind_of(text, source, content) == "institutional"


@pytest.mark.parametrize(("text", "source", "content"), GROUPS)
def test_quantifier_pronouns_are_vague_groups(text: str, source: str, content: str) -> None:
    assert kind_of(text, source, content) == "vague"
