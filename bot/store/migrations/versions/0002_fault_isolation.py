"""Digest fault isolation: /digest now requests, per-subscription errors, shared links taken by runs,
and the event ids the chat adapters have received.

Revision ID: 0002_fault_isolation
Revises: 0001_initial

Only ADD COLUMN and CREATE INDEX/TABLE touch the tables other tables refer to (`digest_subscriptions`,
`digest_runs`): on SQLite, a batch rebuild of those would drop them, and the drop fires the
ON DELETE actions of the tables that refer to them. `digest_shared_links`, which nothing refers
to, is rebuilt in batch mode on SQLite to gain its foreign key.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_fault_isolation"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_TAKE_COVERED_LINKS = sa.text(
    """
    UPDATE digest_shared_links SET run_id = (
        SELECT MAX(r.id) FROM digest_runs r
        JOIN digest_subscriptions s ON s.id = r.subscription_id
        WHERE s.kind = 'shared'
          AND s.platform = digest_shared_links.platform
          AND s.workspace = digest_shared_links.workspace
          AND s.channel = digest_shared_links.channel
          AND digest_shared_links.shared_at <= s.covered_until
    )
    WHERE run_id IS NULL
    """
)
"""Links that a finished run already covered count as taken by that subscription's latest run, so
the upgrade does not bring back links that scrolled past a digest before."""
_DROP_ORPHAN_LINKS = sa.text(
    """
    DELETE FROM digest_shared_links
    WHERE run_id IS NULL AND NOT EXISTS (
        SELECT 1 FROM digest_subscriptions s
        WHERE s.kind = 'shared'
          AND s.platform = digest_shared_links.platform
          AND s.workspace = digest_shared_links.workspace
          AND s.channel = digest_shared_links.channel
    )
    """
)
"""Links recorded for a shared-links digest that was switched off: from now on they are deleted with
it, so that switching it on again does not post them."""


def upgrade() -> None:
    """Add the columns, the foreign key, the indexes and the event_receipts table."""
    op.add_column("digest_subscriptions", sa.Column("requested_by", sa.String(64)))
    op.add_column("digest_subscriptions", sa.Column("last_error", sa.Text()))
    op.add_column("digest_runs", sa.Column("requested_by", sa.String(64)))
    with op.batch_alter_table("digest_shared_links") as batch:
        batch.add_column(sa.Column("run_id", sa.Integer()))
        batch.create_foreign_key(
            "fk_digest_shared_links_run_id_digest_runs",
            "digest_runs",
            ["run_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_digest_shared_links_run", "digest_shared_links", ["run_id"])
    op.execute(_TAKE_COVERED_LINKS)
    op.execute(_DROP_ORPHAN_LINKS)
    op.create_table(
        "event_receipts",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "event_id", name="pk_event_receipts"),
    )
    op.create_index("ix_event_receipts_received_at", "event_receipts", ["received_at"])


def downgrade() -> None:
    """Remove what the upgrade added (the taken-by marks of shared links are lost)."""
    op.drop_index("ix_event_receipts_received_at", table_name="event_receipts")
    op.drop_table("event_receipts")
    op.drop_index("ix_digest_shared_links_run", table_name="digest_shared_links")
    with op.batch_alter_table("digest_shared_links") as batch:
        batch.drop_constraint("fk_digest_shared_links_run_id_digest_runs", type_="foreignkey")
        batch.drop_column("run_id")
    op.drop_column("digest_runs", "requested_by")
    op.drop_column("digest_subscriptions", "last_error")
    op.drop_column("digest_subscriptions", "requested_by")
