"""Links made well formed before a chat platform sees them: encoded, or left out.

Feeds carry links with spaces, quotes, non-ASCII characters or stray `%` signs; chat platforms
refuse a message holding such a link (Discord: 400 "Not a well formed URL"). `web_link` returns
the link with every character a URL may not contain percent-encoded (the host in IDNA form), or
None when it cannot be made into an http(s) link of at most `max_length` characters.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PATH_SAFE = "/%:@!$&'*+,;=-._~"
_QUERY_SAFE = "/?%:@!$&'*+,;=-._~"
_HOST = re.compile(r"^[A-Za-z0-9.-]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def web_link(url: str | None, max_length: int) -> str | None:
    """`url` as a well-formed http(s) URL of at most `max_length` characters, or None.

    Parentheses are encoded too, so the link can sit inside a markdown `[label](link)`.
    """
    if not url:
        return None
    text = _CONTROL.sub("", url.strip())
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = _ascii_host(parts.hostname)
    if host is None:
        return None
    netloc = f"{host}:{port}" if port is not None else host
    encoded = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _encode(parts.path or "/", _PATH_SAFE),
            _encode(parts.query, _QUERY_SAFE),
            _encode(parts.fragment, _QUERY_SAFE),
        )
    )
    return encoded if len(encoded) <= max_length else None


def _encode(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


def _ascii_host(hostname: str) -> str | None:
    if ":" in hostname:  # an IPv6 address (urlsplit removed its brackets)
        return f"[{hostname}]" if re.fullmatch(r"[0-9A-Fa-f:.]+", hostname) else None
    try:
        host = hostname.encode("idna").decode("ascii") if not hostname.isascii() else hostname
    except UnicodeError:
        return None
    return host.lower() if _HOST.match(host) and ".." not in host else None
