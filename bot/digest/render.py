"""Plain-text rendering of digests (the CLI) and of subscriptions (for /digest list)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.model import Digest
from bot.digest.subscriptions import Subscription
from bot.view import AlsoView, digest_view


def _also_line(also: AlsoView) -> str:
    badge = f" [{also.badge}]" if also.badge else ""
    link = f" <{also.url}>" if also.url else ""
    return f"{also.label}: {also.title}{badge}{link}"


def render_text(digest: Digest) -> str:
    """The digest as plain text (a mapping of the digest view): a heading, then each item with
    its link, summary, badge and the other outlets' versions of it, the items beyond the limit,
    the stories already posted that other outlets also report, and the footer."""
    view = digest_view(digest)
    lines = [view.title, "=" * min(len(view.title), 72)]
    lines += [f"! {notice}" for notice in view.notices]
    for number, item in enumerate(view.items, 1):
        lines.append("")
        lines.append(f"{number}. {item.title}")
        if item.url:
            lines.append(f"   {item.url}")
        lines += [f"   {sentence}" for sentence in item.summary]
        if item.badge:
            lines.append(f"   [{item.badge}]")
        lines += [f"   + {_also_line(also)}" for also in item.also]
    if view.more_heading:
        lines += ["", view.more_heading]
        for link in view.more:
            lines.append(f"- {link.title}" + (f" <{link.url}>" if link.url and link.url != link.title else ""))
        if view.unlisted:
            lines.append(view.unlisted_line())
    if view.earlier_heading:
        lines += ["", view.earlier_heading]
        for story in view.earlier:
            lines.append(f"- {story.line}" + (f" <{story.url}>" if story.url else ""))
            lines += [f"  + {_also_line(also)}" for also in story.also]
    if view.nothing_new:
        lines.append(view.nothing_new)
    if view.footer:
        lines += ["", view.footer]
    return "\n".join(lines)


def _local(instant: datetime | None, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z") if instant else "never"


def _state(sub: Subscription) -> str:
    if sub.state != "active":
        return f"{sub.state}: {sub.state_reason or 'no reason given'}"
    if sub.failures:
        times = "once" if sub.failures == 1 else f"{sub.failures} times in a row"
        return f"active, retrying: failed {times}; last error: {sub.last_error or 'not recorded'}"
    if sub.last_error:
        return f"active; last problem: {sub.last_error}"
    return "active"


def _folded(count: int) -> str:
    if not count:
        return ""
    items = "1 item" if count == 1 else f"{count} items"
    return f" — {items} folded into stories already in the digest or channel (“also reported by”)"


def describe_subscription(sub: Subscription) -> str:
    """One line for /digest list: what, when, next and last run, state, and how many of its items
    were folded into stories already posted instead of posted again."""
    what = sub.feed_url if sub.kind == "feed" else "links shared here"
    extra = f", keywords: {' '.join(sub.keywords)}" if sub.keywords else ""
    state = _state(sub)
    next_run = _local(sub.next_run_at, sub.zone) if sub.state == "active" else "-"
    return (
        f"#{sub.id} {what} — {sub.schedule.spec} {sub.zone.key}, max {sub.max_items}{extra} — "
        f"next: {next_run}, last: {_local(sub.last_run_at, sub.zone)} — {state}{_folded(sub.folded)}"
    )
