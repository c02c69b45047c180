"""`newsbot digest ...`: preview a feed in the terminal, or run the due digests once (cron-style).

`run-due` posts through the installed chat platforms whose tokens are set (`newsbot.platforms`);
with --print it prints the digests instead.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.digest.deps import DigestDeps
from bot.digest.model import Digest, Poster, Target
from bot.digest.render import render_text
from bot.digest.runtime import DigestRuntime
from bot.digest.scheduler import FAILED_RESULTS, RunOutcome
from bot.errors import NewsbotError
from newsbot.assemble import open_database
from newsbot.platforms import load_platforms, poster_from_env


class PrintPoster:
    """Posts digests to standard output (for `run-due` without a chat connection)."""

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        """Print the digest under a line naming its channel and key."""
        print(f"--- {target.platform}/{target.workspace}/{target.channel} ({idempotency_key})")
        print(render_text(digest))


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `digest preview` and `digest run-due` to the newsbot command line."""
    digest = subcommands.add_parser("digest", help="channel digests of news feeds")
    actions = digest.add_subparsers(dest="digest_command", required=True)
    preview_parser = actions.add_parser("preview", help="print a digest of a feed's newest items")
    preview_parser.add_argument("feed_url")
    preview_parser.add_argument("--max", type=int, default=5, dest="max_items")
    preview_parser.set_defaults(func=preview)
    run_parser = actions.add_parser("run-due", help="post every due digest once, then exit")
    run_parser.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="print the due digests of every platform instead of posting them (they count as posted)",
    )
    run_parser.set_defaults(func=run_due)


def preview(args: argparse.Namespace, *, deps: DigestDeps | None = None) -> int:
    """Print a digest of the feed at `args.feed_url`; 0 on success, 1 with a message otherwise."""
    runtime = DigestRuntime.on(open_database(), deps)
    try:
        digest = asyncio.run(runtime.service.preview(args.feed_url, args.max_items))
    except NewsbotError as error:
        print(f"newsbot: {error.user_message}", file=sys.stderr)
        return 1
    finally:
        runtime.engine.dispose()
    print(render_text(digest))
    return 0


def run_due(args: argparse.Namespace, poster: Poster | None = None, *, deps: DigestDeps | None = None) -> int:
    """Run the due digests once through `poster` (default: the chat platforms configured in the
    environment, each serving only its own subscriptions; with --print, standard output).

    Returns 2 when nothing could post (or a setting is malformed), 1 if any run failed or the
    database could not be read, else 0. One digest's failure never stops the others.
    """
    platforms: frozenset[str] | None = None
    try:
        if poster is None and getattr(args, "print_only", False):
            poster = PrintPoster()
        elif poster is None:
            installed = load_platforms()
            routing = poster_from_env(platforms=installed)
            if routing is None:
                tokens = " or ".join(p.token_variable for p in installed) or "a chat platform's token"
                print(
                    f"newsbot: no chat platform is configured (set {tokens}), so no digest was posted; "
                    "`newsbot digest run-due --print` prints them instead.",
                    file=sys.stderr,
                )
                return 2
            poster, platforms = routing, routing.platforms
        runtime = DigestRuntime.on(open_database(), deps, platforms=platforms)
    except ValueError as error:
        print(f"newsbot: {error}", file=sys.stderr)
        return 2
    try:
        outcomes: tuple[RunOutcome, ...] = asyncio.run(runtime.scheduler.run_due_once(poster))
    except Exception as error:
        print(f"newsbot: the digest pass could not read the database: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        runtime.engine.dispose()
    for outcome in outcomes:
        print(
            f"digest #{outcome.subscription_id}: {outcome.result} {outcome.detail}".rstrip(), file=sys.stderr
        )
    return 1 if any(outcome.result in FAILED_RESULTS for outcome in outcomes) else 0
