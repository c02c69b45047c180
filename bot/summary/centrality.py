"""How central each sentence is to its article, as sumy's TextRank rates it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from sumy.models.dom import ObjectDocumentModel
from sumy.summarizers.text_rank import TextRankSummarizer

from .tokenizer import same_word


def text_rank(document: ObjectDocumentModel) -> list[float]:
    """sumy's TextRank rating of each sentence of `document`, in document order."""
    if not document.sentences:
        return []
    summarizer = TextRankSummarizer(same_word)
    summarizer.stop_words = STOP_WORDS
    ratings = summarizer.rate_sentences(document)
    return [float(ratings[s]) for s in document.sentences]


def rank_scaled(ratings: Sequence[float]) -> list[float]:
    """Each rating as the share of the other ratings it beats (ties count half): 1.0 for the
    best, 0.0 for the worst, 1.0 when there is a single rating."""
    n = len(ratings)
    if n == 1:
        return [1.0]
    return [
        (sum(1 for y in ratings if y < x) + 0.5 * (sum(1 for y in ratings if y == x) - 1)) / (n - 1) for x in ratings
    ]


def centralities(document: ObjectDocumentModel) -> list[float]:
    """Each sentence's TextRank rating, rank-scaled within the article (see `rank_scaled`)."""
    return rank_scaled(text_rank(document))
