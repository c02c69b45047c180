"""What every surface shows: platform-neutral, frozen views of reports and digests, the shared
wording, and the helpers that fit text into a platform's limits."""

from __future__ import annotations

from .digest import AlsoView, DigestView, EarlierView, ItemView, LinkView, digest_view, part_suffix
from .fit import (
    ELLIPSIS,
    Budget,
    fitted,
    pack_after,
    pack_groups,
    pack_lines,
    plain,
    shorten,
    text_chunks,
    whole_sentences,
)
from .report import (
    SEVERITY_ORDER,
    FlagView,
    MentionGroup,
    ReportView,
    SourcingView,
    SpeakerView,
    meta_line,
    quoted,
    report_view,
    title_of,
    worst_severity,
)
from .stats import SiteRowView, StatsView, stats_view
from .wording import Wording, wording

__all__ = [
    "ELLIPSIS",
    "SEVERITY_ORDER",
    "AlsoView",
    "Budget",
    "DigestView",
    "EarlierView",
    "FlagView",
    "ItemView",
    "LinkView",
    "MentionGroup",
    "ReportView",
    "SiteRowView",
    "SourcingView",
    "SpeakerView",
    "StatsView",
    "Wording",
    "digest_view",
    "fitted",
    "meta_line",
    "pack_after",
    "pack_groups",
    "pack_lines",
    "part_suffix",
    "plain",
    "quoted",
    "report_view",
    "shorten",
    "stats_view",
    "text_chunks",
    "title_of",
    "whole_sentences",
    "wording",
    "worst_severity",
]
