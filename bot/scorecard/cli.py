"""`newsbot stats`: the sourcing scorecard per outlet, from the app database, as text or JSON."""

from __future__ import annotations

import argparse
import json

from bot.cli_options import whole_number
from bot.digest.model import Target
from bot.errors import BadSetting

from .settings import MAX_RETENTION_DAYS

DEFAULT_DAYS = 30
DAYS = whole_number(1, MAX_RETENTION_DAYS)


def channel_argument(text: str) -> Target:
    """An argparse type: PLATFORM:WORKSPACE:CHANNEL (three parts, none empty)."""
    parts = text.split(":")
    if len(parts) != 3 or not all(part.strip() for part in parts):
        raise argparse.ArgumentTypeError(
            f"must be PLATFORM:WORKSPACE:CHANNEL (three names joined by colons), not {text!r}"
        )
    platform, workspace, channel = (part.strip() for part in parts)
    return Target(platform, workspace, channel)


def add_stats_command(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `newsbot stats` to the command line."""
    p = subcommands.add_parser("stats", help="the sourcing scorecard per outlet, from the app database")
    p.add_argument("--days", type=DAYS, default=DEFAULT_DAYS, help=f"the last N days (default {DEFAULT_DAYS})")
    p.add_argument("--channel", type=channel_argument, help="one channel, as PLATFORM:WORKSPACE:CHANNEL (default: all)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the scorecard of the database in DATABASE_URL (or the SQLite file); 0 on success."""
    from bot.store.engine import make_engine
    from bot.store.migrate import upgrade
    from bot.view.stats import stats_view

    from .render import render_stats_text
    from .stats import stats_to_dict
    from .store import Scorecard

    engine = make_engine()
    try:
        upgrade(engine)
        try:
            scorecard = Scorecard(engine)
        except ValueError as error:
            raise BadSetting(str(error)) from error
        stats = scorecard.stats(args.days, args.channel)
    finally:
        engine.dispose()
    if args.format == "json":
        print(json.dumps(stats_to_dict(stats), indent=2, ensure_ascii=False))
    else:
        print(render_stats_text(stats_view(stats)), end="")
    return 0
