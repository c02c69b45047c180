"""`newsbot eval`: analyses a data set given by path and hands predictions to the given scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

ARTICLE = (
    "The council approved the budget on Monday. \u201cIt is a fair plan,\u201d said Mayor Ana Ruiz. "
    "Critics say the plan cuts too deep, and officials said the vote was close."
)

SCORER = """
import json, sys
data, pred = sys.argv[1], sys.argv[2]
gold = [json.loads(l) for l in open(data) if l.strip()]
got = [json.loads(l) for l in open(pred) if l.strip()]
n_gold = sum(len(r.get("attributions", [])) for r in gold)
n_pred = sum(len(r.get("claims") or []) for r in got)
directs = sorted({c["direct"] for r in got for c in r.get("claims") or []})
print(f"SCORED gold={n_gold} pred={n_pred} directs={directs}")
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "attribution.jsonl"
    gold = [
        {"direct": True, "source": [[70, 83]], "cue": [[65, 69]], "content": [[44, 62]]},
        {"direct": False, "source": [[84, 91]], "cue": [[92, 95]], "content": [[96, 115]]},
    ]
    path.write_text(json.dumps({"id": "a1", "text": ARTICLE, "attributions": gold}) + "\n", "utf-8")
    return path


def test_eval_attribution_scores_all_then_direct_and_indirect(
    data: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    scorer = tmp_path / "scorer.py"
    scorer.write_text(SCORER, "utf-8")
    out = tmp_path / "pred.jsonl"
    args = ["eval", "attribution", str(data), "--out", str(out), "--jobs", "1", "--scorer", str(scorer)]
    assert main([*args, "--by-speech"]) == 0
    [report] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert report["id"] == "a1" and report["claims"]
    lines = [line for line in capfd.readouterr().out.splitlines() if line.startswith("SCORED")]
    assert len(lines) == 3
    assert lines[0].startswith("SCORED gold=2")
    assert lines[1] == f"SCORED gold=1 pred={sum(c['direct'] for c in report['claims'])} directs=[True]"
    assert lines[2].endswith("directs=[False]") and lines[2].startswith("SCORED gold=1")


def test_eval_summaries_writes_one_report_per_article(tmp_path: Path) -> None:
    data = tmp_path / "summaries.jsonl"
    data.write_text(json.dumps({"id": 5, "article": ARTICLE, "reference": "Budget approved."}) + "\n", "utf-8")
    out = tmp_path / "pred.jsonl"
    assert main(["eval", "summaries", str(data), "--out", str(out), "--jobs", "1", "--sentences", "1"]) == 0
    [report] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert report["id"] == "5" and len(report["summary"]) == 1


SOURCED = (
    "The company is exploring a sale, according to people familiar with the matter. "
    "Chief executive Dana Holt said the board had not decided."
)


def span_of(text: str, part: str) -> list[list[int]]:
    start = text.index(part)
    return [[start, start + len(part)]]


@pytest.mark.parametrize("mode", ["gold", "extracted"])
def test_eval_sourcing_classifies_and_samples_the_sources(
    mode: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = [
        {
            "source": span_of(SOURCED, "people familiar with the matter"),
            "cue": span_of(SOURCED, "according to"),
            "content": span_of(SOURCED, "The company is exploring a sale"),
            "direct": False,
            "source_text": "people familiar with the matter",
            "cue_text": "according to",
            "content_text": "The company is exploring a sale",
        },
        {
            "source": span_of(SOURCED, "Chief executive Dana Holt"),
            "cue": span_of(SOURCED, "said"),
            "content": span_of(SOURCED, "the board had not decided"),
            "direct": False,
            "source_text": "Chief executive Dana Holt",
            "cue_text": "said",
            "content_text": "the board had not decided",
        },
    ]
    data = tmp_path / "attribution.jsonl"
    data.write_text(json.dumps({"id": "s1", "text": SOURCED, "attributions": gold}) + "\n", "utf-8")
    out = tmp_path / "mentions.jsonl"
    assert main(["eval-sourcing", str(data), "--mode", mode, "--out", str(out), "--per-kind", "5"]) == 0
    mentions = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    kinds = {m["source"]: m["kind"] for m in mentions}
    assert kinds["people familiar with the matter"] == "anonymous"
    assert next(k for s, k in kinds.items() if "Holt" in s) == "named"
    printed = capsys.readouterr().out
    assert "== anonymous: 1 mentions" in printed and "counts: " in printed


ANON_SCORER = """
import json, sys
gold, pred = sys.argv[1], sys.argv[2]
ids = [json.loads(l)["id"] for l in open(pred) if l.strip()]
print("ANON", sorted(ids), sys.argv[3:])
"""


def test_eval_anonymous_analyses_the_labelled_articles_and_passes_texts_to_the_scorer(
    data: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    other = json.dumps({"id": "a2", "text": ARTICLE, "attributions": []})
    data.write_text(data.read_text("utf-8") + other + "\n", "utf-8")
    gold = tmp_path / "anonymous.jsonl"
    gold.write_text(json.dumps({"id": "a1", "mentions": []}) + "\n", "utf-8")
    scorer = tmp_path / "anon.py"
    scorer.write_text(ANON_SCORER, "utf-8")
    out = tmp_path / "pred.jsonl"
    args = ["eval", "anonymous", str(gold), "--texts", str(data), "--out", str(out), "--jobs", "1"]
    assert main([*args, "--scorer", str(scorer), "--show"]) == 0
    line = next(x for x in capfd.readouterr().out.splitlines() if x.startswith("ANON"))
    assert line == f"ANON ['a1'] ['--texts', '{data}', '--show']"


def test_eval_anonymous_without_texts_is_one_sentence(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "anonymous.jsonl"
    gold.write_text(json.dumps({"id": "a1", "mentions": []}) + "\n", "utf-8")
    assert main(["eval", "anonymous", str(gold)]) == 1
    assert "--texts" in capfd.readouterr().err
