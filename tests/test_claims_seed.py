"""The seed article: every attribution, who made it, and nothing from headings or page furniture."""

from __future__ import annotations

import pytest

from bot.claims import extract_claims, mark_key_claims
from bot.model import Article, Claim
from bot.pipeline import Parsed, parse

JONES = "Nathan Jones"
JONES_ROLE = "associate professor of security studies at Sam Houston State University"


@pytest.fixture(scope="module")
def parsed(seed_text: str) -> Parsed:
    return parse(Article(text=seed_text))


@pytest.fixture(scope="module")
def claims(parsed: Parsed) -> list[Claim]:
    return extract_claims(parsed)


def by(claims: list[Claim], name: str) -> list[Claim]:
    return [c for c in claims if c.speaker.name == name]


def test_every_jones_statement_is_his_with_his_description(claims: list[Claim]) -> None:
    jones = by(claims, JONES)
    cues = [c.cue for c in jones]
    assert cues[:6] == ["said", "cautioned", "asked", "noted", "explained", "argued"]
    assert "warned" in cues
    assert all(c.speaker.description == JONES_ROLE and c.speaker.kind == "named" for c in jones)
    assert any(c.direct for c in jones) and any(not c.direct for c in jones)


def test_jones_quotes_in_every_form(claims: list[Claim], parsed: Parsed) -> None:
    texts = " ".join(c.text for c in by(claims, JONES))
    for fragment in (
        "Any country would find it inappropriate",
        "Is it worth losing Mexico’s support",
        "Even ‘El Chapo’ Guzmán had people near him",
        "cartels fragment. They fight each other more",
        "they need to be confronted at the ground level",
        "You can win every battle and still lose the war",
    ):
        assert fragment in texts
    sources = {parsed.text[s:e] for c in by(claims, JONES) for s, e in c.spans.source or ()}
    assert {"he", "He", "Jones"} <= sources


def test_last_quote_continues_over_its_sentences(claims: list[Claim]) -> None:
    last = claims[-1]
    assert last.speaker.name == JONES
    assert len(last.spans.content) == 2
    assert last.text.endswith("We saw that in Vietnam.”")


@pytest.mark.parametrize(
    ("name", "cue", "fragment"),
    [
        ("Ken Klippenstein", "according to", "preparing to launch attacks against Mexican cartels"),
        ("Three anonymous military sources", "told", "preparations are in motion"),
        ("The New York Times", "reported", "a surge in CIA drone flights over Mexico"),
        ("experts", "warn", "unilateral U.S. action could jeopardize that progress"),
        ("Experts", "warn", "targeting cartel leaders"),
    ],
)
def test_other_sources(claims: list[Claim], name: str, cue: str, fragment: str) -> None:
    assert any(c.cue == cue and fragment in c.text for c in by(claims, name))


def test_nothing_from_headings_or_the_comment_form(claims: list[Claim], parsed: Parsed) -> None:
    for claim in claims:
        for s, _ in (*claim.spans.content, *(claim.spans.source or ()), *(claim.spans.cue or ())):
            assert parsed.kind_at(s) == "paragraph"
    assert not any("known as" in c.text and c.cue is None for c in claims)
    assert not any("email" in c.text.lower() for c in claims)


def test_spans_point_into_the_text(claims: list[Claim], parsed: Parsed) -> None:
    for claim in claims:
        assert claim.text.split(" … ")[0] == parsed.text[slice(*claim.spans.content[0])]
        if claim.cue is not None and claim.spans.cue:
            assert parsed.text[slice(*claim.spans.cue[0])] in claim.cue
    starts = [c.spans.content[0][0] for c in claims]
    assert starts == sorted(starts)


def test_key_claims_cover_the_story_with_a_spread_of_speakers(claims: list[Claim], parsed: Parsed) -> None:
    first = parsed.sentences()[0]
    marked = mark_key_claims(parsed, claims, [(first.start_char, first.end_char)])
    keys = [c for c in marked if c.key]
    assert 3 <= len(keys) <= 5
    assert keys[0].speaker.name == "Ken Klippenstein"
    assert sum(1 for c in keys if c.speaker.name == JONES) <= 2
    assert len({c.speaker.name for c in keys}) >= 3
    assert [c.text for c in marked] == [c.text for c in claims]
    assert mark_key_claims(parsed, claims, [(first.start_char, first.end_char)]) == marked
