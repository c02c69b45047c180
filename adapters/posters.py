"""Digest posters for the chat platforms configured in the environment, routed by target platform.

Each platform has a factory in `POSTER_FACTORIES` that builds its Poster from the environment,
or returns None when the platform's token is not set. Platform SDKs are imported only by the
factories.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from bot.digest.model import Digest, Poster, PostError, PostResult, Target

PosterFactory = Callable[[Mapping[str, str]], Poster | None]


def slack_poster(environ: Mapping[str, str]) -> Poster | None:
    """SlackDigestPoster with SLACK_BOT_TOKEN (and SLACK_API_URL), or None without a token."""
    if not environ.get("SLACK_BOT_TOKEN", "").strip():
        return None
    from adapters.slack.app import make_client
    from adapters.slack.digest_poster import SlackDigestPoster
    from adapters.slack.settings import SlackSettings

    return SlackDigestPoster(make_client(SlackSettings.from_env(environ)))


def discord_poster(environ: Mapping[str, str]) -> Poster | None:
    """A token-only Discord poster with DISCORD_TOKEN (and DISCORD_API_BASE), or None without a token."""
    if not environ.get("DISCORD_TOKEN", "").strip():
        return None
    from adapters.discord.digest_poster import poster_from_env as discord_from_env

    return discord_from_env(environ)


POSTER_FACTORIES: dict[str, PosterFactory] = {"slack": slack_poster, "discord": discord_poster}
"""Platform name (Target.platform) → factory of its poster."""


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


def poster_from_env(environ: Mapping[str, str] | None = None) -> RoutingPoster | None:
    """A RoutingPoster for every platform whose token is set, or None when none is."""
    env = os.environ if environ is None else environ
    posters = {
        platform: poster for platform, factory in POSTER_FACTORIES.items() if (poster := factory(env)) is not None
    }
    return RoutingPoster(posters) if posters else None
