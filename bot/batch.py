"""Analysing many articles given as JSON Lines, in order, in one or several worker processes."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import multiprocessing
import multiprocessing.pool
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .analysis import DEFAULT_SENTENCES, analyse
from .errors import InvalidURL, NewsbotError, TooLarge
from .inputs import article_from_text
from .limits import MAX_INPUT_BYTES, format_bytes
from .links import WEB_SCHEMES, scheme_of, schemeless_link
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


@dataclass(frozen=True)
class UnreadableLine:
    """An input line that is not text to parse: longer than the input cap, or not UTF-8."""

    error: str
    """'too_large' or 'not_utf8'."""
    detail: str

    def as_error(self) -> NewsbotError:
        if self.error == "too_large":
            return TooLarge(
                self.detail,
                user_message=f"This line is too long: I read at most {format_bytes(MAX_INPUT_BYTES)} of a line.",
            )
        return BadLine(self.detail, user_message="This line is not UTF-8 text.")


Line = str | UnreadableLine
"""One line of batch input, as text, or why it could not be read as text."""


def read_lines(stream: BinaryIO, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Line]:
    """The lines of a byte stream as text, without holding more than `max_bytes` of any one line.

    A line over the cap or not in UTF-8 becomes an UnreadableLine, so it is answered in its place.
    """
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(max_bytes)
                size += len(raw)
            yield UnreadableLine("too_large", f"line {number} has {size} bytes, more than the {max_bytes}-byte cap")
            continue
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield UnreadableLine("not_utf8", f"line {number} is not UTF-8: {exc.reason} at byte {exc.start}")


def _id_of(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadLine(f"'id' is {type(value).__name__}, not a string or number")
    return str(value)


def _batch_link(value: str) -> str:
    """A batch item's url, a link typed without a scheme made https (see `bot.links`)."""
    scheme = scheme_of(value)
    if scheme in WEB_SCHEMES:
        return value.strip()
    link = None if scheme is not None else schemeless_link(value, standalone=True)
    if link is None:
        raise InvalidURL(f"not an http(s) link: {value[:200]!r}")
    return link


def article_from_item(item: dict[str, Any]) -> Article:
    """The article a batch item names: its text (plain or HTML), or its URL fetched safely."""
    id_ = _id_of(item)
    title = item.get("title") if isinstance(item.get("title"), str) else None
    if isinstance(item.get("text"), str):
        return article_from_text(item["text"], id=id_, title=title)
    if isinstance(item.get("url"), str):
        from .fetch import fetch_article
        from .source import network_policy

        fetched = asyncio.run(fetch_article(_batch_link(item["url"]), policy=network_policy()))
        return dataclasses.replace(fetched, id=id_, title=fetched.title or title)
    given = ", ".join(f"'{key}'" for key in item) or "nothing"
    raise BadLine(f"neither 'text' nor 'url' is a string (the line has {given})")


def process_line(line: Line, options: BatchOptions) -> dict[str, Any]:
    """One input line to one output object: a report, or an error for that id."""
    if isinstance(line, UnreadableLine):
        return error_to_dict(line.as_error())
    id_: str | None = None
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise BadLine(f"the line is a JSON {type(item).__name__}, not an object")
        id_ = _id_of(item)
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


def _work(line: Line) -> dict[str, Any]:
    return process_line(line, _options)


def worker_pool(jobs: int, options: BatchOptions) -> multiprocessing.pool.Pool:
    """A pool of `jobs` worker processes, each with the language model loaded once."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return context.Pool(jobs, initializer=_init_worker, initargs=(options,))


def run_batch(
    lines: Iterable[Line], options: BatchOptions, jobs: int = 1, pool: multiprocessing.pool.Pool | None = None
) -> Iterator[dict[str, Any]]:
    """Results for the non-blank lines, in input order.

    `jobs` > 1 (or a `pool` from `worker_pool`) analyses in worker processes.
    """
    wanted = (line for line in lines if not isinstance(line, str) or line.strip())
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
