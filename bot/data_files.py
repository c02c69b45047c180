"""Reading an annotated data set (JSON Lines) and writing an output file, with errors a person understands."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from .errors import BadData, CannotRead, CannotWrite, NoSuchFile, NotAFile


def read_rows(data: Path, required: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The JSON objects of the non-blank lines of `data`, each checked to have the `required` keys."""
    needed = tuple(required)
    try:
        lines = data.read_text("utf-8").splitlines()
    except FileNotFoundError as exc:
        raise NoSuchFile(f"no data set {str(data)!r}", user_message="There is no data set by that name.") from exc
    except IsADirectoryError as exc:
        raise NotAFile(f"{str(data)!r} is a directory") from exc
    except UnicodeDecodeError as exc:
        raise BadData(f"{str(data)!r} is not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise CannotRead(f"{str(data)!r}: {exc.strerror or exc}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadData(f"line {number} of {str(data)!r} is not JSON: {exc}") from exc
        missing = [key for key in needed if not isinstance(row, dict) or key not in row]
        if missing:
            raise BadData(f"line {number} of {str(data)!r} has no {', '.join(repr(k) for k in missing)}")
        rows.append(row)
    return rows


def open_for_writing(path: Path) -> TextIO:
    """`path` opened for writing text, or CannotWrite saying why not."""
    try:
        return path.open("w", encoding="utf-8")
    except IsADirectoryError as exc:
        raise CannotWrite(f"{str(path)!r} is a directory") from exc
    except OSError as exc:
        raise CannotWrite(f"{str(path)!r}: {exc.strerror or exc}") from exc
