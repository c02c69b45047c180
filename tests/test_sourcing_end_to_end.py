"""analyse() end to end: real extracted claims through the sourcing step, on short articles."""

from __future__ import annotations

import pytest

from bot.analysis import analyse
from bot.model import Article, Claim, Flag, Report

TALKS = """Trade Talks Near a Deal on Steel Tariffs

Negotiators from the United States and Canada are close to an agreement that would lift tariffs on steel and \
aluminum, Prime Minister Mark Carney said on Tuesday.

A senior official, who spoke on condition of anonymity because they were not authorized to discuss the talks, \
said the two sides had settled most of the remaining issues.

A diplomat familiar with the negotiations, who asked not to be named because the discussions are private, said \
a deal could be announced as early as Friday.

"We are not there yet," Carney told reporters in Ottawa.
"""

SALE = """Retailer Explores Sale of Its European Business

The retailer Halvorsen Group is exploring a sale of its European stores, according to people familiar with \
the matter.

The company has hired an investment bank to gauge interest from buyers, the people said. A sale could value \
the business at about $2 billion, one of them said.

Analysts say the European stores have struggled since the pandemic.
"""

COUNCIL = """City Council Approves New Budget

The Springfield City Council approved a $410 million budget on Monday after a three-hour debate.

Mayor Ann Lee said the budget would fund 40 new police officers and repair the Main Street bridge. "This is a \
budget for the whole city," Lee said.

Council member David Ortiz, who voted against the plan, said it did too little for public transit. He warned \
that bus service would be cut next year.
"""

TRANSFER = """Star Striker Set to Leave Club

Star striker Marco Bellini is set to leave Northfield United at the end of the season, reports say.

It is understood that the club has already identified a replacement.

The club's manager, Tom Hughes, said on Friday that he had not discussed the player's future. "Marco is \
important to us," Hughes said.
"""


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    texts = {"talks": TALKS, "sale": SALE, "council": COUNCIL, "transfer": TRANSFER}
    return {name: analyse(Article(text=text)) for name, text in texts.items()}


def flags(report: Report, kind: str) -> list[Flag]:
    return [f for f in report.sourcing.flags if f.kind == kind]


def claim_by(report: Report, fragment: str) -> tuple[int, Claim]:
    found = [(i, c) for i, c in enumerate(report.claims) if fragment in c.text]
    assert len(found) == 1, [c.text for c in report.claims]
    return found[0]


def test_granted_anonymity_with_a_reason_is_not_high(reports: dict[str, Report]) -> None:
    report = reports["talks"]
    i, claim = claim_by(report, "settled most of the remaining issues")
    assert claim.speaker.kind == "anonymous"
    assert claim.speaker.name == "A senior official"
    assert claim.speaker.description is not None and "not authorized" in claim.speaker.description
    flag = next(f for f in flags(report, "anonymous") if i in f.claims)
    assert flag.severity == "medium"
    assert "no reason for anonymity is given" not in flag.reasons
    assert "how the source knows is not stated" in flag.reasons


def test_reason_and_basis_together_are_low(reports: dict[str, Report]) -> None:
    report = reports["talks"]
    i, claim = claim_by(report, "a deal could be announced")
    assert claim.speaker.name == "A diplomat familiar with the negotiations"
    flag = next(f for f in flags(report, "anonymous") if i in f.claims)
    assert flag.severity == "low"


def test_named_person_is_never_flagged_next_to_anonymous_sources(reports: dict[str, Report]) -> None:
    report = reports["talks"]
    carney = [i for i, c in enumerate(report.claims) if c.speaker.name == "Mark Carney"]
    assert len(carney) == 2
    assert all(report.claims[i].speaker.kind == "named" for i in carney)
    assert not any(set(carney) & set(f.claims) for f in report.sourcing.flags)
    assert len(flags(report, "anonymous")) == 2


def test_people_familiar_with_the_matter_carry_through_repeated_mentions(reports: dict[str, Report]) -> None:
    report = reports["sale"]
    anonymous = flags(report, "anonymous")
    assert len(anonymous) == 1
    flag = anonymous[0]
    assert flag.text == "people familiar with the matter"
    assert flag.severity == "medium" and "no reason for anonymity is given" in flag.reasons
    later = {claim_by(report, "hired an investment bank")[0], claim_by(report, "about $2 billion")[0]}
    assert later <= set(flag.claims)
    assert report.sourcing.core_claim_anonymous
    assert report.sourcing.verdict.startswith("The central claim rests on people familiar with the matter")
    assert [f.severity for f in flags(report, "vague")] == ["info"]


def test_named_only_article_has_no_flag(reports: dict[str, Report]) -> None:
    report = reports["council"]
    assert report.claims
    assert report.sourcing.flags == ()
    assert not report.sourcing.core_claim_anonymous
    assert report.sourcing.verdict == "All claims are attributed to named sources."
    names = {c.speaker.name for c in report.claims}
    assert names == {"Ann Lee", "David Ortiz"}
    assert all(c.speaker.kind == "named" for c in report.claims)


def test_reports_say_and_it_is_understood_are_agentless(reports: dict[str, Report]) -> None:
    report = reports["transfer"]
    agentless = flags(report, "agentless")
    assert {f.text for f in agentless} == {"reports", "It is understood"}
    assert all(f.severity == "high" for f in agentless)
    assert report.sourcing.core_claim_anonymous
    assert report.sourcing.verdict.startswith("The central claim is not attributed to anyone")
    _, manager = claim_by(report, "had not discussed the player")
    assert manager.speaker.name == "Tom Hughes" and manager.speaker.kind == "named"
    assert manager.speaker.description == "The club's manager"
    assert not flags(report, "anonymous")


SEED_JONES = "Nathan Jones"


def test_seed_article_end_to_end(seed_text: str) -> None:
    report = analyse(Article(text=seed_text))
    by_text = {f.text: f for f in report.sourcing.flags}

    anonymous = by_text["Three anonymous military sources"]
    assert anonymous.kind == "anonymous" and anonymous.severity == "high"
    assert {"no reason for anonymity is given", "how the sources know is not stated"} <= set(anonymous.reasons)

    relay = by_text["journalist Ken Klippenstein"]
    assert relay.kind == "second_hand" and relay.severity == "high"
    lede = report.claims[relay.claims[0]]
    assert "is reportedly preparing" in lede.text and lede.cue == "according to"
    assert report.sourcing.core_claim_anonymous
    assert report.sourcing.verdict.startswith("The central claim rests on three anonymous military sources")

    times = by_text["The New York Times"]
    assert times.kind == "second_hand" and times.severity == "info"
    assert times.reasons == ("relayed from another outlet",)

    agentless = flags(report, "agentless")
    assert len(agentless) == 1
    start = agentless[0].spans[0][0]
    assert seed_text[start - 6 : agentless[0].spans[0][1]] == "would reportedly"

    vague = flags(report, "vague")
    assert len(vague) == 1 and len(vague[0].claims) == 2
    assert all(report.claims[i].cue == "warn" for i in vague[0].claims)

    jones = [
        c
        for c in report.claims
        if "Jones" in report.text[slice(*(c.spans.source or ((0, 0),))[0])] or c.speaker.name == SEED_JONES
    ]
    assert len(jones) >= 8
    assert all(c.speaker.name == SEED_JONES and c.speaker.kind == "named" for c in jones)
    assert all(
        c.speaker.description == "associate professor of security studies at Sam Houston State University"
        for c in jones
    )
    jones_ids = {report.claims.index(c) for c in jones}
    assert not any(jones_ids & set(f.claims) for f in report.sourcing.flags)


LEDGER = """Leaders May Announce Trade Deal at Summit

The two leaders could announce a trade agreement at next month's summit, according to a report in The \
Harbour Ledger, which cited two diplomats.

The Harbour Ledger report said the deal would cover steel and aluminium.
"""


def test_a_report_in_a_named_publication_is_relayed_not_agentless() -> None:
    report = analyse(Article(text=LEDGER))
    i, _ = claim_by(report, "announce a trade agreement")
    relayed = [f for f in flags(report, "second_hand") if i in f.claims]
    assert relayed and "Harbour Ledger" in relayed[0].text
    assert relayed[0].severity == "high", "it rests on unnamed diplomats"
    assert not any(i in f.claims for f in flags(report, "agentless"))
