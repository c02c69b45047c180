"""Comparing how several outlets report one story: story matching, claim matching, the result.

The chat commands and the digest call this package:

- `analyse_story(article)` analyses an article once and returns its report with its story
  fingerprint (`Analysed`); `fingerprint_to_dict` / `fingerprint_from_dict` store it as JSON.
- `match_stories(a, b)` says whether two fingerprints report the same story (`StoryMatch`).
- `compare([analysed, ...])` compares 2–5 articles (`Comparison`); `comparison_to_dict` is
  its JSON form, `bot.view.compare.compare_view` its neutral view.
"""

from __future__ import annotations

from .analysis import Analysed, analyse_story
from .claims import ClaimGroup, ClaimRef, claim_similarity, match_claims
from .fingerprint import (
    FINGERPRINT_SCHEMA,
    ClaimPrint,
    StoryFingerprint,
    fingerprint,
    fingerprint_from_dict,
    fingerprint_to_dict,
)
from .result import (
    Comparison,
    Credit,
    Outlet,
    OutletClaim,
    PairMatch,
    SharedClaim,
    SourcingCounts,
    compare,
    sourcing_counts,
)
from .serialize import COMPARE_SCHEMA, comparison_to_dict
from .story import StoryMatch, match_stories

MAX_ARTICLES = 5
"""The most articles one comparison takes (the chat commands and the CLI hold to it)."""

__all__ = [
    "COMPARE_SCHEMA",
    "FINGERPRINT_SCHEMA",
    "MAX_ARTICLES",
    "Analysed",
    "ClaimGroup",
    "ClaimPrint",
    "ClaimRef",
    "Comparison",
    "Credit",
    "Outlet",
    "OutletClaim",
    "PairMatch",
    "SharedClaim",
    "SourcingCounts",
    "StoryFingerprint",
    "StoryMatch",
    "analyse_story",
    "claim_similarity",
    "compare",
    "comparison_to_dict",
    "fingerprint",
    "fingerprint_from_dict",
    "fingerprint_to_dict",
    "match_claims",
    "match_stories",
    "sourcing_counts",
]
