"""The /digest command: parses the text after `/digest` and answers with a Reply.

add <feed URL> [daily HH:MM | weekly <day> HH:MM | every <N>h] [tz <Area/City>] [max <N>]
    [keywords <words>]
shared on [schedule] [tz ...] [max N] | shared off
list | remove <id> | now <id> | resume <id> | preview <feed URL> | help
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.errors import BadCommand
from bot.digest.model import ChannelContext, Reply, Target
from bot.digest.render import describe_subscription
from bot.digest.schedule import Schedule, parse_schedule, parse_zone
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.errors import NewsbotError
from bot.service.urls import find_urls

MAX_ITEMS_LIMIT = 20
DEFAULT_SCHEDULE = Schedule("daily")
DEFAULT_ZONE = "UTC"
HELP = (
    "Digest commands:\n"
    "• `/digest add <feed URL> [daily HH:MM | weekly <day> HH:MM | every <N>h] [tz <Area/City>] "
    "[max <N>] [keywords <words>]`\n"
    "• `/digest shared on [schedule]` / `/digest shared off` — a digest of links posted here\n"
    "• `/digest list`, `/digest remove <id>`, `/digest now <id>`, `/digest resume <id>`\n"
    "• `/digest preview <feed URL>`"
)
_MANAGER_ONLY = frozenset({"add", "shared", "remove", "now", "resume"})
_SCHEDULE_WORDS = {"daily": 1, "weekly": 2, "every": 1}


@dataclass(frozen=True)
class Options:
    """The optional parts of add / shared on."""

    schedule: Schedule = DEFAULT_SCHEDULE
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_ZONE))
    max_items: int = 5
    keywords: tuple[str, ...] = ()


def parse_options(words: list[str]) -> Options:
    """Parse `[schedule] [tz <zone>] [max <N>] [keywords <words>]` in any order (raises BadCommand)."""
    schedule, zone, max_items = DEFAULT_SCHEDULE, ZoneInfo(DEFAULT_ZONE), 5
    keywords: tuple[str, ...] = ()
    index = 0
    while index < len(words):
        word = words[index].lower()
        if word in _SCHEDULE_WORDS:
            size = _SCHEDULE_WORDS[word]
            if word == "every" and [w.lower() for w in words[index + 2 : index + 3]] == ["h"]:
                size = 2
            schedule = parse_schedule(words[index : index + 1 + size])
            index += 1 + size
        elif word == "tz" and index + 1 < len(words):
            zone = parse_zone(words[index + 1])
            index += 2
        elif word == "max" and index + 1 < len(words):
            max_items = _number(words[index + 1], "max")
            if not 1 <= max_items <= MAX_ITEMS_LIMIT:
                raise BadCommand("max out of range", user_message=f"`max` must be 1 to {MAX_ITEMS_LIMIT}.")
            index += 2
        elif word == "keywords" and index + 1 < len(words):
            keywords = tuple(words[index + 1 :])
            break
        else:
            raise BadCommand(
                f"unexpected {word!r}", user_message=f"I didn't understand `{words[index]}`.\n{HELP}"
            )
    return Options(schedule, zone, max_items, keywords)


def _number(text: str, what: str) -> int:
    if not text.lstrip("#").isdigit():
        raise BadCommand(f"bad {what} {text!r}", user_message=f"`{text}` is not a number.")
    return int(text.lstrip("#"))


def _url(text: str) -> str:
    found = find_urls(text)
    if not found:
        raise BadCommand(
            f"no URL in {text!r}", user_message="Give me the feed's web address (http or https)."
        )
    return found[0]


class DigestCommands:
    """Answers /digest commands for one DigestService."""

    def __init__(self, service: DigestService) -> None:
        self._service = service

    @property
    def service(self) -> DigestService:
        """The service the commands act on."""
        return self._service

    async def handle(self, ctx: ChannelContext, text: str) -> Reply:
        """The reply to `/digest <text>` typed by `ctx.user` in `ctx`'s channel."""
        words = text.split()
        verb = words[0].lower() if words else "help"
        if verb in _MANAGER_ONLY and not ctx.is_manager:
            return Reply("Only channel managers can change this channel's digests.", ok=False)
        handler = self._handlers().get(verb)
        if handler is None:
            return Reply(HELP, ok=verb == "help")
        try:
            return await handler(ctx, words[1:])
        except NewsbotError as error:
            return Reply(error.user_message, ok=False)

    def _handlers(self) -> dict[str, Callable[[ChannelContext, list[str]], Awaitable[Reply]]]:
        return {
            "add": self._add,
            "shared": self._shared,
            "list": self._list,
            "remove": self._remove,
            "now": self._now,
            "resume": self._resume,
            "preview": self._preview,
        }

    async def _add(self, ctx: ChannelContext, args: list[str]) -> Reply:
        if not args:
            raise BadCommand("add without URL", user_message=HELP)
        url, options = _url(args[0]), parse_options(args[1:])
        spec = SubscriptionSpec(
            "feed", url, options.schedule, options.zone, options.max_items, options.keywords
        )
        sub, title = await self._service.subscribe(ctx.target, spec, ctx.user)
        return Reply(
            f"Subscribed this channel to “{title}” (digest #{sub.id}).\n{describe_subscription(sub)}"
        )

    async def _shared(self, ctx: ChannelContext, args: list[str]) -> Reply:
        switch = args[0].lower() if args else ""
        if switch == "off":
            removed = await self._service.shared_off(ctx.target)
            return Reply(
                "The shared-links digest is off." if removed else "There was no shared-links digest here."
            )
        if switch != "on":
            raise BadCommand(
                "shared needs on/off", user_message="Use `/digest shared on [schedule]` or `off`."
            )
        options = parse_options(args[1:])
        spec = SubscriptionSpec(
            "shared", None, options.schedule, options.zone, options.max_items, options.keywords
        )
        sub, _ = await self._service.subscribe(ctx.target, spec, ctx.user)
        return Reply(
            f"I'll post a digest of the links shared here (digest #{sub.id}).\n{describe_subscription(sub)}"
        )

    async def _list(self, ctx: ChannelContext, args: list[str]) -> Reply:
        subs = await self._service.subscriptions(ctx.target)
        if not subs:
            return Reply("This channel has no digests. Add one with `/digest add <feed URL>`.")
        return Reply("\n".join(describe_subscription(sub) for sub in subs))

    async def _remove(self, ctx: ChannelContext, args: list[str]) -> Reply:
        number = self._id(args)
        if await self._service.unsubscribe(ctx.target, number):
            return Reply(f"Removed digest #{number}.")
        return Reply(f"This channel has no digest #{number}.", ok=False)

    async def _now(self, ctx: ChannelContext, args: list[str]) -> Reply:
        number = self._id(args)
        answer = await self._service.run_now(ctx.target, number, ctx.user)
        if answer == "queued":
            return Reply(f"Digest #{number} will be posted here in a moment.")
        if answer == "pending":
            return Reply(f"Digest #{number} is already queued: it will be posted here in a moment.")
        if answer == "running":
            return Reply(
                f"Digest #{number} is being posted right now (or retried shortly); "
                "use `/digest now` again once it is out."
            )
        return Reply(f"This channel has no active digest #{number}.", ok=False)

    async def _resume(self, ctx: ChannelContext, args: list[str]) -> Reply:
        number = self._id(args)
        sub = await self._service.resume(ctx.target, number)
        if sub is None:
            return Reply(f"This channel has no digest #{number}.", ok=False)
        return Reply(f"Digest #{number} is active again.\n{describe_subscription(sub)}")

    async def _preview(self, ctx: ChannelContext, args: list[str]) -> Reply:
        if not args:
            raise BadCommand("preview without URL", user_message="Use `/digest preview <feed URL>`.")
        digest = await self._service.preview(_url(args[0]))
        return Reply(f"Preview of “{digest.title}” ({len(digest.items)} newest items):", digest=digest)

    @staticmethod
    def _id(args: list[str]) -> int:
        if len(args) != 1:
            raise BadCommand("needs one id", user_message="Give the digest number shown by `/digest list`.")
        return _number(args[0], "id")


_default: DigestCommands | None = None


def configure(commands: DigestCommands) -> None:
    """Set the DigestCommands that `handle_digest_command` uses (the bot does this at start-up)."""
    global _default
    _default = commands


async def handle_digest_command(ctx: ChannelContext, text: str) -> Reply:
    """Answer `/digest <text>` with the configured DigestCommands (see `configure`)."""
    if _default is None:
        raise RuntimeError("bot.digest.commands.configure() was not called")
    return await _default.handle(ctx, text)


async def record_shared_link(
    platform: str, workspace: str, channel: str, url: str, user: str, ts: datetime
) -> bool:
    """Remember a link posted in a channel (kept only if it has a shared-links digest)."""
    if _default is None:
        raise RuntimeError("bot.digest.commands.configure() was not called")
    return await _default.service.record_shared_link(Target(platform, workspace, channel), url, user, ts)
