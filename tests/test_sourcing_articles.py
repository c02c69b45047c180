"""Whole articles: severity rules, inheritance across sentences, the central claim, verdicts, the seed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from bot.analysis import analyse
from bot.model import Article, Claim, ClaimSpans, Flag, Sourcing, Speaker
from bot.pipeline import parse
from bot.sourcing import CATEGORIES, assess_sourcing

SEED = Path(__file__).resolve().parent.parent / "seeds" / "cartels.txt"


def find(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    m = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)").search(text, after)
    assert m, phrase
    return m.start(), m.end()


def claim(text: str, source: str | None, content: str, name: str | None = None, after: int = 0) -> Claim:
    """A Claim from the first whole-word occurrences (at or after `after`) of its source and content."""
    c = find(text, content, after)
    s = (find(text, source, after),) if source else None
    return Claim(content, False, Speaker(name or source, None, "none"), None, ClaimSpans((c,), s))


def assess(text: str, claims: list[Claim]) -> tuple[list[Claim], Sourcing]:
    return assess_sourcing(parse(Article(text=text)), claims)


def only(sourcing: Sourcing, kind: str) -> Flag:
    flags = [f for f in sourcing.flags if f.kind == kind]
    assert len(flags) == 1, sourcing.flags
    return flags[0]


NAMED_LEDE = (
    "The council approved the budget, Mayor Ann Lee said. Taxes will not rise, Treasurer Bob Hale said.\n\n"
)


def named_lede(text: str) -> list[Claim]:
    return [
        claim(text, "Mayor Ann Lee", "The council approved the budget"),
        claim(text, "Treasurer Bob Hale", "Taxes will not rise"),
    ]


# -- severity ---------------------------------------------------------------------------------


def test_bare_sources_outside_the_lede_are_medium() -> None:
    """High is kept for the claims a story rests on; a side claim from bare sources is medium."""
    text = NAMED_LEDE + "Sources said the bridge would close."
    _, s = assess(text, [*named_lede(text), claim(text, "Sources", "the bridge would close")])
    flag = only(s, "anonymous")
    assert flag.severity == "medium"
    assert "no reason for anonymity is given" in flag.reasons
    assert "no role or affiliation is given" in flag.reasons
    assert not s.core_claim_anonymous


def test_bare_sources_carrying_the_opening_claim_are_high() -> None:
    text = "Sources said the bridge would close on Monday.\n\nThe council met on Tuesday, Mayor Ann Lee said."
    _, s = assess(text, [claim(text, "Sources", "the bridge would close on Monday")])
    flag = only(s, "anonymous")
    assert flag.severity == "high"
    assert s.core_claim_anonymous


def test_role_without_reason_is_medium() -> None:
    text = NAMED_LEDE + "A senior White House official said the bridge would close."
    _, s = assess(
        text, [*named_lede(text), claim(text, "A senior White House official", "the bridge would close")]
    )
    flag = only(s, "anonymous")
    assert flag.severity == "medium"
    assert "how the source knows is not stated" in flag.reasons
    assert "no role or affiliation is given" not in flag.reasons


def test_reason_and_basis_make_it_low() -> None:
    text = NAMED_LEDE + (
        "A senior official familiar with the talks, who spoke on condition of anonymity because the "
        "negotiations are private, said the bridge would close."
    )
    source = (
        "A senior official familiar with the talks, who spoke on condition of anonymity because the "
        "negotiations are private"
    )
    _, s = assess(text, [*named_lede(text), claim(text, source, "the bridge would close")])
    flag = only(s, "anonymous")
    assert flag.severity == "low"
    assert "no reason for anonymity is given" not in flag.reasons


def test_grant_in_the_frame_belongs_to_the_nearest_source() -> None:
    text = NAMED_LEDE + (
        "Mayor Ann Lee said the bridge was safe, while an engineer, speaking on condition of anonymity, "
        "said it would close."
    )
    claims = [
        *named_lede(text),
        claim(text, "Mayor Ann Lee", "the bridge was safe", after=len(NAMED_LEDE)),
        claim(text, "an engineer", "it would close"),
    ]
    out, s = assess(text, claims)
    assert out[2].speaker.kind == "named"
    assert out[3].speaker.kind == "anonymous"
    assert only(s, "anonymous").claims == (3,)


def test_private_person_anonymised_for_safety_is_low() -> None:
    text = (
        NAMED_LEDE
        + "A woman, who asked not to be named for fear of reprisals, said the gang controls the street."
    )
    source = "A woman, who asked not to be named for fear of reprisals"
    out, s = assess(text, [*named_lede(text), claim(text, source, "the gang controls the street")])
    assert out[2].speaker.kind == "anonymous"
    flag = only(s, "anonymous")
    assert flag.severity == "low"


def test_anonymous_lede_claim_without_reason_or_basis_is_high() -> None:
    text = "U.S. officials said the strike was planned for May. Mayor Ann Lee said she was worried."
    claims = [
        claim(text, "U.S. officials", "the strike was planned for May"),
        claim(text, "Mayor Ann Lee", "she was worried"),
    ]
    _, s = assess(text, claims)
    flag = only(s, "anonymous")
    assert flag.severity == "high"
    assert "the opening claim rests on it" in flag.reasons
    assert s.core_claim_anonymous
    assert s.verdict.startswith("The central claim rests on U.S. officials;")


def test_pronoun_continues_an_anonymous_source() -> None:
    text = (
        NAMED_LEDE + "A senior official said the bridge would close. He added that repairs would take a year."
    )
    claims = [
        *named_lede(text),
        claim(text, "A senior official", "the bridge would close"),
        claim(text, "He", "repairs would take a year"),
    ]
    out, s = assess(text, claims)
    assert [c.speaker.kind for c in out[2:]] == ["anonymous", "anonymous"]
    assert only(s, "anonymous").claims == (2, 3)


def test_pronoun_resolved_to_a_named_person_is_never_flagged() -> None:
    text = (
        NAMED_LEDE + "Officials said the bridge would close. Dr. Nathan Jones disagreed. He said it was safe."
    )
    claims = [
        *named_lede(text),
        claim(text, "Officials", "the bridge would close"),
        claim(text, "He", "it was safe", name="Nathan Jones"),
    ]
    out, s = assess(text, claims)
    assert out[3].speaker.kind == "named"
    assert all(3 not in f.claims for f in s.flags)


# -- second-hand reports and inheritance -----------------------------------------------------


RELAY = (
    "The army is preparing an offensive, according to journalist Ann Becker.\n\n"
    "The plan has raised concerns in the capital.\n\n"
    "Two anonymous officials told Becker that the orders were signed."
)


def relay_claims(text: str) -> list[Claim]:
    return [
        claim(text, "journalist Ann Becker", "The army is preparing an offensive", name="Ann Becker"),
        claim(text, "Two anonymous officials", "the orders were signed"),
    ]


def test_relayed_report_inherits_anonymity_across_sentences() -> None:
    out, s = assess(RELAY, relay_claims(RELAY))
    assert out[0].speaker.kind == "outlet"
    relayed = only(s, "second_hand")
    assert relayed.severity == "high" and relayed.claims == (0,)
    assert "the relayed report rests on anonymous sources" in relayed.reasons
    anonymous = only(s, "anonymous")
    assert anonymous.severity == "high"
    assert "relayed from another outlet" in anonymous.reasons
    assert s.core_claim_anonymous
    assert "relayed by a journalist" in s.verdict


def test_relayed_report_without_anonymous_sources_is_information_only() -> None:
    text = RELAY.replace("Two anonymous officials told Becker", "Mayor Ann Lee said")
    claims = [
        claim(text, "journalist Ann Becker", "The army is preparing an offensive", name="Ann Becker"),
        claim(text, "Mayor Ann Lee", "the orders were signed"),
    ]
    _, s = assess(text, claims)
    relayed = only(s, "second_hand")
    assert relayed.severity == "info"
    assert relayed.reasons == ("relayed from another outlet",)
    assert not [f for f in s.flags if f.kind == "anonymous"]
    assert not s.core_claim_anonymous


def test_citing_anonymous_sources_in_the_relaying_sentence() -> None:
    text = (
        "The Washington Post reported, citing two people familiar with the plan, that the army would move."
        "\n\nNo more."
    )
    out, s = assess(text, [claim(text, "The Washington Post", "the army would move")])
    assert out[0].speaker.kind == "outlet"
    assert only(s, "second_hand").severity == "high"
    cited = only(s, "anonymous")
    assert cited.text == "two people familiar with the plan" and cited.claims == ()
    assert s.core_claim_anonymous


def test_headline_report_says_is_carried_by_the_relayed_lede() -> None:
    text = "Army Plans Offensive, Report Says\n\n" + RELAY
    _, s = assess(text, relay_claims(text))
    assert not [f for f in s.flags if f.kind == "agentless"]
    assert "the headline claim rests on it" in only(s, "anonymous").reasons


def test_unexplained_headline_marker_is_agentless() -> None:
    text = "Army Reportedly Plans Offensive\n\n" + NAMED_LEDE
    _, s = assess(text, named_lede(text))
    flag = only(s, "agentless")
    assert flag.text == "Reportedly" and "the headline claim rests on it" in flag.reasons
    assert s.core_claim_anonymous
    assert s.verdict.startswith("The central claim is not attributed")


# -- verdicts and counts ----------------------------------------------------------------------


def test_all_named_verdict_is_calm() -> None:
    _, s = assess(NAMED_LEDE, named_lede(NAMED_LEDE))
    assert s.flags == ()
    assert s.verdict == "All claims are attributed to named sources."
    assert [c for c, _ in s.counts] == list(CATEGORIES)
    assert dict(s.counts)["named"] == 2


def test_background_is_not_counted_as_an_unsourced_claim() -> None:
    text = NAMED_LEDE + "The town is known for its budget fights. The vote was reported to be close.\n"
    claims = named_lede(text)
    background = claim(text, None, "its budget fights")
    unsourced = claim(text, None, "to be close")
    _, s = assess(text, [*claims, dataclasses.replace(background, background=True), unsourced])
    assert dict(s.counts)["none"] == 1


def test_anonymous_outside_the_core_says_the_central_claim_is_attributed() -> None:
    text = NAMED_LEDE + "Sources said the bridge would close."
    _, s = assess(text, [*named_lede(text), claim(text, "Sources", "the bridge would close")])
    assert "central claim is attributed" in s.verdict and "sources" in s.verdict.lower()


def test_vague_and_institutional_only() -> None:
    text = NAMED_LEDE + "Experts warn the dam could fail. The State Department said it was concerned."
    claims = [
        *named_lede(text),
        claim(text, "Experts", "the dam could fail"),
        claim(text, "The State Department", "it was concerned"),
    ]
    _, s = assess(text, claims)
    assert {f.kind for f in s.flags} == {"vague", "institutional"}
    assert all(f.severity == "info" for f in s.flags)
    assert s.verdict.startswith("No anonymous sources")


def test_no_claims() -> None:
    _, s = assess("The bridge opened in 1932. It is painted red.", [])
    assert s.flags == () and not s.core_claim_anonymous
    assert s.verdict == "No attributed claims were found."


# -- the seed article -------------------------------------------------------------------------


def seed_claims(text: str) -> list[Claim]:
    jones = "Nathan Jones"
    return [
        claim(
            text,
            "journalist Ken Klippenstein",
            "The U.S. military is reportedly preparing to launch attacks against Mexican cartels",
            name="Ken Klippenstein",
        ),
        claim(text, "Three anonymous military sources", "preparations are in motion"),
        claim(text, "The New York Times", "This follows a surge in CIA drone flights over Mexico"),
        claim(text, "experts", "unilateral U.S. action could jeopardize that progress"),
        claim(
            text,
            "Dr. Nathan Jones, associate professor of security studies at Sam Houston State University",
            "Any country would find it inappropriate",
            name=jones,
        ),
        claim(text, "Jones", "cooperation with Mexican security forces could collapse", name=jones),
        claim(text, "he", "Is it worth losing Mexico", name=jones, after=text.index("Is it worth")),
        claim(text, "Experts", "targeting cartel leaders"),
        claim(text, "He", "strengthening Mexico", name=jones, after=text.index("He argued")),
    ]


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    out, s = assess(text, seed_claims(text))
    kinds = [c.speaker.kind for c in out]
    assert kinds == ["outlet", "anonymous", "outlet", "vague", "named", "named", "named", "vague", "named"]

    anonymous = only(s, "anonymous")
    assert anonymous.text == "Three anonymous military sources" and anonymous.severity == "high"
    assert "no reason for anonymity is given" in anonymous.reasons
    assert "how the sources know is not stated" in anonymous.reasons

    relays = {f.text: f for f in s.flags if f.kind == "second_hand"}
    assert relays["journalist Ken Klippenstein"].severity == "high"
    assert relays["The New York Times"].severity == "info"
    assert "the relayed report rests on anonymous sources" not in relays["The New York Times"].reasons

    agentless = only(s, "agentless")
    assert (
        agentless.text == "reportedly"
        and text[agentless.spans[0][0] - 6 : agentless.spans[0][1]] == "would reportedly"
    )

    vague = only(s, "vague")
    assert vague.claims == (3, 7)
    assert not any({4, 5, 6, 8} & set(f.claims) for f in s.flags)
    assert s.core_claim_anonymous
    assert s.verdict == (
        "The central claim rests on three anonymous military sources, relayed by a journalist; "
        "no reason for anonymity is given."
    )


def test_a_description_counting_the_people_just_named_is_no_unnamed_source() -> None:
    """'A, B and C toured ... Those three legislators said ...': the three are named, not a group
    the reader cannot identify."""
    text = (
        "Plant Tour Ends in Dispute\n\n"
        "Ann Ruiz, Tom Reed and Lee Park toured the plant on Monday. Those three veteran legislators "
        "said the plant should close by spring.\n"
    )
    report = analyse(Article(text=text))
    assert [c.speaker.kind for c in report.claims] == ["named"]
    assert not [f for f in report.sourcing.flags if f.kind in ("anonymous", "vague")]


def test_a_second_description_of_a_named_speaker_is_no_unnamed_source() -> None:
    """'Trump, the party's frontrunner and current polling leader in the state, said': the parser
    coordinates both descriptions with the name, but the second, with no determiner of its own,
    describes the same person."""
    text = (
        "Trump Praises Reporter at Rally\n\n"
        "Donald Trump spoke in Greenville on Monday.\n\n"
        "“Very good reporter, very good reporter this guy,” Trump, the party's presidential frontrunner "
        "nationally and current polling leader in South Carolina, said when a reporter asked him a question.\n"
    )
    report = analyse(Article(text=text))
    quoted = [c for c in report.claims if c.direct]
    assert [(c.speaker.name, c.speaker.kind) for c in quoted] == [("Donald Trump", "named")]
    assert not report.sourcing.flags


def test_people_coordinated_after_a_closed_description_are_a_source_of_their_own() -> None:
    """'Sanders, the Vermont senator, and his aides believe': the comma closes the description, so
    the aides are a second, unnamed source."""
    text = (
        "Race Tightens in Vermont\n\n"
        "Bernie Sanders held a rally in Burlington on Monday.\n\n"
        "Sanders, the Vermont senator, and his aides believe the race will be close in the spring.\n"
    )
    report = analyse(Article(text=text))
    assert [f.text for f in report.sourcing.flags if f.kind == "anonymous"] == ["his aides"]
