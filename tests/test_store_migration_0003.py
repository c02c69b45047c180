"""Migration 0003 (story fingerprints, folds, the scorecard) up and down on SQLite and PostgreSQL:
the schema at head is the code's, cached articles survive (to be analysed again), and the
downgrade removes exactly what the upgrade added."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, select

from bot.store.engine import make_engine
from bot.store.migrate import current_revision, downgrade, upgrade
from bot.store.schema import digest_article_cache, metadata
from tests.databases import postgres_schema, sqlite_url

T = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
NEW_TABLES = {"digest_stories", "digest_folds", "scorecard_articles"}
NEW_CACHE_COLUMNS = {"outlet", "facts_json", "story_json"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path, migrate=False)
        return
    with postgres_schema(migrate=False) as url:
        yield url


def test_0003_up_down_and_up_again_keeps_the_cached_articles(bare_url: str) -> None:
    engine = make_engine(bare_url)
    upgrade(engine, "0002_fault_isolation")
    with engine.begin() as connection:
        connection.execute(
            insert(digest_article_cache).values(
                url="https://news.example/a", title="A", summary_json='["One."]', badge=None, analysed_at=T
            )
        )
    upgrade(engine)
    assert current_revision(engine) == "0003_stories_scorecard"
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        row = connection.execute(select(digest_article_cache)).one()._mapping
    assert row["url"] == "https://news.example/a" and row["facts_json"] is None and row["story_json"] is None

    downgrade(engine, "0002_fault_isolation")
    tables = set(inspect(engine).get_table_names())
    assert not tables & NEW_TABLES
    columns = {c["name"] for c in inspect(engine).get_columns("digest_article_cache")}
    assert not columns & NEW_CACHE_COLUMNS and "summary_json" in columns

    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= NEW_TABLES
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    engine.dispose()
