"""Reports as Slack Block Kit messages and link unfurls (pure functions, within Slack's limits)."""

from __future__ import annotations

from typing import Any

from adapters.slack.limits import (
    MAX_BLOCKS,
    MAX_CLAIM_TEXT,
    MAX_CONTEXT_ELEMENTS,
    MAX_FALLBACK_TEXT,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
)
from adapters.slack.mrkdwn import escape, escaped_within, link, shorten
from bot.model import Claim, Flag, Report, Severity, Speaker
from bot.render_text import quoted

Block = dict[str, Any]

SEVERITY_EMOJI: dict[Severity, str] = {
    "high": ":red_circle:",
    "medium": ":large_orange_circle:",
    "low": ":large_yellow_circle:",
    "info": ":information_source:",
}
NO_FLAGS_EMOJI = ":white_check_mark:"
_SEVERITY_RANK: dict[Severity, int] = {"high": 0, "medium": 1, "low": 2, "info": 3}
FLAG_LABELS = {
    "anonymous": "anonymous source",
    "agentless": "no source given",
    "second_hand": "second-hand report",
    "vague": "vague source",
    "institutional": "institutional source",
}
UNTITLED = "Article summary"
FOOTER = "Summarised by newsbot · automatic analysis, it can be wrong · check the article itself"
_LABEL_NAME_MAX = 200
_LABEL_DESCRIPTION_MAX = 300
_FLAG_TEXT_MAX = 300
_FLAG_REASONS_MAX = 300
_UNFURL_SUMMARY_MAX = 300
_NOTICE_MAX = 500


def render_report_blocks(report: Report) -> tuple[list[Block], str]:
    """The report as Block Kit blocks plus the plain fallback text, always within Slack's limits.

    Order: title, link, site · author · date, summary, key claims by speaker, sourcing verdict
    and flags (worst first), notices, footer. When the message would have too many blocks, the
    last speakers' claims are dropped and counted in a note.
    """
    head = [_header(report.title or UNTITLED)]
    if report.url and (linked := _linked_title(report.url, report.title or report.url)):
        head.append(linked)
    if meta := _meta_line(report):
        head.append(_context([meta]))
    if report.summary:
        head.append(_section("*Summary*\n", " ".join(report.summary)))
    sourcing = _sourcing_blocks(report)
    tail = []
    if report.warnings:
        notices = [":warning: " + escaped_within(n.message, _NOTICE_MAX) for n in report.warnings]
        tail.append(_context(notices))
    tail.append(_context([escape(FOOTER)]))

    claims: list[Block] = []
    groups = _group_by_speaker(report.key_claims)
    if groups:
        fixed = len(head) + len(sourcing) + len(tail) + 3  # two dividers and the claims heading
        room = MAX_BLOCKS - fixed
        shown = groups if len(groups) <= room else groups[: max(room - 1, 0)]
        claims = [{"type": "divider"}, _mrkdwn_section("*Key claims*")]
        claims += [_claims_section(speaker, group) for speaker, group in shown]
        if len(shown) < len(groups):
            hidden = sum(len(g) for _, g in groups[len(shown) :])
            claims.append(_context([f"…and {hidden} more claim{'s' if hidden != 1 else ''} not shown"]))
    blocks = [*head, *claims, {"type": "divider"}, *sourcing, *tail]
    return blocks, _fallback_text(report)


def render_unfurl_blocks(report: Report) -> list[Block]:
    """A compact rendering for a link preview: linked title, first summary sentence, verdict."""
    title = report.title or report.url or UNTITLED
    first = report.summary[0] if report.summary else ""
    heading = _linked_title(report.url, title) if report.url else None
    text = heading["text"]["text"] if heading else f"*{escaped_within(title, _LABEL_DESCRIPTION_MAX)}*"
    blocks: list[Block] = [
        _mrkdwn_section(text + "\n" + escaped_within(first, _UNFURL_SUMMARY_MAX)),
        _context([_verdict_line(report)]),
    ]
    return blocks


def _fallback_text(report: Report) -> str:
    parts = [report.title or UNTITLED]
    if report.summary:
        parts.append(" ".join(report.summary))
    if report.sourcing.verdict:
        parts.append("Sourcing: " + report.sourcing.verdict)
    return escaped_within(" — ".join(parts), MAX_FALLBACK_TEXT)


def _header(title: str) -> Block:
    text = shorten(" ".join(title.split()), MAX_HEADER_TEXT) or UNTITLED
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _linked_title(url: str, title: str) -> Block | None:
    for budget in (MAX_HEADER_TEXT, 40):
        text = f"*{link(url, shorten(' '.join(title.split()), budget))}*"
        if len(text) <= MAX_SECTION_TEXT:
            return _mrkdwn_section(text)
    return None


def _meta_line(report: Report) -> str:
    parts = [p for p in (report.site, report.byline, (report.published or "")[:10]) if p]
    return escaped_within(" · ".join(parts), MAX_SECTION_TEXT)


def _mrkdwn_section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _section(prefix: str, plain: str) -> Block:
    return _mrkdwn_section(prefix + escaped_within(plain, MAX_SECTION_TEXT - len(prefix)))


def _context(texts: list[str]) -> Block:
    elements = [{"type": "mrkdwn", "text": t} for t in texts[:MAX_CONTEXT_ELEMENTS]]
    return {"type": "context", "elements": elements}


def _fit_lines(first: str, lines: list[str], limit: int = MAX_SECTION_TEXT) -> str:
    """`first` and as many `lines` as fit in `limit`, with a note counting the lines left out."""
    for keep in range(len(lines), -1, -1):
        dropped = len(lines) - keep
        note = [f"_…and {dropped} more_"] if dropped else []
        text = "\n".join([first, *lines[:keep], *note])
        if len(text) <= limit:
            return text
    return escaped_within(first, limit)


def _group_by_speaker(claims: tuple[Claim, ...]) -> list[tuple[Speaker, list[Claim]]]:
    groups: dict[Speaker, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.speaker, []).append(claim)
    return list(groups.items())


def _speaker_label(speaker: Speaker) -> str:
    name = escaped_within(speaker.name or "", _LABEL_NAME_MAX)
    description = escaped_within(speaker.description or "", _LABEL_DESCRIPTION_MAX)
    if name and description:
        return f"*{name}*, {description}"
    if name or description:
        return f"*{name or description}*"
    return "_Unattributed_"


def _claim_text(claim: Claim) -> str:
    return escaped_within(quoted(claim), MAX_CLAIM_TEXT)


def _claims_section(speaker: Speaker, claims: list[Claim]) -> Block:
    label = _speaker_label(speaker)
    if len(claims) == 1:
        return _mrkdwn_section(f"{label}: {_claim_text(claims[0])}")
    return _mrkdwn_section(_fit_lines(f"{label}:", [f"• {_claim_text(c)}" for c in claims]))


def _worst(flags: tuple[Flag, ...]) -> Severity | None:
    return min((f.severity for f in flags), key=_SEVERITY_RANK.__getitem__, default=None)


def _verdict_line(report: Report) -> str:
    worst = _worst(report.sourcing.flags)
    emoji = SEVERITY_EMOJI[worst] if worst else NO_FLAGS_EMOJI
    verdict = report.sourcing.verdict or ("No sourcing problems found." if not worst else "")
    return f"{emoji} *Sourcing:* {escaped_within(verdict, MAX_SECTION_TEXT // 2)}"


def _flag_line(flag: Flag) -> str:
    kind = FLAG_LABELS.get(flag.kind, flag.kind.replace("_", " "))
    line = (
        f"{SEVERITY_EMOJI[flag.severity]} *{flag.severity.capitalize()}* · {kind} — "
        f"“{escaped_within(' '.join(flag.text.split()), _FLAG_TEXT_MAX)}”"
    )
    if flag.reasons:
        line += f" _({escaped_within('; '.join(flag.reasons), _FLAG_REASONS_MAX)})_"
    return line


def _sourcing_blocks(report: Report) -> list[Block]:
    sourcing = report.sourcing
    first = _verdict_line(report)
    if sourcing.core_claim_anonymous:
        first += "\n:warning: *The article's central claim rests on an anonymous source.*"
    flags = sorted(sourcing.flags, key=lambda f: _SEVERITY_RANK[f.severity])
    blocks = [_mrkdwn_section(_fit_lines(first, [_flag_line(f) for f in flags]))]
    counts = [(label, n) for label, n in sourcing.counts if n]
    if counts:
        if len(counts) > MAX_FIELDS:
            rest = sum(n for _, n in counts[MAX_FIELDS - 1 :])
            counts = [*counts[: MAX_FIELDS - 1], ("other", rest)]
        blocks.append({"type": "section", "fields": [_count_field(label, n) for label, n in counts]})
    return blocks


def _count_field(label: str, count: int) -> Block:
    name = escaped_within(label.replace("_", " ").capitalize(), MAX_FIELD_TEXT - 20)
    return {"type": "mrkdwn", "text": f"*{name}*\n{count}"}
