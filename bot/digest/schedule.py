"""Digest schedules (daily, weekly, every N hours) evaluated in a time zone, DST-safe.

Wall-clock schedules (daily, weekly) run at the earliest instant of the day when the local
clock shows the chosen time or later. So 09:00 stays 09:00 local across DST changes; a time
that does not exist (inside a spring-forward gap) runs at the moment the clock jumps past it;
a time that occurs twice (fall-back) runs once, at its first occurrence.
`every N h` counts elapsed hours, aligned on local midnight of 2000-01-01 (standard time),
so its interval never stretches or shrinks across a DST change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.digest.errors import BadCommand

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {name: index for index, full in enumerate(_FULL_DAYS) for name in (full, full[:3])}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EVERY = re.compile(r"^(\d{1,3})h$")
MAX_EVERY_HOURS = 168


@dataclass(frozen=True)
class Schedule:
    """When a digest runs: `daily` at `at`, `weekly` on `weekday` (0 = Monday) at `at`, or `every` N hours."""

    kind: Literal["daily", "weekly", "every"]
    at: time = time(9, 0)
    weekday: int = 0
    hours: int = 24

    @property
    def spec(self) -> str:
        """The schedule as users type it (and as it is stored)."""
        if self.kind == "every":
            return f"every {self.hours}h"
        clock = f"{self.at.hour:02d}:{self.at.minute:02d}"
        if self.kind == "weekly":
            return f"weekly {WEEKDAYS[self.weekday]} {clock}"
        return f"daily {clock}"

    def next_after(self, instant: datetime, tz: ZoneInfo) -> datetime:
        """The first run strictly after `instant` (aware), in UTC."""
        return min(slot for slot in self._slots_around(instant, tz) if slot > instant)

    def latest_at_or_before(self, instant: datetime, tz: ZoneInfo) -> datetime:
        """The last run at or before `instant` (aware), in UTC."""
        return max(slot for slot in self._slots_around(instant, tz) if slot <= instant)

    def previous(self, slot: datetime, tz: ZoneInfo) -> datetime:
        """The run before `slot`: the start of the period that ends at `slot`."""
        return self.latest_at_or_before(slot - timedelta(microseconds=1), tz)

    def _slots_around(self, instant: datetime, tz: ZoneInfo) -> list[datetime]:
        if self.kind == "every":
            anchor = datetime(2000, 1, 1, tzinfo=tz).astimezone(UTC)
            step = timedelta(hours=self.hours)
            index = (instant.astimezone(UTC) - anchor) // step
            return [anchor + step * (index + offset) for offset in (-1, 0, 1, 2)]
        local_day = instant.astimezone(tz).date()
        days = [local_day + timedelta(days=offset) for offset in range(-8, 9)]
        if self.kind == "weekly":
            days = [day for day in days if day.weekday() == self.weekday]
        return [wall_clock_instant(day, self.at, tz) for day in days]


def wall_clock_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The earliest instant (UTC) on `day` at which the clock in `tz` shows `at` or later."""
    first = datetime.combine(day, at, tzinfo=tz).replace(fold=0)
    as_utc = first.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) == first.replace(tzinfo=None):
        return as_utc  # exists; fold=0 is the first of two occurrences when ambiguous
    # Inside a spring-forward gap: find the transition instant, where the clock jumps past `at`.
    low = datetime.combine(day, at, tzinfo=tz).replace(fold=1).astimezone(UTC)
    high = as_utc
    low, high = min(low, high), max(low, high)
    wall = first.replace(tzinfo=None)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def parse_schedule(words: list[str]) -> Schedule:
    """Parse `daily HH:MM`, `weekly <day> HH:MM` or `every <N>h` (raises BadCommand)."""
    if not words:
        raise BadCommand("empty schedule", user_message=_HELP)
    kind, rest = words[0].lower(), words[1:]
    if kind == "daily" and len(rest) == 1:
        return Schedule("daily", at=_parse_time(rest[0]))
    if kind == "weekly" and len(rest) == 2:
        return Schedule("weekly", at=_parse_time(rest[1]), weekday=_parse_weekday(rest[0]))
    if kind == "every" and rest:
        match = _EVERY.match("".join(rest).lower())
        if match and 1 <= int(match.group(1)) <= MAX_EVERY_HOURS:
            return Schedule("every", hours=int(match.group(1)))
    raise BadCommand(f"bad schedule {' '.join(words)!r}", user_message=_HELP)


def parse_zone(name: str) -> ZoneInfo:
    """The time zone called `name` (an IANA name such as Europe/Berlin); raises BadCommand."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BadCommand(
            f"unknown zone {name!r}",
            user_message=f"I don't know the time zone `{name}`; use a name like Europe/Berlin.",
        ) from error


def _parse_time(text: str) -> time:
    match = _TIME.match(text)
    if not match:
        raise BadCommand(f"bad time {text!r}", user_message=_HELP)
    return time(int(match.group(1)), int(match.group(2)))


def _parse_weekday(text: str) -> int:
    day = _DAY_NAMES.get(text.lower())
    if day is None:
        raise BadCommand(f"bad weekday {text!r}", user_message=_HELP)
    return day


_HELP = f"Schedules look like `daily 09:00`, `weekly mon 09:00` or `every 6h` (1 to {MAX_EVERY_HOURS} hours)."
