"""Posting each digest through the poster of its channel's platform."""

from __future__ import annotations

from collections.abc import Mapping

from bot.digest.model import Digest, Poster, PostError, PostResult, Target


class RoutingPoster:
    """Posts each digest through the poster of its target's platform."""

    def __init__(self, posters: Mapping[str, Poster]) -> None:
        self._posters = dict(posters)

    @property
    def platforms(self) -> frozenset[str]:
        """The platforms this poster can post to."""
        return frozenset(self._posters)

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> PostResult | None:
        """Post through the target platform's poster and pass on its result; a platform without one
        is a temporary failure (the run is retried, and paused after repeated failures, until that
        platform is configured)."""
        poster = self._posters.get(target.platform)
        if poster is None:
            raise PostError(False, f"no {target.platform} connection is configured for posting digests")
        return await poster.post_digest(target, digest, idempotency_key)
