"""Writing Discord markdown safely: text from articles and feeds with its markdown neutralised."""

from __future__ import annotations

import discord

from bot.view import plain


def escape(text: str) -> str:
    """`text` on one line (whitespace collapsed) with Discord markdown neutralised."""
    return discord.utils.escape_markdown(plain(text))
