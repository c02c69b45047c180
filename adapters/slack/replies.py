"""What the Slack bot says besides reports: usage, confirmations, refusals and error notes."""

from __future__ import annotations

USAGE = (
    "Usage: `/summarise <link or pasted article text>` posts a summary here; "
    "`/summarise private <...>` shows it only to you; "
    "`/summarise compare <link> <link> …` (2 to 5 links) compares how outlets report one story; "
    "`/summarise auto on|off` (channel managers) summarises links posted in this channel."
)
READING = ":hourglass_flowing_sand: Reading it now…"
MENTION_HINT = "Mention me with a link to an article and I'll summarise it in a thread."
NOT_A_MANAGER = (
    "Only workspace admins and owners (or the people listed in NEWSBOT_SLACK_MANAGERS) "
    "can switch automatic summaries for a channel."
)
AUTO_ON = "<@{user}> switched automatic summaries *on*: I'll reply in a thread to messages with links."
AUTO_OFF = "<@{user}> switched automatic summaries *off* for this channel."
