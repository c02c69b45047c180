"""What a chat platform plugs into newsbot with, and what its bot is given to run.

The core names no platform. Each platform package declares one `Platform` under the Python entry
point group `newsbot.platforms` (see pyproject.toml); the `newsbot` command loads them by name,
adds a subcommand per platform, and asks each for its digest poster. A bot process is given its
`BotParts`, assembled once on one database by the composition root.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.digest.model import Poster
    from bot.digest.runtime import DigestRuntime
    from bot.scorecard import Scorecard
    from bot.service import SummaryService
    from bot.store.events import EventReceipts
    from bot.store.settings import ChannelSettings

ENTRY_POINTS = "newsbot.platforms"
"""The entry point group under which platform packages declare their `Platform`."""


@dataclass(frozen=True)
class BotParts:
    """The services of one bot process, on one migrated database."""

    engine: Engine
    summaries: SummaryService
    channels: ChannelSettings
    """Per-channel settings (automatic mode)."""
    receipts: EventReceipts
    """Event ids already taken in, shared by the instances (redelivered events)."""
    digests: DigestRuntime
    scorecard: Scorecard
    """The sourcing scorecard per outlet (`/sourcing stats`); the summary service counts into it."""


Serve = Callable[[BotParts], int]
"""Runs a platform's bot with its parts until it stops; returns the process exit status."""


@dataclass(frozen=True)
class Platform:
    """A chat platform as the `newsbot` command sees it. Loading one must not import its SDK: the
    functions import it when called."""

    name: str
    """The subcommand, and `Target.platform` of its channels ("slack")."""
    help: str
    token_variable: str
    """The environment variable whose token lets newsbot post digests there ("SLACK_BOT_TOKEN")."""
    add_arguments: Callable[[argparse.ArgumentParser], None]
    """Adds the subcommand's options."""
    prepare: Callable[[argparse.Namespace], Serve]
    """Reads the settings (ValueError saying what is missing or wrong) and returns the bot to run."""
    poster: Callable[[Mapping[str, str]], Poster | None]
    """A digest poster from the environment's token alone (cron-style runs), or None without one;
    ValueError when a setting is malformed."""
