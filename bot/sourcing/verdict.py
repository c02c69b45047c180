"""The one-line sourcing verdict a chat reader sees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Flag
from .lexicon import Lexicon

_CONTEXT = ("relayed", "relayed_anonymous", "headline", "lede", "most")
"""Reasons that say where a source stands rather than what the reader is missing about it."""
_COMMON_LISTS = (
    "vague_heads",
    "commentator_heads",
    "partisan_heads",
    "quantifier_heads",
    "non_affiliation_modifiers",
    "generic_person_heads",
    "official_roles",
    "bare_anonymous_heads",
    "private_person_heads",
    "vague_quantifiers",
)


def display(text: str, lex: Lexicon) -> str:
    """A source phrase for mid-sentence use: "Three anonymous sources" -> "three anonymous sources"."""
    first = text.split(" ", 1)[0] if text else ""
    word = first.lower()
    common = any(word in lex.words[g] or word.rstrip("s") in lex.words[g] for g in _COMMON_LISTS)
    return text[:1].lower() + text[1:] if common and first[1:].islower() else text


@dataclass(frozen=True)
class CoreFinding:
    """What the central claim rests on, when that is an anonymous, relayed-anonymous or agentless source."""

    kind: Literal["relayed", "anonymous", "agentless"]
    source: str
    reasons: tuple[str, ...] = ()
    journalist: bool = False


def verdict(lex: Lexicon, core: CoreFinding | None, flags: Sequence[Flag], counts: dict[str, int]) -> str:
    """One sentence: what the central claim rests on, else how the rest of the article is sourced."""
    v = lex.verdict
    if core is not None:
        if core.kind == "agentless":
            return v["core_agentless"].format(marker=core.source)
        context = {lex.reasons[k] for k in _CONTEXT}
        missing = [r for r in core.reasons if r not in context]
        if core.kind == "relayed":
            relay = v["relay_journalist"] if core.journalist else v["relay_outlet"]
            if missing:
                return v["core_relayed"].format(source=core.source, relay=relay, reason=missing[0])
        if missing:
            return v["core_anonymous"].format(source=core.source, reason=missing[0])
        return v["core_anonymous_ok"].format(source=core.source)
    weak = [f for f in flags if f.severity != "info"]
    if weak:
        covered = len({c for f in weak for c in f.claims}) or len(weak)
        key = "some_anonymous_one" if covered == 1 else "some_anonymous_many"
        return v[key].format(count=covered, source=weak[0].text)
    parts = []
    vague = [f for f in flags if f.kind == "vague"]
    if vague:
        parts.append(v["mixed_vague"].format(source=display(vague[0].text, lex)))
    if any(f.kind == "institutional" for f in flags):
        parts.append(v["mixed_institutional"])
    if any(f.kind == "second_hand" for f in flags):
        parts.append(v["mixed_relayed"])
    if parts:
        what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return v["no_anonymous_mixed"].format(what=what)
    if counts.get("named", 0) or counts.get("document", 0):
        return v["all_named"]
    return v["no_claims"]
