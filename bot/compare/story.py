"""Do two articles report the same story? A calibrated score from their fingerprints.

Shared content counts by how rare it is in general English (`rarity.py`, from the wordfreq
package): a shared "auction" or "Ginsburg" says much, a shared "campaign" or "city" little.
Three similarities of the two fingerprints — how much of each title and lede the other article
covers (the less and the better covered of the two), and how much of the names of one article
the other shares (the article whose names are better covered) — are combined by a logistic
model fitted on labelled pairs (`data/story_model.json`, written by `newsbot eval compare
--fit`), giving a score between 0 and 1 and a threshold chosen on those pairs. Two articles
that both give a publication day and lie more than the model's `max_days_apart` apart are
never one story, whatever their score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .fingerprint import StoryFingerprint
from .rarity import Rarity, rarity

FEATURES = ("lede", "lede_best", "names")
"""The similarities the score combines, in the order of the model's weights."""

Background = Rarity
"""What weighs a shared key (the name other modules and callers use for it)."""


def background() -> Rarity:
    """The shipped weights of keys (general-English rarity)."""
    return rarity()


@dataclass(frozen=True)
class StoryModel:
    """The fitted combination: score = sigmoid(bias + Σ weight·similarity); same story at ≥ threshold."""

    bias: float
    weights: tuple[float, ...]
    threshold: float
    max_days_apart: int = 3
    """Two articles whose publication days both are known and lie further apart are not one story."""


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
def story_model() -> StoryModel:
    """The shipped story model (read once)."""
    raw = json.loads(resources.files("bot.compare.data").joinpath("story_model.json").read_text("utf-8"))
    if list(raw.get("features", FEATURES)) != list(FEATURES):
        raise ValueError(f"story_model.json combines {raw.get('features')}, not {list(FEATURES)}: refit it")
    return StoryModel(
        float(raw["bias"]),
        tuple(float(w) for w in raw["weights"]),
        float(raw["threshold"]),
        int(raw.get("max_days_apart", 3)),
    )


def _name(key: str) -> str:
    """A name key without its kind: the small model may call one name a place here, an organisation there."""
    return "name:" + key.split(":", 1)[1]


def _vector(fp: StoryFingerprint, bg: Rarity, *, names_only: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    if not names_only:
        out.update((k, w * bg.idf(k)) for k, w in fp.terms)
        out.update(("#" + k, w * bg.idf("#" + k)) for k, w in fp.numbers)
    for k, w in fp.entities:
        name = _name(k)
        out[name] = max(out.get(name, 0.0), w * bg.idf(k))
    return out


def _key(key: str) -> str:
    return _name(key) if ":" in key else key


def _covered(a: StoryFingerprint, b: StoryFingerprint, bg: Rarity) -> float:
    """The rarity-weighted share of `a`'s title and lede keys that `b` uses anywhere."""
    keys = {k for k, _ in b.terms} | {_name(k) for k, _ in b.entities} | {"#" + k for k, _ in b.numbers}
    total = sum(bg.idf(k) for k in a.lede)
    return sum(bg.idf(k) for k in a.lede if _key(k) in keys) / total if total else 0.0


def containment(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The weighted share of `a` that `b` holds too: Σ min(a, b) over shared keys / Σ a (0 when `a` is empty)."""
    total = sum(a.values())
    return sum(min(w, b[k]) for k, w in a.items() if k in b) / total if total else 0.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two sparse vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def similarities(a: StoryFingerprint, b: StoryFingerprint, bg: Rarity | None = None) -> tuple[float, ...]:
    """The similarities of `FEATURES`, each between 0 and 1."""
    bg = bg or background()
    covered = (_covered(a, b, bg), _covered(b, a, bg))
    names_a, names_b = _vector(a, bg, names_only=True), _vector(b, bg, names_only=True)
    return (min(covered), max(covered), max(containment(names_a, names_b), containment(names_b, names_a)))


def days_apart(a: StoryFingerprint, b: StoryFingerprint) -> int | None:
    """How many days apart the two articles were published, when both say (else None)."""
    if a.published is None or b.published is None:
        return None
    try:
        return abs((date.fromisoformat(a.published) - date.fromisoformat(b.published)).days)
    except ValueError:
        return None


def score(values: Iterable[float], model: StoryModel | None = None) -> float:
    """The model's score of some similarities."""
    model = model or story_model()
    z = model.bias + sum(w * x for w, x in zip(model.weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def _shared(a: StoryFingerprint, b: StoryFingerprint, bg: Rarity, limit: int = 8) -> tuple[str, ...]:
    va, vb = _vector(a, bg), _vector(b, bg)
    kinds = {_name(k): k for k, _ in a.entities}
    both = sorted(((min(va[k], vb[k]), k) for k in va.keys() & vb.keys()), key=lambda t: (-t[0], t[1]))
    return tuple(kinds.get(k, k) for _, k in both[:limit])


def match_stories(
    a: StoryFingerprint, b: StoryFingerprint, *, model: StoryModel | None = None, bg: Rarity | None = None
) -> StoryMatch:
    """Whether `a` and `b` report the same story, with the calibrated score behind the answer."""
    model = model or story_model()
    bg = bg or background()
    values = similarities(a, b, bg)
    value = score(values, model)
    apart = days_apart(a, b)
    return StoryMatch(
        score=round(value, 4),
        same_story=value >= model.threshold and (apart is None or apart <= model.max_days_apart),
        similarities=tuple((name, round(v, 4)) for name, v in zip(FEATURES, values, strict=True)),
        shared=_shared(a, b, bg),
    )
