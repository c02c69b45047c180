"""Option value types for the `newsbot` command: a value out of range is a usage message."""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_SENTENCES = 50
MAX_JOBS = 32
"""Each worker process holds its own copy of the language model (a few hundred MB)."""


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` (to `high`, when given)."""
    wanted = f"a whole number from {low} to {high}" if high is not None else f"a whole number, at least {low}"

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {wanted}, not {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be {wanted}, not {value}")
        return value

    parse.__name__ = "whole number"
    return parse


SENTENCES = whole_number(1, MAX_SENTENCES)
JOBS = whole_number(1, MAX_JOBS)
COUNT = whole_number(1)
PORT = whole_number(1, 65535)
