"""Shortening text for Discord: the core's shared helper (`bot.view.shorten`)."""

from __future__ import annotations

from bot.view.fit import ELLIPSIS, shorten

__all__ = ["ELLIPSIS", "shorten"]
