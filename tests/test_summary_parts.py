"""The summariser's parts: sentence features, scoring, greedy selection, furniture rules, settings."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from spacy.language import Language

from bot.model import Article
from bot.nlp import load_nlp
from bot.pipeline import parse
from bot.summary.config import summary_config
from bot.summary.features import SentenceFeatures, sentence_features
from bot.summary.furniture import is_furniture, without_dateline
from bot.summary.score import sentence_score
from bot.summary.select import select


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


PLAIN = SentenceFeatures(index=2, tokens=20, quote=False, question=False, conjunction=False, centrality=0.3)


@pytest.mark.parametrize("change", [{"quote": True}, {"question": True}, {"conjunction": True}, {"index": 6}])
def test_weaker_forms_score_lower(change: dict[str, object]) -> None:
    config = summary_config()
    assert sentence_score(dataclasses.replace(PLAIN, **change), config) < sentence_score(PLAIN, config)


def test_central_and_shorter_sentences_score_higher() -> None:
    config = summary_config()
    assert sentence_score(dataclasses.replace(PLAIN, centrality=0.6), config) > sentence_score(PLAIN, config)
    assert sentence_score(dataclasses.replace(PLAIN, tokens=60), config) < sentence_score(PLAIN, config)


def _table(rows: list[list[float]]) -> Callable[[int, int], float]:
    return lambda i, j: rows[i][j]


def test_select_prefers_score_then_avoids_repeats() -> None:
    alike = _table([[1, 0.9, 0, 0.6], [0.9, 1, 0, 0.6], [0, 0, 1, 0], [0.6, 0.6, 0, 1]])
    keys = ["one", "two", "three", "four"]
    assert select([3.0, 2.9, 1.0, 2.0], alike, keys, 2, redundancy=2.0, near_duplicate=0.7) == [0, 2]
    assert select([3.0, 2.9, 1.0, 2.0], alike, keys, 2, redundancy=0.0, near_duplicate=0.7) == [0, 3]
    assert select([3.0, 2.9, 1.0, 2.0], alike, keys, 2, redundancy=0.0, near_duplicate=1.0) == [0, 1]


def test_select_skips_equal_keys_and_breaks_ties_early() -> None:
    unrelated = _table([[0.0] * 3] * 3)
    assert select([1.0, 1.0, 1.0], unrelated, ["x", "x", "y"], 3, redundancy=1.0, near_duplicate=0.7) == [0, 2]
    assert select([1.0, 1.0], unrelated, ["x", "y"], 1, redundancy=1.0, near_duplicate=0.7) == [0]


def test_features_read_the_spans(nlp: Language) -> None:
    text = (
        "The dam failed on Monday night. But the town was spared. "
        '"We were lucky," the mayor said, "very lucky." Who pays for the repairs?'
    )
    spans = parse(Article(text=text), nlp).sentences()
    feats = sentence_features(spans, [0.25, 1.0, 0.0, 0.5], summary_config())
    assert [f.index for f in feats] == [0, 1, 2, 3]
    assert [f.centrality for f in feats] == [0.25, 1.0, 0.0, 0.5]
    assert [f.conjunction for f in feats] == [False, True, False, False]
    assert [f.quote for f in feats] == [False, False, True, False]
    assert [f.question for f in feats] == [False, False, False, True]
    assert feats[0].tokens == 7


@pytest.mark.parametrize(
    "sentence",
    ["Scroll down for video", "PUBLISHED: 10:12 EST, 1 May 2014.", "By . Jane Porter .", "(AP)", "Photo: Getty Images"],
)
def test_furniture_sentences(nlp: Language, sentence: str) -> None:
    span = nlp(sentence)[:]
    assert is_furniture(span, summary_config())


def test_story_sentences_are_not_furniture(nlp: Language) -> None:
    span = nlp("By Friday the fire had spread to three more villages.")[:]
    assert not is_furniture(span, summary_config())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("ROME (Reuters) -- Italy rescued 800 migrants at sea on Sunday.", "Italy rescued"),
        ("(CNN) A gray whale swam farther than any mammal on record.", "A gray whale"),
        ("LONDON — Train drivers will strike next week over pay.", "Train drivers"),
        ("Italy (the country) rescued 800 migrants at sea on Sunday.", "Italy (the country)"),
        ("The mayor (pictured) said the works would finish in May.", "The mayor"),
    ],
)
def test_dateline_is_trimmed(nlp: Language, sentence: str, expected: str) -> None:
    span = without_dateline(nlp(sentence)[:], summary_config())
    assert span.text.startswith(expected)
    assert span.end == len(span.doc)
