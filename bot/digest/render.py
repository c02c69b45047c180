"""Plain-text rendering of digests (the CLI) and of subscriptions (for /digest list)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.model import Digest
from bot.digest.subscriptions import Subscription


def render_text(digest: Digest) -> str:
    """The digest as plain text: a heading, then each item with its link, summary and badge."""
    lines = [digest.title, "=" * min(len(digest.title), 72)]
    lines += [f"! {notice}" for notice in digest.notices]
    for number, item in enumerate(digest.items, 1):
        lines.append("")
        lines.append(f"{number}. {item.title}")
        if item.url:
            lines.append(f"   {item.url}")
        lines += [f"   {sentence}" for sentence in item.summary]
        if item.badge:
            lines.append(f"   [{item.badge}]")
    if not digest.items and not digest.notices:
        lines.append("(nothing new)")
    return "\n".join(lines)


def _local(instant: datetime | None, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z") if instant else "never"


def describe_subscription(sub: Subscription) -> str:
    """One line for /digest list: what, when, next and last run, and state."""
    what = sub.feed_url if sub.kind == "feed" else "links shared here"
    extra = f", keywords: {' '.join(sub.keywords)}" if sub.keywords else ""
    state = "active" if sub.state == "active" else f"{sub.state}: {sub.state_reason or 'no reason given'}"
    next_run = _local(sub.next_run_at, sub.zone) if sub.state == "active" else "-"
    return (
        f"#{sub.id} {what} — {sub.schedule.spec} {sub.zone.key}, max {sub.max_items}{extra} — "
        f"next: {next_run}, last: {_local(sub.last_run_at, sub.zone)} — {state}"
    )
