"""The data digests pass across boundaries: targets, digests, command context and replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

SubscriptionKind = Literal["feed", "shared"]
SubscriptionState = Literal["active", "paused", "disabled"]


@dataclass(frozen=True)
class Target:
    """A chat channel: the platform, its workspace (Slack team / Discord guild) and the channel."""

    platform: str
    workspace: str
    channel: str


@dataclass(frozen=True)
class AlsoReported:
    """Another outlet's version of a story, folded into the story's entry instead of posted again:
    the outlet, its title and link, and its sourcing badge."""

    outlet: str
    title: str
    url: str | None
    badge: str | None = None


@dataclass(frozen=True)
class DigestItem:
    """One entry of a digest: a title, its link, a one- or two-sentence summary and a sourcing badge;
    `also` lists other outlets' versions of the same story in this digest."""

    title: str
    url: str | None
    summary: tuple[str, ...]
    badge: str | None = None
    source: str | None = None
    published: datetime | None = None
    also: tuple[AlsoReported, ...] = ()


@dataclass(frozen=True)
class EarlierStory:
    """A story another digest already posted in the channel (within the fold window), with the
    versions of it this digest folds in instead of posting them as entries."""

    title: str
    url: str | None
    posted_at: datetime
    also: tuple[AlsoReported, ...]


@dataclass(frozen=True)
class DigestLink:
    """An item beyond a digest's item limit: listed by its title and link, without a summary."""

    title: str
    url: str | None


@dataclass(frozen=True)
class Digest:
    """What to post: a heading, the items in order and notices (e.g. a feed that was paused).

    `more` lists items beyond the item limit by title and link; `more_count` is how many there
    were beyond the limit in all (at least `len(more)`: the rest are only counted). `earlier`
    lists the stories already posted in the channel that new items of this digest also report.
    """

    title: str
    items: tuple[DigestItem, ...]
    notices: tuple[str, ...] = ()
    subscription_id: int | None = None
    more: tuple[DigestLink, ...] = ()
    more_count: int = 0
    earlier: tuple[EarlierStory, ...] = ()

    @property
    def unlisted(self) -> int:
        """Items beyond the limit that are counted but not listed."""
        return max(self.more_count - len(self.more), 0)

    @property
    def has_news(self) -> bool:
        """Whether the digest has anything new: items, items beyond the limit, or other outlets'
        versions of stories already posted."""
        return bool(self.items or self.more_count or self.earlier)


@dataclass(frozen=True)
class ChannelContext:
    """Who typed a /digest command where; `is_manager` is decided by the adapter."""

    platform: str
    workspace: str
    channel: str
    user: str
    is_manager: bool

    @property
    def target(self) -> Target:
        """The channel the command came from."""
        return Target(self.platform, self.workspace, self.channel)


@dataclass(frozen=True)
class Reply:
    """The answer to a /digest command: text, and a digest to show when the command produced one."""

    text: str
    digest: Digest | None = None
    ok: bool = True


class PostError(Exception):
    """Raised by a poster: `permanent` (channel gone, bot removed, no permission) or worth retrying."""

    def __init__(self, permanent: bool, reason: str) -> None:
        super().__init__(reason)
        self.permanent = permanent
        self.reason = reason


@dataclass(frozen=True)
class PostResult:
    """What a poster did: how many messages the platform took, and why it refused the others.

    A refused message is refused for good (it is malformed for that platform: a validation
    error); the channel itself is fine and the digest's other messages were posted.
    """

    posted: int = 0
    refused: tuple[str, ...] = ()


class Poster(Protocol):
    """Posts a digest to a channel; the same idempotency key must never produce a second post."""

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult | None:
        """Post `digest` in `target`: a PostResult (None: everything was posted), or raise PostError."""
