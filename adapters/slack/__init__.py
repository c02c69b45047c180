"""The Slack adapter: Slack events in, core calls, Block Kit messages out."""
