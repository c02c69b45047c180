"""Small SQL helpers the stores share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignore(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]], conflict: Sequence[str]
) -> int:
    """Insert `rows`, skipping those that clash on the `conflict` columns; returns how many were new.

    Counted by RETURNING, not by the driver's rowcount (psycopg reports -1 for these statements).
    """
    if not rows:
        return 0
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .on_conflict_do_nothing(index_elements=list(conflict))
        .returning(table.c[conflict[0]])
    )
    inserted = 0
    for row in rows:
        inserted += connection.execute(statement, row).first() is not None
    return inserted
