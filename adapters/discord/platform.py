"""Discord as the `newsbot` command sees it (the `newsbot.platforms` entry point `discord`): the
command's options, the settings check, the bot to run and the digest poster. discord.py is
imported only when one of them is used."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from adapters.discord.settings import PLATFORM, DiscordSettings
from adapters.discord.sharding import parse_shards
from bot.digest.model import Poster
from bot.platform import Platform, Serve


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`newsbot discord [--shards auto|N|A-B/N]`."""
    parser.add_argument("--shards", help="'auto', a shard count, or a range like 0-3/16 for this process")


def prepare(args: argparse.Namespace) -> Serve:
    """The Discord bot for these options; ValueError naming the setting or option at fault."""
    settings, plan = DiscordSettings.from_env(), parse_shards(args.shards)
    from adapters.discord.run import discord_bot

    return discord_bot(settings, plan)


def poster(environ: Mapping[str, str]) -> Poster | None:
    """A token-only poster with DISCORD_TOKEN (and DISCORD_API_BASE), or None without a token."""
    if not environ.get("DISCORD_TOKEN", "").strip():
        return None
    from adapters.discord.digest_poster import TokenDigestPoster

    return TokenDigestPoster(DiscordSettings.from_env(environ))


DISCORD = Platform(
    name=PLATFORM,
    help="run the Discord bot",
    token_variable="DISCORD_TOKEN",
    add_arguments=add_arguments,
    prepare=prepare,
    poster=poster,
)
