"""Reports as text a person reads in a terminal, or as Markdown."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .model import Claim, Flag, Report

SEVERITY_MARK = {"high": "[!!!]", "medium": "[!!]", "low": "[!]", "info": "[i]"}


def meta_line(report: Report) -> str:
    """'site · author · date', leaving out what is unknown."""
    parts = [p for p in (report.site, report.byline, (report.published or "")[:10]) if p]
    return " · ".join(parts)


def group_by_speaker(claims: Iterable[Claim]) -> list[tuple[str, list[Claim]]]:
    """Claims grouped under a speaker label ('Name, description'), groups in order of first claim."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(speaker_label(claim), []).append(claim)
    return list(groups.items())


def speaker_label(claim: Claim) -> str:
    """How a claim's speaker is introduced: name, then description if any."""
    name = claim.speaker.name or "Unattributed"
    if claim.speaker.description:
        return f"{name}, {claim.speaker.description}"
    return name


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
    text = " ".join(claim.text.split())
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


def flag_line(flag: Flag) -> str:
    reasons = f" ({'; '.join(flag.reasons)})" if flag.reasons else ""
    return f"{flag.severity.upper()} {flag.kind.replace('_', '-')}: “{flag.text}”{reasons}"


def render_text(report: Report, width: int = 88) -> str:
    """The report for a terminal: title, metadata, summary, key claims by speaker, sourcing."""
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    out = [report.title or "(untitled)"]
    if report.url:
        out.append(report.url)
    if meta := meta_line(report):
        out.append(meta)
    out += ["", "Summary"]
    out += [wrap.fill(f"- {s}") for s in report.summary]
    if report.key_claims:
        out += ["", "Key claims"]
        for label, claims in group_by_speaker(report.key_claims):
            out.append(wrap.fill(f"- {label}:"))
            out += [
                textwrap.fill(quoted(c), width=width, initial_indent="    ", subsequent_indent="    ") for c in claims
            ]
    out += ["", "Sourcing"]
    if report.sourcing.verdict:
        out.append(wrap.fill(report.sourcing.verdict))
    for flag in report.sourcing.flags:
        out.append(wrap.fill(f"  {SEVERITY_MARK[flag.severity]} {flag_line(flag)}"))
    for notice in report.warnings:
        out.append(wrap.fill(f"Note: {notice.message}"))
    return "\n".join(out) + "\n"


def render_markdown(report: Report) -> str:
    """The report as Markdown."""
    title = report.title or "(untitled)"
    out = [f"# [{title}]({report.url})" if report.url else f"# {title}"]
    if meta := meta_line(report):
        out.append(f"*{meta}*")
    out += ["", "## Summary", ""]
    out += [f"- {s}" for s in report.summary]
    if report.key_claims:
        out += ["", "## Key claims", ""]
        for label, claims in group_by_speaker(report.key_claims):
            out.append(f"- **{label}**")
            out += [f"  - {quoted(c)}" for c in claims]
    out += ["", "## Sourcing", ""]
    if report.sourcing.verdict:
        out.append(f"**{report.sourcing.verdict}**")
        out.append("")
    out += [f"- {SEVERITY_MARK[f.severity]} {flag_line(f)}" for f in report.sourcing.flags]
    for notice in report.warnings:
        out.append(f"> {notice.message}")
    return "\n".join(out) + "\n"
