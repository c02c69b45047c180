"""Writing Slack messages safely: mrkdwn escaping, links, text fitted to a limit once escaped, and
the Block Kit blocks both renderers build with."""

from __future__ import annotations

from typing import Any

from adapters.slack.limits import MAX_CONTEXT_ELEMENTS
from bot.view import fitted

Block = dict[str, Any]


def escape(text: str) -> str:
    """Text with `&`, `<` and `>` escaped, as Slack requires in mrkdwn and plain message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; characters that would end the link token early are percent-encoded."""
    safe_url = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace("&", "&amp;")
    return f"<{safe_url}|{escape(label.replace('|', '/'))}>"


def escaped_within(text: str, limit: int) -> str:
    """`text` escaped for mrkdwn, shortened first so the escaped form fits in `limit`."""
    return fitted(text, limit, escape)


def header(text: str) -> Block:
    """A header block of plain text (emoji allowed)."""
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def section(text: str) -> Block:
    """A section block of mrkdwn `text` (already escaped)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(texts: list[str]) -> Block:
    """A context block of mrkdwn texts (already escaped), at most Slack's number of elements."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts[:MAX_CONTEXT_ELEMENTS]]}
