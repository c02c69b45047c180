"""Choosing the summary sentences: best score first, penalised for repeating what is chosen."""

from __future__ import annotations

from collections.abc import Sequence

from .features import Vector, cosine


def select(
    scores: Sequence[float],
    vectors: Sequence[Vector],
    keys: Sequence[str],
    n: int,
    *,
    redundancy: float,
    near_duplicate: float,
) -> list[int]:
    """Up to `n` indexes in ascending order, picked greedily by score minus `redundancy` times the
    highest similarity to a sentence already picked; a sentence whose similarity reaches
    `near_duplicate`, or whose `keys` entry equals a picked one's, is never picked. Ties go to
    the earlier sentence."""
    chosen: list[int] = []
    while len(chosen) < n:
        best, best_value = -1, 0.0
        for i, score in enumerate(scores):
            if i in chosen:
                continue
            similarity = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if similarity >= near_duplicate or any(keys[i] == keys[j] for j in chosen):
                continue
            value = score - redundancy * similarity
            if best < 0 or value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return sorted(chosen)
