"""Fitting the story model on labelled pairs, and the precision and recall of a threshold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Fitted:
    """A logistic model's bias and weights."""

    bias: float
    weights: tuple[float, ...]


@dataclass(frozen=True)
class Scores:
    """Precision, recall and the counts behind them (a precision of 1.0 when nothing is predicted)."""

    precision: float
    recall: float
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def fit_logistic(
    xs: Sequence[Sequence[float]], ys: Sequence[bool], *, l2: float = 0.01, steps: int = 4000, rate: float = 0.5
) -> Fitted:
    """Logistic regression by full-batch gradient descent from zero weights (deterministic)."""
    if not xs:
        raise ValueError("no examples to fit")
    n, d = len(xs), len(xs[0])
    bias, weights = 0.0, [0.0] * d
    for _ in range(steps):
        grad_b, grad_w = 0.0, [0.0] * d
        for x, y in zip(xs, ys, strict=True):
            z = bias + sum(w * v for w, v in zip(weights, x, strict=True))
            err = 1.0 / (1.0 + math.exp(-z)) - (1.0 if y else 0.0)
            grad_b += err
            for j in range(d):
                grad_w[j] += err * x[j]
        bias -= rate * grad_b / n
        weights = [w - rate * (g / n + l2 * w) for w, g in zip(weights, grad_w, strict=True)]
    return Fitted(round(bias, 4), tuple(round(w, 4) for w in weights))


def precision_recall(predicted: Sequence[bool], gold: Sequence[bool]) -> Scores:
    """Precision and recall of yes/no predictions against gold labels."""
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold, strict=True) if g and not p)
    return Scores(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)


def choose_threshold(scores: Sequence[float], gold: Sequence[bool], *, min_precision: float = 0.9) -> float:
    """The threshold with the best recall among those reaching `min_precision` (ties: the higher one).

    Candidates are midpoints between consecutive distinct scores; without any reaching the
    precision, the threshold just above the highest score (nothing is matched).
    """
    values = sorted(set(scores))
    candidates = [(a + b) / 2 for a, b in pairwise(values)] + [values[-1] + 1e-6]
    best: tuple[float, float] | None = None
    for t in candidates:
        s = precision_recall([v >= t for v in scores], gold)
        if s.true_positives and s.precision >= min_precision and (best is None or s.recall >= best[1]):
            best = (t, s.recall)
    return round(best[0] if best else values[-1] + 1e-6, 4)
