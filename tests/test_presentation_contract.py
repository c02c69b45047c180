"""One contract for every surface: the terminal, Slack and Discord show the same facts of a report.

Each surface is a mapping of the core's report view; this test runs the same reports (the seed
article, a report with every flag kind, one without claims, and one at every length limit)
through all three renderers and checks that each shows the title, the summary, the speakers, the
sourcing verdict, the central-claim warning, every flag and every information line.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.discord.render import report_embed_dicts
from adapters.slack.render import render_report_blocks
from bot.analysis import analyse
from bot.model import Article, Claim, ClaimSpans, Flag, FlagKind, Report, Severity, Sourcing, Speaker
from bot.render_text import render_markdown, render_text
from bot.view import report_view, wording
from tests.fakes.discord_api import message_problems
from tests.fakes.slack_api import block_problems

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KINDS: tuple[tuple[FlagKind, Severity], ...] = (
    ("anonymous", "high"),
    ("agentless", "high"),
    ("second_hand", "medium"),
    ("vague", "info"),
    ("institutional", "info"),
    ("second_hand", "info"),
)


def flag(kind: FlagKind, severity: Severity, text: str) -> Flag:
    return Flag(kind, severity, text, ("the reason a reader needs",), ((0, 1),))


def claim(text: str, name: str | None, description: str | None = None) -> Claim:
    return Claim(text, False, Speaker(name, description, "named"), "said", ClaimSpans(((0, 1),)), key=True)


def every_flag_kind() -> Report:
    return Report(
        text="x",
        summary=("The port reopened on Monday.", "Ships queued for a day."),
        summary_spans=(),
        title="Port reopens",
        url="https://news.example/port",
        site="Example News",
        claims=(claim("the cranes were fixed", "Ann Lee", "harbour master"), claim("costs rose", None, "two aides")),
        sourcing=Sourcing(
            flags=tuple(flag(kind, severity, f"{kind} source {i}") for i, (kind, severity) in enumerate(KINDS)),
            counts=(("anonymous", 1), ("named", 1)),
            core_claim_anonymous=True,
            verdict="The central claim rests on anonymous source 0; no reason for anonymity is given.",
        ),
    )


def no_claims() -> Report:
    return Report(text="x", summary=("A short note about the weather.",), summary_spans=(), title=None, url=None)


def at_the_limits() -> Report:
    words = "word " * 800
    return Report(
        text="x",
        summary=tuple(f"Sentence {i} says something about the budget and {words[:300]}." for i in range(40)),
        summary_spans=(),
        title="A very long title " * 40,
        url="https://news.example/" + "a" * 3000,
        site="Site " * 100,
        byline="Writer " * 100,
        claims=tuple(claim(f"claim {i} " + words, f"Speaker {i}", "role " * 80) for i in range(60)),
        sourcing=Sourcing(
            flags=tuple(flag("anonymous", "medium", f"official number {i} " * 20) for i in range(60)),
            verdict="Many claims rest on anonymous sources. " * 30,
        ),
    )


REPORTS: dict[str, Callable[[], Report]] = {
    "seed": lambda: analyse(Article((SEEDS / "cartels.txt").read_text("utf-8"))),
    "every flag kind": every_flag_kind,
    "no claims": no_claims,
    "at the limits": at_the_limits,
}


def _normalised(text: str) -> str:
    """What a reader sees: entities decoded, Markdown escapes dropped, whitespace collapsed."""
    return " ".join(html.unescape(text).replace("\\", "").split())


def terminal(report: Report) -> str:
    return _normalised(render_text(report, width=10_000))


def markdown(report: Report) -> str:
    return _normalised(render_markdown(report))


def slack(report: Report) -> str:
    blocks, _ = render_report_blocks(report)
    assert block_problems(blocks) == []
    return _normalised(json.dumps(blocks, ensure_ascii=False).replace("\\n", " "))


def discord(report: Report) -> str:
    embeds = report_embed_dicts(report)
    assert message_problems({"embeds": embeds}) == []
    return _normalised(json.dumps(embeds, ensure_ascii=False).replace("\\n", " "))


SURFACES = {"terminal": terminal, "markdown": markdown, "slack": slack, "discord": discord}
PREFIX = 40
"""Facts are compared by their first characters: a surface at its limit may shorten the rest."""


def facts(report: Report, *, limited: bool) -> list[str]:
    """The facts every surface must show; at the limits, the first of each kind."""
    view = report_view(report)
    shown: list[str] = [view.title, view.sourcing.verdict]
    shown += view.summary[:1] if limited else view.summary
    speakers = view.speakers[:1] if limited else view.speakers
    shown += [s.name for s in speakers]
    if view.sourcing.central_warning:
        shown.append(view.sourcing.central_warning)
    flags = view.sourcing.flags[:1] if limited else view.sourcing.flags
    shown += [f.label for f in flags] + [f.source for f in flags]
    shown += [m.label for m in view.sourcing.mentions] + [n for m in view.sourcing.mentions for n in m.sources]
    return [_normalised(f)[:PREFIX] for f in shown if f.strip()]


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("surface", SURFACES)
def test_every_surface_shows_the_same_facts(name: str, surface: str) -> None:
    report = REPORTS[name]()
    text = SURFACES[surface](report)
    missing = [fact for fact in facts(report, limited=name == "at the limits") if fact not in text]
    assert missing == []


def test_the_central_claim_warning_and_labels_agree_everywhere() -> None:
    report = every_flag_kind()
    words = wording()
    for render in SURFACES.values():
        text = render(report)
        assert words.central_warning in text
        assert words.flag_labels["anonymous"] in text and words.flag_labels["agentless"] in text
        assert words.mention_labels["vague"] in text and words.mention_labels["institutional"] in text


def test_untitled_pasted_text_reads_the_same_everywhere() -> None:
    for render in SURFACES.values():
        assert wording().untitled in render(no_claims())
