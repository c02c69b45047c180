"""Choosing the summary sentences: best score first, penalised for repeating what is chosen."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

Similarity = Callable[[int, int], float]
"""How alike two sentences are, by index: 0.0 (nothing shared) to 1.0 (the same)."""


def select(
    scores: Sequence[float],
    similarity: Similarity,
    keys: Sequence[Hashable],
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
            if i in chosen or any(keys[i] == keys[j] for j in chosen):
                continue
            alike = max((similarity(i, j) for j in chosen), default=0.0)
            if alike >= near_duplicate:
                continue
            value = score - redundancy * alike
            if best < 0 or value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return sorted(chosen)
