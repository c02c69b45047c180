"""Finding the article in an HTML page: main text (paragraphs split by blank lines) and metadata.

Trafilatura does the extraction on the HTML string it is given; it never fetches anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import trafilatura
from lxml.etree import _Element
from trafilatura.settings import Document

from .errors import NoArticleText
from .model import Article

MIN_TEXT_CHARS = 200
"""Less article text than this is a teaser, a paywall notice or a script-built page, not an article."""

_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "cell", "div"})
"""Elements of trafilatura's output that hold paragraphs or are paragraphs themselves."""


def _squeeze(text: str) -> str:
    """`text` with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())


def _inline_text(element: _Element) -> str:
    """The text of an element and its inline children, a <lb/> line break counting as a space."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return _squeeze("".join(parts))


def _paragraphs(element: _Element) -> Iterator[str]:
    """The paragraphs under `element`, in document order; an element without inner blocks is one."""
    if not any(child.tag in _BLOCK_TAGS for child in element):
        yield _inline_text(element)
        return
    yield _squeeze(element.text or "")
    for child in element:
        yield from _paragraphs(child) if child.tag in _BLOCK_TAGS else [_inline_text(child)]
        yield _squeeze(child.tail or "")


def extract_html(
    html: str,
    url: str | None = None,
    *,
    id: str | None = None,
    origin: Literal["html", "url"] = "html",
) -> Article:
    """The article in `html`: text with paragraphs separated by a blank line, title, byline, date, site.

    `url` is where the page came from, for metadata only (the site name falls back to its host).
    Raises NoArticleText when the page has no substantial main text (a paywall notice, a
    script-only page, an empty page).
    """
    if not html.strip():
        raise NoArticleText("the page is empty")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    if not isinstance(document, Document) or document.body is None:
        raise NoArticleText(f"no main text found in {len(html)} characters of HTML (it may need scripts)")
    text = "\n\n".join(paragraph for paragraph in _paragraphs(document.body) if paragraph)
    if len(text) < MIN_TEXT_CHARS:
        raise NoArticleText(
            f"only {len(text)} characters of article text found (at least {MIN_TEXT_CHARS} needed); "
            "the rest may be behind a paywall or loaded by scripts"
        )
    return Article(
        text=text,
        title=document.title or None,
        url=url,
        site=document.sitename or None,
        byline=document.author or None,
        published=document.date or None,
        origin=origin,
        id=id,
    )
