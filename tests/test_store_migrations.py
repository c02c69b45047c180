"""The database: engine selection, migrations from scratch, and per-channel settings (SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.store.engine import database_url, make_engine
from bot.store.migrate import current_revision, downgrade, upgrade
from bot.store.schema import metadata
from bot.store.settings import ChannelSettings


def test_database_url_choices(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("NEWSBOT_DB_PATH", raising=False)
    assert database_url() == "sqlite:///./newsbot.db"
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "x.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db:5432/news")
    assert database_url() == "postgresql+psycopg://u:p@db:5432/news"
    assert database_url("postgres://db/news") == "postgresql+psycopg://db/news"
    assert database_url("postgresql+psycopg://db/news") == "postgresql+psycopg://db/news"


def test_migrations_from_scratch_match_the_schema_and_downgrade(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    upgrade(engine)  # a second instance starting up finds nothing to do
    assert current_revision(engine) == "0003_stories_scorecard"
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine, "0001_initial")
    assert {"channel_settings", "digest_runs", "digest_subscriptions"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_default_sqlite_file_needs_no_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSBOT_DB_PATH", str(tmp_path / "auto.db"))
    engine = make_engine()
    upgrade(engine)
    settings = ChannelSettings(engine)
    settings.set_auto("slack", "T1", "C1", True, "U1")
    engine.dispose()
    assert (tmp_path / "auto.db").exists()
    reopened = make_engine()
    assert ChannelSettings(reopened).get_auto("slack", "T1", "C1") is True
    reopened.dispose()


def test_channel_settings_auto_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    upgrade(engine)
    when = datetime(2024, 1, 1, tzinfo=UTC)
    settings = ChannelSettings(engine, clock=lambda: when)
    assert settings.get_auto("discord", "G1", "C1") is False
    settings.set_auto("discord", "G1", "C1", True, "U1")
    settings.set_auto("discord", "G1", "C2", True, "U1")
    settings.set_auto("discord", "G1", "C2", False, "U2")
    assert settings.get_auto("discord", "G1", "C1") is True
    assert settings.get_auto("discord", "G1", "C2") is False
    assert settings.get_auto("slack", "G1", "C1") is False  # platforms are separate
    engine.dispose()
