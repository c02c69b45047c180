"""Extractive summary: the few sentences of an article that best carry its story."""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Span

from ..pipeline import Parsed
from .centrality import centralities
from .config import SummaryConfig, summary_config
from .features import sentence_features
from .furniture import is_furniture, says_nothing, without_dateline
from .score import sentence_score
from .select import select
from .similarity import LexRankSimilarity
from .tokenizer import DocTokenizer, document_model

__all__ = ["summarise"]


def _paragraphs(parsed: Parsed, spans: list[Span]) -> list[list[Span]]:
    """The spans grouped by the layout block they stand in, in order."""
    groups: list[list[Span]] = []
    last = None
    for span in spans:
        block = parsed.block_at(span.start_char)
        if not groups or block != last:
            groups.append([])
            last = block
        groups[-1].append(span)
    return groups


def summarise(parsed: Parsed, n: int = 3, *, config: SummaryConfig | None = None) -> list[Span]:
    """Up to `n` paragraph sentences of `parsed`, in article order, as spans of its Doc.

    Page furniture (bylines, timestamps, "scroll down" prompts) and sentences that carry no
    information ("X declined to comment") are left out and a leading dateline is trimmed;
    near-duplicates (the same content words, or a LexRank similarity of `near_duplicate` or more)
    are never both chosen. With `n` or fewer distinct sentences, all of them are returned.
    Deterministic.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    config = config or summary_config()
    sentences = parsed.sentences()
    story = list(
        islice(
            (s for s in sentences if not is_furniture(s, config) and not says_nothing(s, config)),
            config.max_candidates,
        )
    )
    candidates = [without_dateline(s, config) for s in story or sentences[: config.max_candidates]]
    if not candidates:
        return []
    document = document_model(_paragraphs(parsed, candidates), DocTokenizer(parsed.doc))
    features = sentence_features(candidates, centralities(document), config)
    scores = [sentence_score(f, config) for f in features]
    keys = [s.words for s in document.sentences]
    similarity = LexRankSimilarity(document).similarity
    chosen = select(scores, similarity, keys, n, redundancy=config.redundancy, near_duplicate=config.near_duplicate)
    return [candidates[i] for i in chosen]
