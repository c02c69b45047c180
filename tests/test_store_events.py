"""Event ids shared between instances: recorded once, forgotten on request and after a while."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store.engine import make_engine
from bot.store.events import EventReceipts
from tests.databases import db_url  # noqa: F401  (fixture)


def test_each_id_is_new_once_per_platform_until_forgotten_or_expired(db_url: str) -> None:  # noqa: F811
    now = [datetime(2024, 5, 6, tzinfo=UTC)]
    first, second = make_engine(db_url), make_engine(db_url)
    a = EventReceipts(first, keep=timedelta(hours=1), clock=lambda: now[0])
    b = EventReceipts(second, keep=timedelta(hours=1), clock=lambda: now[0])
    assert a.first_time("slack", "Ev1")
    assert not b.first_time("slack", "Ev1"), "another instance sees it as taken"
    assert b.first_time("discord", "Ev1"), "platforms are apart"
    b.forget("slack", "Ev1")
    assert a.first_time("slack", "Ev1"), "a forgotten id is new again"
    now[0] += timedelta(hours=2)
    assert a.first_time("slack", "Ev2")  # purges what is older than an hour
    assert b.first_time("slack", "Ev1"), "an id older than `keep` is forgotten"
    first.dispose()
    second.dispose()
