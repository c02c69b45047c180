"""`newsbot bench`: analysis cost against the bare spaCy parse of the same texts, measured in one run."""

from __future__ import annotations

import json
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .analysis import analyse
from .batch import BatchOptions, run_batch, wait_until_ready, worker_pool
from .inputs import article_from_text
from .local_input import read_file
from .nlp import load_nlp

SUFFIXES = {".txt", ".html"}


@dataclass(frozen=True)
class BenchResult:
    """The figures `newsbot bench --json` prints."""

    docs: int
    chars_p50: int
    analyse_ms_p50: float
    parse_ms_p50: float
    ratio: float
    docs_per_s_1: float
    docs_per_s_2: float
    rss_mb: float


def load_texts(paths: Sequence[Path]) -> list[str]:
    """The texts of the given files, and of the .txt/.html files in given folders.

    Raises the NewsbotError of `read_file` for a missing, unreadable or binary file.
    """
    texts = []
    for path in paths:
        files = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES) if path.is_dir() else [path]
        texts += [read_file(str(f)) for f in files]
    return texts


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _paired_medians(first: Callable[[], object], second: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The median times of two calls timed in turn, so that a slower or faster spell of the machine
    weighs on both alike."""
    a, b = [], []
    for _ in range(repeats):
        a.append(_ms(first))
        b.append(_ms(second))
    return statistics.median(a), statistics.median(b)


def _throughput(texts: list[str], jobs: int, total: int) -> float:
    """Articles per second through the batch path, once the workers have loaded the model."""
    lines = [json.dumps({"id": str(i), "text": texts[i % len(texts)]}) for i in range(total)]
    if jobs <= 1:
        start = time.perf_counter()
        for _ in run_batch(lines, BatchOptions()):
            pass
        return total / (time.perf_counter() - start)
    with worker_pool(jobs, BatchOptions()) as pool:
        wait_until_ready(pool, jobs)
        start = time.perf_counter()
        for _ in run_batch(lines, BatchOptions(), pool=pool):
            pass
        return total / (time.perf_counter() - start)


def run_bench(texts: list[str], repeats: int = 5, batch_docs: int = 24) -> BenchResult:
    """Median analyse and parse times per text, their ratio, batch throughput and peak memory."""
    nlp = load_nlp()
    articles = [article_from_text(t) for t in texts]
    analyse(articles[0])  # warm caches and lazy data before timing
    paired = [_paired_medians(lambda a=a: analyse(a), lambda a=a: nlp(a.text), repeats) for a in articles]  # type: ignore[misc]
    analyse_ms, parse_ms = [a for a, _ in paired], [p for _, p in paired]
    a50, p50 = statistics.median(analyse_ms), statistics.median(parse_ms)
    one = _throughput(texts, 1, batch_docs)
    two = _throughput(texts, 2, batch_docs)
    rss_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return BenchResult(
        docs=len(texts),
        chars_p50=int(statistics.median(len(a.text) for a in articles)),
        analyse_ms_p50=round(a50, 2),
        parse_ms_p50=round(p50, 2),
        ratio=round(a50 / p50, 3) if p50 else float("nan"),
        docs_per_s_1=round(one, 2),
        docs_per_s_2=round(two, 2),
        rss_mb=round(rss_kb / 1024, 1),
    )


def format_table(result: BenchResult) -> str:
    """The figures as an aligned two-column table."""
    rows = [
        ("articles", str(result.docs)),
        ("median length (chars)", str(result.chars_p50)),
        ("analyse, median ms", f"{result.analyse_ms_p50:.1f}"),
        ("bare spaCy parse, median ms", f"{result.parse_ms_p50:.1f}"),
        ("ratio analyse / parse", f"{result.ratio:.2f}  (target <= 1.5)"),
        ("batch docs/s, 1 job", f"{result.docs_per_s_1:.1f}"),
        ("batch docs/s, 2 jobs", f"{result.docs_per_s_2:.1f}"),
        ("peak RSS (MB)", f"{result.rss_mb:.0f}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def result_json(result: BenchResult) -> str:
    return json.dumps(asdict(result))
