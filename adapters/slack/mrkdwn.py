"""Writing Slack mrkdwn safely: escaping, links, and shortening text to a length limit."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")


def escape(text: str) -> str:
    """Text with `&`, `<` and `>` escaped, as Slack requires in mrkdwn and plain message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; characters that would end the link token early are percent-encoded."""
    safe_url = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace("&", "&amp;")
    return f"<{safe_url}|{escape(label.replace('|', '/'))}>"


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a sentence or word boundary, ending in "…"."""
    if len(text) <= limit:
        return text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[: max(limit, 0)]
    ends = [m.end() for m in _SENTENCE_END.finditer(text[: limit - 1])]
    if ends and ends[-1] >= 0.6 * limit:
        return text[: ends[-1]].rstrip() + " " + ELLIPSIS
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def escaped_within(text: str, limit: int) -> str:
    """`text` escaped for mrkdwn, shortened first so the escaped form fits in `limit`."""
    budget = limit
    while True:
        escaped = escape(shorten(text, budget))
        if len(escaped) <= limit:
            return escaped
        budget -= len(escaped) - limit
