"""Block Kit rendering: content, escaping, and every Slack limit respected by shortening."""

from __future__ import annotations

import json

from adapters.slack.markup import escape, escaped_within, link
from adapters.slack.render import SEVERITY_EMOJI, render_report_blocks, render_unfurl_blocks
from bot.model import Claim, ClaimSpans, Flag, Notice, Report, Sourcing, Speaker
from bot.view import shorten, wording
from tests.fakes.slack_api import block_problems

JONES = Speaker(name="Nathan Jones", description="associate professor of security studies", kind="named")
ANON = Speaker(name=None, description="three anonymous military sources", kind="anonymous")


def claim(text: str, speaker: Speaker = JONES, *, direct: bool = True) -> Claim:
    return Claim(
        text=text, direct=direct, speaker=speaker, cue="said", spans=ClaimSpans(content=((0, 1),)), key=True
    )


def flag(severity: str, text: str = "officials said", kind: str = "anonymous") -> Flag:
    return Flag(kind=kind, severity=severity, text=text, reasons=("no name given",), spans=((0, 1),))  # type: ignore[arg-type]


def report(**changes: object) -> Report:
    base: dict[str, object] = dict(
        text="x",
        summary=("First sentence.", "Second sentence."),
        summary_spans=((0, 1), (1, 2)),
        title="Military preparing attacks",
        url="https://news.example/a?x=1&y=2",
        site="News Example",
        byline="Jo Writer",
        published="2025-08-20T10:00:00Z",
        claims=(
            claim("Any country would find it inappropriate"),
            claim("They are ready", ANON, direct=False),
        ),
        sourcing=Sourcing(
            flags=(flag("low"), flag("high")),
            counts=(("named", 1), ("anonymous", 1)),
            verdict="Relies on anonymous sources.",
        ),
    )
    base.update(changes)
    return Report(**base)  # type: ignore[arg-type]


def all_text(blocks: list[dict[str, object]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_typical_report_is_valid_and_shows_everything() -> None:
    blocks, fallback = render_report_blocks(report())
    assert block_problems(blocks) == []
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Military preparing attacks", "emoji": True},
    }
    text = all_text(blocks)
    assert "<https://news.example/a?x=1&amp;y=2|Military preparing attacks>" in text
    assert "News Example · Jo Writer · 2025-08-20" in text
    assert "First sentence. Second sentence." in text
    assert (
        "*Nathan Jones*, associate professor of security studies: “Any country would find it inappropriate”"
        in text
    )
    assert "*three anonymous military sources*: They are ready" in text
    assert "Military preparing attacks" in fallback and "First sentence." in fallback


def test_flags_sorted_worst_first_with_severity_emoji() -> None:
    blocks, _ = render_report_blocks(report())
    sourcing = next(b["text"]["text"] for b in blocks if "*Sourcing:*" in b.get("text", {}).get("text", ""))
    assert sourcing.startswith(SEVERITY_EMOJI["high"])
    lines = sourcing.split("\n")
    assert lines[1].startswith(SEVERITY_EMOJI["high"] + " *High*")
    assert lines[2].startswith(SEVERITY_EMOJI["low"] + " *Low*")


def test_clean_report_says_so() -> None:
    blocks, _ = render_report_blocks(report(sourcing=Sourcing(verdict="All claims are attributed.")))
    assert ":white_check_mark: *Sourcing:* All claims are attributed." in all_text(blocks)
    assert not any(e in all_text(blocks) for e in SEVERITY_EMOJI.values())


def test_mrkdwn_is_escaped_everywhere() -> None:
    nasty = "<!channel> A & B <https://evil.example|click>"
    r = report(
        title=nasty,
        summary=(nasty,),
        site=nasty,
        claims=(claim(nasty, Speaker(name=nasty, description=nasty, kind="named")),),
        sourcing=Sourcing(flags=(flag("medium", nasty),), verdict=nasty),
        warnings=(Notice("n", nasty),),
    )
    blocks, fallback = render_report_blocks(r)
    for block in blocks:
        texts = [block.get("text", {}).get("text", "")] + [e["text"] for e in block.get("elements", [])]
        for t in texts:
            if block["type"] != "header":
                assert "<!channel>" not in t and "<https://evil" not in t
    assert "&lt;!channel&gt; A &amp; B" in all_text(blocks)
    assert "<!channel>" not in fallback


def test_header_limit_and_untitled() -> None:
    blocks, _ = render_report_blocks(report(title="word " * 100))
    header = blocks[0]["text"]["text"]
    assert len(header) <= 150 and header.endswith("…")
    assert not header[:-1].endswith(" wor")
    untitled, _ = render_report_blocks(report(title=None, url=None))
    assert untitled[0]["text"]["text"] == wording().untitled


def test_long_summary_is_cut_at_a_sentence_within_section_limit() -> None:
    long_summary = tuple(f"Sentence number {i} is about the news & more." for i in range(300))
    blocks, fallback = render_report_blocks(report(summary=long_summary))
    assert block_problems(blocks) == []
    summary = next(
        b["text"]["text"] for b in blocks if b.get("text", {}).get("text", "").startswith("*Summary*")
    )
    assert len(summary) <= 3000
    assert summary.endswith("more. …")
    assert len(fallback) <= 3000


def test_many_long_claims_fit_in_fifty_blocks_with_a_note() -> None:
    speakers = [Speaker(name=f"Speaker {i}", description="x " * 400, kind="named") for i in range(80)]
    claims = tuple(claim("long quote " * 500, s) for s in speakers for _ in range(3))
    blocks, _ = render_report_blocks(report(claims=claims))
    assert block_problems(blocks) == []
    assert len(blocks) == 50
    text = all_text(blocks)
    assert "*Speaker 0*" in text
    assert "*Speaker 79*" not in text
    shown = sum(f"*Speaker {i}*" in text for i in range(80))
    assert wording().claims_left_out((80 - shown) * 3) in text
    assert "*Sourcing:*" in text, "sourcing survives the cut"
    assert wording().footer in text, "the footer survives the cut"


def test_many_claims_by_one_speaker_stay_within_one_section() -> None:
    claims = tuple(claim(f"quote {i} " + "word " * 100) for i in range(40))
    blocks, _ = render_report_blocks(report(claims=claims))
    assert block_problems(blocks) == []
    section = next(b["text"]["text"] for b in blocks if "*Nathan Jones*" in b.get("text", {}).get("text", ""))
    assert "• “quote 0" in section
    assert section.rstrip().endswith("more_")


def test_many_flags_and_counts_are_bounded() -> None:
    flags = tuple(flag("medium", "anonymous officials said " * 30) for _ in range(60))
    counts = tuple((f"kind_{i}", i + 1) for i in range(15))
    blocks, _ = render_report_blocks(report(sourcing=Sourcing(flags=flags, counts=counts, verdict="Weak.")))
    assert block_problems(blocks) == []
    fields = next(b["fields"] for b in blocks if "fields" in b)
    assert len(fields) == 10
    assert fields[-1]["text"] == f"*Other*\n{sum(range(10, 16))}"


def test_many_notices_stay_within_context_limit() -> None:
    blocks, _ = render_report_blocks(report(warnings=tuple(Notice("w", "warning " * 500) for _ in range(14))))
    assert block_problems(blocks) == []


def test_huge_url_never_breaks_a_section() -> None:
    blocks, _ = render_report_blocks(report(url="https://news.example/" + "a" * 5000))
    assert block_problems(blocks) == []


def test_unfurl_is_compact_and_valid() -> None:
    blocks = render_unfurl_blocks(report(summary=("word " * 2000,)))
    assert block_problems(blocks) == []
    assert len(blocks) == 2
    assert "<https://news.example/a?x=1&amp;y=2|Military preparing attacks>" in blocks[0]["text"]["text"]
    assert SEVERITY_EMOJI["high"] in blocks[1]["elements"][0]["text"]


def test_shorten_prefers_word_boundaries() -> None:
    assert shorten("short", 10) == "short"
    cut = shorten("alpha beta gamma delta", 14)
    assert cut == "alpha beta…"
    assert len(shorten("x" * 100, 10)) == 10


def test_escaped_within_accounts_for_entity_growth() -> None:
    out = escaped_within("& " * 1000, 100)
    assert len(out) <= 100
    assert not out.rstrip("…").endswith("&amp")


def test_link_cannot_be_broken_by_its_label_or_url() -> None:
    assert link("https://x.example/a|b>c", "A|B <c>") == "<https://x.example/a%7Cb%3Ec|A/B &lt;c&gt;>"
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
