"""Analysing many articles given as JSON Lines, in order, in one or several worker processes."""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import multiprocessing.pool
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .analyse import DEFAULT_SENTENCES, analyse
from .errors import NewsbotError
from .inputs import article_from_text
from .model import Article
from .nlp import load_nlp
from .report_json import error_to_dict, report_to_dict

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOptions:
    """What every article of a batch is analysed with."""

    sentences: int = DEFAULT_SENTENCES
    include_text: bool = False


class BadLine(NewsbotError):
    code = "bad_input"
    user_message = "This line is not a JSON object with an id and a text or url."


def article_from_item(item: dict[str, Any]) -> Article:
    """The article a batch item names: its text (plain or HTML), or its URL fetched safely."""
    id_ = None if item.get("id") is None else str(item["id"])
    title = item.get("title") if isinstance(item.get("title"), str) else None
    if isinstance(item.get("text"), str):
        return article_from_text(item["text"], id=id_, title=title)
    if isinstance(item.get("url"), str):
        from .fetch import NetworkPolicy, fetch_article

        fetched = asyncio.run(fetch_article(item["url"], policy=NetworkPolicy.from_env()))
        return Article(**{**fetched.__dict__, "id": id_, "title": fetched.title or title})
    raise BadLine("neither 'text' nor 'url' is a string")


def process_line(line: str, options: BatchOptions) -> dict[str, Any]:
    """One input line to one output object: a report, or an error for that id."""
    id_: str | None = None
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise BadLine("not a JSON object")
        id_ = None if item.get("id") is None else str(item["id"])
        report = analyse(article_from_item(item), sentences=options.sentences)
        return report_to_dict(report, include_text=options.include_text)
    except json.JSONDecodeError as exc:
        return error_to_dict(BadLine(f"invalid JSON: {exc}"), id_)
    except NewsbotError as exc:
        return error_to_dict(exc, id_)
    except Exception as exc:  # one bad article must not stop the batch
        log.exception("batch item %s failed", id_)
        return error_to_dict(exc, id_)


_options = BatchOptions()


def _init_worker(options: BatchOptions) -> None:
    global _options
    _options = options
    load_nlp()


def _work(line: str) -> dict[str, Any]:
    return process_line(line, _options)


def worker_pool(jobs: int, options: BatchOptions) -> multiprocessing.pool.Pool:
    """A pool of `jobs` worker processes, each with the language model loaded once."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return context.Pool(jobs, initializer=_init_worker, initargs=(options,))


def run_batch(
    lines: Iterable[str], options: BatchOptions, jobs: int = 1, pool: multiprocessing.pool.Pool | None = None
) -> Iterator[dict[str, Any]]:
    """Results for the non-blank lines, in input order.

    `jobs` > 1 (or a `pool` from `worker_pool`) analyses in worker processes.
    """
    wanted = (line for line in lines if line.strip())
    if pool is not None:
        yield from pool.imap(_work, wanted, chunksize=2)
    elif jobs <= 1:
        load_nlp()
        for line in wanted:
            yield process_line(line, options)
    else:
        with worker_pool(jobs, options) as own:
            yield from own.imap(_work, wanted, chunksize=2)


def _ready(_: int) -> bool:
    return True


def wait_until_ready(pool: multiprocessing.pool.Pool, jobs: int) -> None:
    """Return once the pool's workers have started (and so loaded the model)."""
    pool.map(_ready, range(jobs * 4), chunksize=1)
