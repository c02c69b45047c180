"""Parsing an article once: layout first, then one spaCy Doc over the exact text.

Each layout block is parsed as its own chunk (so no sentence crosses a paragraph or
heading boundary) and the chunks are joined into a single Doc whose text is the input.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import headline_of, read_layout
from .model import Article, Block, BlockKind
from .nlp import load_nlp


@dataclass(frozen=True)
class Parsed:
    """An article with its layout and its one spaCy parse; every later step reads this."""

    article: Article
    doc: Doc
    blocks: tuple[Block, ...]
    title: str | None
    _starts: tuple[int, ...] = field(repr=False, default=())

    @property
    def text(self) -> str:
        return self.article.text

    def block_at(self, char: int) -> Block | None:
        """The block holding character `char`, or None for whitespace between blocks."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.blocks[i].start <= char < self.blocks[i].end:
            return self.blocks[i]
        return None

    def kind_at(self, char: int) -> BlockKind | None:
        block = self.block_at(char)
        return block.kind if block else None

    def sentences(self) -> list[Span]:
        """The sentences of the paragraphs (not headings or furniture), without outer whitespace."""
        out = []
        for sent in self.doc.sents:
            trimmed = _trim(sent)
            if trimmed is not None and self.kind_at(trimmed.start_char) == "paragraph":
                out.append(trimmed)
        return out


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end] if end > start else None


def _chunks(text: str, blocks: tuple[Block, ...]) -> list[str]:
    """The text cut at each block start, so the pieces join back to exactly `text`."""
    cuts = [0] + [b.start for b in blocks[1:]] + [len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


def parse(article: Article, nlp: Language | None = None) -> Parsed:
    """Read the layout of `article.text` and parse it with spaCy, once."""
    nlp = nlp or load_nlp()
    text = article.text
    blocks = read_layout(text, article.title)
    pieces = _chunks(text, blocks) if blocks else [text]
    docs = list(nlp.pipe(pieces))
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    title = article.title or headline_of(text, blocks)
    return Parsed(article, doc, blocks, title, tuple(b.start for b in blocks))
