"""Key-claim selection: substantive claims that carry the story, a spread of speakers, deterministic."""

from __future__ import annotations

from bot.claims import extract_claims, mark_key_claims
from bot.model import Article
from bot.pipeline import Parsed, parse

TEXT = (
    "City Approves New Flood Wall\n\n"
    "The council approved a new flood wall on Monday, the mayor said.\n\n"
    "“Thank you all,” the mayor said.\n\n"
    "The engineer Ann Lee said the wall would protect four thousand homes from storms.\n\n"
    "Lee added that construction would start in the spring and last two years.\n\n"
    "Lee also said that the design had been tested against the worst recorded flood.\n\n"
    "A resident, Bob Ray, said the noise from the building site would be hard to live with."
)


def parsed_text() -> Parsed:
    return parse(Article(text=TEXT))


def test_summary_claims_first_small_talk_never_and_at_most_two_per_speaker() -> None:
    parsed = parsed_text()
    claims = extract_claims(parsed)
    summary = [s for s in parsed.sentences() if "four thousand homes" in s.text]
    keys = [c for c in mark_key_claims(parsed, claims, [(summary[0].start_char, summary[0].end_char)]) if c.key]
    texts = [c.text for c in keys]
    assert "the wall would protect four thousand homes from storms" in texts
    assert "“Thank you all,”" not in texts
    assert sum(1 for c in keys if c.speaker.name == "Ann Lee") == 2
    assert 3 <= len(keys) <= 5


def test_fewer_claims_than_the_minimum_are_all_marked() -> None:
    parsed = parse(Article(text="The council approved a new flood wall on Monday, the mayor said."))
    marked = mark_key_claims(parsed, extract_claims(parsed), [])
    assert [c.key for c in marked] == [True]


def test_no_claims_no_keys() -> None:
    parsed = parse(Article(text="The river rose two feet overnight and flooded the lower town."))
    assert mark_key_claims(parsed, [], []) == []


SHORT_CORE = (
    "Army Prepares Border Operation\n\n"
    "Two defence officials told the newspaper that troops are ready.\n\n"
    "The plan has raised concerns among neighbouring governments about the risk of escalation.\n\n"
    "Minister Ravi Shah declined to comment on the report when asked on Tuesday.\n\n"
    "Professor Ines Ortega said the operation would strain relations with the neighbours for years.\n\n"
    "Ortega added that the government had not explained its legal basis for the operation."
)


def test_a_short_core_claim_is_key_and_a_refusal_to_comment_is_not() -> None:
    parsed = parse(Article(text=SHORT_CORE))
    lede = parsed.sentences()[0]
    marked = mark_key_claims(parsed, extract_claims(parsed), [(lede.start_char, lede.end_char)])
    keys = {c.text: c for c in marked if c.key}
    assert any("troops are ready" in text for text in keys)
    assert not any("comment" in text for text in keys)
    assert all((c.speaker.name or "").split()[0] not in ("The", "the") for c in keys.values())


def test_what_the_article_gives_as_commonly_known_is_never_key() -> None:
    text = (
        "Votes in the contests known as Super Tuesday\n\n"
        "The mayor said the count would finish on Wednesday.\n\n"
        "The town is widely known for its careful counting of every ballot."
    )
    parsed = parse(Article(text=text))
    claims = extract_claims(parsed)
    marked = mark_key_claims(parsed, claims, [])
    assert any(c.background for c in marked)
    assert [c.text for c in marked if c.key] == ["the count would finish on Wednesday"]


STANCES = (
    "Senator Wins Again in the West\n\n"
    "Senator Maya Ortiz claimed a victory in the Nevada primary on Tuesday night.\n\n"
    "Ortiz did not mention her rival by name during the speech in Reno.\n\n"
    "Ortiz has supported a ban on new mining leases in the state for a decade.\n\n"
    "Her campaign manager, Paul Grant, said the win showed that voters trusted her on water.\n\n"
    "The rival, Dan Hale, said that the race was far from over and that he would fight on.\n\n"
    "Professor Ines Ortega said turnout among young voters had doubled since the last primary.\n"
)


def key_texts(text: str) -> list[str]:
    parsed = parse(Article(text=text))
    lede = parsed.sentences()[0]
    marked = mark_key_claims(parsed, extract_claims(parsed), [(lede.start_char, lede.end_char)])
    return [c.text for c in marked if c.key]


def test_statements_come_before_the_bare_object_of_a_stance_or_act() -> None:
    """'claimed a victory', 'did not mention her rival', 'has supported a ban': the thing a stance or
    act is about tells the reader nothing anyone said, even in the lede."""
    assert key_texts(STANCES) == [
        "the win showed that voters trusted her on water",
        "that the race was far from over and that he would fight on",
        "turnout among young voters had doubled since the last primary",
    ]


def test_stance_objects_fill_the_key_claims_when_statements_are_few() -> None:
    text = STANCES.split("Her campaign manager")[0] + "Her campaign manager, Paul Grant, said the win was earned.\n"
    keys = key_texts(text)
    assert len(keys) == 3
    assert "the win was earned" in keys


def test_a_headline_without_a_verb_is_a_statement() -> None:
    """Headlines drop their verbs ('Mayor: no new taxes this year'); the headline claim competes with
    the statements."""
    text = (
        "Mayor Lee: No New Taxes This Year\n\n"
        "Mayor Ann Lee opposed the budget plan at the council meeting on Monday.\n\n"
        "Lee said the city would balance its books by cutting overtime at the depot.\n\n"
        "Council member Tom Reed said the cuts would close two libraries.\n\n"
        "Depot manager Rosa Diaz said overtime had already fallen by a third since spring.\n\n"
        "Librarian Omar Haddad said the libraries served four thousand children every week.\n"
    )
    keys = key_texts(text)
    assert any(k.startswith("No New Taxes") for k in keys), keys
    assert "the budget plan" not in keys
