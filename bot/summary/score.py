"""A sentence's worth as a summary sentence: a weighted sum of its features."""

from __future__ import annotations

import math

from .config import SummaryConfig
from .features import SentenceFeatures


def sentence_score(f: SentenceFeatures, config: SummaryConfig) -> float:
    """Higher for early, central, plain statements that are not long; lower for quotes,
    questions and sentences that lean on the one before ("But ...")."""
    w = config.weights
    return (
        w.position * math.log1p(f.index)
        + (w.lede if f.index == 0 else 0.0)
        + w.length * min(f.tokens, config.length_cap) / config.length_unit
        + (w.quote if f.quote else 0.0)
        + (w.question if f.question else 0.0)
        + (w.conjunction if f.conjunction else 0.0)
        + w.centrality * f.centrality
    )
