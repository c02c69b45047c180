"""A digest as built, before it is stored: each entry with the keys it takes in its channel."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from bot.compare import StoryFingerprint
from bot.digest.folding import FoldCandidate, FoldPlan, StoredStory
from bot.digest.model import AlsoReported, Digest, DigestItem, DigestLink, EarlierStory

Keys = tuple[str, ...]
"""The identities of one feed item or shared link (its GUID key and its link key)."""


@dataclass(frozen=True)
class BuiltItem:
    """A summarised entry: the item, the keys it takes in its channel, its story fingerprint (None
    when its article could not be analysed) and the name of its outlet."""

    item: DigestItem
    keys: Keys
    story: StoryFingerprint | None = None
    outlet: str | None = None

    def also(self) -> AlsoReported:
        """This item as another outlet's version of a story."""
        outlet = self.outlet or self.item.source or ""
        return AlsoReported(outlet, self.item.title, self.item.url, self.item.badge)


@dataclass(frozen=True)
class Built:
    """What a run selected: summarised items, items beyond the limit that are listed, items only
    counted, the shared-link rows it takes, and the instant its selection was made."""

    title: str
    subscription_id: int
    items: tuple[BuiltItem, ...]
    more: tuple[tuple[DigestLink, Keys], ...]
    counted: tuple[Keys, ...]
    shared_rows: tuple[int, ...]
    window_end: datetime

    def entries(self) -> list[Keys]:
        """The keys of every entry, in order: items, listed extras, counted extras."""
        return [built.keys for built in self.items] + [keys for _, keys in self.more] + list(self.counted)

    def fold_candidates(self, kept: Collection[int]) -> list[FoldCandidate]:
        """The kept summarised items that have a story fingerprint (only they can fold)."""
        return [
            FoldCandidate(n, built.story, built.item.published)
            for n, built in enumerate(self.items)
            if n in kept and built.story is not None
        ]

    def digest(
        self,
        kept: Collection[int] | None = None,
        plan: FoldPlan | None = None,
        stories: Mapping[int, StoredStory] | None = None,
    ) -> Digest:
        """The digest of the entries whose positions (in `entries()` order) are in `kept` (all by
        default), with the folds of `plan`: an item folded into another entry is an "also reported
        by" line under it; one folded into a story already posted (`stories`, by id) is a line
        under that story at the end."""
        keep = set(range(len(self.entries()))) if kept is None else set(kept)
        plan = plan or FoldPlan()
        folded = plan.folded()
        first_more = len(self.items)
        first_counted = first_more + len(self.more)
        items = tuple(
            _with_also(built.item, (self.items[m].also() for m in plan.into_entry(n)))
            for n, built in enumerate(self.items)
            if n in keep and n not in folded
        )
        more = tuple(link for n, (link, _) in enumerate(self.more, first_more) if n in keep)
        counted = sum(1 for n in range(first_counted, first_counted + len(self.counted)) if n in keep)
        earlier = [
            EarlierStory(story.title, story.url, story.posted_at, tuple(self.items[m].also() for m in positions))
            for story_id, positions in plan.into_stories().items()
            if (story := (stories or {}).get(story_id)) is not None
        ]
        return Digest(
            self.title,
            items,
            subscription_id=self.subscription_id,
            more=more,
            more_count=len(more) + counted,
            earlier=tuple(sorted(earlier, key=lambda story: story.posted_at)),
        )


def _with_also(item: DigestItem, also: Iterable[AlsoReported]) -> DigestItem:
    versions = tuple(also)
    return replace(item, also=versions) if versions else item
