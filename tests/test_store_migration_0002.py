"""Upgrading a database with digests in it to 0002: shared links a finished run covered stay
covered, pending ones stay pending, and the downgrade keeps the data (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bot.store.engine import make_engine
from bot.store.migrate import current_revision, downgrade, upgrade
from bot.store.schema import digest_runs, digest_shared_links, digest_subscriptions
from tests.databases import postgres_schema, sqlite_url

T = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path, migrate=False)
        return
    with postgres_schema(migrate=False) as url:
        yield url


def subscription(channel: str, kind: str, covered: datetime) -> dict[str, object]:
    return {
        "platform": "slack",
        "workspace": "T1",
        "channel": channel,
        "kind": kind,
        "feed_url": None if kind == "shared" else "https://feed.example/rss",
        "schedule": "daily 09:00",
        "tz": "UTC",
        "max_items": 5,
        "keywords": "",
        "created_by": "U1",
        "created_at": T - timedelta(days=2),
        "state": "active",
        "state_reason": None,
        "failures": 0,
        "covered_until": covered,
        "last_run_at": covered,
        "next_run_at": covered + timedelta(days=1),
    }


def link(channel: str, path: str, shared_at: datetime) -> dict[str, object]:
    return {
        "platform": "slack",
        "workspace": "T1",
        "channel": channel,
        "url": f"https://news.example/{path}",
        "item_key": f"link:{path}",
        "shared_by": "U2",
        "shared_at": shared_at,
    }


def test_upgrade_keeps_covered_links_covered_and_pending_links_pending(bare_url: str) -> None:
    engine = make_engine(bare_url)
    upgrade(engine, "0001_initial")
    with engine.begin() as connection:
        shared = connection.execute(
            insert(digest_subscriptions).values(**subscription("C1", "shared", T)).returning(digest_subscriptions.c.id)
        ).scalar_one()
        connection.execute(insert(digest_subscriptions).values(**subscription("C3", "feed", T)))
        runs = [
            connection.execute(
                insert(digest_runs)
                .values(
                    subscription_id=shared,
                    due_at=due,
                    window_start=due - timedelta(days=1),
                    window_end=due,
                    state="posted",
                    idempotency_key=f"old-key-{n}",
                    claimed_by="old",
                    lease_until=due,
                    attempts=1,
                )
                .returning(digest_runs.c.id)
            ).scalar_one()
            for n, due in enumerate((T - timedelta(days=1), T))
        ]
        connection.execute(insert(digest_shared_links), [
            link("C1", "covered", T - timedelta(hours=1)),
            link("C1", "pending", T + timedelta(hours=1)),
            link("C2", "orphan", T - timedelta(hours=1)),  # its shared digest was switched off
            link("C3", "feed-only", T - timedelta(hours=1)),  # a channel with a feed digest only
        ])
    upgrade(engine, "0002_fault_isolation")
    assert current_revision(engine) == "0002_fault_isolation"
    with engine.connect() as connection:
        rows = dict(connection.execute(select(digest_shared_links.c.url, digest_shared_links.c.run_id)).all())
    assert rows == {
        "https://news.example/covered": runs[-1],
        "https://news.example/pending": None,
    }

    downgrade(engine, "0001_initial")
    with engine.connect() as connection:
        urls = connection.execute(select(digest_shared_links.c.url)).scalars().all()
        keys = connection.execute(select(digest_runs.c.idempotency_key)).scalars().all()
    assert sorted(urls) == ["https://news.example/covered", "https://news.example/pending"]
    assert sorted(keys) == ["old-key-0", "old-key-1"]
    engine.dispose()
