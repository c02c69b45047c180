"""Source-phrase categories, one sentence each: every family, and every phrase that must not be flagged."""

from __future__ import annotations

import re

import pytest

from bot.model import Article, Claim, ClaimSpans, Flag, Sourcing, Speaker
from bot.pipeline import parse
from bot.sourcing import SourcingSettings, assess_sourcing

# Two named, sourced opening sentences so the case under test is not the central claim.
LEDE = (
    "The council approved the budget on Monday, Mayor Ann Lee said. Taxes will not rise, Treasurer Bob Hale said.\n\n"
)


def claim_at(
    text: str, source: str | None, content: str, name: str | None = None, cue: str | None = None
) -> Claim:
    """A Claim whose source, content and cue are the first whole-word occurrences of the given phrases."""
    c = text.index(content)
    spans = ClaimSpans(content=((c, c + len(content)),))
    if source is not None:
        m = re.search(rf"(?<!\w){re.escape(source)}(?!\w)", text)
        assert m, source
        spans = ClaimSpans(content=spans.content, source=((m.start(), m.end()),))
    if cue is not None:
        k = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text[spans.source[0][1] if spans.source else 0 :])
        assert k, cue
        at = k.start() + (spans.source[0][1] if spans.source else 0)
        spans = ClaimSpans(content=spans.content, source=spans.source, cue=((at, at + len(cue)),))
    return Claim(content, False, Speaker(name or source, None, "none"), cue, spans)


def run(sentence: str, source: str | None, content: str, **kw: object) -> tuple[list[Claim], Sourcing]:
    text = LEDE + sentence
    lede = [
        claim_at(text, "Mayor Ann Lee", "The council approved the budget on Monday"),
        claim_at(text, "Treasurer Bob Hale", "Taxes will not rise"),
    ]
    settings = kw.pop("settings", None)
    assert isinstance(settings, SourcingSettings | None)
    claims, sourcing = assess_sourcing(
        parse(Article(text=text)), [*lede, claim_at(text, source, content)], settings=settings
    )
    return claims, sourcing


def flag_of(sourcing: Sourcing, claim: int = 2) -> Flag | None:
    found = [f for f in sourcing.flags if claim in f.claims]
    assert len(found) <= 1
    return found[0] if found else None


ANONYMOUS = [
    (
        "The talks stalled, said a senior administration official who spoke on condition of anonymity.",
        "a senior administration official who spoke on condition of anonymity",
        "The talks stalled",
    ),
    (
        "An official, who declined to be named, said the plan was dead.",
        "An official, who declined to be named",
        "the plan was dead",
    ),
    (
        "A diplomat speaking on background said the talks had stalled.",
        "A diplomat speaking on background",
        "the talks had stalled",
    ),
    (
        "The plan is dead, said a lawmaker who was not authorized to speak publicly.",
        "a lawmaker who was not authorized to speak publicly",
        "The plan is dead",
    ),
    (
        "People familiar with the matter said the deal was close.",
        "People familiar with the matter",
        "the deal was close",
    ),
    (
        "A person briefed on the talks said they had collapsed.",
        "A person briefed on the talks",
        "they had collapsed",
    ),
    (
        "A source close to the investigation said charges were coming.",
        "A source close to the investigation",
        "charges were coming",
    ),
    (
        "A senior administration official said the talks had stalled.",
        "A senior administration official",
        "the talks had stalled",
    ),
    (
        "U.S. officials said the strike was planned for May.",
        "U.S. officials",
        "the strike was planned for May",
    ),
    ("Clinton aides said she would campaign in Ohio.", "Clinton aides", "she would campaign in Ohio"),
    ("Military sources said the drills would continue.", "Military sources", "the drills would continue"),
    ("Sources said the plan was dead.", "Sources", "the plan was dead"),
    ("Insiders say the merger will collapse.", "Insiders", "the merger will collapse"),
]


@pytest.mark.parametrize(("sentence", "source", "content"), ANONYMOUS)
def test_anonymous_families(sentence: str, source: str, content: str) -> None:
    claims, sourcing = run(sentence, source, content)
    assert claims[2].speaker.kind == "anonymous"
    flag = flag_of(sourcing)
    assert flag is not None and flag.kind == "anonymous" and flag.severity in ("high", "medium", "low")
    assert flag.text == source
    assert dict(sourcing.counts)["anonymous"] == 1


OTHER = [
    (
        "The talks collapsed, according to journalist Ken Klippenstein.",
        "journalist Ken Klippenstein",
        "The talks collapsed",
        "outlet",
        "second_hand",
    ),
    (
        "The New York Times reported that the talks had collapsed.",
        "The New York Times",
        "the talks had collapsed",
        "outlet",
        "second_hand",
    ),
    (
        "Reuters reported that the talks had collapsed.",
        "Reuters",
        "the talks had collapsed",
        "outlet",
        "second_hand",
    ),
    ("Experts warn the dam could fail.", "Experts", "the dam could fail", "vague", "vague"),
    ("Critics say the bill is flawed.", "Critics", "the bill is flawed", "vague", "vague"),
    ("Analysts believe rates will fall.", "Analysts", "rates will fall", "vague", "vague"),
    ("Studies show that exercise helps.", "Studies", "exercise helps", "vague", "vague"),
    ("Polls show that most voters back the plan.", "Polls", "most voters back the plan", "vague", "vague"),
    ("A new survey shows that most voters back it.", "A new survey", "most voters back it", "document", None),
    ("The Marist Poll found that most voters back it.", "The Marist Poll", "most voters back it", "document", None),
    ("New police reports show that burglaries fell.", "New police reports", "burglaries fell", "document", None),
    ("Seventy-two percent now believe it will fail.", "Seventy-two percent", "it will fail", "document", None),
    ("85% of Democrats said the fares were too high.", "85% of Democrats", "the fares were too high", "document", None),
    (
        "The U.S. Geological Survey said it detected an earthquake.",
        "The U.S. Geological Survey",
        "it detected an earthquake",
        "institutional",
        "institutional",
    ),
    (
        "A Pentagon spokesman said the strike was legal.",
        "A Pentagon spokesman",
        "the strike was legal",
        "institutional",
        "institutional",
    ),
    (
        "The State Department said in a statement that it was concerned.",
        "The State Department",
        "it was concerned",
        "institutional",
        "institutional",
    ),
    (
        "Ledger columnist Dana Moss said the debate helped the governor.",
        "Ledger columnist Dana Moss",
        "the debate helped the governor",
        "named",
        None,
    ),
    (
        "Radio host Sam Ortiz said the polls were wrong.",
        "Radio host Sam Ortiz",
        "the polls were wrong",
        "named",
        None,
    ),
    (
        "Senator Jane Smith said the bill would pass.",
        "Senator Jane Smith",
        "the bill would pass",
        "named",
        None,
    ),
    (
        "The bill would pass, said Jane Smith, a senator from Ohio.",
        "Jane Smith, a senator from Ohio",
        "The bill would pass",
        "named",
        None,
    ),
    (
        "Trade adviser Peter Navarro said tariffs would rise.",
        "Trade adviser Peter Navarro",
        "tariffs would rise",
        "named",
        None,
    ),
    (
        "Top Republican lawmakers said the tariffs would hurt farmers.",
        "Top Republican lawmakers",
        "the tariffs would hurt farmers",
        "vague",
        "vague",
    ),
]


@pytest.mark.parametrize(("sentence", "source", "content", "kind", "flag_kind"), OTHER)
def test_other_families(sentence: str, source: str, content: str, kind: str, flag_kind: str | None) -> None:
    claims, sourcing = run(sentence, source, content)
    assert claims[2].speaker.kind == kind
    flag = flag_of(sourcing)
    if flag_kind is None:
        assert flag is None
    else:
        assert flag is not None and flag.kind == flag_kind and flag.severity == "info"
    assert not any(f.kind == "anonymous" for f in sourcing.flags)


NOT_FLAGGED = [
    (
        "\u201cSources hiding behind a cloak of anonymity are cowards,\u201d said Maria Lopez, the mayor.",
        "Maria Lopez, the mayor",
        "Sources hiding behind a cloak of anonymity are cowards",
    ),
    (
        "The bill targets unauthorized immigration, Senator Jane Smith said.",
        "Senator Jane Smith",
        "The bill targets unauthorized immigration",
    ),
    (
        "Background checks will be required, Governor Tim Walz said.",
        "Governor Tim Walz",
        "Background checks will be required",
    ),
    ("He had people near him using phones, Jones noted.", "Jones", "He had people near him using phones"),
    (
        "Alcoholics Anonymous has helped millions, said Dr. Ann Cole.",
        "Dr. Ann Cole",
        "Alcoholics Anonymous has helped millions",
    ),
    (
        "Energy sources must diversify, said Energy Secretary Tom Reed.",
        "Energy Secretary Tom Reed",
        "Energy sources must diversify",
    ),
    (
        "Open-source software is safer, said Linus Torvalds.",
        "Linus Torvalds",
        "Open-source software is safer",
    ),
    (
        "The hacker group Anonymous said it had breached the site.",
        "The hacker group Anonymous",
        "it had breached the site",
    ),
    ("Anonymous said it had breached the site.", "Anonymous", "it had breached the site"),
    (
        "The tax ruling, which Apple's chief executive, Tim Cook, called political nonsense, stands.",
        "Apple's chief executive, Tim Cook,",
        "political nonsense",
    ),
    (
        "It is unclear whether troops would cross the border, Jones said.",
        "Jones",
        "troops would cross the border",
    ),
]


@pytest.mark.parametrize(("sentence", "source", "content"), NOT_FLAGGED)
def test_must_not_flag(sentence: str, source: str, content: str) -> None:
    claims, sourcing = run(sentence, source, content)
    assert claims[2].speaker.kind != "anonymous"
    assert not [f for f in sourcing.flags if f.kind in ("anonymous", "agentless")]
    assert not sourcing.core_claim_anonymous


def test_furniture_line_is_not_read() -> None:
    text = LEDE + "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"
    claims = [claim_at(text, "Mayor Ann Lee", "The council approved the budget on Monday")]
    _, sourcing = assess_sourcing(parse(Article(text=text)), claims)
    assert sourcing.flags == ()


AGENTLESS = [
    ("The army is reportedly preparing an offensive.", "reportedly"),
    ("The minister is said to be furious about the leak.", "is said to"),
    ("It is understood that the deal is off.", "It is understood"),
    ("The deal is off, according to reports.", "according to reports"),
    ("Reports say the deal is off.", "Reports say"),
    ("News reports say the deal is off.", "News reports say"),
]


@pytest.mark.parametrize(("sentence", "marker"), AGENTLESS)
def test_agentless_markers(sentence: str, marker: str) -> None:
    text = LEDE + sentence
    claims = [claim_at(text, "Mayor Ann Lee", "The council approved the budget on Monday")]
    _, sourcing = assess_sourcing(parse(Article(text=text)), claims)
    flags = [f for f in sourcing.flags if f.kind == "agentless"]
    assert [f.text for f in flags] == [marker]
    assert flags[0].severity == "high"
    assert dict(sourcing.counts)["agentless"] == 1


def test_marker_inside_a_sourced_claim_is_absorbed() -> None:
    claims, sourcing = run(
        "The army is reportedly preparing an offensive, Reuters reported.",
        "Reuters",
        "The army is reportedly preparing an offensive",
    )
    assert not [f for f in sourcing.flags if f.kind == "agentless"]
    assert claims[2].speaker.kind == "outlet"


def test_marker_inside_quotation_is_ignored() -> None:
    _, sourcing = run(
        "\u201cThe army is reportedly preparing,\u201d said Mayor Ann Lee.",
        "Mayor Ann Lee",
        "The army is reportedly preparing",
    )
    assert not [f for f in sourcing.flags if f.kind == "agentless"]


def test_marker_outside_the_content_still_flags_the_named_claim() -> None:
    text = LEDE + "Smith reportedly told aides that the plan was dead."
    claims = [claim_at(text, "Smith", "the plan was dead")]
    _, sourcing = assess_sourcing(parse(Article(text=text)), claims)
    flags = [f for f in sourcing.flags if f.kind == "agentless"]
    assert len(flags) == 1 and flags[0].claims == (0,)


def test_bare_officials_setting() -> None:
    sentence, source, content = (
        "Officials said the bridge would reopen.",
        "Officials",
        "the bridge would reopen",
    )
    claims, sourcing = run(sentence, source, content)
    flag = flag_of(sourcing)
    assert claims[2].speaker.kind == "anonymous"
    assert flag is not None and flag.kind == "anonymous" and flag.severity == "medium"
    _, low = run(sentence, source, content, settings=SourcingSettings(bare_officials_severity="low"))
    assert (f := flag_of(low)) is not None and f.severity == "low"
    claims, vague = run(sentence, source, content, settings=SourcingSettings(bare_officials="vague"))
    assert claims[2].speaker.kind == "vague"
    assert (f := flag_of(vague)) is not None and f.kind == "vague" and f.severity == "info"


def test_repeated_description_continues_the_anonymous_source() -> None:
    text = LEDE + "People familiar with the matter said the plant would close. The people said jobs would go."
    claims = [
        claim_at(text, "Mayor Ann Lee", "The council approved the budget on Monday"),
        claim_at(text, "Treasurer Bob Hale", "Taxes will not rise"),
        claim_at(text, "People familiar with the matter", "the plant would close"),
        claim_at(text, "The people", "jobs would go"),
    ]
    out, sourcing = assess_sourcing(parse(Article(text=text)), claims)
    assert [c.speaker.kind for c in out[2:]] == ["anonymous", "anonymous"]
    anonymous = [f for f in sourcing.flags if f.kind == "anonymous"]
    assert len(anonymous) == 1 and anonymous[0].claims == (2, 3)


def test_it_never_stands_for_anonymous_people() -> None:
    text = LEDE + "Officials said the site had been hacked. The company said it had removed the posts. It said so."
    claims = [
        claim_at(text, "Mayor Ann Lee", "The council approved the budget on Monday"),
        claim_at(text, "Treasurer Bob Hale", "Taxes will not rise"),
        claim_at(text, "Officials", "the site had been hacked"),
        claim_at(text, "It", "so"),
    ]
    out, _ = assess_sourcing(parse(Article(text=text)), claims)
    assert out[2].speaker.kind == "anonymous"
    assert out[3].speaker.kind != "anonymous"


def test_a_named_person_after_a_comma_is_named_when_the_parser_misses_the_apposition() -> None:
    """Seen in real news: 'Tim Cook' parsed as a stray object, not as the head's appositive."""
    from spacy.tokens import Doc

    from bot.layout import read_layout
    from bot.nlp import load_nlp
    from bot.pipeline import Parsed

    words = ["Apple", "'s", "chief", "executive", ",", "Tim", "Cook", ",", "called", "it", "nonsense", "."]
    spaces = [False, True, True, False, True, True, False, True, True, True, False, False]
    heads = [3, 0, 3, 8, 6, 6, 8, 6, 8, 10, 8, 8]
    deps = ["poss", "case", "amod", "nsubj", "punct", "compound", "pobj", "punct", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "PART", "ADJ", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PRON", "NOUN", "PUNCT"]
    tags = ["NNP", "POS", "JJ", "NN", ",", "NNP", "NNP", ",", "VBD", "PRP", "NN", "."]
    ents = ["B-ORG", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    vocab = load_nlp().vocab
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        ents=ents,
        lemmas=[w.lower() for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    text = doc.text
    blocks = read_layout(text)
    parsed = Parsed(Article(text=text), doc, blocks, None, tuple(b.start for b in blocks))
    claim = claim_at(text, "Apple's chief executive, Tim Cook,", "nonsense")
    claims, sourcing = assess_sourcing(parsed, [claim])
    assert claims[0].speaker.kind == "named"
    assert not [f for f in sourcing.flags if f.kind == "anonymous"]


def test_a_surname_with_an_age_is_a_named_person() -> None:
    """'Ibarra, 52' gives a person's age: a person on the record, not an organisation."""
    sentence = "“We were badly wrong not to have fixed the roof from the start,” Ibarra, 52, told Reuters in Lima."
    claims, sourcing = run(sentence, "Ibarra, 52", "“We were badly wrong not to have fixed the roof from the start,”")
    assert claims[2].speaker.kind == "named"
    assert flag_of(sourcing) is None
