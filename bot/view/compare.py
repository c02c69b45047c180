"""A comparison of outlets as every surface shows it: the platform-neutral view that the terminal,
Markdown, Slack and Discord renderers map to their own formats.

All the presentation decisions live here: what an outlet is called, the warning when the
articles are not about one story, whose summary tells the story, how a credited source reads,
the counts line, and the outlets in ranking order with the key claims only they make.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..compare.result import Comparison, Credit, Outlet, OutletClaim
from ..model import Claim, ClaimSpans, Severity, Speaker, SpeakerKind
from .fit import plain, shorten
from .report import quoted
from .wording import wording

TITLE_AS_NAME = 48
"""The most characters of a title used as an outlet's name when it has no site or link."""


@dataclass(frozen=True)
class CreditView:
    """Whom one outlet credits for a shared claim, and how that outlet words it."""

    outlet: str
    source: str
    kind: SpeakerKind
    claim: str


@dataclass(frozen=True)
class SharedClaimView:
    """A claim several outlets make: the best-sourced outlet's wording, then each outlet's credit."""

    claim: str
    credits: tuple[CreditView, ...]


@dataclass(frozen=True)
class OnlyClaimView:
    """A key claim only one outlet makes, with whom it credits and the flags on it."""

    claim: str
    source: str
    kind: SpeakerKind
    flags: tuple[str, ...]


@dataclass(frozen=True)
class OutletView:
    """One outlet in the ranking."""

    rank: int
    name: str
    title: str | None
    """The article's title, unless `name` already holds it (two articles of one outlet)."""
    url: str | None
    counts: str
    verdict: str
    worst: Severity | None
    central_warning: str | None
    only: tuple[OnlyClaimView, ...]


@dataclass(frozen=True)
class CompareView:
    """Everything a surface shows of a comparison, in reading order."""

    heading: str
    warning: str | None
    summary_heading: str
    summary: tuple[str, ...]
    summary_from: str
    shared_heading: str
    shared: tuple[SharedClaimView, ...]
    no_shared: str | None
    outlets_heading: str
    outlets: tuple[OutletView, ...]
    """Best- to worst-sourced."""
    only_heading: str
    ranking_note: str
    footer: str


def outlet_name(outlet: Outlet) -> str:
    """What to call an outlet: its site, else its link's host, else its title, else 'Article N'."""
    if outlet.site and outlet.site.strip():
        return plain(outlet.site)
    if outlet.url:
        host = urlsplit(outlet.url).hostname
        if host:
            return host.removeprefix("www.")
    if outlet.title and outlet.title.strip():
        return shorten(plain(outlet.title), TITLE_AS_NAME)
    return wording().compare["article"].format(number=outlet.index + 1)


def distinct_names(outlets: Sequence[Outlet]) -> list[str]:
    """Each outlet's name (`outlet_name`); two articles of one outlet also get their titles (or
    numbers), so a warning or a credit never leaves the reader guessing which one is meant."""
    names = [outlet_name(o) for o in outlets]
    repeated = {name for name in names if names.count(name) > 1}
    return [
        wording().compare["same_outlet"].format(
            outlet=name, title=shorten(plain(o.title), TITLE_AS_NAME) if o.title and o.title.strip() else o.index + 1
        )
        if name in repeated
        else name
        for name, o in zip(names, outlets, strict=True)
    ]


def credit_label(credit: Credit) -> str:
    """'Ana Ruiz, mayor of Port Hale', 'anonymous: two officials', 'no source given'."""
    name = plain(credit.name or "") or None
    description = plain(credit.description or "") or None
    both = credit.kind == "named" and name and description
    who = f"{name}, {description}" if both else name or description or ""
    labels = wording().credit_labels
    if not who:
        return labels["none"]
    return labels.get(credit.kind, "{who}").format(who=who)


def _claim_text(version: OutletClaim) -> str:
    """The claim as a report shows it (whole quotes in one pair of marks)."""
    return quoted(Claim(version.text, version.direct, Speaker(None, None, version.credit.kind), None, ClaimSpans(())))


def _flag_labels(version: OutletClaim) -> tuple[str, ...]:
    labels = wording().flag_labels
    return tuple(
        f"{labels.get(kind, kind.replace('_', ' ').capitalize())} ({severity})"
        for kind, severity in version.flags
        if severity != "info"
    )


def _warning(comparison: Comparison, names: list[str]) -> str | None:
    words = wording().compare
    if comparison.same_story:
        return None
    if len(comparison.off_story) == len(comparison.outlets):
        return words["warning_all"]
    off = [names[i] for i in comparison.off_story]
    joined = off[0] if len(off) == 1 else ", ".join(off[:-1]) + " and " + off[-1]
    return words["warning_some"].format(names=joined, verb="does" if len(off) == 1 else "do")


def compare_view(comparison: Comparison) -> CompareView:
    """The view of `comparison` that every surface renders."""
    words = wording()
    cw = words.compare
    names = distinct_names(comparison.outlets)
    rank = {index: position for position, index in enumerate(comparison.ranking)}
    shared = tuple(
        SharedClaimView(
            claim=_claim_text(min(s.versions, key=lambda v: rank[v.outlet])),
            credits=tuple(
                CreditView(names[v.outlet], credit_label(v.credit), v.credit.kind, _claim_text(v))
                for v in sorted(s.versions, key=lambda v: rank[v.outlet])
            ),
        )
        for s in comparison.shared
    )
    c = cw["counts"]
    outlets = tuple(
        OutletView(
            rank=o.rank,
            name=names[o.index],
            title=plain(o.title) if o.title and names[o.index] == outlet_name(o) else None,
            url=o.url,
            counts=c.format(
                named=o.counts.named,
                anonymous=o.counts.anonymous,
                agentless=o.counts.agentless,
                relayed=o.counts.relayed,
            ),
            verdict=plain(o.verdict) or words.no_verdict,
            worst=o.worst,
            central_warning=words.central_warning if o.core_claim_anonymous else None,
            only=tuple(
                OnlyClaimView(_claim_text(v), credit_label(v.credit), v.credit.kind, _flag_labels(v))
                for v in o.only_here
            ),
        )
        for o in comparison.ranked()
    )
    return CompareView(
        heading=cw["heading"].format(count=len(comparison.outlets)),
        warning=_warning(comparison, names),
        summary_heading=cw["summary_heading"],
        summary=tuple(plain(s) for s in comparison.summary if s.strip()),
        summary_from=cw["summary_from"].format(outlet=names[comparison.summary_from]),
        shared_heading=cw["shared_heading"],
        shared=shared,
        no_shared=None if shared else cw["no_shared"],
        outlets_heading=cw["outlets_heading"],
        outlets=outlets,
        only_heading=cw["only_heading"],
        ranking_note=cw["ranking_note"],
        footer=cw["footer"],
    )
