"""Databases for digest tests: a fresh SQLite file, or a fresh schema on the test PostgreSQL.

PostgreSQL is NEWSBOT_TEST_DATABASE_URL (default postgres@127.0.0.1:5432/test). When it cannot be
reached the test is skipped with a message, or fails when NEWSBOT_REQUIRE_POSTGRES=1 (as in CI).

Use the `db_url` fixture (one run per backend) or `pg_url` (PostgreSQL only) by importing them
into a test module.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.store.engine import database_url, make_engine
from bot.store.migrate import upgrade

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def postgres_schema(*, migrate: bool = True) -> Iterator[str]:
    """The URL of a fresh schema on the test server (migrated unless `migrate` is false), dropped afterwards."""
    base = database_url(os.environ.get("NEWSBOT_TEST_DATABASE_URL") or DEFAULT_PG_URL)
    admin = create_engine(base, connect_args={"connect_timeout": 3})
    shown = make_url(base).render_as_string(hide_password=True)
    try:
        with admin.connect():
            pass
    except Exception as error:
        admin.dispose()
        message = f"PostgreSQL not reachable at {shown}: {type(error).__name__}"
        if os.environ.get("NEWSBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (NEWSBOT_REQUIRE_POSTGRES=1, as in CI)")
        pytest.skip(message)
    schema = f"newsbot_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    if migrate:
        engine = make_engine(rendered)
        upgrade(engine)
        engine.dispose()
    try:
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def sqlite_url(directory: Path, *, migrate: bool = True) -> str:
    """The URL of a fresh SQLite file in `directory` (migrated unless `migrate` is false)."""
    url = f"sqlite:///{directory / f'digests-{uuid.uuid4().hex[:6]}.db'}"
    if migrate:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL schema."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with postgres_schema() as url:
        yield url
