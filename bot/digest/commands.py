"""The /digest operations, typed, and the `/digest` text syntax that reads into them.

Each operation answers with a Reply and never raises for a user's mistake: `add`, `shared_on`,
`shared_off`, `listing`, `remove`, `now`, `resume` and `preview`; those that change the channel's
digests are for channel managers only. A platform with typed options calls them directly;
`handle` reads the text typed after `/digest` into the same calls:

add <feed URL> [daily HH:MM | weekly <day> HH:MM | every <N>h] [tz <Area/City>] [max <N>]
    [keywords <words>]
shared on [schedule] [tz ...] [max N] | shared off
list | remove <id> | now <id> | resume <id> | preview <feed URL> | help
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Concatenate, ParamSpec
from zoneinfo import ZoneInfo

from bot.digest.errors import BadCommand
from bot.digest.model import ChannelContext, Reply
from bot.digest.render import describe_subscription
from bot.digest.schedule import Schedule, parse_schedule, parse_zone
from bot.digest.service import DigestService
from bot.digest.subscriptions import SubscriptionSpec
from bot.errors import NewsbotError
from bot.service.urls import find_urls

MAX_ITEMS_LIMIT = 20
DEFAULT_MAX_ITEMS = 5
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
MANAGERS_ONLY = "Only channel managers can change this channel's digests."
_MANAGER_VERBS = frozenset({"add", "shared", "remove", "now", "resume"})
_SCHEDULE_WORDS = {"daily": 1, "weekly": 2, "every": 1}


@dataclass(frozen=True)
class Options:
    """The optional parts of add / shared on, checked."""

    schedule: Schedule = DEFAULT_SCHEDULE
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_ZONE))
    max_items: int = DEFAULT_MAX_ITEMS
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """The optional parts of add / shared on as a person gave them: a schedule phrase ("weekly mon
    07:30"), a time zone name, an item limit and keywords. `options()` checks them."""

    schedule: str | None = None
    zone: str | None = None
    max_items: int | None = None
    keywords: tuple[str, ...] = ()

    def options(self) -> Options:
        """The checked options; raises BadCommand saying what is wrong."""
        words = (self.schedule or "").split()
        zone = (self.zone or "").strip()
        max_items = DEFAULT_MAX_ITEMS if self.max_items is None else self.max_items
        if not 1 <= max_items <= MAX_ITEMS_LIMIT:
            raise BadCommand("max out of range", user_message=f"`max` must be 1 to {MAX_ITEMS_LIMIT}.")
        return Options(
            parse_schedule(words) if words else DEFAULT_SCHEDULE,
            parse_zone(zone) if zone else ZoneInfo(DEFAULT_ZONE),
            max_items,
            self.keywords,
        )


def parse_choices(words: Sequence[str]) -> Choices:
    """Read `[schedule] [tz <zone>] [max <N>] [keywords <words>]`, in any order (raises BadCommand)."""
    schedule: str | None = None
    zone: str | None = None
    max_items: int | None = None
    keywords: tuple[str, ...] = ()
    index = 0
    while index < len(words):
        word = words[index].lower()
        if word in _SCHEDULE_WORDS:
            size = _SCHEDULE_WORDS[word]
            if word == "every" and [w.lower() for w in words[index + 2 : index + 3]] == ["h"]:
                size = 2
            schedule = " ".join(words[index : index + 1 + size])
            index += 1 + size
        elif word == "tz" and index + 1 < len(words):
            zone = words[index + 1]
            index += 2
        elif word == "max" and index + 1 < len(words):
            max_items = _number(words[index + 1], "max")
            index += 2
        elif word == "keywords" and index + 1 < len(words):
            keywords = tuple(words[index + 1 :])
            break
        else:
            raise BadCommand(
                f"unexpected {word!r}", user_message=f"I didn't understand `{words[index]}`.\n{HELP}"
            )
    return Choices(schedule, zone, max_items, keywords)


def parse_options(words: Sequence[str]) -> Options:
    """`parse_choices`, checked (raises BadCommand)."""
    return parse_choices(words).options()


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


P = ParamSpec("P")
Operation = Callable[Concatenate["DigestCommands", ChannelContext, P], Awaitable[Reply]]


def _answers(*, managers_only: bool) -> Callable[[Operation[P]], Operation[P]]:
    """Make an operation answer every user mistake with a Reply, and refuse those who may not use it."""

    def wrap(operation: Operation[P]) -> Operation[P]:
        @functools.wraps(operation)
        async def answer(self: DigestCommands, ctx: ChannelContext, *args: P.args, **kwargs: P.kwargs) -> Reply:
            if managers_only and not ctx.is_manager:
                return Reply(MANAGERS_ONLY, ok=False)
            try:
                return await operation(self, ctx, *args, **kwargs)
            except NewsbotError as error:
                return Reply(error.user_message, ok=False)

        return answer

    return wrap


class DigestCommands:
    """Answers the /digest operations of a channel, for one DigestService."""

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
        if verb in _MANAGER_VERBS and not ctx.is_manager:
            return Reply(MANAGERS_ONLY, ok=False)
        try:
            return await self._read(ctx, verb, words[1:])
        except NewsbotError as error:
            return Reply(error.user_message, ok=False)

    async def _read(self, ctx: ChannelContext, verb: str, args: list[str]) -> Reply:
        """Run the operation that `verb args` names (raises BadCommand for text it cannot read)."""
        if verb == "add":
            if not args:
                raise BadCommand("add without URL", user_message=HELP)
            return await self.add(ctx, args[0], parse_choices(args[1:]))
        if verb == "shared":
            switch = args[0].lower() if args else ""
            if switch == "off":
                return await self.shared_off(ctx)
            if switch != "on":
                raise BadCommand("shared needs on/off", user_message="Use `/digest shared on [schedule]` or `off`.")
            return await self.shared_on(ctx, parse_choices(args[1:]))
        if verb == "list":
            return await self.listing(ctx)
        if verb in ("remove", "now", "resume"):
            if len(args) != 1:
                raise BadCommand("needs one id", user_message="Give the digest number shown by `/digest list`.")
            number = _number(args[0], "id")
            operation = {"remove": self.remove, "now": self.now, "resume": self.resume}[verb]
            return await operation(ctx, number)
        if verb == "preview":
            if not args:
                raise BadCommand("preview without URL", user_message="Use `/digest preview <feed URL>`.")
            return await self.preview(ctx, args[0])
        return Reply(HELP, ok=verb == "help")

    @_answers(managers_only=True)
    async def add(self, ctx: ChannelContext, feed: str, choices: Choices | None = None) -> Reply:
        """Subscribe the channel to the feed at `feed` (fetched and checked now)."""
        url, options = _url(feed), (choices or Choices()).options()
        spec = SubscriptionSpec("feed", url, options.schedule, options.zone, options.max_items, options.keywords)
        sub, title = await self._service.subscribe(ctx.target, spec, ctx.user)
        return Reply(
            f"Subscribed this channel to “{title}” (digest #{sub.id}).\n{describe_subscription(sub)}"
        )

    @_answers(managers_only=True)
    async def shared_on(self, ctx: ChannelContext, choices: Choices | None = None) -> Reply:
        """Give the channel a digest of the links posted in it."""
        options = (choices or Choices()).options()
        spec = SubscriptionSpec("shared", None, options.schedule, options.zone, options.max_items, options.keywords)
        sub, _ = await self._service.subscribe(ctx.target, spec, ctx.user)
        return Reply(
            f"I'll post a digest of the links shared here (digest #{sub.id}).\n{describe_subscription(sub)}"
        )

    @_answers(managers_only=True)
    async def shared_off(self, ctx: ChannelContext) -> Reply:
        """Remove the channel's shared-links digest."""
        removed = await self._service.shared_off(ctx.target)
        return Reply("The shared-links digest is off." if removed else "There was no shared-links digest here.")

    @_answers(managers_only=False)
    async def listing(self, ctx: ChannelContext) -> Reply:
        """The channel's digests, each with its schedule and state."""
        subs = await self._service.subscriptions(ctx.target)
        if not subs:
            return Reply("This channel has no digests. Add one with `/digest add <feed URL>`.")
        return Reply("\n".join(describe_subscription(sub) for sub in subs))

    @_answers(managers_only=True)
    async def remove(self, ctx: ChannelContext, number: int) -> Reply:
        """Stop digest `number` of the channel."""
        if await self._service.unsubscribe(ctx.target, number):
            return Reply(f"Removed digest #{number}.")
        return Reply(f"This channel has no digest #{number}.", ok=False)

    @_answers(managers_only=True)
    async def now(self, ctx: ChannelContext, number: int) -> Reply:
        """Queue one run of digest `number` now."""
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

    @_answers(managers_only=True)
    async def resume(self, ctx: ChannelContext, number: int) -> Reply:
        """Restart digest `number` after a pause."""
        sub = await self._service.resume(ctx.target, number)
        if sub is None:
            return Reply(f"This channel has no digest #{number}.", ok=False)
        return Reply(f"Digest #{number} is active again.\n{describe_subscription(sub)}")

    @_answers(managers_only=False)
    async def preview(self, ctx: ChannelContext, feed: str) -> Reply:
        """What a digest of the feed at `feed` would look like (stored nowhere)."""
        digest = await self._service.preview(_url(feed))
        return Reply(f"Preview of “{digest.title}” ({len(digest.items)} newest items):", digest=digest)
