"""Digest schedules in a time zone: wall-clock times survive DST changes in both directions."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.errors import BadCommand
from bot.digest.schedule import Schedule, parse_schedule, parse_zone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# (zone, a day before spring-forward, a day before fall-back)
ZONES = [
    (BERLIN, datetime(2024, 3, 29, 12, tzinfo=UTC), datetime(2024, 10, 25, 12, tzinfo=UTC)),
    (NEW_YORK, datetime(2024, 3, 8, 12, tzinfo=UTC), datetime(2024, 11, 1, 12, tzinfo=UTC)),
]


def runs(schedule: Schedule, zone: ZoneInfo, start: datetime, count: int) -> list[datetime]:
    found, instant = [], start
    for _ in range(count):
        instant = schedule.next_after(instant, zone)
        found.append(instant)
    return found


@pytest.mark.parametrize(("zone", "spring", "autumn"), ZONES)
def test_daily_time_stays_local_across_both_changes(
    zone: ZoneInfo, spring: datetime, autumn: datetime
) -> None:
    daily = parse_schedule(["daily", "09:00"])
    for start in (spring, autumn):
        slots = runs(daily, zone, start, 5)
        assert [slot.astimezone(zone).time() for slot in slots] == [time(9, 0)] * 5
        assert len({slot.astimezone(zone).date() for slot in slots}) == 5
        gaps = {slots[i + 1] - slots[i] for i in range(4)}
        assert gaps == {timedelta(hours=24), timedelta(hours=23 if start is spring else 25)}


@pytest.mark.parametrize(("zone", "spring", "autumn"), ZONES)
def test_nonexistent_time_runs_when_the_clock_jumps_past_it(
    zone: ZoneInfo, spring: datetime, autumn: datetime
) -> None:
    slots = runs(parse_schedule(["daily", "02:30"]), zone, spring, 4)
    local = [slot.astimezone(zone) for slot in slots]
    first_day = local[0].date()
    assert [t.date() for t in local] == [first_day + timedelta(days=n) for n in range(4)]
    assert [t.strftime("%H:%M") for t in local] == ["02:30", "03:00", "02:30", "02:30"]
    just_before = (slots[1] - timedelta(seconds=1)).astimezone(zone)
    assert just_before.strftime("%H:%M:%S") == "01:59:59"  # 02:30 never showed on the clock that day


@pytest.mark.parametrize(
    ("zone", "at", "change"), [(BERLIN, "02:30", date(2024, 10, 27)), (NEW_YORK, "01:30", date(2024, 11, 3))]
)
def test_ambiguous_time_runs_once_at_its_first_occurrence(zone: ZoneInfo, at: str, change: date) -> None:
    slots = runs(
        parse_schedule(["daily", at]), zone, datetime.combine(change, time(), UTC) - timedelta(days=2), 4
    )
    days = [slot.astimezone(zone).date() for slot in slots]
    assert len(set(days)) == 4 and change in days  # one run per day, the repeated hour included
    change_day = slots[days.index(change)]
    later = change_day.astimezone(zone).replace(fold=1).astimezone(UTC)
    assert later - change_day == timedelta(hours=1)  # the other occurrence was an hour later
    assert change_day.astimezone(zone).strftime("%H:%M") == at


@pytest.mark.parametrize(("zone", "spring", "autumn"), ZONES)
def test_every_n_hours_counts_elapsed_time(zone: ZoneInfo, spring: datetime, autumn: datetime) -> None:
    for start in (spring, autumn):
        slots = runs(parse_schedule(["every", "6h"]), zone, start, 16)
        assert {slots[i + 1] - slots[i] for i in range(15)} == {timedelta(hours=6)}


@pytest.mark.parametrize(("zone", "spring", "autumn"), ZONES)
def test_weekly_keeps_day_and_time(zone: ZoneInfo, spring: datetime, autumn: datetime) -> None:
    for start in (spring - timedelta(days=10), autumn - timedelta(days=10)):
        slots = runs(parse_schedule(["weekly", "sunday", "09:15"]), zone, start, 4)
        local = [slot.astimezone(zone) for slot in slots]
        assert {(t.weekday(), t.hour, t.minute) for t in local} == {(6, 9, 15)}
        assert all(b.date() - a.date() == timedelta(days=7) for a, b in itertools.pairwise(local))


@pytest.mark.parametrize("spec", ["daily 09:00", "weekly mon 07:45", "every 5h", "daily 02:30"])
@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK])
def test_latest_previous_and_next_agree(spec: str, zone: ZoneInfo) -> None:
    schedule = parse_schedule(spec.split())
    instant = datetime(2024, 3, 1, tzinfo=UTC)
    while instant < datetime(2024, 11, 20, tzinfo=UTC):
        latest = schedule.latest_at_or_before(instant, zone)
        following = schedule.next_after(instant, zone)
        assert latest <= instant < following
        assert schedule.next_after(latest, zone) == following
        assert schedule.previous(following, zone) == latest
        instant += timedelta(hours=7, minutes=13)


def test_spec_round_trips() -> None:
    for spec in ("daily 09:00", "weekly fri 18:30", "every 12h"):
        assert parse_schedule(spec.split()).spec == spec
    assert parse_schedule(["every", "3", "h"]).spec == "every 3h"
    assert parse_schedule(["Weekly", "Monday", "7:05"]).spec == "weekly mon 07:05"


@pytest.mark.parametrize(
    "spec", ["daily 24:00", "daily 9", "weekly funday 09:00", "every 0h", "every 200h", "hourly", ""]
)
def test_bad_schedules_are_refused(spec: str) -> None:
    with pytest.raises(BadCommand):
        parse_schedule(spec.split())


def test_zones() -> None:
    assert parse_zone("America/New_York") is NEW_YORK
    for name in ("Mars/Olympus", "../etc/passwd", ""):
        with pytest.raises(BadCommand):
            parse_zone(name)
