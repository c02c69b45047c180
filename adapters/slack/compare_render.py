"""A comparison of outlets as a Slack message: a mapping of the core's compare view (pure), Block
Kit blocks plus fallback text, within Slack's limits."""

from __future__ import annotations

from adapters.slack.digest_render import more_note, title_link
from adapters.slack.limits import MAX_BLOCKS, MAX_CLAIM_TEXT, MAX_FALLBACK_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT
from adapters.slack.markup import Block, context, escape, escaped_within, header, section
from adapters.slack.render import CENTRAL_EMOJI, NO_FLAGS_EMOJI, SEVERITY_EMOJI
from bot.compare import Comparison
from bot.view import pack_after, shorten, whole_sentences, wording
from bot.view.compare import OutletView, SharedClaimView, compare_view

_NAME_MAX = 200
_LINE_MAX = 600
DIVIDER: Block = {"type": "divider"}


def render_compare_blocks(comparison: Comparison) -> tuple[list[Block], str]:
    """The comparison as Block Kit blocks plus the plain fallback text, always within Slack's limits.

    Order: heading, not-the-same-story warning, the story (from the best-sourced outlet), the
    shared claims with whom each outlet credits, the outlets best- to worst-sourced with what only
    they say, the ranking note and footer. Shared claims beyond the block limit are counted.
    """
    view = compare_view(comparison)
    head = [header(shorten(view.heading, MAX_HEADER_TEXT))]
    if view.warning:
        head.append(section(f"{CENTRAL_EMOJI} *{escaped_within(view.warning, _LINE_MAX)}*"))
    title, source = f"*{escape(view.summary_heading)}*\n", f"\n_{escaped_within(view.summary_from, _LINE_MAX)}_"
    story = whole_sentences(view.summary, MAX_SECTION_TEXT - len(title) - len(source), escape)
    head.append(section(title + story + source))
    shared_head = f"*{escape(view.shared_heading)}*" + (f"\n_{escape(view.no_shared)}_" if view.no_shared else "")
    outlets = [DIVIDER, section(f"*{escape(view.outlets_heading)}*")]
    outlets += [_outlet(outlet, view.only_heading) for outlet in view.outlets]
    tail = [context([escaped_within(view.ranking_note, _LINE_MAX), escape(view.footer)])]
    room = MAX_BLOCKS - len(head) - 2 - len(outlets) - len(tail)
    shown = view.shared if len(view.shared) <= room else view.shared[: max(room - 1, 0)]
    shared = [DIVIDER, section(shared_head), *(_shared(claim) for claim in shown)]
    if len(shown) < len(view.shared):
        shared.append(context([escape(wording().more(len(view.shared) - len(shown)))]))
    fallback = " — ".join([view.heading, *([view.warning] if view.warning else []), " ".join(view.summary)])
    return [*head, *shared, *outlets, *tail], escaped_within(fallback, MAX_FALLBACK_TEXT)


def _shared(claim: SharedClaimView) -> Block:
    credits = [f"    *{escaped_within(c.outlet, _NAME_MAX)}*: {escaped_within(c.source, _NAME_MAX)}"
               for c in claim.credits]
    return section(pack_after(f"• {escaped_within(claim.claim, MAX_CLAIM_TEXT)}", credits, MAX_SECTION_TEXT, more_note))


def _outlet(outlet: OutletView, only_heading: str) -> Block:
    lines = [f"{outlet.rank}. {title_link(shorten(outlet.name, _NAME_MAX), outlet.url)}"]
    if outlet.title and outlet.title != outlet.name:
        lines[0] += f" — {escaped_within(outlet.title, _LINE_MAX)}"
    emoji = SEVERITY_EMOJI[outlet.worst] if outlet.worst else NO_FLAGS_EMOJI
    lines += [escape(outlet.counts), f"{emoji} {escaped_within(outlet.verdict, _LINE_MAX)}"]
    if outlet.central_warning:
        lines.append(f"{CENTRAL_EMOJI} *{escape(outlet.central_warning)}*")
    if outlet.only:
        lines.append(f"*{escape(only_heading)}:*")
    only = [
        f"• {escaped_within(o.claim, MAX_CLAIM_TEXT)} — {escaped_within(o.source, _NAME_MAX)}"
        + (f" _({escaped_within('; '.join(o.flags), _NAME_MAX)})_" if o.flags else "")
        for o in outlet.only
    ]
    return section(pack_after("\n".join(lines), only, MAX_SECTION_TEXT, more_note))
