"""Web links as people type them, with or without a scheme: the one place that decides what is a link.

`https://…` and `http://…` are links. A link typed without a scheme (`apnews.com/article/…`,
`www.example.com`) is recognised when its host ends in a real top-level domain (the public
suffix list) and it starts with `www.` or goes on with a port or a path, so ordinary words
with dots ("e.g.", "Mr.Smith", "version 2.0", "notes.txt") never become links; it gets the
safe default scheme, https. Whatever comes out is still fetched under the same network policy.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from tld import is_tld

WEB_SCHEMES = frozenset({"http", "https"})
DEFAULT_SCHEME = "https"

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):(?!\d)")
"""A scheme at the start (`javascript:`, `ftp://`); `localhost:8080` and `example.com:443/x` have
ports instead, and a single letter (`C:`) is a drive."""

_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
SCHEMELESS_PATTERN = (
    r"(?<![\w@./:\\-])"  # not the middle of a word, an e-mail address, a path or a longer link
    r"(?P<host>(?:" + _LABEL + r"\.)+(?P<tld>[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
    r"|localhost|\d{1,3}(?:\.\d{1,3}){3})"
    r"(?P<port>:\d{1,5})?"
    r"(?P<path>[/?#][^\s<>]*)?"
    r"(?![\w@-])"
)
"""A link without a scheme, as a regular expression (case-insensitive) the chat link finder embeds."""
_SCHEMELESS = re.compile(SCHEMELESS_PATTERN, re.IGNORECASE)


@cache
def file_extensions() -> frozenset[str]:
    """File name endings that are also top-level domains (`.md`, `.py`, `.zip`...)."""
    raw = json.loads(resources.files("bot.data").joinpath("file_extensions.json").read_text("utf-8"))
    return frozenset(str(ext).lower() for ext in raw["extensions"])


def scheme_of(text: str) -> str | None:
    """The scheme `text` starts with, lower case (`https`, `ftp`, `javascript`), or None."""
    match = _SCHEME.match(text.strip())
    return match.group("scheme").lower() if match else None


def _real_tld(tld: str) -> bool:
    tld = tld.lower()
    return tld.startswith("xn--") or is_tld(tld)


def schemeless_link(candidate: str, *, standalone: bool = False) -> str | None:
    """`candidate` as an https link, if it is a whole link typed without a scheme; else None.

    In running text a link needs `www.` or a port or a path. A `standalone` candidate (the
    whole of what was typed, such as a command-line argument) may also be a bare host name
    like `apnews.com`, unless its last label is also a common file ending (`notes.md`).
    """
    match = _SCHEMELESS.fullmatch(candidate.strip())
    if match is None:
        return None
    tld = match.group("tld")
    if tld is not None and not _real_tld(tld):
        return None
    signalled = match.group("host").lower().startswith("www.") or match.group("port") or match.group("path")
    bare_host_ok = standalone and tld is not None and tld.lower() not in file_extensions()
    if not (signalled or bare_host_ok):
        return None
    return f"{DEFAULT_SCHEME}://{candidate.strip()}"
