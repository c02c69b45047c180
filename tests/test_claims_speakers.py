"""Who said it: pronouns, surnames, titles, appositive descriptions, unnamed sources."""

from __future__ import annotations

from bot.claims import extract_claims
from bot.model import Article, Claim
from bot.pipeline import parse


def claims_of(text: str) -> list[Claim]:
    return extract_claims(parse(Article(text=text)))


ARTICLE = (
    "Rain Delays Harvest\n\n"
    "Farmers fear losses after weeks of rain, said Dr. Helen Park, a crop scientist at Iowa State "
    "University.\n\n"
    "Park warned that corn left in wet fields could rot within days.\n\n"
    "“Some farms will lose half their crop,” she said.\n\n"
    "Meanwhile, agriculture secretary Tom Reed said the state would offer loans. "
    "He added that the money could arrive by October."
)


def test_surname_pronoun_and_title_resolve_to_the_full_name() -> None:
    claims = claims_of(ARTICLE)
    park = [c for c in claims if c.speaker.name == "Helen Park"]
    assert [c.cue for c in park] == ["said", "warned", "said"]
    assert all(c.speaker.kind == "named" for c in park)


def test_description_found_anywhere_is_given_to_every_claim_of_that_person() -> None:
    claims = claims_of(ARTICLE)
    park = [c for c in claims if c.speaker.name == "Helen Park"]
    assert {c.speaker.description for c in park} == {"a crop scientist at Iowa State University"}


def test_pronoun_goes_to_the_latest_speaker_not_the_first() -> None:
    claims = claims_of(ARTICLE)
    added = [c for c in claims if c.cue == "added"]
    assert len(added) == 1
    assert added[0].speaker.name == "Tom Reed"
    assert added[0].speaker.description == "agriculture secretary"


def test_relative_pronoun_source_resolves_to_its_antecedent() -> None:
    """A relative pronoun is never a mention of its own: the source runs from the phrase it stands for."""
    text = "The bill was opposed by Senator Ann Cole, who argued that it would raise prices."
    claims = claims_of(text)
    argued = [c for c in claims if c.cue == "argued"]
    assert len(argued) == 1
    s, e = argued[0].spans.source[0] if argued[0].spans.source else (0, 0)
    assert text[s:e] == "Senator Ann Cole, who"
    assert argued[0].speaker.name == "Ann Cole"


def test_pronoun_after_an_unnamed_source_refers_to_it_not_to_an_earlier_name() -> None:
    text = (
        "Mayor Ann Lee opened the session. One delegate from Ohio said he had handed out his tickets. "
        "He could not find a single taker, he said."
    )
    claims = claims_of(text)
    said = [c for c in claims if c.cue == "said"]
    assert [c.speaker.name for c in said] == ["One delegate from Ohio", "One delegate from Ohio"]


def test_definite_description_refers_back_to_the_named_person_with_that_role() -> None:
    text = (
        "Sen. Jane Smith of Ohio said the bill would pass. "
        "Later that day, the senator told reporters that the vote would be close."
    )
    told = [c for c in claims_of(text) if c.cue == "told"]
    assert len(told) == 1 and told[0].speaker.name == "Jane Smith"


def test_definite_description_refers_back_to_an_earlier_unnamed_source() -> None:
    text = (
        "A member of the state board said the fees would rise. "
        "The board member added that the decision was final."
    )
    added = [c for c in claims_of(text) if c.cue == "added"]
    assert len(added) == 1 and added[0].speaker.name == "A member of the state board"


def test_unnamed_sources_keep_their_own_words() -> None:
    text = "Two senior officials said the deal was close. Experts warn that prices could rise."
    names = [c.speaker.name for c in claims_of(text)]
    assert names == ["Two senior officials", "Experts"]
    assert all(c.speaker.kind == "none" for c in claims_of(text))


def test_a_person_named_inside_a_quotation_is_not_whom_the_next_he_means() -> None:
    text = (
        "Council Fights Over Budget\n\n"
        "Councilman Ray Ortiz spoke for an hour at Tuesday's meeting.\n\n"
        "Ortiz continued, “I believe Mayor Ellen Brandt is wrecking this city's chance to fix its roads. "
        "Her plan takes money from every neighbourhood.”\n\n"
        "He added, “We are going to vote this budget down next week, and we will write our own.”"
    )
    added = [c for c in claims_of(text) if c.cue == "added"]
    assert [c.speaker.name for c in added] == ["Ray Ortiz"]


def test_the_second_of_two_joined_relative_clauses_still_stands_for_its_noun() -> None:
    text = (
        "Mosque Shaken After Attack\n\n"
        "Another worshipper who prayed at the mosque and who did not want to be named said the gunman "
        "had visited twice last year.\n\n"
        "“I think it was a hate crime,” the man said."
    )
    from bot.analysis import analyse

    claims = [c for c in analyse(Article(text=text)).claims if c.cue == "said"]
    assert [c.speaker.kind for c in claims] == ["anonymous", "anonymous"]
    assert claims[1].speaker == claims[0].speaker
    assert not any(c.speaker.name == "who" for c in claims_of(text))


GROUP = (
    "Plant Tour Ends in Dispute\n\n"
    "Ann Ruiz, Tom Reed and Lee Park toured the plant on Monday. {description} said the plant "
    "should close by spring."
)


def test_a_plural_description_that_counts_the_people_just_named_refers_to_them() -> None:
    (claim,) = claims_of(GROUP.format(description="Those three veteran legislators"))
    assert claim.speaker.kind == "named"
    assert claim.speaker.name == "Ann Ruiz, Tom Reed and Lee Park"


def test_a_plural_description_with_another_count_or_an_unnamed_head_does_not() -> None:
    for description in ("Those two veteran legislators", "The officials"):
        (claim,) = claims_of(GROUP.format(description=description))
        assert claim.speaker.kind != "named", description


RENAMED = (
    "Plant Tour Ends in Dispute\n\n"
    "Ann Ruiz toured the plant on Monday. {description} said the plant should close by spring."
)


def test_a_description_of_a_person_names_again_the_person_just_named() -> None:
    for description in ("The veteran Ohio legislator", "The billionaire real estate mogul", "The former first lady"):
        (claim,) = claims_of(RENAMED.format(description=description))
        assert claim.speaker.name == "Ann Ruiz", description


def test_a_description_of_a_body_or_a_record_is_no_person_named_again() -> None:
    """'the state election board', 'the annual budget report', 'the rights group' are not Ann Ruiz."""
    for description in ("The state election board", "The annual budget report", "The local rights group"):
        (claim,) = claims_of(RENAMED.format(description=description))
        assert claim.speaker.name == description, description
