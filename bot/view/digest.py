"""A digest as every surface shows it: the platform-neutral view that the terminal, Slack and
Discord digest renderers map to their own formats.

Every chat renderer keeps to the same rules, with the helpers here and in `fit`: notices (e.g.
"digest paused") come first, and a digest of notices only is just those notices; a digest too
large for one message continues in the next (`pack_groups`), items never split between
messages, each message headed by the digest's title and, when there are several, its number
(`part_suffix`); summaries keep whole sentences, only a single sentence longer than an item's
room is shortened at a word boundary (`whole_sentences`); items beyond the digest's limit follow
as "And 2 more links:", one linked title a line (`DigestView.more_lines`); every link is made
well formed or left out (`bot.digest.links`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..digest.links import web_link
from ..digest.model import AlsoReported, Digest, DigestItem, DigestLink, EarlierStory
from .fit import Escape, plain, shorten
from .report import title_of
from .wording import wording

MORE_TITLE_MAX = 150
"""Characters of one title in the list of entries beyond a digest's limit (our choice)."""
MORE_LINK_MAX = 500
"""Longest link in that list; a longer one is left out and the title shown unlinked (our choice)."""

@dataclass(frozen=True)
class AlsoView:
    """Another outlet's version of a story: "Also reported by Coast Daily", its title, link and badge."""

    label: str
    outlet: str
    title: str
    url: str | None
    badge: str | None


@dataclass(frozen=True)
class ItemView:
    """One digest entry as shown: title (never empty), link, site, time, summary, sourcing badge,
    and the other outlets' versions of the story folded into it."""

    title: str
    url: str | None
    source: str | None
    published: datetime | None
    summary: tuple[str, ...]
    badge: str | None
    also: tuple[AlsoView, ...] = ()


@dataclass(frozen=True)
class EarlierView:
    """A story already posted in the channel: its line ("Title (posted 2024-05-06 09:00 UTC)"),
    title, link and time, then the new outlets' versions of it."""

    line: str
    title: str
    url: str | None
    posted_at: datetime
    also: tuple[AlsoView, ...]


@dataclass(frozen=True)
class LinkView:
    """An entry beyond the digest's item limit: a title and its link."""

    title: str
    url: str | None

    def fitted(self, escape: Escape = str) -> tuple[str, str | None]:
        """The title as `escape` writes it, shortened to MORE_TITLE_MAX, and the link made well formed
        within MORE_LINK_MAX, or None (the title is then shown unlinked)."""
        return shorten(escape(self.title), MORE_TITLE_MAX), web_link(self.url, MORE_LINK_MAX)


@dataclass(frozen=True)
class DigestView:
    """Everything a surface shows of one digest, in reading order."""

    title: str
    notices: tuple[str, ...]
    items: tuple[ItemView, ...]
    more_heading: str | None
    more: tuple[LinkView, ...]
    unlisted: int
    nothing_new: str | None
    footer: str | None
    earlier_heading: str | None = None
    earlier: tuple[EarlierView, ...] = ()

    def unlisted_line(self, count: int | None = None) -> str:
        """'…and 12 more not listed here.' for `count` (default: the digest's own) entries."""
        return f"…and {self.unlisted if count is None else count} more not listed here."

    def more_lines(
        self, line: Callable[[LinkView], str], room: int, *, head: Sequence[str] = ()
    ) -> tuple[list[str], str]:
        """`head`, then `line(entry)` for each entry beyond the limit while the lines, joined by
        newlines, fit in `room` characters; and the closing line counting the entries not listed
        ("" when every entry is)."""
        lines = list(head)
        for number, entry in enumerate(self.more):
            shown = line(entry)
            if len("\n".join([*lines, shown])) > room:
                return lines, self.unlisted_line(self.unlisted + len(self.more) - number)
            lines.append(shown)
        return lines, self.unlisted_line() if self.unlisted else ""


def part_suffix(number: int, total: int) -> str:
    """What follows a digest's title on part `number` of `total` messages: " (2/3)", or nothing
    when the digest fits in one."""
    return f" ({number}/{total})" if total > 1 else ""


def more_heading(count: int) -> str:
    """The line before the entries beyond a digest's limit: "And 2 more links:"."""
    return f"And {count} more {'link' if count == 1 else 'links'}:"


def _badge(badge: str | None) -> str | None:
    return plain(badge) if badge and badge.strip() else None


def _also(also: AlsoReported) -> AlsoView:
    outlet = plain(also.outlet) or title_of("", also.url)
    return AlsoView(
        label=wording().folds["also"].format(outlet=outlet),
        outlet=outlet,
        title=title_of(also.title, also.url),
        url=also.url,
        badge=_badge(also.badge),
    )


def _item(item: DigestItem) -> ItemView:
    return ItemView(
        title=title_of(item.title, item.url),
        url=item.url,
        source=plain(item.source) if item.source and item.source.strip() else None,
        published=item.published,
        summary=tuple(plain(s) for s in item.summary if s.strip()),
        badge=_badge(item.badge),
        also=tuple(_also(also) for also in item.also),
    )


def _earlier(story: EarlierStory) -> EarlierView:
    words = wording().folds
    title = title_of(story.title, story.url)
    when = story.posted_at.strftime(words["when"])
    return EarlierView(
        line=words["earlier_story"].format(title=title, when=when),
        title=title,
        url=story.url,
        posted_at=story.posted_at,
        also=tuple(_also(also) for also in story.also),
    )


def _link(link: DigestLink) -> LinkView:
    return LinkView(title_of(link.title, link.url), link.url)


def digest_view(digest: Digest) -> DigestView:
    """The view of `digest` that every surface renders. A digest with news ends with the footer;
    one with neither news nor notices says there is nothing new."""
    words = wording()
    quiet = not digest.has_news and not any(n.strip() for n in digest.notices)
    return DigestView(
        title=plain(digest.title) or "Digest",
        notices=tuple(n.strip() for n in digest.notices if n.strip()),
        items=tuple(_item(i) for i in digest.items),
        more_heading=more_heading(digest.more_count) if digest.more_count else None,
        more=tuple(_link(link) for link in digest.more),
        unlisted=digest.unlisted,
        nothing_new=words.nothing_new if quiet else None,
        footer=words.digest_footer if digest.has_news else None,
        earlier_heading=words.folds["earlier_heading"] if digest.earlier else None,
        earlier=tuple(_earlier(story) for story in digest.earlier),
    )
