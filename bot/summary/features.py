"""What the scorer knows about each candidate sentence: position, length, form and centrality."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .config import SummaryConfig

Vector = dict[str, float]
"""A sparse, L2-normalised tf-idf vector over content-word lemmas."""

_CLOSERS = "\"'”’»)] "


@dataclass(frozen=True)
class SentenceFeatures:
    """One candidate sentence as the scorer sees it."""

    index: int
    tokens: int
    quote: bool
    question: bool
    conjunction: bool
    centrality: float


def tfidf_vectors(words: Sequence[Sequence[str]]) -> list[Vector]:
    """Normalised tf-idf vectors of the sentences' words, idf taken over these sentences."""
    n = len(words)
    df = Counter(w for ws in words for w in set(ws))
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    vectors = []
    for ws in words:
        raw = {w: c * idf[w] for w, c in Counter(ws).items()}
        norm = math.sqrt(sum(x * x for x in raw.values()))
        vectors.append({w: x / norm for w, x in raw.items()} if norm > 0 else {})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def centralities(vectors: Sequence[Vector]) -> list[float]:
    """Each sentence's cosine to the centroid of all of them."""
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    norm = math.sqrt(sum(x * x for x in centroid.values()))
    if norm == 0:
        return [0.0] * len(vectors)
    return [sum(x * centroid[w] for w, x in v.items()) / norm for v in vectors]


def _is_quote(span: Span, config: SummaryConfig) -> bool:
    text = span.text
    return text[:1] in config.opening_quotes or sum(text.count(c) for c in config.double_quotes) >= 2


def sentence_features(
    spans: Sequence[Span], vectors: Sequence[Vector], config: SummaryConfig
) -> list[SentenceFeatures]:
    """The features of each span, given its tf-idf vector (same order)."""
    central = centralities(vectors)
    out = []
    for i, span in enumerate(spans):
        tokens = [t for t in span if not t.is_space]
        out.append(
            SentenceFeatures(
                index=i,
                tokens=len(tokens),
                quote=_is_quote(span, config),
                question=span.text.rstrip(_CLOSERS).endswith("?"),
                conjunction=bool(tokens) and tokens[0].lower_ in config.conjunctions,
                centrality=central[i],
            )
        )
    return out
