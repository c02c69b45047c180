"""The database tables (SQLAlchemy Core); migrations under `migrations/` create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

channel_settings = Table(
    "channel_settings",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("workspace", String(64), primary_key=True),
    Column("channel", String(64), primary_key=True),
    Column("auto", Boolean, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

digest_feeds = Table(
    "digest_feeds",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched_at", UTCDateTime),
)

digest_feed_entries = Table(
    "digest_feed_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_url", String(2048), ForeignKey("digest_feeds.url", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(80), nullable=False),
    Column("link_key", String(80)),
    Column("title", Text, nullable=False),
    Column("link", Text),
    Column("summary", Text, nullable=False),
    Column("published", UTCDateTime),
    Column("first_seen", UTCDateTime, nullable=False),
    UniqueConstraint("feed_url", "item_key", name="uq_digest_feed_entries_feed_item"),
)

digest_subscriptions = Table(
    "digest_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("channel", String(64), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("feed_url", String(2048)),
    Column("schedule", String(64), nullable=False),
    Column("tz", String(64), nullable=False),
    Column("max_items", Integer, nullable=False),
    Column("keywords", Text, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", String(8), nullable=False),
    Column("state_reason", Text),
    Column("failures", Integer, nullable=False),
    Column("covered_until", UTCDateTime, nullable=False),
    Column("last_run_at", UTCDateTime),
    Column("next_run_at", UTCDateTime, nullable=False),
    Column("requested_by", String(64)),
    Column("last_error", Text),
    Index("ix_digest_subscriptions_channel", "platform", "workspace", "channel"),
    Index("ix_digest_subscriptions_due", "state", "next_run_at"),
)

digest_runs = Table(
    "digest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "subscription_id",
        Integer,
        ForeignKey("digest_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("due_at", UTCDateTime, nullable=False),
    Column("window_start", UTCDateTime, nullable=False),
    Column("window_end", UTCDateTime),
    Column("state", String(8), nullable=False),
    Column("idempotency_key", String(120), nullable=False, unique=True),
    Column("claimed_by", String(120), nullable=False),
    Column("lease_until", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("digest_json", Text),
    Column("error", Text),
    Column("finished_at", UTCDateTime),
    Column("requested_by", String(64)),
    UniqueConstraint("subscription_id", "due_at", name="uq_digest_runs_subscription_due"),
    Index("ix_digest_runs_state_lease", "state", "lease_until"),
)

digest_posted_items = Table(
    "digest_posted_items",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("workspace", String(64), primary_key=True),
    Column("channel", String(64), primary_key=True),
    Column("item_key", String(80), primary_key=True),
    Column("run_id", Integer, ForeignKey("digest_runs.id", ondelete="SET NULL")),
    Column("posted_at", UTCDateTime, nullable=False),
)

digest_shared_links = Table(
    "digest_shared_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("channel", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("item_key", String(80), nullable=False),
    Column("shared_by", String(64), nullable=False),
    Column("shared_at", UTCDateTime, nullable=False),
    Column("run_id", Integer, ForeignKey("digest_runs.id", ondelete="SET NULL")),
    Index("ix_digest_shared_links_channel_time", "platform", "workspace", "channel", "shared_at"),
    Index("ix_digest_shared_links_run", "run_id"),
)

digest_article_cache = Table(
    "digest_article_cache",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("title", Text),
    Column("summary_json", Text, nullable=False),
    Column("badge", Text),
    Column("analysed_at", UTCDateTime, nullable=False),
    Column("outlet", Text),
    Column("facts_json", Text),
    Column("story_json", Text),
)

digest_stories = Table(
    "digest_stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("channel", String(64), nullable=False),
    Column("run_id", Integer, ForeignKey("digest_runs.id", ondelete="SET NULL")),
    Column("subscription_id", Integer, ForeignKey("digest_subscriptions.id", ondelete="SET NULL")),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("fingerprint_json", Text, nullable=False),
    Column("posted_at", UTCDateTime, nullable=False),
    Index("ix_digest_stories_channel_time", "platform", "workspace", "channel", "posted_at"),
    Index("ix_digest_stories_run", "run_id"),
)

digest_folds = Table(
    "digest_folds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "subscription_id",
        Integer,
        ForeignKey("digest_subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("run_id", Integer, ForeignKey("digest_runs.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", Integer, ForeignKey("digest_stories.id", ondelete="SET NULL")),
    Column("item_key", String(80), nullable=False),
    Column("outlet", Text),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("badge", Text),
    Column("score", Float, nullable=False),
    Column("folded_at", UTCDateTime, nullable=False),
    Index("ix_digest_folds_subscription", "subscription_id"),
    Index("ix_digest_folds_run", "run_id"),
)

scorecard_articles = Table(
    "scorecard_articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("workspace", String(64), nullable=False),
    Column("channel", String(64), nullable=False),
    Column("article_key", String(80), nullable=False),
    Column("site", String(255), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("named_claims", Integer, nullable=False),
    Column("core_anonymous", Boolean, nullable=False),
    Column("weak_anonymous", Integer, nullable=False),
    Column("weak_agentless", Integer, nullable=False),
    Column("weak_second_hand", Integer, nullable=False),
    Column("weak_vague", Integer, nullable=False),
    UniqueConstraint(
        "platform", "workspace", "channel", "article_key", name="uq_scorecard_articles_channel_article"
    ),
    Index("ix_scorecard_articles_recorded_at", "recorded_at"),
    Index("ix_scorecard_articles_channel", "platform", "workspace", "channel", "recorded_at"),
)

event_receipts = Table(
    "event_receipts",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("event_id", String(128), primary_key=True),
    Column("received_at", UTCDateTime, nullable=False),
    Index("ix_event_receipts_received_at", "received_at"),
)
