"""The Discord adapter: slash command, message menu and automatic mode on top of the chat service.

Modules: `render` (Report -> embeds, pure) with `shorten` and `limits` (Discord's size limits),
`replies` (the bot's other sentences), `flows` (what each trigger does), `commands` (the
application commands), `client` (the discord.py client), `endpoints` (REST / gateway URL
overrides), `sharding`, `invite`, `settings` and `run` (the `newsbot discord` entry point).
See README.md in this directory.
"""
