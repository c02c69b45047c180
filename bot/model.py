"""The data that crosses the core's boundaries: articles in, reports out (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
"""A `[start, end)` character range in the analysed text."""

SpeakerKind = Literal["named", "anonymous", "vague", "institutional", "outlet", "document", "none"]
FlagKind = Literal["anonymous", "agentless", "second_hand", "vague", "institutional"]
Severity = Literal["high", "medium", "low", "info"]
BlockKind = Literal["headline", "heading", "paragraph", "furniture", "byline", "caption"]


@dataclass(frozen=True)
class Article:
    """An article to analyse: its text and whatever metadata came with it.

    `text` is exactly what the analysis sees; every span in the report points into it.
    `origin` says where the text came from: pasted plain text, pasted or fetched HTML.
    """

    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    origin: Literal["text", "html", "url"] = "text"
    id: str | None = None


@dataclass(frozen=True)
class Block:
    """A run of the text with one layout role (a paragraph, a heading, page furniture...)."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class Speaker:
    """Who made a claim, as the article names or describes them."""

    name: str | None
    description: str | None
    kind: SpeakerKind


@dataclass(frozen=True)
class ClaimSpans:
    """Where the source, cue and content of a claim stand in the analysed text."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] | None = None
    cue: tuple[Span, ...] | None = None


@dataclass(frozen=True)
class Claim:
    """One attribution: someone (or no one in particular) said, wrote or believes something."""

    text: str
    direct: bool
    speaker: Speaker
    cue: str | None
    spans: ClaimSpans
    key: bool = False
    background: bool = False
    """What the article gives as commonly known ("the contests known as Super Tuesday"), not
    anyone's report: never a key claim."""


@dataclass(frozen=True)
class Flag:
    """A sourcing observation: an anonymous, agentless, relayed, vague or institutional source."""

    kind: FlagKind
    severity: Severity
    text: str
    reasons: tuple[str, ...]
    spans: tuple[Span, ...]
    claims: tuple[int, ...] = ()
    """Indexes into `Report.claims` of the claims this flag covers."""


@dataclass(frozen=True)
class Sourcing:
    """How well the article is sourced, in flags, counts and one sentence."""

    flags: tuple[Flag, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    core_claim_anonymous: bool = False
    verdict: str = ""


@dataclass(frozen=True)
class Notice:
    """A warning about the analysis that a reader should know (e.g. a very short text)."""

    code: str
    message: str


@dataclass(frozen=True)
class Report:
    """Everything newsbot says about one article."""

    text: str
    summary: tuple[str, ...]
    summary_spans: tuple[Span, ...]
    id: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str = "en"
    claims: tuple[Claim, ...] = ()
    sourcing: Sourcing = field(default_factory=Sourcing)
    warnings: tuple[Notice, ...] = ()

    @property
    def key_claims(self) -> tuple[Claim, ...]:
        """The claims a chat reader should see, in text order."""
        return tuple(c for c in self.claims if c.key)
