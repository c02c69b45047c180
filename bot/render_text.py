"""Reports as text a person reads in a terminal, or as Markdown: mappings of the report view."""

from __future__ import annotations

import textwrap

from .model import Report, Severity
from .view import ReportView, report_view, wording

SEVERITY_MARK: dict[Severity, str] = {"high": "[!!!]", "medium": "[!!]", "low": "[!]", "info": "[i]"}
CENTRAL_MARK = "(!)"


def _sourcing_lines(view: ReportView) -> list[str]:
    """The sourcing section's lines: verdict, central-claim warning, flags, information lines."""
    sourcing = view.sourcing
    lines = [sourcing.verdict]
    if sourcing.central_warning:
        lines.append(f"  {CENTRAL_MARK} {sourcing.central_warning}")
    lines += [f"  {SEVERITY_MARK[f.severity]} {f.severity.upper()} {f.line}" for f in sourcing.flags]
    lines += [f"  {SEVERITY_MARK['info']} {m.line}" for m in sourcing.mentions]
    return lines


def render_text(report: Report, width: int = 88) -> str:
    """The report for a terminal: title, metadata, summary, key claims by speaker, sourcing."""
    view = report_view(report)
    words = wording()
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    out = [view.title]
    if view.url:
        out.append(view.url)
    if view.meta:
        out.append(view.meta)
    out += ["", words.summary_heading]
    out += [wrap.fill(f"- {s}") for s in view.summary] or [words.no_summary]
    if view.speakers:
        out += ["", words.claims_heading]
        for speaker in view.speakers:
            out.append(wrap.fill(f"- {speaker.label}:"))
            out += [
                textwrap.fill(c, width=width, initial_indent="    ", subsequent_indent="    ") for c in speaker.claims
            ]
    out += ["", words.sourcing_heading]
    out += [wrap.fill(line) for line in _sourcing_lines(view)]
    out += [wrap.fill(f"Note: {note}") for note in view.notes]
    return "\n".join(out) + "\n"


def render_markdown(report: Report) -> str:
    """The report as Markdown."""
    view = report_view(report)
    words = wording()
    out = [f"# [{view.title}]({view.url})" if view.url else f"# {view.title}"]
    if view.meta:
        out.append(f"*{view.meta}*")
    out += ["", f"## {words.summary_heading}", ""]
    out += [f"- {s}" for s in view.summary] or [words.no_summary]
    if view.speakers:
        out += ["", f"## {words.claims_heading}", ""]
        for speaker in view.speakers:
            out.append(f"- **{speaker.label}**")
            out += [f"  - {c}" for c in speaker.claims]
    out += ["", f"## {words.sourcing_heading}", "", f"**{view.sourcing.verdict}**", ""]
    if view.sourcing.central_warning:
        out.append(f"> **{view.sourcing.central_warning}**")
        out.append("")
    out += [f"- {SEVERITY_MARK[f.severity]} {f.severity.upper()} {f.line}" for f in view.sourcing.flags]
    out += [f"- {SEVERITY_MARK['info']} {m.line}" for m in view.sourcing.mentions]
    out += [f"> {note}" for note in view.notes]
    return "\n".join(out) + "\n"
