"""Comparing how several outlets report one story: the result every surface shows.

`compare` takes the analysed articles (reports with their fingerprints) and says whether they
are about the same story, which claims they share and whom each outlet credits for them,
which key claims only one outlet makes and on what sourcing, and how each outlet is sourced,
ranked best to worst.

The ranking (best first) compares, in this order:
1. whether the article's central claim rests on anonymous or unattributed sourcing (not first);
2. the share of its sources that are on record (named people, organisations and documents,
   out of those plus anonymous, agentless, relayed and vague ones), to two decimals;
3. the weight of its weak-sourcing flags (high 3, medium 2, low 1), lighter first;
4. the number of on-record sources, more first;
5. the order the articles were given in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ClaimSpans, FlagKind, Report, Severity, Span, SpeakerKind
from .analysis import Analysed
from .claims import ClaimGroup, ClaimRef, match_claims
from .story import StoryMatch, match_stories

SEVERITY_WEIGHT: dict[str, int] = {"high": 3, "medium": 2, "low": 1}
_SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Credit:
    """Whom an outlet credits for a claim, as its report reads the source."""

    kind: SpeakerKind
    name: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class OutletClaim:
    """One outlet's version of a claim; `spans` point into that outlet's analysed text."""

    outlet: int
    """Index of the outlet in `Comparison.outlets` (the order the articles were given in)."""
    claim: int
    """Index of the claim in that outlet's `Report.claims`."""
    text: str
    direct: bool
    credit: Credit
    key: bool
    spans: ClaimSpans
    flags: tuple[tuple[FlagKind, Severity], ...] = ()
    """The sourcing flags that cover this claim in its article (kind, severity)."""


@dataclass(frozen=True)
class SharedClaim:
    """A claim two or more outlets make, each in its own words and on its own sourcing."""

    versions: tuple[OutletClaim, ...]
    similarity: float


@dataclass(frozen=True)
class SourcingCounts:
    """An outlet's sources by kind: on record (named people, organisations, documents),
    anonymous, agentless (no source at all), relayed from another outlet, and vague groups."""

    named: int = 0
    anonymous: int = 0
    agentless: int = 0
    relayed: int = 0
    vague: int = 0

    @property
    def total(self) -> int:
        """All sources counted."""
        return self.named + self.anonymous + self.agentless + self.relayed + self.vague

    @property
    def on_record_share(self) -> float:
        """The share of sources that are on record, 0 without sources."""
        return round(self.named / self.total, 2) if self.total else 0.0


@dataclass(frozen=True)
class Outlet:
    """One compared article: who published it, how it is sourced, what only it says."""

    index: int
    rank: int
    """1 for the best-sourced outlet."""
    title: str | None
    url: str | None
    site: str | None
    published: str | None
    counts: SourcingCounts
    verdict: str
    core_claim_anonymous: bool
    worst: Severity | None
    """The most serious of its sourcing flags, None without flags."""
    flag_weight: int
    only_here: tuple[OutletClaim, ...]
    """Its key claims that no other compared outlet makes."""
    story_match: float
    """Its best story score against any other outlet."""


@dataclass(frozen=True)
class PairMatch:
    """The story match of two outlets (indexes into `Comparison.outlets`)."""

    a: int
    b: int
    match: StoryMatch


@dataclass(frozen=True)
class Comparison:
    """Several outlets' reports of (supposedly) one story, compared."""

    outlets: tuple[Outlet, ...]
    """In the order the articles were given in."""
    ranking: tuple[int, ...]
    """Outlet indexes, best- to worst-sourced."""
    summary: tuple[str, ...]
    summary_spans: tuple[Span, ...]
    summary_from: int
    """The outlet whose summary this is: the best-sourced one among those on the story."""
    shared: tuple[SharedClaim, ...]
    pairs: tuple[PairMatch, ...]
    off_story: tuple[int, ...]
    """Outlets whose article matches no other compared article's story."""

    @property
    def same_story(self) -> bool:
        """Every article matches the story of at least one other."""
        return not self.off_story

    def ranked(self) -> tuple[Outlet, ...]:
        """The outlets best- to worst-sourced."""
        return tuple(self.outlets[i] for i in self.ranking)


def sourcing_counts(report: Report) -> SourcingCounts:
    """The report's source counts in the four headline kinds plus vague groups."""
    c = dict(report.sourcing.counts)
    return SourcingCounts(
        named=c.get("named", 0) + c.get("institutional", 0) + c.get("document", 0),
        anonymous=c.get("anonymous", 0),
        agentless=c.get("agentless", 0),
        relayed=c.get("second_hand", 0),
        vague=c.get("vague", 0),
    )


def _worst(report: Report) -> Severity | None:
    found = {f.severity for f in report.sourcing.flags}
    return next((s for s in _SEVERITIES if s in found), None)


def _flag_weight(report: Report) -> int:
    return sum(SEVERITY_WEIGHT.get(f.severity, 0) for f in report.sourcing.flags)


def _version(reports: Sequence[Report], ref: ClaimRef) -> OutletClaim:
    report = reports[ref.article]
    claim = report.claims[ref.claim]
    flags = tuple((f.kind, f.severity) for f in report.sourcing.flags if ref.claim in f.claims)
    credit = Credit(claim.speaker.kind, claim.speaker.name, claim.speaker.description)
    return OutletClaim(ref.article, ref.claim, claim.text, claim.direct, credit, claim.key, claim.spans, flags)


def rank_key(report: Report, index: int) -> tuple[bool, float, int, int, int]:
    """The sort key of the ranking (see the module docstring): smaller is better sourced."""
    counts = sourcing_counts(report)
    return (
        report.sourcing.core_claim_anonymous,
        -counts.on_record_share,
        _flag_weight(report),
        -counts.named,
        index,
    )


def compare(articles: Sequence[Analysed]) -> Comparison:
    """Compare two or more analysed articles of (supposedly) one story.

    Raises ValueError with fewer than two articles.
    """
    if len(articles) < 2:
        raise ValueError("comparing needs at least two articles")
    reports = [a.report for a in articles]
    pairs = tuple(
        PairMatch(i, j, match_stories(articles[i].fingerprint, articles[j].fingerprint))
        for i in range(len(articles))
        for j in range(i + 1, len(articles))
    )
    best = [max((p.match.score for p in pairs if i in (p.a, p.b)), default=0.0) for i in range(len(articles))]
    matched = {i for p in pairs if p.match.same_story for i in (p.a, p.b)}
    groups: tuple[ClaimGroup, ...] = match_claims(articles)
    in_group = {m for g in groups for m in g.members}
    ranking = tuple(sorted(range(len(reports)), key=lambda i: rank_key(reports[i], i)))
    rank_of = {index: position + 1 for position, index in enumerate(ranking)}
    outlets = tuple(
        Outlet(
            index=i,
            rank=rank_of[i],
            title=r.title,
            url=r.url,
            site=r.site,
            published=r.published,
            counts=sourcing_counts(r),
            verdict=r.sourcing.verdict,
            core_claim_anonymous=r.sourcing.core_claim_anonymous,
            worst=_worst(r),
            flag_weight=_flag_weight(r),
            only_here=tuple(
                _version(reports, ClaimRef(i, c))
                for c, claim in enumerate(r.claims)
                if claim.key and ClaimRef(i, c) not in in_group
            ),
            story_match=round(best[i], 4),
        )
        for i, r in enumerate(reports)
    )
    off_story = tuple(i for i in range(len(reports)) if i not in matched)
    lead_index = next((i for i in ranking if i not in off_story), ranking[0])
    lead = reports[lead_index]
    return Comparison(
        outlets=outlets,
        ranking=ranking,
        summary=lead.summary,
        summary_spans=lead.summary_spans,
        summary_from=lead_index,
        shared=tuple(SharedClaim(tuple(_version(reports, m) for m in g.members), g.similarity) for g in groups),
        pairs=pairs,
        off_story=off_story,
    )
