"""`newsbot eval`: run the batch over an annotated data set and score it with the given scorer."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .batch import BatchOptions, run_batch
from .data_files import open_for_writing, read_rows
from .errors import NoSuchFile

TEXT_FIELD = {"summaries": "article", "attribution": "text"}

Progress = Callable[[Iterable[dict[str, Any]], int], Iterator[dict[str, Any]]]
"""Wraps the results as they come, given their total (a progress bar, or nothing)."""


def _unchanged(results: Iterable[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    yield from results


def batch_lines(data: Path, task: str) -> list[str]:
    """The data set's articles as `newsbot batch` input lines; BadData names a row without them."""
    field = TEXT_FIELD[task]
    return [json.dumps({"id": str(row["id"]), "text": row[field]}) for row in read_rows(data, ("id", field))]


def anonymous_lines(gold: Path, texts: Path) -> list[str]:
    """The articles of the attribution data `texts` that the anonymous-source labels `gold` cover,
    as `newsbot batch` input lines."""
    wanted = {str(row["id"]) for row in read_rows(gold, ("id", "mentions"))}
    return [
        json.dumps({"id": str(row["id"]), "text": row["text"]})
        for row in read_rows(texts, ("id", "text"))
        if str(row["id"]) in wanted
    ]


def write_predictions(
    data: Path,
    task: str,
    out: Path,
    options: BatchOptions,
    jobs: int,
    progress: Progress = _unchanged,
    texts: Path | None = None,
) -> int:
    """Analyse every article of `data` into `out` (one report a line); returns the count. For the
    "anonymous" task `data` holds the labels and `texts` the articles."""
    lines = anonymous_lines(data, texts) if task == "anonymous" and texts else batch_lines(data, task)
    count = 0
    with open_for_writing(out) as sink:
        for result in progress(run_batch(lines, options, jobs=jobs), len(lines)):
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            count += 1
    return count


def check_scorer(scorer: Path) -> None:
    """Raise NoSuchFile unless `scorer` is a file (checked before hours of analysis, not after)."""
    if not scorer.is_file():
        raise NoSuchFile(f"no scorer script {str(scorer)!r}", user_message="There is no scorer script by that name.")


def run_scorer(scorer: Path, data: Path, predictions: Path, extra: Sequence[str] = ()) -> int:
    """Run the scorer unchanged (with `extra` arguments), its output going straight to ours."""
    check_scorer(scorer)
    return subprocess.call([sys.executable, str(scorer), str(data), str(predictions), *extra])


def _filter_lines(path: Path, key: str, direct: bool) -> str:
    """The JSON Lines of `path` with only the items under `key` whose `direct` flag is `direct`."""
    out = []
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            if line.strip():
                row = json.loads(line)
                row[key] = [item for item in row.get(key) or [] if bool(item.get("direct")) is direct]
                out.append(json.dumps(row))
    return "\n".join(out) + "\n"


def score_by_speech(scorer: Path, data: Path, predictions: Path) -> int:
    """Score direct and indirect speech apart: the same scorer on both files filtered by `direct`."""
    worst = 0
    with tempfile.TemporaryDirectory() as tmp:
        for direct, label in ((True, "direct speech"), (False, "indirect speech")):
            gold = Path(tmp) / f"gold-{direct}.jsonl"
            pred = Path(tmp) / f"pred-{direct}.jsonl"
            gold.write_text(_filter_lines(data, "attributions", direct), "utf-8")
            pred.write_text(_filter_lines(predictions, "claims", direct), "utf-8")
            print(f"== {label} (gold and predictions filtered by their 'direct' flag)", flush=True)
            worst = max(worst, run_scorer(scorer, gold, pred))
    return worst
