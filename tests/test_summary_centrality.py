"""Centrality and similarity come from sumy (TextRank ratings, LexRank cosine) over our one parse."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from sumy.models.dom import ObjectDocumentModel
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.model import Article
from bot.nlp import load_nlp
from bot.pipeline import Parsed, parse
from bot.summary import summarise
from bot.summary.centrality import centralities, rank_scaled, text_rank
from bot.summary.config import Weights, summary_config
from bot.summary.similarity import LexRankSimilarity
from bot.summary.tokenizer import DocTokenizer, document_model

# The off-topic sentence comes first, so position or ties would favour it; only centrality does not.
STORY = (
    "A local bakery is planning a summer sale of cakes and pastries. "
    "The river flooded the town centre after heavy rain on Monday. "
    "Floodwater from the river closed the main bridge into the town. "
    "Engineers said the flooded bridge over the river needs repairs. "
    "The town council will pay for the flood repairs to the bridge."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def story(nlp: Language) -> Parsed:
    return parse(Article(text=STORY), nlp)


def _document(parsed: Parsed) -> ObjectDocumentModel:
    return document_model([parsed.sentences()], DocTokenizer(parsed.doc))


def test_centrality_is_sumys_text_rank_rating_rank_scaled(story: Parsed) -> None:
    document = _document(story)
    reference = TextRankSummarizer()
    reference.stop_words = STOP_WORDS
    ratings = reference.rate_sentences(document)
    expected = [float(ratings[s]) for s in document.sentences]
    assert text_rank(document) == pytest.approx(expected)
    assert centralities(document) == rank_scaled(expected)


def test_on_topic_sentences_outrank_the_off_topic_one(story: Parsed) -> None:
    document = _document(story)
    central = centralities(document)
    top = [i for i, c in enumerate(central) if c == max(central)]
    assert top and 0 not in top
    assert all(central[i] > central[0] for i in top)
    # sumy's TextRank keeps each sentence's edge to itself, so a sentence sharing no word with the
    # rest holds exactly the average rating (1/n): it is never the most central, nor the least.
    assert text_rank(document)[0] == pytest.approx(1 / len(central))


def test_centrality_alone_picks_the_story_over_the_earlier_off_topic_sentence(story: Parsed) -> None:
    position_free = Weights(
        position=0.0, lede=0.0, length=0.0, quote=0.0, conjunction=0.0, question=0.0, centrality=1.0
    )
    config = dataclasses.replace(summary_config(), weights=position_free, redundancy=0.0)
    chosen = summarise(story, 1, config=config)
    assert len(chosen) == 1
    assert "bakery" not in chosen[0].text
    without_centrality = dataclasses.replace(config, weights=dataclasses.replace(position_free, centrality=0.0))
    assert "bakery" in summarise(story, 1, config=without_centrality)[0].text


def test_rank_scaling_orders_ties_and_single_sentences() -> None:
    assert rank_scaled([0.2, 0.5, 0.1]) == [0.5, 1.0, 0.0]
    assert rank_scaled([0.3, 0.3, 0.1]) == [0.75, 0.75, 0.0]
    assert rank_scaled([7.0]) == [1.0]
    assert rank_scaled([]) == []


def test_lexrank_similarity_of_sentence_pairs(nlp: Language) -> None:
    text = (
        "The mayor opened the new library on Friday. "
        "On Friday the new library was opened by the mayor. "
        "Storms cut power to thousands of homes in the north. "
        "Farmers expect a poor harvest after the dry summer. "
        "Schools will close early for the winter holiday."
    )
    similarity = LexRankSimilarity(_document(parse(Article(text=text), nlp))).similarity
    assert similarity(0, 1) > 0.9
    assert similarity(0, 1) == pytest.approx(similarity(1, 0))
    assert similarity(0, 2) == 0.0
    assert similarity(3, 3) == pytest.approx(1.0)
