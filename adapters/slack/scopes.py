"""The bot token scopes newsbot asks for (the manifest lists exactly these)."""

BOT_SCOPES = (
    "app_mentions:read",  # app_mention events
    "channels:history",  # message events in public channels (automatic mode)
    "groups:history",  # message events in private channels (automatic mode)
    "chat:write",  # chat.postMessage, chat.postEphemeral
    "commands",  # /summarise and the message shortcut
    "links:read",  # link_shared events
    "links:write",  # chat.unfurl
    "users:read",  # users.info: who may switch automatic mode
)
