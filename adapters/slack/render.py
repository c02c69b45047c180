"""Reports as Slack Block Kit messages and link unfurls: a mapping of the core's report view
(pure functions, within Slack's limits)."""

from __future__ import annotations

from adapters.slack.limits import (
    MAX_BLOCKS,
    MAX_CLAIM_TEXT,
    MAX_FALLBACK_TEXT,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_HEADER_TEXT,
    MAX_SECTION_TEXT,
)
from adapters.slack.markup import Block, context, escape, escaped_within, header, link, section
from bot.model import Report, Severity
from bot.view import FlagView, ReportView, SpeakerView, pack_after, report_view, shorten, wording

SEVERITY_EMOJI: dict[Severity, str] = {
    "high": ":red_circle:",
    "medium": ":large_orange_circle:",
    "low": ":large_yellow_circle:",
    "info": ":information_source:",
}
NO_FLAGS_EMOJI = ":white_check_mark:"
CENTRAL_EMOJI = ":warning:"
_LABEL_NAME_MAX = 200
_LABEL_DESCRIPTION_MAX = 300
_FLAG_TEXT_MAX = 300
_FLAG_REASONS_MAX = 300
_UNFURL_SUMMARY_MAX = 300
_NOTICE_MAX = 500


def render_report_blocks(report: Report) -> tuple[list[Block], str]:
    """The report as Block Kit blocks plus the plain fallback text, always within Slack's limits.

    Order: title, link, site · author · date, summary, key claims by speaker, sourcing verdict,
    central-claim warning, flags (worst first) and information lines, notices, footer. When the
    message would have too many blocks, the last speakers' claims are dropped and counted.
    """
    view = report_view(report)
    words = wording()
    head = [_header(view.title)]
    if view.url and (linked := _linked_title(view.url, view.title)):
        head.append(linked)
    if view.meta:
        head.append(context([escaped_within(view.meta, MAX_SECTION_TEXT)]))
    if view.summary:
        head.append(_section(f"*{words.summary_heading}*\n", " ".join(view.summary)))
    sourcing = _sourcing_blocks(view)
    tail = []
    if view.notes:
        tail.append(context([":warning: " + escaped_within(n, _NOTICE_MAX) for n in view.notes]))
    tail.append(context([escape(view.footer)]))

    claims: list[Block] = []
    if view.speakers:
        fixed = len(head) + len(sourcing) + len(tail) + 3  # two dividers and the claims heading
        room = MAX_BLOCKS - fixed
        shown = view.speakers if len(view.speakers) <= room else view.speakers[: max(room - 1, 0)]
        claims = [{"type": "divider"}, section(f"*{words.claims_heading}*")]
        claims += [_claims_section(speaker) for speaker in shown]
        if len(shown) < len(view.speakers):
            hidden = sum(len(s.claims) for s in view.speakers[len(shown) :])
            claims.append(context([words.claims_left_out(hidden)]))
    blocks = [*head, *claims, {"type": "divider"}, *sourcing, *tail]
    return blocks, _fallback_text(view)


def render_unfurl_blocks(report: Report) -> list[Block]:
    """A compact rendering for a link preview: linked title, first summary sentence, verdict."""
    view = report_view(report)
    first = view.summary[0] if view.summary else ""
    heading = _linked_title(view.url, view.title) if view.url else None
    text = heading["text"]["text"] if heading else f"*{escaped_within(view.title, _LABEL_DESCRIPTION_MAX)}*"
    return [
        section(text + "\n" + escaped_within(first, _UNFURL_SUMMARY_MAX)),
        context([_verdict_line(view)]),
    ]


def _fallback_text(view: ReportView) -> str:
    parts = [view.title]
    if view.summary:
        parts.append(" ".join(view.summary))
    parts.append(f"{wording().sourcing_heading}: {view.sourcing.verdict}")
    return escaped_within(" — ".join(parts), MAX_FALLBACK_TEXT)


def _header(title: str) -> Block:
    return header(shorten(title, MAX_HEADER_TEXT) or wording().untitled)


def _linked_title(url: str, title: str) -> Block | None:
    for budget in (MAX_HEADER_TEXT, 40):
        text = f"*{link(url, shorten(title, budget))}*"
        if len(text) <= MAX_SECTION_TEXT:
            return section(text)
    return None


def _section(prefix: str, plain: str) -> Block:
    return section(prefix + escaped_within(plain, MAX_SECTION_TEXT - len(prefix)))


def _more(count: int) -> str:
    return f"_{wording().more(count)}_"


def _speaker_label(speaker: SpeakerView) -> str:
    name = escaped_within(speaker.name, _LABEL_NAME_MAX)
    if speaker.description:
        return f"*{name}*, {escaped_within(speaker.description, _LABEL_DESCRIPTION_MAX)}"
    return f"*{name}*"


def _claims_section(speaker: SpeakerView) -> Block:
    label = _speaker_label(speaker)
    texts = [escaped_within(c, MAX_CLAIM_TEXT) for c in speaker.claims]
    if len(texts) == 1:
        return section(f"{label}: {texts[0]}")
    return section(pack_after(f"{label}:", [f"• {t}" for t in texts], MAX_SECTION_TEXT, _more))


def _verdict_line(view: ReportView) -> str:
    worst = view.sourcing.worst
    emoji = SEVERITY_EMOJI[worst] if worst else NO_FLAGS_EMOJI
    verdict = escaped_within(view.sourcing.verdict, MAX_SECTION_TEXT // 2)
    return f"{emoji} *{wording().sourcing_heading}:* {verdict}"


def _flag_line(flag: FlagView) -> str:
    line = (
        f"{SEVERITY_EMOJI[flag.severity]} *{flag.severity.capitalize()}* · {flag.label} — "
        f"“{escaped_within(flag.source, _FLAG_TEXT_MAX)}”"
    )
    if flag.reasons:
        line += f" _({escaped_within('; '.join(flag.reasons), _FLAG_REASONS_MAX)})_"
    return line


def _sourcing_blocks(view: ReportView) -> list[Block]:
    sourcing = view.sourcing
    first = _verdict_line(view)
    if sourcing.central_warning:
        first += f"\n{CENTRAL_EMOJI} *{escape(sourcing.central_warning)}*"
    lines = [_flag_line(f) for f in sourcing.flags]
    lines += [f"{SEVERITY_EMOJI['info']} {escaped_within(m.line, _FLAG_TEXT_MAX)}" for m in sourcing.mentions]
    blocks = [section(pack_after(first, lines, MAX_SECTION_TEXT, _more))]
    counts = list(sourcing.counts)
    if counts:
        if len(counts) > MAX_FIELDS:
            rest = sum(n for _, n in counts[MAX_FIELDS - 1 :])
            counts = [*counts[: MAX_FIELDS - 1], ("Other", rest)]
        blocks.append({"type": "section", "fields": [_count_field(label, n) for label, n in counts]})
    return blocks


def _count_field(label: str, count: int) -> Block:
    name = escaped_within(label.replace("_", " ").capitalize(), MAX_FIELD_TEXT - 20)
    return {"type": "mrkdwn", "text": f"*{name}*\n{count}"}
