"""Turning what a person gives newsbot (pasted text or HTML) into an Article."""

from __future__ import annotations

import re

from .model import Article

_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|main|div|p|section)\b", re.I | re.S
)
_TAG = re.compile(r"</?(p|div|br|article|span|a|h[1-6]|li|ul|section|main|body|html)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True for markup rather than prose: an HTML document or a fragment dense with tags."""
    if _HTML_START.match(text):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > min(len(text), 20000)


def article_from_text(text: str, *, id: str | None = None, title: str | None = None) -> Article:
    """An Article from pasted input: HTML is extracted like a fetched page, prose is kept as given."""
    if looks_like_html(text):
        from .extract import extract_html

        article = extract_html(text, id=id)
        if title and not article.title:
            return Article(**{**article.__dict__, "title": title})
        return article
    return Article(text=text, title=title, origin="text", id=id)
