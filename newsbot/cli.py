"""The `newsbot` command: the core's commands, one command per installed chat platform, and the
digest commands."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence

from bot import cli
from bot.platform import Platform
from newsbot import digest_cli
from newsbot.assemble import assemble, close
from newsbot.platforms import load_platforms


def platform_command(platform: Platform) -> cli.Commands:
    """Adds `newsbot <platform>`, which runs that platform's bot."""

    def add(subcommands: cli.SubParsers) -> None:
        parser = subcommands.add_parser(platform.name, help=platform.help)
        platform.add_arguments(parser)
        parser.set_defaults(func=functools.partial(serve, platform), long_running=True)

    return add


def serve(platform: Platform, args: argparse.Namespace) -> int:
    """Check the platform's settings, assemble the process's parts once, and run its bot until it
    stops: 2 for missing or malformed settings, 0 when stopped with Ctrl-C."""
    try:
        bot = platform.prepare(args)
        parts = assemble(platform.name)
    except ValueError as error:
        print(f"newsbot {platform.name}: {error}", file=sys.stderr)
        return 2
    try:
        return bot(parts)
    except KeyboardInterrupt:
        return 0
    finally:
        close(parts)


def build_parser(platforms: Sequence[Platform] | None = None) -> argparse.ArgumentParser:
    """The whole command line (default: with every installed platform)."""
    return cli.build_parser(_commands(platforms))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsbot` command; returns its exit status."""
    return cli.main(argv, commands=_commands(None))


def _commands(platforms: Sequence[Platform] | None) -> list[cli.Commands]:
    chosen = load_platforms() if platforms is None else platforms
    return [*(platform_command(p) for p in chosen), digest_cli.register]
