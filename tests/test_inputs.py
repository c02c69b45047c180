from __future__ import annotations

import pytest

from bot.inputs import looks_like_html


@pytest.mark.parametrize(
    "text",
    [
        "<!doctype html><html><body><p>Hi</p></body></html>",
        "  <!-- saved page -->\n<html lang=en><p>x</p></html>",
        "<article><p>One.</p><p>Two.</p></article>",
        "<p>First paragraph.</p>\n<p>Second.</p>\n<p>Third.</p>\n<p>Fourth.</p>\n<p>Fifth.</p>",
    ],
)
def test_markup_is_recognised(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the <p> tag was a typo in the council's website.",
        "Prices rose 3% when x < y and y > z, analysts said.",
        "Plain prose without any markup at all.",
    ],
)
def test_prose_is_not_html(text: str) -> None:
    assert not looks_like_html(text)
