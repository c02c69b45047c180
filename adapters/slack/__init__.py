"""The Slack adapter: Slack events in, core calls, Block Kit messages out (see README.md here)."""
