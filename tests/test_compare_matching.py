"""The parts of story and claim matching: general-English rarity, one spelling per name, the
fingerprint schema and its publication day, and what claims share. Texts written for the tests."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.compare import (
    FINGERPRINT_SCHEMA,
    ClaimPrint,
    StoryFingerprint,
    claim_similarity,
    fingerprint_from_dict,
    fingerprint_to_dict,
    match_stories,
)
from bot.compare.calibrate import choose_threshold
from bot.compare.claims import claim_model
from bot.compare.features import content_of, matching_words
from bot.compare.fingerprint import publication_day, word_runs
from bot.compare.rarity import rarity
from bot.compare.story import containment, days_apart
from bot.nlp import load_nlp


def test_rarity_comes_from_general_english_not_from_the_tuning_articles() -> None:
    r = rarity()
    assert r.idf("auction") > r.idf("campaign") > r.idf("say")
    assert r.idf("person:ginsburg") > r.idf("person:trump")
    assert r.idf("zzqxvbl") == r.cap and r.idf("the") == r.floor
    assert r.idf("#2016") < r.idf("#jul 5") < r.idf("#$ 5 million")
    assert not Path(__file__).resolve().parent.parent.joinpath("bot/compare/data/background.json").exists()


def _entities(text: str) -> set[str]:
    doc = load_nlp()(text)
    return set(content_of(doc, [(0, len(doc.text))]).entities)


def test_a_name_is_one_key_however_an_outlet_writes_it() -> None:
    words = matching_words()
    assert words.entity_aliases["united states"] == words.entity_aliases["u.s"] == "us"
    keys = _entities(
        "Hillary Clinton spoke in Ohio on Monday. The Federal Bureau of Investigation closed its review, "
        "and Hillary said the FBI had done its job."
    )
    assert "person:clinton" in keys and "person:hillary" not in keys
    assert "org:fbi" in keys and not any("federal" in k for k in keys)


def _fp(**kw: object) -> StoryFingerprint:
    base = StoryFingerprint(
        terms=(("auction", 2.0), ("gun", 1.5), ("pistol", 1.0)),
        entities=(("person:zimmerman", 2.0), ("place:florida", 1.0)),
        numbers=(("$ 65,000", 1.0),),
        lede=("auction", "gun", "person:zimmerman"),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_the_schema_is_checked_and_the_publication_day_kept() -> None:
    fp = _fp(published="2016-05-12")
    data = json.loads(json.dumps(fingerprint_to_dict(fp)))
    assert data["schema"] == FINGERPRINT_SCHEMA == 2 and data["published"] == "2016-05-12"
    assert fingerprint_from_dict(data) == fp
    with pytest.raises(ValueError, match="schema"):
        fingerprint_from_dict({**data, "schema": 1})
    assert publication_day("2016-05-12T09:30:00+00:00") == "2016-05-12"
    assert publication_day("May 12, 2016") is None and publication_day(None) is None


def test_articles_published_days_apart_are_not_one_story() -> None:
    close = match_stories(_fp(published="2016-05-12"), _fp(published="2016-05-13"))
    far = match_stories(_fp(published="2016-05-12"), _fp(published="2016-06-20"))
    undated = match_stories(_fp(published="2016-05-12"), _fp())
    assert close.same_story and undated.same_story and not far.same_story
    assert far.score == close.score
    assert days_apart(_fp(published="2016-05-12"), _fp(published="2016-06-20")) == 39


def test_a_short_reaction_is_contained_in_the_longer_report() -> None:
    short = {"tweet": 2.0, "star": 1.0}
    long = {"tweet": 3.0, "star": 1.0, "deleted": 1.0, "image": 2.0, "bills": 1.0}
    assert containment(short, long) == 1.0
    assert containment(long, short) == pytest.approx(3 / 8)


def test_the_threshold_keeps_the_precision_it_is_asked_for() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
    gold = [True, True, False, True, True, False]
    assert choose_threshold(scores, gold, min_precision=1.0) == pytest.approx(0.75)
    assert choose_threshold(scores, gold, min_precision=0.75) == pytest.approx(0.45)


def test_claims_meet_by_stem_and_by_shared_wording() -> None:
    vetted = ClaimPrint(terms=("expect", "vet"), entities=("person:carson",))
    vetting = ClaimPrint(terms=("vetting", "expect"), entities=("person:carson",))
    assert claim_similarity(vetted, vetting) > 0.9
    said = "No, I meant he's the founder of ISIS"
    again = "“No, I meant he’s the founder of ISIS,” he said."
    assert set(word_runs(said)) <= set(word_runs(again)) and "founder" not in "".join(word_runs(said))
    a = ClaimPrint(terms=("founder", "mean"), entities=("org:isis",), quotes=word_runs(said))
    b = ClaimPrint(terms=("founder", "mean"), entities=("org:isis",), quotes=word_runs(again))
    plain = replace(b, quotes=())
    model = claim_model()
    assert claim_similarity(a, b) == pytest.approx(claim_similarity(a, plain) + model.quote_bonus, abs=1e-3)
    assert claim_similarity(a, b, speakers=("person:trump", "person:trump")) > claim_similarity(a, b)
    assert claim_similarity(a, b, speakers=("person:trump", "person:pence")) < claim_similarity(a, b)
