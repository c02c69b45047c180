"""`newsbot eval`: run the batch over an annotated data set and score it with the given scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from .batch import BatchOptions, run_batch

TEXT_FIELD = {"summaries": "article", "attribution": "text"}


def batch_lines(data: Path, task: str) -> Iterator[str]:
    """The data set's articles as `newsbot batch` input lines."""
    field = TEXT_FIELD[task]
    with data.open(encoding="utf-8") as rows:
        for line in rows:
            if line.strip():
                row = json.loads(line)
                yield json.dumps({"id": str(row["id"]), "text": row[field]})


def write_predictions(data: Path, task: str, out: Path, options: BatchOptions, jobs: int) -> int:
    """Analyse every article of `data` into `out` (one report a line); returns the count."""
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for result in run_batch(batch_lines(data, task), options, jobs=jobs):
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            count += 1
    return count


def run_scorer(scorer: Path, data: Path, predictions: Path) -> int:
    """Run the scorer unchanged, its output going straight to ours."""
    return subprocess.call([sys.executable, str(scorer), str(data), str(predictions)])
