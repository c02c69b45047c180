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
class DigestItem:
    """One entry of a digest: a title, its link, a one- or two-sentence summary and a sourcing badge."""

    title: str
    url: str | None
    summary: tuple[str, ...]
    badge: str | None = None
    source: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class Digest:
    """What to post: a heading, the items in order and notices (e.g. a feed that was paused)."""

    title: str
    items: tuple[DigestItem, ...]
    notices: tuple[str, ...] = ()
    subscription_id: int | None = None


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


class Poster(Protocol):
    """Posts a digest to a channel; the same idempotency key must never produce a second post."""

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        """Post `digest` in `target`, or raise PostError."""
