"""Writing Slack mrkdwn safely: escaping, links, and text fitted to a limit once escaped."""

from __future__ import annotations

from bot.view import fitted


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
