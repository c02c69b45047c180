"""A digest as built, before it is stored: each entry with the keys it takes in its channel."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from bot.digest.model import Digest, DigestItem, DigestLink

Keys = tuple[str, ...]
"""The identities of one feed item or shared link (its GUID key and its link key)."""


@dataclass(frozen=True)
class Built:
    """What a run selected: summarised items, items beyond the limit that are listed, items only
    counted, the shared-link rows it takes, and the instant its selection was made."""

    title: str
    subscription_id: int
    items: tuple[tuple[DigestItem, Keys], ...]
    more: tuple[tuple[DigestLink, Keys], ...]
    counted: tuple[Keys, ...]
    shared_rows: tuple[int, ...]
    window_end: datetime

    def entries(self) -> list[Keys]:
        """The keys of every entry, in order: items, listed extras, counted extras."""
        return [keys for _, keys in self.items] + [keys for _, keys in self.more] + list(self.counted)

    def digest(self, kept: Collection[int] | None = None) -> Digest:
        """The digest of the entries whose positions (in `entries()` order) are in `kept` (all by default)."""
        keep = set(range(len(self.entries()))) if kept is None else set(kept)
        first_more = len(self.items)
        first_counted = first_more + len(self.more)
        items = tuple(item for n, (item, _) in enumerate(self.items) if n in keep)
        more = tuple(link for n, (link, _) in enumerate(self.more, first_more) if n in keep)
        counted = sum(1 for n in range(first_counted, first_counted + len(self.counted)) if n in keep)
        return Digest(
            self.title,
            items,
            subscription_id=self.subscription_id,
            more=more,
            more_count=len(more) + counted,
        )
