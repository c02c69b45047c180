"""Decoding fetched bodies: declared, wrongly declared and undeclared charsets."""

from __future__ import annotations

import codecs

import pytest

from bot.fetch.charset import codec_for, declared_in_document, decode_body
from bot.fetch.media import UNKNOWN_TYPE, parse_content_type

FRENCH = "Le café “Chez Zoé” a rouvert ses portes à Noël, a déclaré la propriétaire. " * 8


def test_http_charset_is_used() -> None:
    decoded = decode_body(FRENCH.encode("cp1252"), "windows-1252")
    assert decoded.text == FRENCH
    assert decoded.charset == "cp1252"


def test_latin1_label_decodes_as_windows_1252_like_browsers() -> None:
    decoded = decode_body(FRENCH.encode("cp1252"), "ISO-8859-1")
    assert "“Chez Zoé”" in decoded.text


def test_meta_charset_is_used_when_the_header_has_none() -> None:
    html = b'<html><head><meta charset="windows-1252"></head><body>' + FRENCH.encode("cp1252")
    assert "“Chez Zoé”" in decode_body(html, None).text


def test_http_equiv_declaration_is_found() -> None:
    html = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
    assert declared_in_document(html) == "iso-8859-15"


def test_xml_declaration_is_found() -> None:
    assert declared_in_document(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "ISO-8859-1"


def test_header_wins_over_meta() -> None:
    html = b'<meta charset="utf-16">' + FRENCH.encode("utf-8")
    assert decode_body(html, "utf-8").text.endswith(FRENCH)


def test_wrong_declaration_falls_back_to_detection() -> None:
    decoded = decode_body(FRENCH.encode("cp1252"), "utf-8")
    assert "café" in decoded.text
    assert "\ufffd" not in decoded.text


def test_a_stray_bad_byte_keeps_the_declared_charset() -> None:
    body = FRENCH.encode("utf-8") + b"\xff" + FRENCH.encode("utf-8")
    decoded = decode_body(body, "utf-8")
    assert decoded.charset == "utf-8"
    assert decoded.text == FRENCH + "\ufffd" + FRENCH


def test_undeclared_utf8_is_detected() -> None:
    decoded = decode_body(("<p>" + FRENCH + "</p>").encode("utf-8"), None)
    assert "“Chez Zoé”" in decoded.text


def test_byte_order_mark_wins_and_is_removed() -> None:
    decoded = decode_body(codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "cp1252")
    assert decoded.text == FRENCH


@pytest.mark.parametrize(
    "declared", [None, "utf-8", "no-such-charset", "rot13", "zlib", "undefined", "utf-16", "unicode_escape"]
)
def test_garbage_never_crashes(declared: str | None) -> None:
    garbage = bytes(range(256)) * 20 + b"\\u12"
    decoded = decode_body(garbage, declared)
    assert isinstance(decoded.text, str) and decoded.text


def test_unknown_and_non_page_codecs_are_ignored() -> None:
    assert codec_for("no-such-charset") is None
    assert codec_for("rot13") is None
    assert codec_for("zlib") is None
    assert codec_for("unicode_escape") is None
    assert codec_for('"UTF-8"') == "utf-8"


def test_content_type_parsing() -> None:
    parsed = parse_content_type('Text/HTML; Charset="ISO-8859-1"; boundary=x')
    assert (parsed.media_type, parsed.charset) == ("text/html", "ISO-8859-1")
    assert parse_content_type("application/pdf").charset is None
    assert parse_content_type(None).media_type == UNKNOWN_TYPE
    assert parse_content_type("  ; charset=utf-8").media_type == UNKNOWN_TYPE
