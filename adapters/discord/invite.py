"""The OAuth2 link that adds the bot to a server, with exactly the permissions it uses."""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")


def required_permissions() -> discord.Permissions:
    """See channels, post replies (also in threads) with embeds, and reply to earlier messages."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
    )


def invite_url(application_id: int) -> str:
    """The invite link for the application, with the `bot` and `applications.commands` scopes."""
    return discord.utils.oauth_url(application_id, permissions=required_permissions(), scopes=SCOPES)
