"""How serious a sourcing flag is, and why, in words a reader understands."""

from __future__ import annotations

from typing import Literal

from ..model import Severity
from .classify import Reading
from .lexicon import Lexicon
from .settings import SourcingSettings
from .verdict import display

CoreRole = Literal["headline", "lede", "most"] | None
"""Whether the flagged source carries the headline claim, an opening-sentence claim, most of the
article's claims, or none of these."""

SEVERITY_ORDER: tuple[Severity, ...] = ("high", "medium", "low", "info")


def _core_reason(core: CoreRole, lex: Lexicon) -> list[str]:
    return [lex.reasons[core]] if core is not None else []


def anonymous_severity(
    reading: Reading, core: CoreRole, relayed: bool, lex: Lexicon, settings: SourcingSettings
) -> tuple[Severity, tuple[str, ...]]:
    """Severity and reasons of an anonymous source.

    high: a claim the story rests on (headline, opening, or most of its claims) comes from unnamed
    insiders with neither a reason for anonymity nor a basis of knowledge; low: unnamed officials or
    staff of a named local body speaking routinely, a reason and a basis both given, or a private
    person kept anonymous for safety; bare "officials": the configured severity; otherwise medium.
    Reasons never say anonymity was granted when the article does not say so.
    """
    r = lex.reasons
    if reading.private and reading.safety:
        return "low", (r["safety"], *_core_reason(core, lex))
    reasons: list[str] = []
    if reading.granted and not reading.reason:
        reasons.append(r["no_reason"])
    elif not reading.granted:
        unnamed = r["not_named_many"] if reading.plural else r["not_named_one"]
        reasons.append(unnamed.format(source=_shown(reading, lex)))
    if not reading.basis and not reading.routine:
        reasons.append(r["no_basis_many"] if reading.plural else r["no_basis_one"])
    if reading.bare_officials:
        reasons.append(r["bare_officials"])
    elif not reading.role:
        reasons.append(r["no_role"])
    if relayed:
        reasons.append(r["relayed"])
    reasons.extend(_core_reason(core, lex))
    severity: Severity
    if reading.routine or (reading.reason and reading.basis):
        severity = "low"
    elif core is not None and not reading.reason and not reading.basis:
        severity = "high"
    elif reading.bare_officials:
        severity = settings.bare_officials_severity
    else:
        severity = "medium"
    return severity, tuple(reasons)


def _shown(reading: Reading, lex: Lexicon) -> str:
    """The source phrase as it reads mid-sentence, without what follows a comma."""
    return display(reading.text.split(",")[0].strip(), lex)


def second_hand_severity(inherits: bool, core: CoreRole, lex: Lexicon) -> tuple[Severity, tuple[str, ...]]:
    """A relayed report is high when it rests on anonymous sources, else information only.

    A named outlet or journalist is not anonymous by itself: without anonymous sources behind
    the relayed report, the flag only says the claim comes second-hand.
    """
    r = lex.reasons
    if inherits:
        return "high", (r["relayed"], r["relayed_anonymous"], *_core_reason(core, lex))
    return "info", (r["relayed"],)


def agentless_severity(core: CoreRole, lex: Lexicon) -> tuple[Severity, tuple[str, ...]]:
    """A claim whose source is suppressed is always high."""
    return "high", (lex.reasons["agentless"], *_core_reason(core, lex))


def info_reasons(kind: Literal["vague", "institutional"], lex: Lexicon) -> tuple[Severity, tuple[str, ...]]:
    """Vague groups and organisations are reported as information, never as anonymous."""
    return "info", (lex.reasons[kind],)


def worst(a: Severity, b: Severity) -> Severity:
    """The more serious of two severities."""
    return a if SEVERITY_ORDER.index(a) <= SEVERITY_ORDER.index(b) else b
