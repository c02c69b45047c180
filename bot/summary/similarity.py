"""How much two sentences of an article say the same: sumy's LexRank sentence similarity."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from sumy.models.dom import ObjectDocumentModel
from sumy.summarizers.lex_rank import LexRankSummarizer

from .tokenizer import same_word


class LexRankSimilarity(LexRankSummarizer):
    """LexRank's idf-modified cosine (0.0 to 1.0) between two sentences of one document, with
    the term and idf weights LexRank itself uses (idf over that document's sentences).

    Pairs are computed on demand, so asking only about the chosen sentences stays linear in
    the article length.
    """

    def __init__(self, document: ObjectDocumentModel) -> None:
        super().__init__(same_word)
        self.stop_words = STOP_WORDS
        self._words = [self._to_words_set(s) for s in document.sentences]
        self._tf = self._compute_tf(self._words)
        self._idf = self._compute_idf(self._words)

    def similarity(self, i: int, j: int) -> float:
        """The similarity of sentences `i` and `j` (indexes in document order)."""
        return float(self.cosine_similarity(self._words[i], self._words[j], self._tf[i], self._tf[j], self._idf))
