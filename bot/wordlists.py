"""Reading the word lists and settings shipped as JSON data inside the package."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any


def package_json(package: str, name: str) -> dict[str, Any]:
    """The JSON object of data file `name` in `package` (e.g. "bot.reference.data", "people.json")."""
    data: dict[str, Any] = json.loads(resources.files(package).joinpath(name).read_text("utf-8"))
    return data


def word_set(words: Iterable[object]) -> frozenset[str]:
    """A list of words as a set of lower-case strings."""
    return frozenset(str(w).lower() for w in words)
