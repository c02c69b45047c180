"""Channel settings and the digest tables.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create channel_settings and every digest table."""
    op.create_table(
        "channel_settings",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("auto", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "workspace", "channel", name="pk_channel_settings"),
    )
    op.create_table(
        "digest_feeds",
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("fetched_at", sa.DateTime()),
        sa.PrimaryKeyConstraint("url", name="pk_digest_feeds"),
    )
    op.create_table(
        "digest_feed_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_url", sa.String(2048), nullable=False),
        sa.Column("item_key", sa.String(80), nullable=False),
        sa.Column("link_key", sa.String(80)),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("link", sa.Text()),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("published", sa.DateTime()),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_feed_entries"),
        sa.ForeignKeyConstraint(
            ["feed_url"],
            ["digest_feeds.url"],
            name="fk_digest_feed_entries_feed_url_digest_feeds",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("feed_url", "item_key", name="uq_digest_feed_entries_feed_item"),
    )
    op.create_table(
        "digest_subscriptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("feed_url", sa.String(2048)),
        sa.Column("schedule", sa.String(64), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("max_items", sa.Integer(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("state_reason", sa.Text()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("covered_until", sa.DateTime(), nullable=False),
        sa.Column("last_run_at", sa.DateTime()),
        sa.Column("next_run_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_subscriptions"),
    )
    op.create_index(
        "ix_digest_subscriptions_channel", "digest_subscriptions", ["platform", "workspace", "channel"]
    )
    op.create_index("ix_digest_subscriptions_due", "digest_subscriptions", ["state", "next_run_at"])
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("window_end", sa.DateTime()),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("idempotency_key", sa.String(120), nullable=False),
        sa.Column("claimed_by", sa.String(120), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("digest_json", sa.Text()),
        sa.Column("error", sa.Text()),
        sa.Column("finished_at", sa.DateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_digest_runs"),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["digest_subscriptions.id"],
            name="fk_digest_runs_subscription_id_digest_subscriptions",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("idempotency_key", name="uq_digest_runs_idempotency_key"),
        sa.UniqueConstraint("subscription_id", "due_at", name="uq_digest_runs_subscription_due"),
    )
    op.create_index("ix_digest_runs_state_lease", "digest_runs", ["state", "lease_until"])
    op.create_table(
        "digest_posted_items",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("item_key", sa.String(80), nullable=False),
        sa.Column("run_id", sa.Integer()),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "platform", "workspace", "channel", "item_key", name="pk_digest_posted_items"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["digest_runs.id"],
            name="fk_digest_posted_items_run_id_digest_runs",
            ondelete="SET NULL",
        ),
    )
    op.create_table(
        "digest_shared_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("item_key", sa.String(80), nullable=False),
        sa.Column("shared_by", sa.String(64), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_shared_links"),
    )
    op.create_index(
        "ix_digest_shared_links_channel_time",
        "digest_shared_links",
        ["platform", "workspace", "channel", "shared_at"],
    )
    op.create_table(
        "digest_article_cache",
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("summary_json", sa.Text(), nullable=False),
        sa.Column("badge", sa.Text()),
        sa.Column("analysed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_digest_article_cache"),
    )


def downgrade() -> None:
    """Drop everything the upgrade created."""
    for table in (
        "digest_article_cache",
        "digest_shared_links",
        "digest_posted_items",
        "digest_runs",
        "digest_subscriptions",
        "digest_feed_entries",
        "digest_feeds",
        "channel_settings",
    ):
        op.drop_table(table)
