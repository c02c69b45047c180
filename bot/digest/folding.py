"""One story, one digest entry: which items of a digest fold into another version of their story.

Pure and deterministic. An item folds into a story another digest of the channel already posted
(within `FOLD_WINDOW`) when the compare matcher says they are one story; otherwise into an entry of
the same digest that reports the same story and was published earlier (the earliest-published
version is the entry; the others are "also reported by" lines under it); otherwise it is an entry.
When several stories match, the best-scoring one wins (then the oldest).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.compare import StoryFingerprint, StoryMatch, match_stories

FOLD_WINDOW = timedelta(hours=24)
"""How long a posted story takes in later versions of itself from the channel's other digests."""

Matcher = Callable[[StoryFingerprint, StoryFingerprint], StoryMatch]


@dataclass(frozen=True)
class StoredStory:
    """A story an earlier digest posted in the channel: where to point the reader, and its fingerprint."""

    id: int
    title: str
    url: str | None
    posted_at: datetime
    fingerprint: StoryFingerprint


@dataclass(frozen=True)
class FoldCandidate:
    """An item of the digest being stored: its position among the digest's entries, its story
    fingerprint, and when it was published (None: unknown, taken as the latest)."""

    position: int
    fingerprint: StoryFingerprint
    published: datetime | None


@dataclass(frozen=True)
class Fold:
    """The item at `position` folds into the stored story `story`, or into this digest's entry at
    position `into`; `score` is the matcher's."""

    position: int
    score: float
    story: int | None = None
    into: int | None = None


@dataclass(frozen=True)
class FoldPlan:
    """The folds of one digest, by the folded item's position."""

    folds: tuple[Fold, ...] = ()

    def folded(self) -> frozenset[int]:
        """The positions that are not entries of their own."""
        return frozenset(fold.position for fold in self.folds)

    def into_entry(self, position: int) -> list[int]:
        """The positions folded into this digest's entry at `position`, in the order they folded."""
        return [fold.position for fold in self.folds if fold.into == position]

    def into_stories(self) -> dict[int, list[int]]:
        """Stored story id → the positions folded into it, in the order they folded."""
        found: dict[int, list[int]] = {}
        for fold in self.folds:
            if fold.story is not None:
                found.setdefault(fold.story, []).append(fold.position)
        return found


def _order(candidate: FoldCandidate) -> tuple[bool, float, int]:
    published = candidate.published
    return (published is None, published.timestamp() if published else 0.0, candidate.position)


def plan_folds(
    candidates: Sequence[FoldCandidate], earlier: Sequence[StoredStory], match: Matcher = match_stories
) -> FoldPlan:
    """Which candidates fold, and into what (see the module docstring)."""
    entries: list[FoldCandidate] = []
    folds: list[Fold] = []
    for candidate in sorted(candidates, key=_order):
        stories = [(match(candidate.fingerprint, s.fingerprint), s) for s in earlier]
        best_story = max(
            ((m.score, -s.posted_at.timestamp(), -s.id, s) for m, s in stories if m.same_story),
            key=lambda found: found[:3],
            default=None,
        )
        if best_story is not None:
            folds.append(Fold(candidate.position, best_story[0], story=best_story[3].id))
            continue
        matches = [(match(candidate.fingerprint, e.fingerprint), e) for e in entries]
        best_entry = max(
            ((m.score, -n, e) for n, (m, e) in enumerate(matches) if m.same_story),
            key=lambda found: found[:2],
            default=None,
        )
        if best_entry is not None:
            folds.append(Fold(candidate.position, best_entry[0], into=best_entry[2].position))
            continue
        entries.append(candidate)
    return FoldPlan(tuple(folds))
