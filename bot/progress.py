"""A progress bar on standard error for long commands (batch, eval): count, rate and time left.

Shown only when standard error is a terminal, so logs, pipes and CI get nothing; `--quiet`
turns it off. The bar is tqdm's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")

FALLBACK_SIZE = {"ncols": 80, "nrows": 24}
"""The terminal size assumed when a terminal reports none (tqdm would then draw nothing)."""


def wants_progress(quiet: bool, stream: TextIO | None = None) -> bool:
    """Whether to draw a bar: not `quiet`, and `stream` (standard error) is a terminal."""
    stream = stream if stream is not None else sys.stderr
    return not quiet and stream.isatty()


def with_progress(
    items: Iterable[T], *, total: int | None, label: str, unit: str, show: bool, stream: TextIO | None = None
) -> Iterator[T]:
    """`items` unchanged, drawing a bar on `stream` (standard error) while they come when `show`.

    With a `total` the bar shows the share done and the time left; without, the count and rate.
    """
    if not show:
        yield from items
        return
    stream = stream if stream is not None else sys.stderr
    with tqdm(total=total, desc=label, unit=f" {unit}", file=stream, **_width(stream)) as bar:
        for item in items:
            bar.update(1)
            yield item


def _width(stream: TextIO) -> dict[str, Any]:
    """Follow the terminal's size, or assume FALLBACK_SIZE when it reports none."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return dict(FALLBACK_SIZE)
    return {"dynamic_ncols": True} if size.columns > 0 and size.lines > 0 else dict(FALLBACK_SIZE)
