"""The comparison's JSON shape (documented in the README, "The comparison")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..report_json import spans_to_dict
from .result import Comparison, Outlet, OutletClaim

COMPARE_SCHEMA = 1


def _claim(version: OutletClaim) -> dict[str, Any]:
    return {
        "outlet": version.outlet,
        "claim": version.claim,
        "text": version.text,
        "direct": version.direct,
        "speaker": {
            "name": version.credit.name,
            "description": version.credit.description,
            "kind": version.credit.kind,
        },
        "key": version.key,
        "flags": [{"kind": kind, "severity": severity} for kind, severity in version.flags],
        "spans": spans_to_dict(version.spans),
    }


def _outlet(outlet: Outlet, text: str | None) -> dict[str, Any]:
    c = outlet.counts
    out: dict[str, Any] = {
        "index": outlet.index,
        "rank": outlet.rank,
        "title": outlet.title,
        "url": outlet.url,
        "site": outlet.site,
        "published": outlet.published,
        "story_match": outlet.story_match,
        "sourcing": {
            "verdict": outlet.verdict,
            "core_claim_anonymous": outlet.core_claim_anonymous,
            "worst_severity": outlet.worst,
            "flag_weight": outlet.flag_weight,
            "on_record_share": c.on_record_share,
            "counts": {
                "named": c.named,
                "anonymous": c.anonymous,
                "agentless": c.agentless,
                "relayed": c.relayed,
                "vague": c.vague,
            },
        },
        "only_here": [_claim(v) for v in outlet.only_here],
    }
    if text is not None:
        out["text"] = text
    return out


def comparison_to_dict(comparison: Comparison, *, texts: Sequence[str] | None = None) -> dict[str, Any]:
    """The comparison as plain JSON-ready data; `texts` (each outlet's analysed text) adds them."""
    return {
        "schema": COMPARE_SCHEMA,
        "same_story": comparison.same_story,
        "off_story": list(comparison.off_story),
        "story": {
            "outlet": comparison.summary_from,
            "summary": list(comparison.summary),
            "summary_spans": [[s, e] for s, e in comparison.summary_spans],
        },
        "ranking": list(comparison.ranking),
        "outlets": [_outlet(o, texts[o.index] if texts is not None else None) for o in comparison.outlets],
        "shared_claims": [
            {"similarity": s.similarity, "versions": [_claim(v) for v in s.versions]} for s in comparison.shared
        ],
        "pairs": [
            {
                "a": p.a,
                "b": p.b,
                "score": p.match.score,
                "same_story": p.match.same_story,
                "similarities": dict(p.match.similarities),
                "shared": list(p.match.shared),
            }
            for p in comparison.pairs
        ],
    }
