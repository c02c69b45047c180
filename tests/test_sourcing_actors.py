"""Source or story actor, through the whole analysis: people credited with information are sources
(and anonymous when unnamed); people who only know, feel, want or do something in the story are not."""

from __future__ import annotations

import pytest

from bot.analysis import analyse
from bot.model import Article, Report

LEDE = (
    "The council approved the budget on Monday, Mayor Ann Lee said. "
    "Taxes will not rise next year, Treasurer Bob Hale told reporters.\n\n"
)


def report_of(sentence: str) -> Report:
    return analyse(Article(text=LEDE + sentence + "\n\nThe meeting ended at noon, Lee said."))


def anonymous_phrases(report: Report) -> list[str]:
    """The source phrases the report treats as anonymous (claims and flags)."""
    text = report.text
    out = [text[s:e] for c in report.claims if c.speaker.kind == "anonymous" for s, e in c.spans.source or ()]
    out += [text[s:e] for f in report.sourcing.flags if f.kind == "anonymous" for s, e in f.spans]
    return out


ACTORS = [
    "School officials learned only later that the test scores had been changed.",
    "A guard told her she had to leave the building before the vote.",
    "Donors were pouring money into the race by the end of the summer.",
    "American diplomats have long worried about the security of the port.",
    "Party activists were hopeful that the vote would be delayed until spring.",
    "Campaign aides urged volunteers to knock on more doors in the suburbs.",
    "Many people involved in the negotiations assumed that the deal was done.",
    "All told, about 300 homes in the valley lost power overnight.",
    "Someone called the plan a quiet revolution, and nobody disagreed.",
    "Campaign staff peppered their calls with reminders that the deadline was near.",
    "Several council staffers rejected the offer and left the building before noon.",
]


@pytest.mark.parametrize("sentence", ACTORS)
def test_story_actors_are_not_anonymous_sources(sentence: str) -> None:
    report = report_of(sentence)
    assert anonymous_phrases(report) == []
    assert not report.sourcing.core_claim_anonymous


SOURCES = [
    ("Two people briefed on the negotiations said the talks collapsed on Friday.", "Two people briefed"),
    ("Privately, several senators concede that the bill is dead.", "several senators"),
    ("Some donors privately express doubts about the candidate's chances.", "Some donors"),
    ("One delegate from Ohio said he had handed out all of his tickets.", "One delegate from Ohio"),
    ("Five current and former employees told the newspaper that the company offered no leave.", "employees"),
    ("Aides to the governor believe she can win the primary in June.", "Aides to the governor"),
    ("Other council members said they had not seen the contract before the vote.", "Other council members"),
    (
        "A longtime party strategist who has advised two governors said the new map favours the incumbents.",
        "A longtime party strategist",
    ),
    ("The designs were leaked, a former employee told The Ledger on Tuesday.", "a former employee"),
    ("Two longtime regulars of the club's back room told me they expected the chairman to quit.", "regulars"),
    ("Several people close to the chairman intimated that the seat was lost.", "Several people close"),
    ("Aides to the mayor rejected any suggestion that she had changed the plan.", "Aides to the mayor"),
    (
        "“The vote is lost,” Mayor Lee told the paper's editor, Tom Grant, who wrote about it later, "
        "citing participants in the meeting.",
        "participants in the meeting",
    ),
]


@pytest.mark.parametrize(("sentence", "source"), SOURCES)
def test_unnamed_people_credited_with_information_are_anonymous(sentence: str, source: str) -> None:
    report = report_of(sentence)
    assert any(source in phrase for phrase in anonymous_phrases(report)), [
        (c.speaker, c.cue) for c in report.claims
    ]


def test_they_takes_the_kind_of_the_group_it_refers_back_to() -> None:
    report = report_of(
        "The question for people close to the mayor is how the city will pay for the plan. "
        "Such cuts, they believe, will fall on the poorest districts first."
    )
    assert "they" in anonymous_phrases(report)
    assert "people close to the mayor" in anonymous_phrases(report), "the group behind the pronoun is flagged too"


def test_they_after_a_named_person_and_her_team_is_not_anonymous() -> None:
    report = report_of(
        "Councillor Rosa Diaz and her advisers will watch the vote closely, because its margin "
        "will decide how much room they believe they have."
    )
    assert anonymous_phrases(report) == []


def test_an_outlet_named_again_by_a_short_form_is_still_that_outlet() -> None:
    report = analyse(
        Article(
            text="Harbour Flooded\n\nThe harbour district flooded on Tuesday night, the Harbour Gazette reported.\n\n"
            "The sea wall gave way after midnight, the Gazette said.\n"
        )
    )
    said = [c for c in report.claims if c.cue == "said"]
    assert [c.speaker.kind for c in said] == ["outlet"]


def test_a_common_noun_capitalised_alone_is_not_a_person() -> None:
    report = analyse(Article(text="Poll finds Diaz would beat Grant and Moss.\n\nThe vote is in June.\n"))
    [claim] = [c for c in report.claims if c.cue == "finds"]
    assert claim.speaker.kind not in ("named", "institutional")


# -- sources inside another source's words: a quoted passage that rests on unnamed people, or a
# belief a speaker credits to unnamed officials, is anonymous sourcing the reader should see;
# story actors, named people and denied or supposed reports inside a claim are not.


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


@pytest.mark.parametrize("paragraph", NOT_SOURCES + DENIED_OR_SUPPOSED)
def test_actors_named_people_and_denied_reports_inside_a_claim_are_not_flagged(paragraph: str) -> None:
    assert flagged(report_of(paragraph)) == []
