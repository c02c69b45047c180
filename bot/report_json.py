"""The report's JSON shape (documented in the README), shared by the CLI, batch and evaluation."""

from __future__ import annotations

from typing import Any

from .errors import NewsbotError
from .model import Claim, ClaimSpans, Flag, Report, Sourcing, Span

SCHEMA_VERSION = 1


def _spans(spans: tuple[Span, ...] | None) -> list[list[int]] | None:
    return None if spans is None else [[s, e] for s, e in spans]


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "direct": claim.direct,
        "speaker": {
            "name": claim.speaker.name,
            "description": claim.speaker.description,
            "kind": claim.speaker.kind,
        },
        "cue": claim.cue,
        "key": claim.key,
        "background": claim.background,
        "spans": spans_to_dict(claim.spans),
    }


def spans_to_dict(spans: ClaimSpans) -> dict[str, Any]:
    return {
        "source": _spans(spans.source),
        "cue": _spans(spans.cue),
        "content": _spans(spans.content),
    }


def flag_to_dict(flag: Flag) -> dict[str, Any]:
    return {
        "kind": flag.kind,
        "severity": flag.severity,
        "text": flag.text,
        "reasons": list(flag.reasons),
        "spans": _spans(flag.spans),
        "claims": list(flag.claims),
    }


def sourcing_to_dict(sourcing: Sourcing) -> dict[str, Any]:
    return {
        "verdict": sourcing.verdict,
        "core_claim_anonymous": sourcing.core_claim_anonymous,
        "counts": dict(sourcing.counts),
        "flags": [flag_to_dict(f) for f in sourcing.flags],
    }


def report_to_dict(report: Report, *, include_text: bool = False) -> dict[str, Any]:
    """The report as plain JSON-ready data; `include_text` adds the analysed text."""
    out: dict[str, Any] = {
        "id": report.id,
        "schema": SCHEMA_VERSION,
        "title": report.title,
        "url": report.url,
        "site": report.site,
        "byline": report.byline,
        "published": report.published,
        "language": report.language,
        "summary": list(report.summary),
        "summary_spans": _spans(report.summary_spans),
        "claims": [claim_to_dict(c) for c in report.claims],
        "sourcing": sourcing_to_dict(report.sourcing),
        "warnings": [{"code": w.code, "message": w.message} for w in report.warnings],
    }
    if include_text:
        out["text"] = report.text
    return out


def error_to_dict(error: Exception, id: str | None = None) -> dict[str, Any]:
    """The JSON object that stands in for a report when an article could not be analysed."""
    if isinstance(error, NewsbotError):
        body = {"code": error.code, "message": error.user_message, "detail": error.detail}
    else:
        body = {"code": "internal", "message": "The article could not be analysed.", "detail": repr(error)}
    return {"id": id, "error": body}
