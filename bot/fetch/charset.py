"""Decoding a fetched body: byte-order mark, HTTP charset, in-document declaration, detection.

A declared charset is used unless most of the body's non-ASCII bytes are invalid in it (a
wrong declaration); then the next source is tried, and charset_normalizer guesses last.
Whatever is chosen, undecodable bytes become U+FFFD: decoding never fails.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

PRESCAN_BYTES = 8192
"""How far into the body to look for a <meta> or <?xml?> charset declaration."""

MAX_INVALID_SHARE = 0.1
"""A declared charset is trusted while at most this share of the non-ASCII bytes are invalid in it."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WINDOWS_1252_LABELS = frozenset(
    {"ascii", "us-ascii", "ansi_x3.4-1968", "latin1", "latin-1", "l1"}
    | {"iso-8859-1", "iso8859-1", "iso_8859-1", "cp819"}
)
"""Labels browsers decode as windows-1252 (WHATWG Encoding), which also maps bytes 0x80-0x9F."""

_NOT_DOCUMENT_CODECS = frozenset(
    {"idna", "punycode", "raw-unicode-escape", "undefined", "unicode-escape", "utf-7"}
)
"""Python text codecs (canonical names) that no web page is really written in."""

_DECLARATION = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9._:-]+)""",
    re.IGNORECASE,
)

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ASCII = bytes(range(128))


@dataclass(frozen=True)
class Decoded:
    """A body as text, with the codec that decoded it."""

    text: str
    charset: str


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, or None if it is unknown or not a page encoding."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _NOT_DOCUMENT_CODECS:
        return None
    try:
        b"x".decode(name, "ignore")  # LookupError for codecs that are not bytes-to-text (rot13, zlib)
    except (LookupError, UnicodeError):
        return None
    return name


def bom_charset(body: bytes) -> str | None:
    """The codec a byte-order mark at the start of `body` names, if any."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec
    return None


def declared_in_document(body: bytes) -> str | None:
    """The charset a <meta> tag or <?xml?> declaration near the start of `body` names, if any."""
    match = _DECLARATION.search(body[:PRESCAN_BYTES])
    if match is None:
        return None
    label = match.group(1) or match.group(2)
    return label.decode("ascii")


def fits(body: bytes, codec: str) -> bool:
    """Whether `body` is (nearly) valid in `codec`: few of its non-ASCII bytes are invalid."""
    try:
        escaped = body.decode(codec, errors="surrogateescape")
    except (UnicodeError, LookupError):
        return False
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    non_ascii = len(body.translate(None, _ASCII))
    return invalid <= non_ascii * MAX_INVALID_SHARE


def decode_body(body: bytes, http_charset: str | None = None) -> Decoded:
    """`body` as text, in the first declared charset that fits it, else the detected one."""
    for label in (bom_charset(body), http_charset, declared_in_document(body)):
        codec = codec_for(label)
        if codec is not None and fits(body, codec):
            return Decoded(body.decode(codec, errors="replace"), codec)
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        codec = codec_for(best.encoding) or "utf-8"
        return Decoded(body.decode(codec, errors="replace"), codec)
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8")
