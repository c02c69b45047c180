"""One story, one digest entry; and the sourcing scorecard per outlet.

Revision ID: 0003_stories_scorecard
Revises: 0002_fault_isolation

- `digest_stories`: the story fingerprint of each item a digest posted as an entry, kept for a day
  so that another digest of the channel can fold a later version of the story into it;
- `digest_folds`: each item folded into a story instead of being posted as an entry ("also
  reported by"), with the run that folded it;
- `scorecard_articles`: one row per article analysed for a channel (its site, when, and its
  counts of claims and weak-sourcing flags; never its text, never who asked);
- `digest_article_cache` gains the outlet's name, the scorecard counts and the story fingerprint
  of each analysed article (rows cached before this revision have none and are analysed again).

Only new tables and ADD COLUMN: nothing that other tables refer to is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_stories_scorecard"
down_revision = "0002_fault_isolation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the stories, folds and scorecard tables; add the cache's columns."""
    op.add_column("digest_article_cache", sa.Column("outlet", sa.Text()))
    op.add_column("digest_article_cache", sa.Column("facts_json", sa.Text()))
    op.add_column("digest_article_cache", sa.Column("story_json", sa.Text()))
    op.create_table(
        "digest_stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("run_id", sa.Integer()),
        sa.Column("subscription_id", sa.Integer()),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("fingerprint_json", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_stories"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["digest_runs.id"], name="fk_digest_stories_run_id_digest_runs", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["digest_subscriptions.id"],
            name="fk_digest_stories_subscription_id_digest_subscriptions",
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_digest_stories_channel_time", "digest_stories", ["platform", "workspace", "channel", "posted_at"]
    )
    op.create_index("ix_digest_stories_run", "digest_stories", ["run_id"])
    op.create_table(
        "digest_folds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer()),
        sa.Column("item_key", sa.String(80), nullable=False),
        sa.Column("outlet", sa.Text()),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("badge", sa.Text()),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("folded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digest_folds"),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["digest_subscriptions.id"],
            name="fk_digest_folds_subscription_id_digest_subscriptions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["digest_runs.id"], name="fk_digest_folds_run_id_digest_runs", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["digest_stories.id"], name="fk_digest_folds_story_id_digest_stories", ondelete="SET NULL"
        ),
    )
    op.create_index("ix_digest_folds_subscription", "digest_folds", ["subscription_id"])
    op.create_index("ix_digest_folds_run", "digest_folds", ["run_id"])
    op.create_table(
        "scorecard_articles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("article_key", sa.String(80), nullable=False),
        sa.Column("site", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("named_claims", sa.Integer(), nullable=False),
        sa.Column("core_anonymous", sa.Boolean(), nullable=False),
        sa.Column("weak_anonymous", sa.Integer(), nullable=False),
        sa.Column("weak_agentless", sa.Integer(), nullable=False),
        sa.Column("weak_second_hand", sa.Integer(), nullable=False),
        sa.Column("weak_vague", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scorecard_articles"),
        sa.UniqueConstraint(
            "platform", "workspace", "channel", "article_key", name="uq_scorecard_articles_channel_article"
        ),
    )
    op.create_index("ix_scorecard_articles_recorded_at", "scorecard_articles", ["recorded_at"])
    op.create_index(
        "ix_scorecard_articles_channel", "scorecard_articles", ["platform", "workspace", "channel", "recorded_at"]
    )


def downgrade() -> None:
    """Drop what the upgrade created (folds, stories and the scorecard are lost)."""
    op.drop_index("ix_scorecard_articles_channel", table_name="scorecard_articles")
    op.drop_index("ix_scorecard_articles_recorded_at", table_name="scorecard_articles")
    op.drop_table("scorecard_articles")
    op.drop_index("ix_digest_folds_run", table_name="digest_folds")
    op.drop_index("ix_digest_folds_subscription", table_name="digest_folds")
    op.drop_table("digest_folds")
    op.drop_index("ix_digest_stories_run", table_name="digest_stories")
    op.drop_index("ix_digest_stories_channel_time", table_name="digest_stories")
    op.drop_table("digest_stories")
    op.drop_column("digest_article_cache", "story_json")
    op.drop_column("digest_article_cache", "facts_json")
    op.drop_column("digest_article_cache", "outlet")
