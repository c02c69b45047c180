"""Content types: the ones each kind of fetch accepts, and reading a Content-Type header."""

from __future__ import annotations

from dataclasses import dataclass

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Web pages, the only responses read as articles."""

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
"""RSS and Atom feeds, as servers commonly label them."""

UNKNOWN_TYPE = "application/octet-stream"
"""What a response without a Content-Type counts as (RFC 9110 lets clients assume it)."""


@dataclass(frozen=True)
class ContentType:
    """A Content-Type header: the media type (lower case) and the charset parameter, if any."""

    media_type: str
    charset: str | None


def parse_content_type(header: str | None) -> ContentType:
    """The media type and charset of a Content-Type header value."""
    if not header or not header.split(";", 1)[0].strip():
        return ContentType(UNKNOWN_TYPE, None)
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return ContentType(media_type.strip().lower(), charset)
