"""Small SQL helpers the digest stores share (they live in `bot.store.sql`)."""

from __future__ import annotations

from bot.store.sql import insert_ignore

__all__ = ["insert_ignore"]
