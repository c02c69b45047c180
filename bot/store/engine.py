"""Creates the SQLAlchemy engine: DATABASE_URL (PostgreSQL via psycopg) or a local SQLite file."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DEFAULT_DB_PATH = "./newsbot.db"


def database_url(url: str | None = None) -> str:
    """The database URL to use: `url`, else DATABASE_URL, else the SQLite file at NEWSBOT_DB_PATH."""
    chosen = url or os.environ.get("DATABASE_URL") or ""
    if not chosen:
        path = os.environ.get("NEWSBOT_DB_PATH") or DEFAULT_DB_PATH
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (see `database_url`); SQLite gets foreign keys and a busy timeout."""
    resolved = database_url(url)
    if make_url(resolved).get_backend_name() != "sqlite":
        return create_engine(resolved, pool_pre_ping=True)
    engine = create_engine(resolved, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
