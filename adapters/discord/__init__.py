"""The Discord adapter: interactions and messages in, core calls, embeds out (see README.md here)."""
