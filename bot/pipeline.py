"""Parsing an article once: layout first, then one spaCy Doc over the exact text.

Each layout block is parsed as its own chunk (so no sentence crosses a paragraph or
heading boundary) and the chunks are joined into a single Doc whose text is the input.
A paragraph longer than MAX_BLOCK_CHARS (a long text pasted without line breaks) is read as
several, cut at sentence ends, so the work per paragraph stays bounded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import headline_of, read_layout
from .model import Article, Block, BlockKind
from .nlp import load_nlp

MAX_BLOCK_CHARS = 10_000
"""The longest paragraph read as one: about twice the longest paragraph of the development sets.
Attribution compares the sentences of a paragraph with one another, so one paragraph of a
hundred thousand characters takes minutes where the same text in paragraphs takes seconds."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


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

    def sentences(self, kinds: tuple[BlockKind, ...] = ("paragraph",)) -> list[Span]:
        """The sentences of the paragraphs (or of the blocks of the given kinds), without outer whitespace."""
        out = []
        for sent in self.doc.sents:
            trimmed = _trim(sent)
            if trimmed is not None and self.kind_at(trimmed.start_char) in kinds:
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


def _split_paragraph(text: str, block: Block, limit: int) -> list[Block]:
    """`block` as paragraphs of at most about `limit` characters, cut after a sentence end (or,
    in a text without any, at a space; or at `limit` itself)."""
    pieces: list[Block] = []
    start = block.start
    while block.end - start > limit:
        stop = start + limit
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start + limit // 2, stop)]
        if not ends:
            space = text.rfind(" ", start + limit // 2, stop)
            ends = [space + 1] if space > 0 else [stop]
        cut = ends[-1]
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        pieces.append(Block(start, end, block.kind))
        start = cut
    pieces.append(Block(start, block.end, block.kind))
    return pieces


def bounded_blocks(text: str, blocks: tuple[Block, ...], limit: int = MAX_BLOCK_CHARS) -> tuple[Block, ...]:
    """The layout's blocks, with every paragraph longer than `limit` cut at sentence ends."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and block.end - block.start > limit:
            out.extend(_split_paragraph(text, block, limit))
        else:
            out.append(block)
    return tuple(out)


def parse(article: Article, nlp: Language | None = None) -> Parsed:
    """Read the layout of `article.text` and parse it with spaCy, once."""
    nlp = nlp or load_nlp()
    text = article.text
    blocks = bounded_blocks(text, read_layout(text, article.title))
    pieces = _chunks(text, blocks) if blocks else [text]
    docs = list(nlp.pipe(pieces))
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    title = article.title or headline_of(text, blocks)
    return Parsed(article, doc, blocks, title, tuple(b.start for b in blocks))
