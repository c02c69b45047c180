"""Alembic environment: runs on the connection `bot.store.migrate` hands over, else on `make_engine()`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.store.engine import make_engine
from bot.store.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Apply the requested revisions on a live connection."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine()
    try:
        with engine.connect() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("newsbot migrations run online only (bot.store.migrate.upgrade)")
run_online()
