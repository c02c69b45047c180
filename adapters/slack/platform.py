"""Slack as the `newsbot` command sees it (the `newsbot.platforms` entry point `slack`): the
command's options, the settings check, the bot to run and the digest poster. Slack's SDK is
imported only when one of them is used."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from adapters.slack.settings import DEFAULT_HOST, PLATFORM, SlackSettings
from bot.cli_options import PORT
from bot.digest.model import Poster
from bot.platform import Platform, Serve


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`newsbot slack [--http --host H --port N]`."""
    parser.add_argument("--http", action="store_true", help="serve Slack's HTTP events instead of Socket Mode")
    parser.add_argument("--port", type=PORT, default=3000)
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on with --http (default 0.0.0.0: all)")


def prepare(args: argparse.Namespace) -> Serve:
    """The Slack bot for these options; ValueError naming the variables this mode needs but lacks."""
    settings = SlackSettings.from_env()
    if missing := settings.missing(http=args.http):
        raise ValueError(f"set {', '.join(missing)} (see .env.example)")
    from adapters.slack.run import slack_bot

    return slack_bot(settings, http=args.http, port=args.port, host=args.host)


def poster(environ: Mapping[str, str]) -> Poster | None:
    """A poster with SLACK_BOT_TOKEN (and SLACK_API_URL), or None without a token."""
    if not environ.get("SLACK_BOT_TOKEN", "").strip():
        return None
    from adapters.slack.app import make_client
    from adapters.slack.digest_poster import SlackDigestPoster

    return SlackDigestPoster(make_client(SlackSettings.from_env(environ)))


SLACK = Platform(
    name=PLATFORM,
    help="run the Slack bot (Socket Mode, or --http)",
    token_variable="SLACK_BOT_TOKEN",
    add_arguments=add_arguments,
    prepare=prepare,
    poster=poster,
)
