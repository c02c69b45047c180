"""What the scorer knows about each candidate sentence: position, length, form and centrality."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .config import SummaryConfig

_CLOSERS = "\"'”’»)] "


@dataclass(frozen=True)
class SentenceFeatures:
    """One candidate sentence as the scorer sees it; `centrality` runs from 0.0 (least central
    sentence of the article) to 1.0 (most central)."""

    index: int
    tokens: int
    quote: bool
    question: bool
    conjunction: bool
    centrality: float


def _is_quote(span: Span, config: SummaryConfig) -> bool:
    text = span.text
    return text[:1] in config.opening_quotes or sum(text.count(c) for c in config.double_quotes) >= 2


def sentence_features(
    spans: Sequence[Span], centrality: Sequence[float], config: SummaryConfig
) -> list[SentenceFeatures]:
    """The features of each span, given its centrality (same order)."""
    out = []
    for i, (span, central) in enumerate(zip(spans, centrality, strict=True)):
        tokens = [t for t in span if not t.is_space]
        out.append(
            SentenceFeatures(
                index=i,
                tokens=len(tokens),
                quote=_is_quote(span, config),
                question=span.text.rstrip(_CLOSERS).endswith("?"),
                conjunction=bool(tokens) and tokens[0].lower_ in config.conjunctions,
                centrality=central,
            )
        )
    return out
