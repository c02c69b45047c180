"""Naming binary files by their first bytes (PDF, images, archives...), so they are not read as text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

HEAD_BYTES = 8192
"""How much of the start of a file the checks look at."""

MAX_CONTROL_SHARE = 0.1
"""Text has few control bytes besides tab, line feed, form feed and carriage return."""

_TEXT_CONTROLS = frozenset(b"\t\n\f\r\x1b")
_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


@dataclass(frozen=True)
class Signature:
    """How one kind of file starts: the bytes expected at given offsets."""

    kind: str
    at: tuple[tuple[int, bytes], ...]

    def matches(self, head: bytes) -> bool:
        return all(head[offset : offset + len(expected)] == expected for offset, expected in self.at)


@cache
def signatures() -> tuple[Signature, ...]:
    """The signatures of `data/file_signatures.json`, most specific first."""
    raw = json.loads(resources.files("bot.data").joinpath("file_signatures.json").read_text("utf-8"))
    return tuple(
        Signature(entry["kind"], tuple((int(offset), bytes.fromhex(hexed)) for offset, hexed in entry["at"].items()))
        for entry in raw["signatures"]
    )


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file `data` is ('a PDF document', 'a PNG image', 'a binary file'), or
    None when it may be text."""
    head = data[:HEAD_BYTES]
    for signature in signatures():
        if signature.matches(head):
            return signature.kind
    if head.startswith(_UNICODE_BOMS):
        return None
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if b"\x00" in head or controls > MAX_CONTROL_SHARE * len(head):
        return "a binary file"
    return None
