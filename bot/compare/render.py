"""A comparison as text a person reads in a terminal, or as Markdown: mappings of the compare view."""

from __future__ import annotations

import textwrap

from ..render_text import CENTRAL_MARK, SEVERITY_MARK
from ..view.compare import CompareView, OutletView, compare_view
from .result import Comparison

WARNING_MARK = "(!)"


def _outlet_head(outlet: OutletView) -> str:
    title = f" — {outlet.title}" if outlet.title and outlet.title != outlet.name else ""
    return f"{outlet.rank}. {outlet.name}{title}"


def _severity(outlet: OutletView) -> str:
    return f"{SEVERITY_MARK[outlet.worst]} " if outlet.worst and outlet.worst != "info" else ""


def render_compare_text(comparison: Comparison, width: int = 88) -> str:
    """The comparison for a terminal: warning, story, shared claims with each outlet's credit, ranking."""
    view: CompareView = compare_view(comparison)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="  ")
    deep = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="      ")
    out = [view.heading]
    if view.warning:
        out.append(wrap.fill(f"{WARNING_MARK} {view.warning}"))
    out += ["", view.summary_heading]
    out += [wrap.fill(f"- {s}") for s in view.summary]
    out.append(wrap.fill(f"  {view.summary_from}"))
    out += ["", view.shared_heading]
    if view.no_shared:
        out.append(view.no_shared)
    for shared in view.shared:
        out.append(wrap.fill(f"- {shared.claim}"))
        out += [deep.fill(f"{c.outlet}: {c.source}") for c in shared.credits]
    out += ["", view.outlets_heading]
    for outlet in view.outlets:
        out.append(wrap.fill(_outlet_head(outlet)))
        if outlet.url:
            out.append(f"   {outlet.url}")
        out.append(f"   {outlet.counts}")
        out.append(textwrap.fill(f"{_severity(outlet)}{outlet.verdict}", width, initial_indent="   ",
                                 subsequent_indent="   "))
        if outlet.central_warning:
            out.append(textwrap.fill(f"{CENTRAL_MARK} {outlet.central_warning}", width, initial_indent="   ",
                                     subsequent_indent="   "))
        if outlet.only:
            out.append(f"   {view.only_heading}:")
            for only in outlet.only:
                flags = f" [{'; '.join(only.flags)}]" if only.flags else ""
                out.append(deep.fill(f"- {only.claim} — {only.source}{flags}"))
    out += ["", wrap.fill(view.ranking_note), view.footer]
    return "\n".join(out) + "\n"


def render_compare_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown."""
    view = compare_view(comparison)
    out = [f"# {view.heading}", ""]
    if view.warning:
        out += [f"> **{WARNING_MARK} {view.warning}**", ""]
    out += [f"## {view.summary_heading}", ""]
    out += [f"- {s}" for s in view.summary]
    out += ["", f"*{view.summary_from}*", "", f"## {view.shared_heading}", ""]
    if view.no_shared:
        out.append(view.no_shared)
    for shared in view.shared:
        out.append(f"- {shared.claim}")
        out += [f"  - **{c.outlet}**: {c.source}" for c in shared.credits]
    out += ["", f"## {view.outlets_heading}", ""]
    for outlet in view.outlets:
        name = f"[{outlet.name}]({outlet.url})" if outlet.url else outlet.name
        title = f" — {outlet.title}" if outlet.title and outlet.title != outlet.name else ""
        out += [f"{outlet.rank}. **{name}**{title}", f"   {outlet.counts}  ", f"   {_severity(outlet)}{outlet.verdict}"]
        if outlet.central_warning:
            out.append(f"   > **{outlet.central_warning}**")
        for only in outlet.only:
            flags = f" *({'; '.join(only.flags)})*" if only.flags else ""
            out.append(f"   - {view.only_heading}: {only.claim} — {only.source}{flags}")
    out += ["", f"*{view.ranking_note}*", "", f"*{view.footer}*"]
    return "\n".join(out) + "\n"
