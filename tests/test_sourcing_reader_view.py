"""What the reader sees of a wire story told 'according to two people familiar with the matter'
(an article written for this test): the anonymous flag, and everything around it right and short."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import analyse
from bot.model import Article, Report
from bot.render_text import render_text

ARTICLE = (Path(__file__).parent / "articles" / "wire_bid.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def report() -> Report:
    return analyse(Article(ARTICLE))


def kinds_of(report: Report, fragment: str) -> set[str]:
    return {c.speaker.kind for c in report.claims if fragment in c.text}


def test_the_anonymous_flag_is_there_and_central(report: Report) -> None:
    anonymous = [f for f in report.sourcing.flags if f.kind == "anonymous"]
    assert [f.text for f in anonymous] == ["two people familiar with the matter"]
    assert report.sourcing.core_claim_anonymous


def test_a_person_named_in_full_then_by_surname_is_named(report: Report) -> None:
    assert kinds_of(report, "passionate") == {"named"}
    assert kinds_of(report, "mismanaged") == {"named"}
    assert {c.speaker.name for c in report.claims if c.speaker.kind == "named"} == {"Adam Neumann"}


def test_presentations_and_data_are_documents(report: Report) -> None:
    assert kinds_of(report, "revenue to fall") == {"document"}
    assert kinds_of(report, "office visits") == {"document"}


def test_a_common_noun_without_a_referent_is_no_speaker(report: Report) -> None:
    assert kinds_of(report, "rising vacancies") <= {"none"}
    assert not any("areas" in (c.speaker.name or "") for c in report.key_claims)


def test_no_name_has_a_pronoun_glued_to_it(report: Report) -> None:
    assert not any((c.speaker.name or "").endswith((" he", ", he")) for c in report.claims)


def test_information_only_mentions_are_one_compact_line_per_kind(report: Report) -> None:
    text = render_text(report, width=10_000)
    info = [line for line in text.splitlines() if line.strip().startswith("[i]")]
    assert len(info) == len({line.split(":")[0] for line in info}) <= 3
    assert any("Analysts" in line and "Critics" in line for line in info)
    assert sum("[!!" in line for line in text.splitlines()) == 1


def test_refusals_to_comment_stay_out_of_summary_and_key_claims(report: Report) -> None:
    assert not any("comment" in s for s in report.summary)
    assert not any("comment" in c.text for c in report.key_claims)
