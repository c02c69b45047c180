"""A report as every surface shows it: the platform-neutral view that the terminal, Slack and
Discord renderers map to their own formats (in the spirit of errbot's cards, typed and frozen).

All the presentation decisions live here: the title when there is none, the meta line, how a
claim reads, speakers and their claims, the sourcing headline with the central-claim warning,
the flags that matter (worst first) and one compact line per kind for sources that are
information only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import Claim, Flag, FlagKind, Report, Severity
from .fit import plain
from .wording import wording

SEVERITY_ORDER: tuple[Severity, ...] = ("high", "medium", "low", "info")
"""Worst first; every surface sorts and colours by this order."""


@dataclass(frozen=True)
class SpeakerView:
    """One speaker and the key claims they made, as shown."""

    name: str
    description: str | None
    claims: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Name, description'."""
        return f"{self.name}, {self.description}" if self.description else self.name


@dataclass(frozen=True)
class FlagView:
    """A sourcing flag worth the reader's attention."""

    severity: Severity
    kind: FlagKind
    label: str
    source: str
    reasons: tuple[str, ...]

    @property
    def line(self) -> str:
        """'Anonymous source: “three officials” (no reason …)' without platform marks."""
        reasons = f" ({'; '.join(self.reasons)})" if self.reasons else ""
        return f"{self.label}: “{self.source}”{reasons}"


@dataclass(frozen=True)
class MentionGroup:
    """Sources of one kind that are information only, in one compact line."""

    kind: FlagKind
    label: str
    sources: tuple[str, ...]

    @property
    def line(self) -> str:
        """'General groups: experts, critics'."""
        return f"{self.label}: {', '.join(self.sources)}"


@dataclass(frozen=True)
class SourcingView:
    """How the article is sourced, as shown: one sentence first, then what backs it."""

    verdict: str
    worst: Severity | None
    central_warning: str | None
    flags: tuple[FlagView, ...]
    mentions: tuple[MentionGroup, ...]
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ReportView:
    """Everything a surface shows of one report, in reading order."""

    title: str
    url: str | None
    meta: str
    summary: tuple[str, ...]
    speakers: tuple[SpeakerView, ...]
    sourcing: SourcingView
    notes: tuple[str, ...]
    footer: str


_OPENERS = "\"'“‘«„"
_CLOSERS = "\"'”’»“"
_PART_JOINER = " … "


def _unquote(part: str) -> str | None:
    """The words of a fully quoted part without its marks (and a dangling comma), else None."""
    if len(part) >= 2 and part[0] in _OPENERS:
        inner = part[1:].rstrip()
        if inner and inner[-1] in _CLOSERS:
            inner = inner[:-1]
        elif len(inner) > 1 and inner[-1] in ".,;:" and inner[-2] in _CLOSERS:
            inner = inner[:-2] + inner[-1]
        else:
            return None
        inner = inner.strip()
        return inner[:-1] if inner.endswith(",") else inner
    return None


def quoted(claim: Claim) -> str:
    """A claim's content as a reader sees it: whole quotes in one pair of marks, no leading 'that'."""
    text = plain(claim.text)
    parts = text.split(_PART_JOINER)
    unquoted = [_unquote(p) for p in parts]
    if all(u is not None for u in unquoted):
        return "“" + _PART_JOINER.join(u for u in unquoted if u is not None) + "”"
    if text[:5].casefold() == "that ":
        text = text[5:]
    opened = sum(text.count(c) for c in "“«") + (text.count('"') % 2)
    closed = sum(text.count(c) for c in "”»")
    if opened > closed and '"' not in text:
        text += "”"
    elif text.count('"') % 2:
        text += '"'
    return f"“{text}”" if claim.direct and not any(c in text for c in _OPENERS[:1] + "“«") else text


def title_of(title: str | None, url: str | None) -> str:
    """The title to show: the article's, else its site's host name, else "Pasted text"."""
    if title and title.strip():
        return plain(title)
    if url:
        return urlsplit(url).hostname or url
    return wording().untitled


def meta_line(site: str | None, byline: str | None, published: str | None) -> str:
    """'site · author · date', leaving out what is unknown."""
    return " · ".join(plain(p) for p in (site, byline, (published or "")[:10]) if p and p.strip())


def speakers(claims: Iterable[Claim]) -> tuple[SpeakerView, ...]:
    """Claims grouped by speaker, speakers in the order of their first claim."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for claim in claims:
        name = plain(claim.speaker.name or "") or None
        description = plain(claim.speaker.description or "") or None
        if name is None:
            name, description = description or wording().unattributed, None
        groups.setdefault((name, description), []).append(quoted(claim))
    return tuple(SpeakerView(name, description, tuple(texts)) for (name, description), texts in groups.items())


def worst_severity(flags: Iterable[Flag]) -> Severity | None:
    """The most serious severity among `flags`, or None without flags."""
    found = {f.severity for f in flags}
    return next((s for s in SEVERITY_ORDER if s in found), None)


def _flag_view(flag: Flag) -> FlagView:
    label = wording().flag_labels.get(flag.kind, flag.kind.replace("_", " ").capitalize())
    return FlagView(flag.severity, flag.kind, label, plain(flag.text), tuple(plain(r) for r in flag.reasons))


def _mention_groups(flags: Iterable[Flag]) -> tuple[MentionGroup, ...]:
    """Information-only flags, one group per kind in order of first mention, names once each."""
    groups: dict[FlagKind, list[str]] = {}
    for flag in flags:
        names = groups.setdefault(flag.kind, [])
        name = plain(flag.text)
        if name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    labels = wording().mention_labels
    return tuple(MentionGroup(kind, labels.get(kind, kind), tuple(names)) for kind, names in groups.items())


def sourcing_view(report: Report) -> SourcingView:
    """The sourcing as shown: verdict, central-claim warning, flags worst first, information lines."""
    words = wording()
    sourcing = report.sourcing
    weighty = [f for f in sourcing.flags if f.severity != "info"]
    info = [f for f in sourcing.flags if f.severity == "info"]
    ordered = sorted(weighty, key=lambda f: SEVERITY_ORDER.index(f.severity))
    verdict = plain(sourcing.verdict) or (words.see_flags if weighty else words.no_verdict)
    counts = tuple((words.count_labels.get(k, k), n) for k, n in sourcing.counts if n)
    return SourcingView(
        verdict=verdict,
        worst=worst_severity(sourcing.flags),
        central_warning=words.central_warning if sourcing.core_claim_anonymous else None,
        flags=tuple(_flag_view(f) for f in ordered),
        mentions=_mention_groups(info),
        counts=counts,
    )


def report_view(report: Report) -> ReportView:
    """The view of `report` that every surface renders."""
    return ReportView(
        title=title_of(report.title, report.url),
        url=report.url,
        meta=meta_line(report.site, report.byline, report.published),
        summary=tuple(plain(s) for s in report.summary if s.strip()),
        speakers=speakers(report.key_claims),
        sourcing=sourcing_view(report),
        notes=tuple(plain(n.message) for n in report.warnings if n.message.strip()),
        footer=wording().footer,
    )
