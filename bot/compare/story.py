"""Do two articles report the same story? A calibrated score from their fingerprints.

Shared content counts by how rare it is in news (document frequencies in
`data/background.json`): a shared "auction" or "Ginsburg" says much, a shared "campaign" or
"Trump" little. Three similarities of the two fingerprints (the whole story, the names alone,
and how much of each title and lede the other article covers) are combined by a logistic model fitted on labelled pairs
(`data/story_model.json`, written by `newsbot eval compare --fit`), giving a score between 0
and 1 and a threshold chosen on those pairs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .fingerprint import StoryFingerprint

FEATURES = ("story", "names", "lede")
"""The similarities the score combines, in the order of the model's weights."""


@dataclass(frozen=True)
class Background:
    """How many of `documents` news articles use each matching key."""

    documents: int
    df: Mapping[str, int]

    def idf(self, key: str) -> float:
        """The weight of a key: high for rare keys, near zero for keys most articles use."""
        return math.log((self.documents + 1) / (self.df.get(key, 0) + 1))


@dataclass(frozen=True)
class StoryModel:
    """The fitted combination: score = sigmoid(bias + Σ weight·similarity); same story at ≥ threshold."""

    bias: float
    weights: tuple[float, ...]
    threshold: float


@dataclass(frozen=True)
class StoryMatch:
    """How likely two articles report the same story, and what they share."""

    score: float
    """Between 0 and 1; calibrated on the labelled pairs."""
    same_story: bool
    """`score` reaches the model's threshold."""
    similarities: tuple[tuple[str, float], ...]
    shared: tuple[str, ...]
    """The rarest keys both stories weigh most (names as 'kind:name', numbers as '#…'), at most 8."""


@cache
def background() -> Background:
    """The shipped document frequencies (read once)."""
    raw = json.loads(resources.files("bot.compare.data").joinpath("background.json").read_text("utf-8"))
    return Background(int(raw["documents"]), dict(raw["df"]))


@cache
def story_model() -> StoryModel:
    """The shipped story model (read once)."""
    raw = json.loads(resources.files("bot.compare.data").joinpath("story_model.json").read_text("utf-8"))
    return StoryModel(float(raw["bias"]), tuple(float(w) for w in raw["weights"]), float(raw["threshold"]))


def _vector(fp: StoryFingerprint, bg: Background, *, names_only: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    if not names_only:
        out.update((k, w * bg.idf(k)) for k, w in fp.terms)
        out.update(("#" + k, w * bg.idf("#" + k)) for k, w in fp.numbers)
    out.update((k, w * bg.idf(k)) for k, w in fp.entities)
    return out


def _covered(a: StoryFingerprint, b: StoryFingerprint, bg: Background) -> float:
    """The rarity-weighted share of `a`'s title and lede keys that `b` uses anywhere."""
    keys = {k for k, _ in b.terms} | {k for k, _ in b.entities} | {"#" + k for k, _ in b.numbers}
    total = sum(bg.idf(k) for k in a.lede)
    return sum(bg.idf(k) for k in a.lede if k in keys) / total if total else 0.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two sparse vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def similarities(a: StoryFingerprint, b: StoryFingerprint, bg: Background | None = None) -> tuple[float, ...]:
    """The similarities of `FEATURES`, each between 0 and 1."""
    bg = bg or background()
    return (
        cosine(_vector(a, bg), _vector(b, bg)),
        cosine(_vector(a, bg, names_only=True), _vector(b, bg, names_only=True)),
        min(_covered(a, b, bg), _covered(b, a, bg)),
    )


def score(values: Iterable[float], model: StoryModel | None = None) -> float:
    """The model's score of some similarities."""
    model = model or story_model()
    z = model.bias + sum(w * x for w, x in zip(model.weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def _shared(a: StoryFingerprint, b: StoryFingerprint, bg: Background, limit: int = 8) -> tuple[str, ...]:
    va, vb = _vector(a, bg), _vector(b, bg)
    both = sorted(((min(va[k], vb[k]), k) for k in va.keys() & vb.keys()), key=lambda t: (-t[0], t[1]))
    return tuple(k for _, k in both[:limit])


def match_stories(
    a: StoryFingerprint, b: StoryFingerprint, *, model: StoryModel | None = None, bg: Background | None = None
) -> StoryMatch:
    """Whether `a` and `b` report the same story, with the calibrated score behind the answer."""
    model = model or story_model()
    bg = bg or background()
    values = similarities(a, b, bg)
    value = score(values, model)
    return StoryMatch(
        score=round(value, 4),
        same_story=value >= model.threshold,
        similarities=tuple((name, round(v, 4)) for name, v in zip(FEATURES, values, strict=True)),
        shared=_shared(a, b, bg),
    )
