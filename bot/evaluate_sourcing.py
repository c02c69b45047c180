"""`newsbot eval sourcing`: classify the sources of an attribution data set, for hand-checking.

Two modes: `gold` runs the sourcing step on the data set's own source spans (does the
classifier read a given source right?); `extracted` runs the whole analysis and lists the
sources our own claims found. Either way a sample per category is printed for a person to
judge, and every mention is written as JSON Lines.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from .analysis import analyse
from .data_files import open_for_writing, read_rows
from .model import Article, Claim, ClaimSpans, Report, Speaker
from .pipeline import parse
from .sourcing import assess_sourcing


@dataclass(frozen=True)
class Mention:
    """One classified source, in its sentence."""

    id: str
    start: int
    kind: str
    source: str
    flag: str | None
    sentence: str


def _spans(value: Any) -> tuple[tuple[int, int], ...] | None:
    return tuple((int(s), int(e)) for s, e in value) if value else None


def gold_claims(row: dict[str, Any]) -> list[Claim]:
    """The data set's attributions as claims with their gold spans (speaker still unclassified)."""
    claims = []
    for item in row["attributions"]:
        content = _spans(item["content"]) or ((0, 0),)
        speaker = Speaker(item.get("source_text"), None, "none")
        spans = ClaimSpans(content, _spans(item["source"]), _spans(item["cue"]))
        claims.append(
            Claim(item.get("content_text", ""), bool(item.get("direct")), speaker, item.get("cue_text"), spans)
        )
    return claims


def _sentence(text: str, start: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    right = min((i for i in (text.find("\n", start), text.find(". ", start)) if i >= 0), default=len(text))
    return " ".join(text[left : right + 1].split())


def _mentions(row_id: str, text: str, report_claims: list[Claim], flagged: dict[int, str]) -> Iterator[Mention]:
    """Each source span once, however many claims it makes."""
    seen: set[tuple[int, int]] = set()
    for i, claim in enumerate(report_claims):
        if claim.spans.source is None:
            continue
        start, end = claim.spans.source[0][0], claim.spans.source[-1][1]
        if (start, end) in seen:
            continue
        seen.add((start, end))
        yield Mention(row_id, start, claim.speaker.kind, text[start:end], flagged.get(i), _sentence(text, start))


def classify(row: dict[str, Any], mode: Literal["gold", "extracted"]) -> list[Mention]:
    """The classified source mentions of one article."""
    article = Article(row["text"], id=str(row["id"]))
    if mode == "gold":
        claims, sourcing = assess_sourcing(parse(article), gold_claims(row))
    else:
        report: Report = analyse(article)
        claims, sourcing = list(report.claims), report.sourcing
    flagged = {i: f"{f.kind}/{f.severity}" for f in sourcing.flags for i in f.claims}
    return list(_mentions(article.id or "", article.text, claims, flagged))


Progress = Callable[[Iterable[dict[str, Any]], int], Iterator[dict[str, Any]]]
"""Wraps the articles as they are classified, given their total (a progress bar, or nothing)."""


def _unchanged(rows: Iterable[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    yield from rows


def run(
    data: Path,
    mode: Literal["gold", "extracted"],
    articles: int,
    per_kind: int,
    seed: int,
    out: Path,
    stream: TextIO,
    progress: Progress = _unchanged,
) -> Counter[str]:
    """Classify `articles` articles drawn with `seed`; write all mentions, print a sample per kind."""
    rows = read_rows(data, ("id", "text", "attributions") if mode == "gold" else ("id", "text"))
    chosen = random.Random(seed).sample(rows, min(articles, len(rows)))
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    with open_for_writing(out) as sink:
        for row in progress(chosen, len(chosen)):
            for mention in classify(row, mode):
                by_kind[mention.kind].append(mention)
                sink.write(json.dumps(asdict(mention), ensure_ascii=False) + "\n")
    counts = Counter({kind: len(found) for kind, found in by_kind.items()})
    picker = random.Random(seed + 1)
    for kind in sorted(by_kind):
        sample = picker.sample(by_kind[kind], min(per_kind, len(by_kind[kind])))
        stream.write(f"\n== {kind}: {counts[kind]} mentions, {len(sample)} shown for checking\n")
        for m in sample:
            flag = f" [{m.flag}]" if m.flag else ""
            stream.write(f"- {m.source!r}{flag}\n    {m.sentence[:300]}\n")
    stream.write("\ncounts: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) + "\n")
    return counts
