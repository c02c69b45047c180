"""The chat platforms installed, found by name through Python entry points (as errbot finds its
backends), and the digest posters their tokens allow."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points

from bot.digest.routing import RoutingPoster
from bot.platform import ENTRY_POINTS, Platform


def load_platforms() -> tuple[Platform, ...]:
    """Every platform declared under the `newsbot.platforms` entry points, by name. Loading one
    imports its small `platform` module, not its SDK."""
    platforms = []
    for entry in sorted(entry_points(group=ENTRY_POINTS), key=lambda e: e.name):
        platform = entry.load()
        if not isinstance(platform, Platform) or platform.name != entry.name:
            raise TypeError(f"entry point {entry.name} = {entry.value} is not the Platform {entry.name!r}")
        platforms.append(platform)
    return tuple(platforms)


def poster_from_env(
    environ: Mapping[str, str] | None = None, *, platforms: Sequence[Platform] | None = None
) -> RoutingPoster | None:
    """A RoutingPoster for every platform whose token is set, or None when none is. Raises
    ValueError naming the variable at fault when a setting is malformed."""
    env = os.environ if environ is None else environ
    chosen = load_platforms() if platforms is None else platforms
    posters = {p.name: poster for p in chosen if (poster := p.poster(env)) is not None}
    return RoutingPoster(posters) if posters else None
