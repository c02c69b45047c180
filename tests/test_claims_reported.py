"""Indirect speech, "according to", colon frames, agentless claims, and what is not an attribution."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from bot.claims import extract_claims
from bot.claims.agentless import find_agentless
from bot.claims.lexicon import lexicon
from bot.claims.nouns import find_claim_nouns
from bot.claims.reported import find_frames
from bot.claims.stances import find_stances
from bot.model import Article, Claim
from bot.pipeline import parse
from tests.parses import Row, doc_of


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


def direct_quotes(paragraph: str, detail: str) -> list[tuple[str | None, str | None]]:
    """The source and the `detail` ("cue" or "text") of each direct quotation in an article made of
    a headline, `paragraph` and a closing paragraph."""
    text = f"A headline for the test\n\n{paragraph}\n\nA closing paragraph follows.\n"
    return [(source_text(text, c), getattr(c, detail)) for c in claims_of(text) if c.direct]


def source_text(text: str, claim: Claim) -> str | None:
    if claim.spans.source is None:
        return None
    return " ".join(text[s:e] for s, e in claim.spans.source)


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "The governor warned that the bridge could close next year.",
            "The governor",
            "warned",
            "that the bridge could close next year",
        ),
        (
            "Officials said the vote had been delayed by the storm.",
            "Officials",
            "said",
            "the vote had been delayed by the storm",
        ),
        (
            "The minister told reporters that talks would resume on Friday.",
            "The minister",
            "told",
            "that talks would resume on Friday",
        ),
        (
            "The company denied that it had sold customer data.",
            "The company",
            "denied",
            "that it had sold customer data",
        ),
        (
            "The plant will close in March, the union said.",
            "the union",
            "said",
            "The plant will close in March",
        ),
        (
            "Analysts estimate that sales fell by a third.",
            "Analysts",
            "estimate",
            "that sales fell by a third",
        ),
        (
            "At least four senators claim to oppose the new tax.",
            "At least four senators",
            "claim",
            "to oppose the new tax",
        ),
        (
            "The senator wants to repeal the law before the summer.",
            "The senator",
            "wants",
            "to repeal the law before the summer",
        ),
        (
            "The mayor criticized the council for its slow response to the flood.",
            "The mayor",
            "criticized",
            "the council for its slow response to the flood",
        ),
        (
            "A 2021 report by the Office of Inspector General found that the agency ignored warnings.",
            "A 2021 report by the Office of Inspector General",
            "found",
            "that the agency ignored warnings",
        ),
        (
            "The New York Times reported that drone flights over the border had doubled.",
            "The New York Times",
            "reported",
            "that drone flights over the border had doubled",
        ),
        (
            "Three anonymous military sources told the paper that preparations are in motion.",
            "Three anonymous military sources",
            "told",
            "that preparations are in motion",
        ),
        (  # a directive: the person addressed belongs to what they are told to do
            "Health officials told residents not to drink the tap water.",
            "Health officials",
            "told",
            "residents not to drink the tap water",
        ),
        (
            "The mayor urged voters to reject the measure.",
            "The mayor",
            "urged",
            "voters to reject the measure",
        ),
        (  # "clear" and the clause hang on different words depending on the parse
            "The governor made it clear to lawmakers on Friday that she would veto the bill.",
            "The governor",
            "made clear",
            "that she would veto the bill",
        ),
        (  # the parser hangs the question on "asked" as an adverbial clause
            "The chairman asked the auditors if the accounts were complete.",
            "The chairman",
            "asked",
            "if the accounts were complete",
        ),
        (  # no list knows the verb: its "that" clause makes it a report
            "Two aides to the mayor reasoned that the seat was lost.",
            "Two aides to the mayor",
            "reasoned",
            "that the seat was lost",
        ),
    ],
)
def test_indirect_speech(text: str, source: str, cue: str, content: str) -> None:
    claims = claims_of(text)
    assert len(claims) == 1, [c.text for c in claims]
    claim = claims[0]
    assert not claim.direct
    assert source_text(text, claim) == source
    assert claim.cue == cue
    assert claim.text == content


@pytest.mark.parametrize(
    "text",
    [
        "The mayor remains adamant that the stadium will be finished on time.",
        "Campaign staff peppered their calls with reminders that the deadline was near.",
    ],
)
def test_a_that_clause_alone_makes_no_report_of_a_linking_verb_or_a_verb_with_an_object(text: str) -> None:
    assert [c.cue for c in claims_of(text)] in ([], ["remains adamant"])


def test_participle_frame_takes_the_subject_of_the_main_verb() -> None:
    text = "The mayor defended the budget on Monday, saying that the city had no other choice."
    claims = claims_of(text)
    saying = [c for c in claims if c.cue == "saying"]
    assert len(saying) == 1
    assert source_text(text, saying[0]) == "The mayor"
    assert saying[0].text == "that the city had no other choice"


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "Having announced that he would not resign, the chairman left the room.",
            "announced",
            "the chairman",
            "that he would not resign",
        ),
        (
            "In addition to stating that the tax is illegal, the mayor has vowed to fight it in court.",
            "stating",
            "the mayor",
            "that the tax is illegal",
        ),
        (  # the parser takes the sentence's only verb for a participle of its subject
            "A Marist College poll found last week that the mayor would win the primary easily.",
            "found",
            "A Marist College poll",
            "that the mayor would win the primary easily",
        ),
        (
            "The senator visited a morning show to discuss his remarks about the governor.",
            "discuss",
            "The senator",
            "his remarks about the governor",
        ),
        (
            "The economist was sidelined after arguing that the package needed to be larger.",
            "arguing",
            "The economist",
            "that the package needed to be larger",
        ),
    ],
)
def test_a_participle_or_gerund_adjunct_takes_the_subject_of_its_governor(
    text: str, cue: str, source: str, content: str
) -> None:
    """A perfect participle, a gerund inside a complex preposition, a main verb parsed as a
    participle, an infinitive of purpose, and a gerund whose governor is passive (its subject is
    the one who argued)."""
    found = [c for c in claims_of(text) if c.cue == cue]
    assert [(source_text(text, c), c.text) for c in found] == [(source, content)]


def test_belief_reported_inside_a_claim_is_not_a_second_claim() -> None:
    text = "Smith said he believes the plan will fail."
    claims = claims_of(text)
    assert [c.cue for c in claims] == ["said"]
    assert claims[0].text == "he believes the plan will fail"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Unemployment rose to 5 percent in May, according to the Labor Department.",
            "the Labor Department",
            "Unemployment rose to 5 percent in May",
        ),
        (
            "According to journalist Ken Klippenstein, the army is preparing new attacks.",
            "journalist Ken Klippenstein",
            "the army is preparing new attacks",
        ),
        (
            "Rural states like Iowa (93 percent of voters there were white, according to exit polls) lead the list.",
            "exit polls",
            "93 percent of voters there were white",
        ),
        (
            "The tax has not hurt the city: London was the financial capital in 2015, according to one index.",
            "one index",
            "London was the financial capital in 2015",
        ),
    ],
)
def test_according_to(text: str, source: str, content: str) -> None:
    claims = claims_of(text)
    assert len(claims) == 1
    assert source_text(text, claims[0]) == source
    assert claims[0].cue is not None and claims[0].cue.lower() == "according to"
    assert claims[0].text == content


def test_colon_frame_with_a_name() -> None:
    text = "Senator Maria Lopez: “We will not back down on this bill.”"
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].cue == ":"
    assert claims[0].speaker.name == "Maria Lopez"
    assert claims[0].direct


def test_colon_frame_ending_a_paragraph_takes_the_next_one() -> None:
    text = "The council issued a statement.\n\nThe chairman wrote:\n\nThe budget will be cut by a tenth."
    claims = claims_of(text)
    assert [c.text for c in claims] == ["The budget will be cut by a tenth."]
    assert claims[0].cue == "wrote"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The talks are expected to resume next week.", "The talks … to resume next week"),
        ("The factory appears to have closed for good.", "The factory … to have closed for good"),
        ("The lake froze early, and the mayor is widely expected to cancel the race.",
         "the mayor … to cancel the race"),
        ("When asked about the merger, the chairman smiled.", "about the merger"),
        ("The army is reportedly preparing an attack.", "The army is reportedly preparing an attack"),
    ],
)
def test_agentless_claims_have_no_source(text: str, content: str) -> None:
    claims = claims_of(text)
    assert len(claims) == 1
    assert claims[0].spans.source is None
    assert claims[0].speaker.kind == "none" and claims[0].speaker.name is None
    assert claims[0].text == content


@pytest.mark.parametrize(
    "text",
    [
        "Cartel leaders had people near him using phones who could be targeted.",
        "It is unclear whether American troops would set foot on Mexican soil.",
        "The river rose two feet overnight and flooded the lower town.",
    ],
)
def test_not_attributions(text: str) -> None:
    assert claims_of(text) == []


def test_section_headings_bylines_and_furniture_are_never_sources_or_content() -> None:
    text = (
        "Officials Say Bridge Is Safe\n\n"
        "By Jane Doe\n\n"
        "The bridge reopened on Monday after repairs, the transport department said.\n\n"
        "What Experts Say\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *"
    )
    parsed = parse(Article(text=text))
    claims = extract_claims(parsed)
    assert [c.cue for c in claims] == ["Say", "said"]
    for claim in claims:
        for s, _ in (*claim.spans.content, *(claim.spans.source or ())):
            assert parsed.kind_at(s) in ("headline", "paragraph")


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Harbour Mayor: Sea Wall Will Be Rebuilt By Spring\n\nThe wall gave way on Tuesday night.", "Harbour Mayor",
         "Sea Wall Will Be Rebuilt By Spring"),
        ("Ferry Operator Says Crossings Resume Friday\n\nThe storm closed the port for two days.", "Ferry Operator",
         "Crossings Resume Friday"),
    ],
)
def test_the_headline_attributes_its_claim(text: str, source: str, content: str) -> None:
    parsed = parse(Article(text=text))
    claims = extract_claims(parsed)
    assert parsed.kind_at(0) == "headline"
    first = claims[0]
    assert first.spans.source is not None
    assert [text[s:e] for s, e in first.spans.source] == [source]
    assert [text[s:e] for s, e in first.spans.content] == [content]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The mayor proposed paying for the repairs with a new parking fee.", "proposed",
         "paying for the repairs with a new parking fee"),
        ("The coach sent a note to the parents, asking them not to park on the grass.", "asking",
         "them not to park on the grass"),
        ("The treasurer said nothing about the missing funds.", "said", "nothing about the missing funds"),
        ("The new library opened in the old bank building, the town clerk reported.", "reported",
         "The new library opened in the old bank building"),
        ("The report was widely seen as a rebuke of the board.", "was seen",
         "The report … as a rebuke of the board"),
        ("The auditor pointed out that the fund had never been audited.", "pointed out",
         "that the fund had never been audited"),
        ("The union has called for doubling the number of inspectors.", "called for",
         "doubling the number of inspectors"),
        ("The governor has not called for him to resign.", "called for", "him to resign"),
        ("A recent county survey found broad support for the new park.", "found",
         "broad support for the new park"),
        ("Most of the stores on Main Street will close by March, the survey found.", "found",
         "Most of the stores on Main Street will close by March"),
        ("The old mill is closing, but the new plant is hiring, said the mayor's aide, Ann Price.", "said",
         "The old mill is closing, but the new plant is hiring"),
        ("The chairman was reluctant to endorse the merger.", "endorse", "the merger"),
        ("Early counts suggested that older voters — who had carried the mayor in 2019 — stayed home in large "
         "numbers.", "suggested", "that older voters … stayed home in large numbers"),
        ("The engineer said that one-third of the pumps had failed.", "said", "that one-third of the pumps had failed"),
        ("The ferry was not part of the deal; the port insists it never agreed to a sale.", "insists",
         "it never agreed to a sale"),
        ("The teachers' union backs the school levy.", "backs", "the school levy"),
        ("The mayor had one answer for critics: “We will finish the bridge on time,” she said.", "said",
         "“We will finish the bridge on time,”"),
        ("The county executive says in a statement that the new jail will open in June.", "says",
         "that the new jail will open in June"),
        ("The candidate is telling diners at a busy Main Street cafe that the race is close.", "telling",
         "that the race is close"),
        ("The mayor said in an interview that aired Monday that the budget was balanced.", "said",
         "that the budget was balanced"),
        ("Most growers favor a longer season for the weekly market.", "favor",
         "a longer season for the weekly market"),
        ("The council member bemoaned the slow pace of the repairs.", "bemoaned", "the slow pace of the repairs"),
        ("The treasurer distanced herself from the mayor's plan.", "distanced from", "the mayor's plan"),
        ("The governor threw her support behind the mayor on Monday.", "threw behind", "the mayor"),
        ("The mayor lashed out at the council over the delays.", "lashed out at", "the council over the delays"),
        ("The council voted to extend the curfew for a month.", "voted", "to extend the curfew for a month"),
        ("The bishop preached a message of patience to the crowd.", "preached", "a message of patience to the crowd"),
        ("The senator came out against the trade deal on Tuesday.", "came out against", "the trade deal"),
        ("The mayor gave her early assessment of the budget.", "gave", "her early assessment of the budget"),
        ("The governor called the plan “reckless in every way.”", "called", "the plan “reckless in every way.”"),
        ("The mayor denounced what the council described as a modest fee.", "denounced",
         "what the council described as a modest fee"),
        ("As the governor prepared to speak in Albany on Tuesday, a protester outside the hall was knocked "
         "down by a bystander, police said.", "said",
         "As the governor prepared to speak in Albany on Tuesday, a protester outside the hall was knocked "
         "down by a bystander"),
        ("Asked whether the fee was fair, 46 percent of the residents said yes.", "said", "yes"),
        ("A year ago, a third of the members said the same.", "said", "the same"),
        ("The treasurer thinks so, too.", "thinks", "so"),
        ("The governor praised the plan at a rally on Monday.", "praised", "the plan"),
        ("The senator criticized the mayor during the debate.", "criticized", "the mayor"),
        ("She praised him on the campaign trail.", "praised", "him"),
        ("The mayor referred to the protesters as “our neighbors.”", "referred to",
         "the protesters as “our neighbors.”"),
        ("The mayor blamed the delays on the council.", "blamed", "the delays on the council"),
        ("Both senators saw the defeat during the recount as a sign of weakness.", "saw",
         "the defeat during the recount as a sign of weakness"),
        ("The senator recalled her father teaching her how to fish.", "recalled",
         "her father teaching her how to fish"),
        ("The governor proposed new funds to help towns repair roads.", "proposed",
         "new funds to help towns repair roads"),
    ],
)
def test_more_shapes_of_content(text: str, cue: str, content: str) -> None:
    claims = [c for c in claims_of(text) if c.cue == cue]
    assert [c.text for c in claims] == [content], [(c.cue, c.text) for c in claims_of(text)]


def test_an_object_verb_of_low_yield_is_not_a_claim() -> None:
    assert claims_of("The senator pushed the bill through the committee.") == []


def test_finding_an_object_is_a_claim_only_for_studies() -> None:
    assert claims_of("The hikers found a lost dog near the lake.") == []


def test_a_preposed_clause_is_not_the_content_of_a_closing_frame() -> None:
    text = "Although the weather was bad, the organizers agreed."
    assert [c.text for c in claims_of(text) if c.cue == "agreed"] == []


def test_saying_no_to_something_does_not_report_the_word_no() -> None:
    assert [c.text for c in claims_of("The mayor said no to the casino.") if c.cue == "said"] != ["no"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Still,  Harbour campaign aides believe her work as a city councillor for eight years, "
            "helping small firms in towns such as Port Hale, will offset the mayor's lead.",
            "her work as a city councillor for eight years, helping small firms in towns such as Port Hale, "
            "will offset the mayor's lead",
        ),
        (
            "People close to the governor felt his display of anger in the last debate was over the top.",
            "his display of anger in the last debate was over the top",
        ),
    ],
)
def test_a_belief_whose_clause_the_parser_split_is_read_whole(text: str, content: str) -> None:
    claims = claims_of(text)
    assert [c.text for c in claims] == [content]


def test_a_report_coordinated_after_a_parenthetical_frame_is_its_own_claim() -> None:
    text = "The school's budget, they believe, is safe for now, and most expect the mayor to protect it."
    claims = claims_of(text)
    assert [c.cue for c in claims] == ["believe", "expect"]
    assert "mayor" not in claims[0].text
    assert source_text(text, claims[1]) == "most"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        (
            "At a fundraiser with his running mate Lieutenant Governor Carla Pinto, Governor Dan Wolfe said"
            " the budget would balance.",
            "Dan Wolfe",
            "the budget would balance",
        ),
        (
            "At the county fair on Sunday afternoon Rep. Jane Doyle (D-Ohio) said the farm bill was stalled.",
            "Jane Doyle",
            "the farm bill was stalled",
        ),
        (
            "“The bridge is not safe and never was,” Morales, 47, told the Gazette on Friday.",
            "Morales",
            "“The bridge is not safe and never was,”",
        ),
        (
            "“We expected a lot more people to come out,” Okafor, 33, told reporters after the vote.",
            "Okafor",
            "“We expected a lot more people to come out,”",
        ),
        (
            "In Palm Grove, where homes cost $2 million, Ed Lang, the town's 66-year-old mayor, suggested that"
            " taxes would fall.",
            "Ed Lang",
            "that taxes would fall",
        ),
        (
            "At a dinner with her brother, the actor Tom Reyes, former senator Ana Reyes said the plan would fail.",
            "Ana Reyes",
            "the plan would fail",
        ),
    ],
)
def test_a_name_the_parser_hung_elsewhere_still_speaks(sentence: str, speaker: str, content: str) -> None:
    """A speaker's name set in apposition to an opening phrase (a place's name among them), or
    after a quotation with an age, is the speaker; a namesake named earlier does not take the
    claim over."""
    text = f"A headline for the test\n\n{sentence}\n\nA closing paragraph follows.\n"
    claims = claims_of(text)
    assert [(c.speaker.name, c.text) for c in claims] == [(speaker, content)]


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ("“This is the best night of my life!” beamed Maria Lopez, a delegate.", "Maria Lopez, a delegate", "beamed"),
        ("“We will be back next year,” the coach growled as he left the field.", "the coach", "growled"),
        ("“Nobody told us anything,” she sighed.", "she", "sighed"),
    ],
)
def test_any_verb_framing_a_quotation_that_opens_the_sentence_reports_it(
    sentence: str, speaker: str, cue: str
) -> None:
    assert direct_quotes(f"The game ended late. {sentence}", "cue") == [(speaker, cue)]


def test_a_title_in_quotation_marks_is_not_framed_by_the_next_verb() -> None:
    text = "A headline for the test\n\nIn “Jaws,” Spielberg rested the camera on the water.\n\nA closing paragraph.\n"
    assert [c for c in claims_of(text) if c.direct] == []


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ("The mayor then addressed the volunteers again: “Here is what I want. I want the park finished.”",
         "The mayor", "addressed"),
        ("After the vote, the governor released the following statement: “We thank the voters of this county.”",
         "the governor", "released"),
    ],
)
def test_any_verb_whose_phrase_ends_in_a_colon_before_a_quotation_reports_it(
    sentence: str, speaker: str, cue: str
) -> None:
    assert direct_quotes(sentence, "cue") == [(speaker, cue)]


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        (
            "Asked whether the fare rise had cost riders, the director replied, “Maybe so. We will look again.”",
            "the director",
            "“Maybe so. We will look again.”",
        ),
        (
            "After the treasurer criticized the board during the meeting, Alvarez shot back, “We balanced the"
            " budget every single year.”",
            "Alvarez",
            "“We balanced the budget every single year.”",
        ),
        (
            "“Nobody in this town has seen a budget like this one,”Alvarez said.",
            "Alvarez",
            "“Nobody in this town has seen a budget like this one,”",
        ),
    ],
)
def test_the_quotation_a_reply_opens_is_what_was_said(sentence: str, speaker: str, content: str) -> None:
    """Not the question before the verb, with or without a verb of saying, and with the space after
    a closing quotation mark missing."""
    assert direct_quotes(sentence, "text") == [(speaker, content)]


def test_the_purpose_of_speaking_anonymously_is_not_a_report() -> None:
    text = (
        "An official, who spoke on condition of anonymity to discuss internal plans, said the base would close."
    )
    claims = claims_of(text)
    assert [c.cue for c in claims] == ["said"]
    assert claims[0].text == "the base would close"


def test_making_a_time_clear_is_not_a_report() -> None:
    assert claims_of("The coach made it clear when he arrived.") == []


def test_giving_something_other_than_a_view_is_not_a_report() -> None:
    assert claims_of("The club offered cheaper memberships to families.") == []


def test_a_closing_frame_reports_the_clause_the_parser_hung_on_a_preposed_adverbial() -> None:
    """'As the mayor spoke on Tuesday, a boy near the stage was hurt by a bottle, police said.', with
    "hurt" hung on "spoke" and "spoke" on "said", as the small model parses such sentences: the
    unmarked clause is what police said, and the whole sentence before the frame is reported."""
    doc = doc_of(
        [
            ("As", 3, "mark", "SCONJ", "IN", "O"),
            ("the", 2, "det", "DET", "DT", "O"),
            ("mayor", 3, "nsubj", "NOUN", "NN", "O"),
            ("spoke", 19, "advcl", "VERB", "VBD", "O"),
            ("on", 3, "prep", "ADP", "IN", "O"),
            ("Tuesday", 4, "pobj", "PROPN", "NNP", "B-DATE"),
            (",", 3, "punct", "PUNCT", ",", "O"),
            ("a", 8, "det", "DET", "DT", "O"),
            ("boy", 13, "nsubjpass", "NOUN", "NN", "O"),
            ("near", 8, "prep", "ADP", "IN", "O"),
            ("the", 11, "det", "DET", "DT", "O"),
            ("stage", 9, "pobj", "NOUN", "NN", "O"),
            ("was", 13, "auxpass", "AUX", "VBD", "O"),
            ("hurt", 3, "advcl", "VERB", "VBN", "O"),
            ("by", 13, "agent", "ADP", "IN", "O"),
            ("a", 16, "det", "DET", "DT", "O"),
            ("bottle", 14, "pobj", "NOUN", "NN", "O"),
            (",", 19, "punct", "PUNCT", ",", "O"),
            ("police", 19, "nsubj", "NOUN", "NNS", "O"),
            ("said", 19, "ROOT", "VERB", "VBD", "O"),
            (".", 19, "punct", "PUNCT", ".", "O"),
        ]
    )
    frames = find_frames(doc.sents, lexicon(), lambda _: False)
    assert [(doc[f.verb].text, [doc[s:e].text for s, e in f.content]) for f in frames] == [
        ("said", ["As the mayor spoke on Tuesday, a boy near the stage was hurt by a bottle"])
    ]


def test_a_marked_adverbial_alone_is_not_what_a_closing_frame_reports() -> None:
    doc = doc_of(
        [
            ("When", 3, "advmod", "SCONJ", "WRB", "O"),
            ("the", 2, "det", "DET", "DT", "O"),
            ("storm", 3, "nsubj", "NOUN", "NN", "O"),
            ("hit", 7, "advcl", "VERB", "VBD", "O"),
            (",", 7, "punct", "PUNCT", ",", "O"),
            ("the", 6, "det", "DET", "DT", "O"),
            ("mayor", 7, "nsubj", "NOUN", "NN", "O"),
            ("said", 7, "ROOT", "VERB", "VBD", "O"),
            (".", 7, "punct", "PUNCT", ".", "O"),
        ]
    )
    frames = find_frames(doc.sents, lexicon(), lambda _: False)
    assert [f.content for f in frames if doc[f.verb].text == "said"] in ([], [()])



def _frames_of(doc: Doc) -> list[tuple[str, str, list[str]]]:
    """(verb, source, content pieces) of every frame found in a hand-parsed sentence."""
    frames = find_frames(doc.sents, lexicon(), lambda _: False)
    return [(doc[f.verb].text, doc[slice(*f.source)].text, [doc[s:e].text for s, e in f.content]) for f in frames]


def test_a_closing_frame_given_the_clause_subject_too_reports_the_clause_before_it() -> None:
    """'The vote signals the end, said Ann Lee.' with "signals" read as a noun and "vote" hung on
    "said" as a second subject: the holder is the subject after the verb, the clause is before it."""
    doc = doc_of(
        [
            ("The", 1, "det", "DET", "DT", "O"),
            ("vote", 7, "nsubj", "NOUN", "NN", "O"),
            ("signals", 1, "appos", "NOUN", "NNS", "O"),
            ("the", 4, "det", "DET", "DT", "O"),
            ("end", 2, "appos", "NOUN", "NN", "O"),
            ("soon", 4, "advmod", "ADV", "RB", "O"),
            (",", 7, "punct", "PUNCT", ",", "O"),
            ("said", 7, "ROOT", "VERB", "VBD", "O"),
            ("Ann", 9, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Lee", 7, "nsubj", "PROPN", "NNP", "I-PERSON"),
            (".", 7, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("said", "Ann Lee", ["The vote signals the end soon"])]


def test_a_frame_hung_on_a_participle_shares_its_subject() -> None:
    """'Ann Lee, noting the cost, said, “We pay.”' with "noting" taken for the main verb and "said"
    hung on it: "said" is Lee's, and reports the quotation (completed later), not the participle."""
    doc = doc_of(
        [
            ("Ann", 1, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Lee", 3, "nsubj", "PROPN", "NNP", "I-PERSON"),
            (",", 1, "punct", "PUNCT", ",", "O"),
            ("noting", 3, "ROOT", "VERB", "VBG", "O"),
            ("the", 5, "det", "DET", "DT", "O"),
            ("cost", 3, "dobj", "NOUN", "NN", "O"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("said", 3, "parataxis", "VERB", "VBD", "O"),
            (",", 7, "punct", "PUNCT", ",", "O"),
            ("“", 11, "punct", "PUNCT", "``", "O"),
            ("We", 11, "nsubj", "PRON", "PRP", "O"),
            ("pay", 7, "ccomp", "VERB", "VBP", "O"),
            (".", 11, "punct", "PUNCT", ".", "O"),
            ("”", 11, "punct", "PUNCT", "''", "O"),
        ]
    )
    found = {verb: (source, content) for verb, source, content in _frames_of(doc)}
    assert found["said"][0] == "Ann Lee"
    assert found["said"][1] == ["“We pay.”"]


@pytest.mark.parametrize(
    ("holder", "dep", "pos", "tag"),
    [("many", "amod", "ADJ", "JJ"), ("Will", "aux", "AUX", "MD")],
)
def test_a_set_off_frame_without_a_subject_is_held_by_the_words_before_its_verb(
    holder: str, dep: str, pos: str, tag: str
) -> None:
    """'That plan, many argue, could fail.' / 'That plan, Will wrote, could fail.' with the holder
    read as an adjective or a modal."""
    doc = doc_of(
        [
            ("That", 1, "det", "DET", "DT", "O"),
            ("plan", 7, "nsubj", "NOUN", "NN", "O"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            (holder, 4, dep, pos, tag, "O"),
            ("argue", 7, "parataxis", "VERB", "VBP", "O"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("could", 7, "aux", "AUX", "MD", "O"),
            ("fail", 7, "ROOT", "VERB", "VB", "O"),
            (".", 7, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("argue", holder, ["That plan", "could fail"])]


def test_a_frame_set_off_before_the_clause_it_reports() -> None:
    """'The aide told the paper, the mayor would resign.' with "told" hung on "resign"."""
    doc = doc_of(
        [
            ("The", 1, "det", "DET", "DT", "O"),
            ("aide", 2, "nsubj", "NOUN", "NN", "O"),
            ("told", 9, "advcl", "VERB", "VBD", "O"),
            ("the", 4, "det", "DET", "DT", "O"),
            ("paper", 2, "dobj", "NOUN", "NN", "O"),
            (",", 9, "punct", "PUNCT", ",", "O"),
            ("the", 7, "det", "DET", "DT", "O"),
            ("mayor", 9, "nsubj", "NOUN", "NN", "O"),
            ("would", 9, "aux", "AUX", "MD", "O"),
            ("resign", 9, "ROOT", "VERB", "VB", "O"),
            (".", 9, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("told", "The aide", ["the mayor would resign"])]


def test_a_marked_or_inverted_clause_before_another_is_no_frame_of_it() -> None:
    """'Had the aide told the paper, the mayor would resign.': a condition, not a report of it."""
    doc = doc_of(
        [
            ("Had", 3, "aux", "AUX", "VBD", "O"),
            ("the", 2, "det", "DET", "DT", "O"),
            ("aide", 3, "nsubj", "NOUN", "NN", "O"),
            ("told", 10, "advcl", "VERB", "VBN", "O"),
            ("the", 5, "det", "DET", "DT", "O"),
            ("paper", 3, "dobj", "NOUN", "NN", "O"),
            (",", 10, "punct", "PUNCT", ",", "O"),
            ("the", 8, "det", "DET", "DT", "O"),
            ("mayor", 10, "nsubj", "NOUN", "NN", "O"),
            ("would", 10, "aux", "AUX", "MD", "O"),
            ("resign", 10, "ROOT", "VERB", "VB", "O"),
            (".", 10, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert [content for verb, _, content in _frames_of(doc) if verb == "told"] in ([], [[]])


def test_a_parenthetical_frame_hung_on_an_auxiliary_reports_the_whole_clause() -> None:
    """'Even then, he said, he’s learned a lot.' with "said" hung on "’s"."""
    doc = doc_of(
        [
            ("Even", 1, "advmod", "ADV", "RB", "O"),
            ("then", 8, "advmod", "ADV", "RB", "O"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("he", 4, "nsubj", "PRON", "PRP", "O"),
            ("said", 7, "parataxis", "VERB", "VBD", "O"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("he", 8, "nsubj", "PRON", "PRP", "O"),
            ("’s", 8, "aux", "AUX", "VBZ", "O"),
            ("learned", 8, "ROOT", "VERB", "VBN", "O"),
            ("a", 10, "det", "DET", "DT", "O"),
            ("lot", 8, "dobj", "NOUN", "NN", "O"),
            (".", 8, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("said", "he", ["Even then", "he ’s learned a lot"])]


def test_a_gerund_the_parser_gave_a_parenthetical_frame_is_the_subject_of_the_clause() -> None:
    """'Putting on a show, Lee said, helped him.' with "Putting" hung on "said"."""
    doc = doc_of(
        [
            ("Putting", 5, "advcl", "VERB", "VBG", "O"),
            ("on", 0, "prt", "ADP", "RP", "O"),
            ("a", 3, "det", "DET", "DT", "O"),
            ("show", 0, "dobj", "NOUN", "NN", "O"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("said", 8, "parataxis", "VERB", "VBD", "O"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("Lee", 5, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("helped", 8, "ROOT", "VERB", "VBD", "O"),
            ("him", 8, "dobj", "PRON", "PRP", "O"),
            (".", 8, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert [content for verb, _, content in _frames_of(doc) if verb == "said"] == [["Putting on a show", "helped him"]]


def test_an_object_split_at_a_possessive_mark_is_one_object() -> None:
    """'She referenced the Clintons’ old tactics.' with the mark read as a closing quotation and
    "tactics" as a second object."""
    doc = doc_of(
        [
            ("She", 1, "nsubj", "PRON", "PRP", "O"),
            ("referenced", 1, "ROOT", "VERB", "VBD", "O"),
            ("the", 3, "det", "DET", "DT", "O"),
            ("Clintons", 1, "dobj", "PROPN", "NNPS", "O"),
            ("’", 3, "case", "PUNCT", "''", "O"),
            ("old", 6, "amod", "ADJ", "JJ", "O"),
            ("tactics", 1, "dobj", "NOUN", "NNS", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("referenced", "She", ["the Clintons ’ old tactics"])]


def test_a_tense_coordinated_with_an_infinitive_in_a_phrase_shares_the_clause_subject() -> None:
    """'Lee ran on her plan to cut taxes and accused Ray of waste.' with "accused" coordinated with
    "cut", the infinitive of "plan"."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("ran", 1, "ROOT", "VERB", "VBD", "O"),
            ("on", 1, "prep", "ADP", "IN", "O"),
            ("her", 4, "poss", "PRON", "PRP$", "O"),
            ("plan", 2, "pobj", "NOUN", "NN", "O"),
            ("to", 6, "aux", "PART", "TO", "O"),
            ("cut", 4, "acl", "VERB", "VB", "O"),
            ("taxes", 6, "dobj", "NOUN", "NNS", "O"),
            ("and", 6, "cc", "CCONJ", "CC", "O"),
            ("accused", 6, "conj", "VERB", "VBD", "O"),
            ("Ray", 9, "dobj", "PROPN", "NNP", "B-PERSON"),
            ("of", 9, "prep", "ADP", "IN", "O"),
            ("waste", 11, "pobj", "NOUN", "NN", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("accused", "Lee", ["Ray of waste"])]


def test_a_noun_phrase_hung_on_the_verb_before_a_subjectless_clause_is_its_subject() -> None:
    """'Lee said the way they treated women “would be disqualifying”.' with "way" hung on "said"."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("said", 1, "ROOT", "VERB", "VBD", "O"),
            ("the", 3, "det", "DET", "DT", "O"),
            ("way", 1, "npadvmod", "NOUN", "NN", "O"),
            ("they", 5, "nsubj", "PRON", "PRP", "O"),
            ("treated", 3, "relcl", "VERB", "VBD", "O"),
            ("women", 5, "dobj", "NOUN", "NNS", "O"),
            ("“", 9, "punct", "PUNCT", "``", "O"),
            ("would", 9, "aux", "AUX", "MD", "O"),
            ("be", 1, "ccomp", "AUX", "VB", "O"),
            ("disqualifying", 9, "acomp", "ADJ", "JJ", "O"),
            ("”", 9, "punct", "PUNCT", "''", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    said = [content for verb, _, content in _frames_of(doc) if verb == "said"]
    assert said == [["the way they treated women “would be disqualifying”"]]


def test_a_reason_the_parser_hung_on_the_frame_belongs_to_the_reported_clause() -> None:
    """'Lee said she would win because voters trust her.' with "because" hung on "said"."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("said", 1, "ROOT", "VERB", "VBD", "O"),
            ("she", 4, "nsubj", "PRON", "PRP", "O"),
            ("would", 4, "aux", "AUX", "MD", "O"),
            ("win", 1, "ccomp", "VERB", "VB", "O"),
            ("because", 7, "mark", "SCONJ", "IN", "O"),
            ("voters", 7, "nsubj", "NOUN", "NNS", "O"),
            ("trust", 1, "advcl", "VERB", "VBP", "O"),
            ("her", 7, "dobj", "PRON", "PRP", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("said", "Lee", ["she would win because voters trust her"])]


def test_a_call_for_someone_to_act_keeps_the_act() -> None:
    """'Lee called for the minister to resign.' with "resign" hung on "called"."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("called", 1, "ROOT", "VERB", "VBD", "O"),
            ("for", 1, "prep", "ADP", "IN", "O"),
            ("the", 4, "det", "DET", "DT", "O"),
            ("minister", 2, "pobj", "NOUN", "NN", "O"),
            ("to", 6, "aux", "PART", "TO", "O"),
            ("resign", 1, "advcl", "VERB", "VB", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("called", "Lee", ["the minister to resign"])]


def test_a_verb_in_a_series_after_a_comma_takes_no_inverted_subject() -> None:
    """'They sat down, thanked everyone in the hall and said the count would resume.': the one
    thanked is no holder; "said" shares the series' subject."""
    doc = doc_of(
        [
            ("They", 1, "nsubj", "PRON", "PRP", "O"),
            ("sat", 1, "ROOT", "VERB", "VBD", "O"),
            ("down", 1, "prt", "ADP", "RP", "O"),
            (",", 1, "punct", "PUNCT", ",", "O"),
            ("thanked", 1, "conj", "VERB", "VBD", "O"),
            ("everyone", 4, "dobj", "PRON", "NN", "O"),
            ("in", 5, "prep", "ADP", "IN", "O"),
            ("the", 8, "det", "DET", "DT", "O"),
            ("hall", 6, "pobj", "NOUN", "NN", "O"),
            ("and", 4, "cc", "CCONJ", "CC", "O"),
            ("said", 4, "conj", "VERB", "VBD", "O"),
            ("the", 12, "det", "DET", "DT", "O"),
            ("count", 14, "nsubj", "NOUN", "NN", "O"),
            ("would", 14, "aux", "AUX", "MD", "O"),
            ("resume", 10, "ccomp", "VERB", "VB", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("said", "They", ["the count would resume"])]


def test_a_that_clause_after_the_verb_is_its_report_rather_than_an_opening_phrase() -> None:
    """'Writing to donors on Monday, Ann Lee noted that the fund had grown.' with the opening
    participle phrase read as a second clause of "noted": the report is the "that" clause."""
    doc = doc_of(
        [
            ("Writing", 8, "ccomp", "VERB", "VBG", "O"),
            ("to", 0, "prep", "ADP", "IN", "O"),
            ("donors", 1, "pobj", "NOUN", "NNS", "O"),
            ("on", 0, "prep", "ADP", "IN", "O"),
            ("Monday", 3, "pobj", "PROPN", "NNP", "B-DATE"),
            (",", 8, "punct", "PUNCT", ",", "O"),
            ("Ann", 7, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Lee", 8, "nsubj", "PROPN", "NNP", "I-PERSON"),
            ("noted", 8, "ROOT", "VERB", "VBD", "O"),
            ("that", 13, "mark", "SCONJ", "IN", "O"),
            ("the", 11, "det", "DET", "DT", "O"),
            ("fund", 13, "nsubj", "NOUN", "NN", "O"),
            ("had", 13, "aux", "AUX", "VBD", "O"),
            ("grown", 8, "ccomp", "VERB", "VBN", "O"),
            (".", 8, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("noted", "Ann Lee", ["that the fund had grown"])]


def test_a_participle_phrase_set_off_before_the_verb_does_not_hide_its_subject() -> None:
    """'Friday, Texas, leading a coalition of states, asked a judge to block the rules.' with
    "Texas" hung on the date: Texas asks; the judge, asked to act, is part of the request."""
    doc = doc_of(
        [
            ("Friday", 10, "npadvmod", "PROPN", "NNP", "B-DATE"),
            (",", 0, "punct", "PUNCT", ",", "O"),
            ("Texas", 0, "appos", "PROPN", "NNP", "B-GPE"),
            (",", 0, "punct", "PUNCT", ",", "O"),
            ("leading", 10, "advcl", "VERB", "VBG", "O"),
            ("a", 6, "det", "DET", "DT", "O"),
            ("coalition", 4, "dobj", "NOUN", "NN", "O"),
            ("of", 6, "prep", "ADP", "IN", "O"),
            ("states", 7, "pobj", "NOUN", "NNS", "O"),
            (",", 10, "punct", "PUNCT", ",", "O"),
            ("asked", 10, "ROOT", "VERB", "VBD", "O"),
            ("a", 12, "det", "DET", "DT", "O"),
            ("judge", 10, "dobj", "NOUN", "NN", "O"),
            ("to", 14, "aux", "PART", "TO", "O"),
            ("block", 10, "xcomp", "VERB", "VB", "O"),
            ("the", 16, "det", "DET", "DT", "O"),
            ("rules", 14, "dobj", "NOUN", "NNS", "O"),
            (".", 10, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("asked", "Texas", ["a judge to block the rules"])]


def test_a_name_after_the_frame_of_a_split_quotation_is_its_holder() -> None:
    """'“The cost,” said Ann Lee, “is too high.”' with "said" hung on the continuation as an aside
    and the name made the continuation's subject: Lee holds the frame (its content, the two
    quotations, is completed later)."""
    doc = doc_of(
        [
            ("“", 5, "punct", "PUNCT", "``", "O"),
            ("The", 2, "det", "DET", "DT", "O"),
            ("cost", 5, "dep", "NOUN", "NN", "O"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("”", 5, "punct", "PUNCT", "''", "O"),
            ("said", 10, "parataxis", "VERB", "VBD", "O"),
            ("Ann", 7, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Lee", 10, "nsubj", "PROPN", "NNP", "I-PERSON"),
            (",", 7, "punct", "PUNCT", ",", "O"),
            ("“", 10, "punct", "PUNCT", "``", "O"),
            ("is", 10, "ROOT", "AUX", "VBZ", "O"),
            ("too", 12, "advmod", "ADV", "RB", "O"),
            ("high", 10, "acomp", "ADJ", "JJ", "O"),
            (".", 10, "punct", "PUNCT", ".", "O"),
            ("”", 10, "punct", "PUNCT", "''", "O"),
        ]
    )
    assert [(verb, source) for verb, source, _ in _frames_of(doc)] == [("said", "Ann Lee")]


def test_a_description_set_after_the_object_of_a_prepositional_cue_is_the_writers() -> None:
    """'Lee referred to Ann Ruiz, the mayor, as a friend.': the mayor is the writer's description;
    the "as" phrase after it is still part of what Lee said."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("referred", 1, "ROOT", "VERB", "VBD", "O"),
            ("to", 1, "prep", "ADP", "IN", "O"),
            ("Ann", 4, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Ruiz", 2, "pobj", "PROPN", "NNP", "I-PERSON"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("the", 7, "det", "DET", "DT", "O"),
            ("mayor", 4, "appos", "NOUN", "NN", "O"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("as", 1, "prep", "ADP", "IN", "O"),
            ("a", 11, "det", "DET", "DT", "O"),
            ("friend", 9, "pobj", "NOUN", "NN", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _frames_of(doc) == [("referred", "Lee", ["Ann Ruiz", "as a friend"])]


def test_a_description_set_after_the_complement_of_a_stance_is_the_writers() -> None:
    """'Lee was critical of Ann Ruiz, the mayor.': Lee's stance is toward Ruiz."""
    doc = doc_of(
        [
            ("Lee", 1, "nsubj", "PROPN", "NNP", "B-PERSON"),
            ("was", 1, "ROOT", "AUX", "VBD", "O"),
            ("critical", 1, "acomp", "ADJ", "JJ", "O"),
            ("of", 2, "prep", "ADP", "IN", "O"),
            ("Ann", 5, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Ruiz", 3, "pobj", "PROPN", "NNP", "I-PERSON"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("the", 8, "det", "DET", "DT", "O"),
            ("mayor", 5, "appos", "NOUN", "NN", "O"),
            (".", 1, "punct", "PUNCT", ".", "O"),
        ]
    )
    frames = find_stances(doc.sents, lexicon(), lambda _: False)
    assert [[doc[s:e].text for s, e in f.content] for f in frames] == [["Ann Ruiz"]]


def test_a_description_set_after_the_complement_of_a_claim_noun_is_the_writers() -> None:
    """'Lee's argument against Ann Ruiz, the mayor.': Lee argued against Ruiz."""
    doc = doc_of(
        [
            ("Lee", 2, "poss", "PROPN", "NNP", "B-PERSON"),
            ("'s", 0, "case", "PART", "POS", "O"),
            ("argument", 2, "ROOT", "NOUN", "NN", "O"),
            ("against", 2, "prep", "ADP", "IN", "O"),
            ("Ann", 5, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Ruiz", 3, "pobj", "PROPN", "NNP", "I-PERSON"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("the", 8, "det", "DET", "DT", "O"),
            ("mayor", 5, "appos", "NOUN", "NN", "O"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    frames = find_claim_nouns(doc.sents, lexicon(), lambda _: False)
    assert [[doc[s:e].text for s, e in f.content] for f in frames] == [["Ann Ruiz"]]


@pytest.mark.parametrize(
    ("rows", "content"),
    [
        (
            [
                ("The", 1, "det", "DET", "DT", "O"),
                ("plan", 2, "nsubj", "NOUN", "NN", "O"),
                ("seemed", 2, "ROOT", "VERB", "VBD", "O"),
                ("like", 2, "prep", "ADP", "IN", "O"),
                ("a", 6, "det", "DET", "DT", "O"),
                ("long", 6, "amod", "ADJ", "JJ", "O"),
                ("shot", 3, "pobj", "NOUN", "NN", "O"),
                (".", 2, "punct", "PUNCT", ".", "O"),
            ],
            ["The plan", "like a long shot"],
        ),
        (
            [
                ("It", 1, "nsubj", "PRON", "PRP", "O"),
                ("seemed", 1, "ROOT", "VERB", "VBD", "O"),
                ("like", 1, "prep", "ADP", "IN", "O"),
                ("a", 4, "det", "DET", "DT", "O"),
                ("trap", 2, "pobj", "NOUN", "NN", "O"),
                (".", 1, "punct", "PUNCT", ".", "O"),
            ],
            ["like a trap"],
        ),
    ],
)
def test_a_likeness_after_a_raising_verb_is_an_impression_with_no_source(rows: list[Row], content: list[str]) -> None:
    """'The plan seemed like a long shot.' reports an impression nobody is credited with; after an
    empty "it" the impression is the "like" phrase alone."""
    doc = doc_of(rows)
    found = find_agentless(doc, doc.sents, lexicon(), lambda _: False)
    assert [[doc.text[s:e] for s, e in f.content] for f in found] == [content]
    assert [f.source for f in found] == [None]
