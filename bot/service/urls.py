"""Find web links in chat messages and reduce them to a canonical form for caching."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from bot.errors import InvalidURL
from bot.links import SCHEMELESS_PATTERN, schemeless_link

_DEFAULT_PORTS = {"http": 80, "https": 443}

# One pass over the message, in order: a bracketed web link (Slack `<url|label>` / `<url>`,
# Discord `<url>`), any other bracketed token (mentions, channels, emoji: skipped whole so a
# link inside a label is not found twice), a bare link, or a link typed without a scheme.
_TOKEN = re.compile(
    r"<(?P<bracketed>https?://[^<>|\s]+)(?:\|(?P<label>[^<>]*))?>"
    r"|<(?P<other>[^<>]*)>"
    r"|(?P<bare>https?://[^\s<>]+)"
    r"|(?P<schemeless>" + SCHEMELESS_PATTERN + ")",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?'\"*_~|"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


@cache
def _tracking_params() -> tuple[tuple[str, ...], frozenset[str]]:
    data = json.loads(resources.files("bot.service").joinpath("tracking_params.json").read_text())
    prefixes = tuple(p.lower() for p in data["prefixes"])
    names = frozenset(n.lower() for n in data["names"])
    return prefixes, names


def _unescape(text: str) -> str:
    """Undo the HTML escaping chat platforms apply to `&`, `<` and `>`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _trim_bare(url: str) -> str:
    """Drop the punctuation that ends a sentence rather than the link."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])
        if last in _TRAILING_PUNCTUATION or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _split_http(url: str) -> SplitResult | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return parts


def _typed_without_scheme(target: str, label: str | None) -> str | None:
    """The label of a Slack link Slack made from text typed without a scheme (`<http://x.com/a|x.com/a>`)."""
    if label is None:
        return None
    scheme, _, rest = target.partition("://")
    return label if scheme.lower() == "http" and rest == label else None


def _link_of(match: re.Match[str]) -> str | None:
    """The link one token of a message stands for, if it is one."""
    if match.group("bracketed"):
        target = _unescape(match.group("bracketed"))
        typed = _typed_without_scheme(target, match.group("label"))
        return target if typed is None else schemeless_link(_unescape(typed))
    if match.group("bare"):
        return _trim_bare(_unescape(match.group("bare")))
    if match.group("schemeless"):
        return schemeless_link(_trim_bare(_unescape(match.group("schemeless"))))
    return None


def find_urls(text: str) -> tuple[str, ...]:
    """The http(s) links in a chat message, in order of appearance, without duplicates.

    Understands bare links, links typed without a scheme (`apnews.com/article/…`, which get
    https; see `bot.links`), and the bracketed forms Slack (`<url|label>`, `<url>`) and
    Discord (`<url>`) use. Slack turns text typed without a scheme into `<http://text|text>`:
    such a link is judged as the typed text, so a message gives the same links on both
    platforms. Duplicates are judged by `canonical_url`.
    """
    found: list[str] = []
    seen: set[str] = set()
    for match in _TOKEN.finditer(text):
        url = _link_of(match)
        if url is None or _split_http(url) is None:
            continue
        key = canonical_url(url)
        if key not in seen:
            seen.add(key)
            found.append(url)
    return tuple(found)


def _is_tracking(name: str) -> bool:
    prefixes, names = _tracking_params()
    lowered = unquote(name).lower()
    return lowered in names or lowered.startswith(prefixes)


def canonical_url(url: str) -> str:
    """The form of `url` used as a cache key: same page, same key.

    Lowercases scheme and host, drops the default port, the fragment and tracking parameters
    (utm_*, fbclid, gclid...), and writes an empty path as `/`. Raises InvalidURL for anything
    that is not an http(s) link with a host.
    """
    parts = _split_http(url.strip())
    if parts is None:
        raise InvalidURL(f"not an http(s) URL: {url[:200]!r}")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host
    if parts.port is not None and parts.port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{parts.port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _is_tracking(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def page_key(url: str) -> str:
    """`canonical_url(url)`, or `url` itself when it is no http(s) link: one key per page."""
    try:
        return canonical_url(url)
    except InvalidURL:
        return url


def strip_markup(text: str) -> str:
    """Chat message text as plain prose: link labels (or bare links) kept, mentions dropped."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)[1:-1]
        target, _, label = token.partition("|")
        if label:
            return label
        return target if match.group("bracketed") else ""

    def keep_or_replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group("bare") or match.group("schemeless") else replace(match)

    return _unescape(_TOKEN.sub(keep_or_replace, text))
