"""The summariser's weights, limits and word lists, read from `bot/summary/data/summary.json`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Weights:
    """How much each sentence feature adds to (or takes from) its score."""

    position: float
    lede: float
    length: float
    quote: float
    conjunction: float
    question: float
    centrality: float


@dataclass(frozen=True)
class SummaryConfig:
    """Everything tunable about the summary, as shipped data."""

    max_candidates: int
    min_words: int
    fragment_max_words: int
    length_unit: int
    length_cap: int
    weights: Weights
    redundancy: float
    near_duplicate: float
    conjunctions: frozenset[str]
    opening_quotes: str
    double_quotes: str
    furniture: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    no_information: tuple[re.Pattern[str], ...]
    no_information_max_words: int


def config_from_dict(raw: dict[str, Any]) -> SummaryConfig:
    """A SummaryConfig from the JSON object layout of `summary.json`."""
    return SummaryConfig(
        max_candidates=int(raw["max_candidates"]),
        min_words=int(raw["min_words"]),
        fragment_max_words=int(raw["fragment_max_words"]),
        length_unit=int(raw["length_unit"]),
        length_cap=int(raw["length_cap"]),
        weights=Weights(**{k: float(v) for k, v in raw["weights"].items()}),
        redundancy=float(raw["redundancy"]),
        near_duplicate=float(raw["near_duplicate"]),
        conjunctions=frozenset(str(w).lower() for w in raw["conjunctions"]),
        opening_quotes=str(raw["opening_quotes"]),
        double_quotes=str(raw["double_quotes"]),
        furniture=tuple(re.compile(p, re.IGNORECASE) for p in raw["furniture"]),
        datelines=tuple(re.compile(p) for p in raw["datelines"]),
        no_information=tuple(re.compile(p, re.IGNORECASE) for p in raw["no_information"]),
        no_information_max_words=int(raw["no_information_max_words"]),
    )


@lru_cache(maxsize=1)
def summary_config() -> SummaryConfig:
    """The settings shipped with the package."""
    raw = json.loads(resources.files("bot.summary.data").joinpath("summary.json").read_text("utf-8"))
    return config_from_dict(raw)
