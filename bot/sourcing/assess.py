"""The sourcing step: classify every claim's source, flag weak sourcing, and say it in one line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..claims.lexicon import lexicon as cue_lexicon
from ..model import Claim, Flag, Severity, Sourcing, SpeakerKind
from ..model import Span as CharSpan
from ..pipeline import Parsed
from ..reference import Referent, resolve_references
from .agentless import Marker, find_markers, headline_span
from .classify import Category, Frame, Reading, is_outlet_name, read_source
from .credit import credited, off_record
from .frame import follow_up, frame_text, sentence_at, tokens_of
from .inherit import Mention, Relays, find_relays, name_keys
from .lexicon import Lexicon, lexicon
from .nested import nested_sources
from .resolve import apply_references
from .settings import SourcingSettings
from .severity import (
    CoreRole,
    agentless_severity,
    anonymous_severity,
    info_reasons,
    second_hand_severity,
    worst,
)
from .verdict import CoreFinding, display, verdict

MIN_MOST = 3
"""Fewer claims than this never make "most of the article"."""

CATEGORIES: tuple[Category, ...] = (
    "anonymous",
    "agentless",
    "second_hand",
    "vague",
    "institutional",
    "named",
    "document",
    "none",
)
"""The order of `Sourcing.counts`."""

_KIND: dict[Category, SpeakerKind] = {
    "named": "named",
    "anonymous": "anonymous",
    "agentless": "none",
    "second_hand": "outlet",
    "vague": "vague",
    "institutional": "institutional",
    "document": "document",
    "none": "none",
}


@dataclass
class _FlagDraft:
    kind: Category
    severity: Severity
    text: str
    reasons: list[str] = field(default_factory=list)
    spans: list[CharSpan] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)

    def add(
        self, severity: Severity, reasons: Sequence[str], spans: Sequence[CharSpan], claims: Sequence[int]
    ) -> None:
        self.severity = worst(self.severity, severity)
        self.reasons.extend(r for r in reasons if r not in self.reasons)
        self.spans.extend(s for s in spans if s not in self.spans)
        self.claims.extend(c for c in claims if c not in self.claims)

    def freeze(self) -> Flag:
        kind = self.kind
        assert kind in ("anonymous", "agentless", "second_hand", "vague", "institutional")
        return Flag(
            kind,
            self.severity,
            self.text,
            tuple(self.reasons),
            tuple(sorted(self.spans)),
            tuple(sorted(self.claims)),
        )


class _Assessment:
    """One article's sourcing, built step by step from its claims."""

    def __init__(
        self, parsed: Parsed, claims: Sequence[Claim], settings: SourcingSettings, lex: Lexicon
    ) -> None:
        self.parsed, self.doc, self.claims = parsed, parsed.doc, list(claims)
        self.settings, self.lex = settings, lex
        self.contents = [s for c in claims for s in c.spans.content]
        self.sources = [s for c in claims for s in (c.spans.source or ())]
        self.headline = headline_span(parsed)
        self.lede = [(s.start_char, s.end_char) for s in parsed.sentences()[: settings.lede_sentences]]

    # -- reading the sources --------------------------------------------------------------

    def frame(self, sent: Span, own: Sequence[CharSpan], off_record: bool = False) -> Frame:
        rivals = tuple(s for s in self.sources if sent.start_char <= s[0] < sent.end_char and s not in own)
        return Frame(
            frame_text(self.doc, sent, self.contents, self.lex),
            sent.start_char,
            rivals,
            follow_up(self.doc, sent, self.contents, self.lex),
            off_record,
        )

    def read_at(
        self, spans: tuple[CharSpan, ...], description: str | None = None, off_record: bool = False
    ) -> Reading:
        sent = sentence_at(self.doc, spans[0][0])
        return read_source(self.doc, spans, self.frame(sent, spans, off_record), self.lex, self.settings, description)

    def read_cited(self, span: CharSpan, sent: Span) -> Reading:
        return read_source(self.doc, (span,), self.frame(sent, (span,)), self.lex, self.settings)

    def mentions(self, referents: Sequence[Referent | None]) -> list[Mention]:
        readings: list[Reading | None] = [
            self.read_at(c.spans.source, c.speaker.description, off_record(self.doc, c)) if c.spans.source else None
            for c in self.claims
        ]
        readings = apply_references(self.doc, readings, referents, self.read_at, self.lex)
        relayed = [r for r in readings if r is not None and r.category == "second_hand"]
        outlets = {k.lower(): r for r in relayed for k in name_keys(r)}
        readings = [_outlet_again(r, outlets) for r in readings]
        press = set(outlets)

        def is_press(name: str) -> bool:
            return name.lower() in press or is_outlet_name(name, self.lex)

        credits = self.credits(readings, referents, is_press)
        readings = [_as_actor(r) if r is not None and not credits[i] else r for i, r in enumerate(readings)]
        out = []
        for i, reading in enumerate(readings):
            if reading is not None:
                source = self.claims[i].spans.source or reading.spans
                sent = sentence_at(self.doc, source[0][0])
                group = self._group_behind(source, referents[i] if i < len(referents) else None)
                if group is not None and reading.category == "anonymous" and not reading.actor:
                    reading = replace(reading, spans=(group, *reading.spans), text=self.doc.text[group[0] : group[1]])
                out.append(Mention(i, reading, sent, self.frame(sent, source).text))
                if reading.category != "anonymous" and not reading.actor:
                    out.extend(self.conjuncts(i, reading, sent))
        return out

    def _group_behind(self, source: tuple[CharSpan, ...], referent: Referent | None) -> CharSpan | None:
        """The group of people a "they" refers back to when that group was no source of its own
        ("the question for people close to the campaign is ... , they believe"): what the flag
        names, and where it points as well as at the pronoun."""
        if referent is None or referent.introduced is None:
            return None
        words = [t for t in tokens_of(self.doc, source) if not t.is_punct]
        return referent.introduced if words and all(t.pos_ == "PRON" for t in words) else None

    def conjuncts(self, index: int, reading: Reading, sent: Span) -> list[Mention]:
        """Anonymous sources coordinated with another in one source phrase ("Sanders and his aides
        believe", "the families and administration officials said"), each a mention of its own."""
        tokens = tokens_of(self.doc, reading.spans)
        ids = {t.i for t in tokens}
        roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
        top = {r.i for r in roots}
        out = []
        for token in tokens:
            if token.dep_ != "conj" or token.pos_ not in ("NOUN", "PROPN"):
                continue
            head = token.head
            while head.dep_ == "conj" and head.head.i in ids:
                head = head.head
            if head.i not in top or _describes_again(token):
                continue
            words = [t for t in token.subtree if t.i in ids and not (t.dep_ in ("conj", "cc") and t.i != token.i)]
            inner = {t.i for t in words}
            words = [t for t in words if t.i == token.i or _within(t, token, inner)]
            if not words:
                continue
            span = (words[0].idx, words[-1].idx + len(words[-1].text))
            part = self.read_at((span,))
            if part.category == "anonymous":
                out.append(Mention(index, part, sent, self.frame(sent, (span,)).text))
        return out

    def credits(
        self,
        readings: Sequence[Reading | None],
        referents: Sequence[Referent | None],
        is_press: Callable[[str], bool],
    ) -> list[bool]:
        """Whether each claim credits its source with information the article reports: not a
        story actor (`credit.credited`), not a report nested in another source's claim ("people
        close to the campaign said the advisers called it unfair"), and not a relative clause that
        only describes someone ("a surrogate who said ...") unless that someone is a source too.
        A report relayed from another outlet keeps its sources ("The Post reported that two
        officials said ...")."""
        base = [self._credited_alone(i, readings, referents, is_press) for i in range(len(self.claims))]
        out = list(base)
        for i, referent in enumerate(referents):
            if not base[i] or referent is None or referent.phrase is None:
                continue
            a, b = referent.phrase
            out[i] = any(
                base[j] and j != i and c.spans.source and any(s < b and a < e for s, e in c.spans.source)
                for j, c in enumerate(self.claims)
                if referents[j] is None or referents[j].phrase is None  # type: ignore[union-attr]
            )
        return out

    def _credited_alone(
        self,
        index: int,
        readings: Sequence[Reading | None],
        referents: Sequence[Referent | None],
        is_press: Callable[[str], bool],
    ) -> bool:
        claim = self.claims[index]
        if not claim.spans.source or not credited(self.doc, claim, is_press):
            return False
        start, end = claim.spans.source[0][0], claim.spans.source[-1][1]
        own = referents[index] if index < len(referents) else None
        for j, other in enumerate(self.claims):
            outer = readings[j]
            if j == index or outer is None or outer.category == "second_hand":
                continue
            if own is not None and own.kind == "earlier" and own.earlier == j:
                continue  # the same source going on: "Aides said ..., and they rejected ..."
            if all(start <= a and b <= end for a, b in other.spans.content):
                continue  # a claim about the source itself ("..., citing participants in the meeting")
            if any(a <= start and end <= b for a, b in other.spans.content):
                return False
        return True

    # -- where the central claim stands ---------------------------------------------------

    def core_of(self, spans: Sequence[CharSpan]) -> CoreRole:
        starts = [s for s, _ in spans]
        if self.headline and any(self.headline[0] <= s < self.headline[1] for s in starts):
            return "headline"
        if any(a <= s < b for s in starts for a, b in self.lede):
            return "lede"
        return None

    def claim_core(self, index: int) -> CoreRole:
        spans = self.claims[index].spans
        return self.core_of([*spans.content, *(spans.source or ())])

    # -- agentless markers ------------------------------------------------------------------

    def absorbed(self, marker: Marker) -> bool:
        """The marker belongs to a sourced claim: inside its content, or part of its source or cue.

        A claim without a source (the extractor's own "X would reportedly ...") absorbs nothing:
        its marker is the agentless flag.
        """
        s, e = marker.span
        for c in self.claims:
            if not c.spans.source:
                continue
            if any(a <= s and e <= b for a, b in c.spans.content):
                return True
            if any(a < e and s < b for a, b in (*(c.spans.source or ()), *(c.spans.cue or ()))):
                return True
        return False

    def claims_in(self, region: CharSpan) -> list[int]:
        a, b = region
        return [
            i
            for i, c in enumerate(self.claims)
            if any(s < b and a < e for s, e in (*c.spans.content, *(c.spans.source or ())))
        ]


def _describes_again(conj: Token) -> bool:
    """The conjunct is a singular noun with no determiner of its own, so it shares the one before
    it and describes the same person again ("Trump, the party's frontrunner and current polling
    leader in the state, said"; "the mayor and former police chief"), not a second source."""
    return conj.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod") for c in conj.children)


def _within(token: Token, top: Token, kept: set[int]) -> bool:
    """Whether every step from `token` up to `top` stays among the `kept` tokens."""
    while token.i != top.i:
        if token.head.i == token.i or token.head.i not in kept:
            return False
        token = token.head
    return True


def _as_actor(reading: Reading) -> Reading:
    """A source that only knows, feels or does something in the story: never an anonymous source."""
    category: Category = "vague" if reading.category == "anonymous" else reading.category
    return replace(reading, category=category, actor=True)


def _carrying_most(every: Sequence[Mention], claims: Sequence[Claim]) -> list[int]:
    """The anonymous mentions of a source that most of the article's sourced claims rest on."""
    sourced = {m.claim for m in every if m.claim is not None and not m.reading.actor}
    by_source: dict[str, set[int]] = {}
    for m in every:
        if m.reading.category == "anonymous" and m.claim is not None and not m.reading.actor:
            by_source.setdefault(" ".join(m.reading.text.lower().split()), set()).add(m.claim)
    heavy = {key for key, ids in by_source.items() if len(ids) >= MIN_MOST and 2 * len(ids) > len(sourced)}
    return [
        k
        for k, m in enumerate(every)
        if m.reading.category == "anonymous" and " ".join(m.reading.text.lower().split()) in heavy
    ]


def _promote(current: CoreRole, new: CoreRole) -> CoreRole:
    order = {"headline": 0, "lede": 1, "most": 2, None: 3}
    return new if order[new] < order[current] else current


def assess_sourcing(
    parsed: Parsed,
    claims: list[Claim],
    *,
    settings: SourcingSettings | None = None,
    referents: Sequence[Referent | None] | None = None,
) -> tuple[list[Claim], Sourcing]:
    """The claims with `speaker.kind` set from their source phrases, and the article's Sourcing.

    `referents` says what each claim's source refers to (from `bot.reference`, as the claims step
    found them); they are resolved here when not given. Flags cover anonymous, agentless,
    second-hand, vague and institutional sources; named people, named organisations' own
    statements and named outlets are never flagged as anonymous.
    """
    settings = settings or SourcingSettings()
    lex = lexicon()
    if referents is None:
        referents = resolve_references(parsed, [c.spans.source for c in claims])
    job = _Assessment(parsed, claims, settings, lex)
    mentions = job.mentions(referents)
    relays = find_relays(
        job.doc,
        mentions,
        job.contents,
        job.read_cited,
        lambda name: is_outlet_name(name, lex),
        lex,
        settings.relay_window,
    )
    known = [s for m in [*mentions, *relays.cited] for s in m.reading.spans]
    nested = nested_sources(
        job.doc, job.claims, known, job.read_cited, lambda name: is_outlet_name(name, lex), cue_lexicon(), lex
    )
    every = [*mentions, *relays.cited, *nested]
    markers = find_markers(parsed, lex)

    core: list[CoreRole] = [job.claim_core(m.claim) if m.claim is not None else None for m in every]
    headline_markers = [m for m in markers if m.headline]
    weak = ("second_hand", "anonymous", "agentless")
    carrier = next(
        (k for k, m in enumerate(mentions) if core[k] == "lede" and m.reading.category in weak), None
    )
    if headline_markers and carrier is not None:
        core[carrier] = "headline"
    for relay, source in relays.inherits.items():
        core[source] = _promote(core[source], core[relay])
    for k in _carrying_most(every, job.claims):
        core[k] = _promote(core[k], "most")

    drafts: dict[tuple[str, str], _FlagDraft] = {}

    def flag(
        kind: Category,
        text: str,
        severity: Severity,
        reasons: Sequence[str],
        spans: Sequence[CharSpan],
        claim_ids: Sequence[int],
    ) -> None:
        key = (kind, " ".join(text.lower().split()))
        draft = drafts.setdefault(key, _FlagDraft(kind, severity, text))
        draft.add(severity, reasons, spans, claim_ids)

    for k, m in enumerate(every):
        r, ids = m.reading, [m.claim] if m.claim is not None else []
        if r.actor:
            continue
        if r.category == "anonymous":
            sev, why = anonymous_severity(r, core[k], k in relays.relayed, lex, settings)
        elif r.category == "second_hand":
            sev, why = second_hand_severity(k in relays.inherits, core[k], lex)
        elif r.category == "agentless":
            sev, why = agentless_severity(core[k], lex)
        elif r.category in ("vague", "institutional"):
            sev, why = info_reasons(r.category, lex)
        else:
            continue
        flag(r.category, r.text, sev, why, [*r.spans, *r.antecedent], ids)

    loose = [
        mk
        for mk in markers
        if not (mk.headline and carrier is not None) and (mk.headline or not job.absorbed(mk))
    ]
    for mk in loose:
        role = "headline" if mk.headline else job.core_of([mk.span])
        sev, why = agentless_severity(role, lex)
        flag("agentless", mk.text, sev, why, [mk.span], [] if mk.headline else job.claims_in(mk.sentence))

    flags = tuple(
        sorted((d.freeze() for d in drafts.values()), key=lambda f: f.spans[0] if f.spans else (0, 0))
    )
    counted = _counts(claims, mentions, loose)
    finding = _core_finding(every, core, relays, loose, job, lex)
    updated = _with_kinds(claims, mentions)
    anonymous_core = finding is not None
    return updated, Sourcing(
        flags=flags,
        counts=tuple((c, counted.get(c, 0)) for c in CATEGORIES),
        core_claim_anonymous=anonymous_core,
        verdict=verdict(lex, finding, flags, counted),
    )


def _counts(claims: Sequence[Claim], mentions: Sequence[Mention], loose: Sequence[Marker]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in mentions:
        if m.reading.actor:
            continue
        counts[m.reading.category] = counts.get(m.reading.category, 0) + 1
    counts["agentless"] = counts.get("agentless", 0) + len(loose)
    unsourced = sum(1 for c in claims if not c.spans.source and not c.background)  # background: no one's report
    counts["none"] = counts.get("none", 0) + unsourced
    return counts


def _with_kinds(claims: Sequence[Claim], mentions: Sequence[Mention]) -> list[Claim]:
    kinds: dict[int, SpeakerKind] = {
        m.claim: _KIND[m.reading.category] for m in mentions if m.claim is not None
    }
    return [replace(c, speaker=replace(c.speaker, kind=kinds.get(i, "none"))) for i, c in enumerate(claims)]


def _core_finding(
    every: Sequence[Mention],
    core: Sequence[CoreRole],
    relays: Relays,
    loose: Sequence[Marker],
    job: _Assessment,
    lex: Lexicon,
) -> CoreFinding | None:
    """What the central claim rests on, if it is weak: a relayed anonymous report first, then the rest."""
    found: list[tuple[int, CoreFinding]] = []
    rank = {"headline": 0, "lede": 1, "most": 1}
    for k, m in enumerate(every):
        role = core[k]
        if role is None:
            continue
        r = m.reading
        if r.category == "second_hand" and k in relays.inherits:
            src = every[relays.inherits[k]].reading
            _, why = anonymous_severity(src, role, True, lex, job.settings)
            found.append((rank[role], CoreFinding("relayed", display(src.text, lex), why, r.journalist)))
        elif r.category == "anonymous":
            _, why = anonymous_severity(r, role, k in relays.relayed, lex, job.settings)
            found.append((rank[role] + 2, CoreFinding("anonymous", display(r.text, lex), why)))
        elif r.category == "agentless":
            found.append((rank[role] + 4, CoreFinding("agentless", r.text)))
    for marker in loose:
        role = "headline" if marker.headline else job.core_of([marker.span])
        if role is not None:
            found.append((rank[role] + 4, CoreFinding("agentless", marker.text)))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _outlet_again(reading: Reading | None, outlets: dict[str, Reading]) -> Reading | None:
    """A name read as a person's that is an outlet the article relays, mentioned again by a short
    form ("the Gazette" after "the Harbour Gazette"): that outlet."""
    if reading is None or reading.category != "named":
        return reading
    keys = name_keys(reading)
    match = outlets.get(keys[0].lower()) if keys else None
    return replace(match, spans=reading.spans, text=reading.text, pronoun=False) if match is not None else reading
