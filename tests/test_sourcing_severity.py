"""Severity that matches the evidence, through the whole analysis: high only for the claims a story
rests on from unnamed insiders with no reason and no basis; low for routine on-record officials of a
named local body and for anonymity with both reason and basis; reasons that never invent a grant."""

from __future__ import annotations

from bot.analysis import analyse
from bot.model import Article, Flag, Report

LEDE = (
    "The council approved the budget on Monday, Mayor Ann Lee said. "
    "Taxes will not rise next year, Treasurer Bob Hale told reporters.\n\n"
)
TAIL = "\n\nThe meeting ended at noon, Lee said. The next session is in May, Hale said."


def report_of(body: str, lede: str = LEDE) -> Report:
    return analyse(Article(text=lede + body + TAIL))


def anonymous_flag(report: Report, text: str) -> Flag:
    found = [f for f in report.sourcing.flags if f.kind == "anonymous" and text in f.text]
    assert len(found) == 1, [(f.kind, f.text) for f in report.sourcing.flags]
    return found[0]


def test_routine_officials_of_a_named_local_body_are_low_and_not_called_granted() -> None:
    report = report_of("Transit agency officials said the Red Line would reopen on Thursday.")
    flag = anonymous_flag(report, "Transit agency officials")
    assert flag.severity == "low"
    assert "no reason for anonymity is given" not in flag.reasons
    assert any("are not named" in r for r in flag.reasons)


def test_officials_of_a_government_are_not_routine() -> None:
    report = report_of("Administration officials said the strike had been planned for weeks.")
    flag = anonymous_flag(report, "Administration officials")
    assert flag.severity in ("medium", "high") and flag.severity != "low"
    assert "no reason for anonymity is given" not in flag.reasons


def test_granted_anonymity_with_reason_and_basis_is_low() -> None:
    report = report_of(
        "The plant will close in June, said a manager who attended the meeting and who spoke on condition "
        "of anonymity because the plans are not yet public."
    )
    assert anonymous_flag(report, "a manager").severity == "low"


def test_central_claim_from_insiders_with_neither_reason_nor_basis_is_high() -> None:
    report = analyse(
        Article(
            text="Plant to Close\n\nSources said the plant would close in June.\n\n"
            "The company employs 400 people, Mayor Ann Lee said."
        )
    )
    flag = anonymous_flag(report, "Sources")
    assert flag.severity == "high"
    assert report.sourcing.core_claim_anonymous
    assert report.sourcing.verdict.startswith("The central claim rests on sources")


def test_central_claim_with_a_basis_is_medium() -> None:
    report = analyse(
        Article(
            text="Plant to Close\n\nThe plant will close in June, according to two people familiar with the plans.\n\n"
            "The company employs 400 people, Mayor Ann Lee said."
        )
    )
    flag = anonymous_flag(report, "two people familiar with the plans")
    assert flag.severity == "medium"
    assert "no reason for anonymity is given" in flag.reasons


def test_most_of_the_claims_resting_on_one_unnamed_source_is_high() -> None:
    body = (
        "The deal includes a pay rise, two aides said. The aides said the vote would come on Friday. "
        "They said the union had agreed to the terms. The aides added that talks had lasted a month. "
        "The aides said the board would meet in March."
    )
    flag = anonymous_flag(report_of(body), "two aides")
    assert flag.severity == "high"
    assert "most of the article's claims rest on it" in flag.reasons
