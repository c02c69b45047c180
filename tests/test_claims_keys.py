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
