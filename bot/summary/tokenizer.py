"""A sumy tokenizer and document model read straight from an existing spaCy parse (no NLTK)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

WordsOf = Callable[[Span], tuple[str, ...]]


def content_words(span: Span) -> tuple[str, ...]:
    """The lower-cased lemmas of the words and numbers in `span` that are not stop words."""
    return tuple(t.lemma_.lower() for t in span if (t.is_alpha or t.like_num) and not t.is_stop)


class DocTokenizer:
    """sumy's Tokenizer interface (`language`, `to_sentences`, `to_words`) over one parsed Doc.

    Sentences and words come from spaCy's segmentation and tokens, so the text is never parsed
    again; text that does not occur in the Doc is refused with ValueError.
    """

    language = "english"

    def __init__(self, doc: Doc, words: WordsOf = content_words) -> None:
        self._doc = doc
        self._words = words
        self._spans: dict[str, Span] = {}

    def remember(self, span: Span) -> str:
        """Register `span` as the Doc range behind its (stripped) text; return that text."""
        text = span.text.strip()
        self._spans.setdefault(text, span)
        return text

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The texts of the Doc's sentences that lie inside `paragraph`."""
        region = self._locate(paragraph)
        return tuple(
            self.remember(s)
            for s in self._doc.sents
            if s.start_char >= region.start_char and s.end_char <= region.end_char and s.text.strip()
        )

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The words of `sentence` as the tokenizer's word function sees them."""
        return self._words(self._locate(sentence))

    def _locate(self, text: str) -> Span:
        text = text.strip()
        span = self._spans.get(text)
        if span is not None:
            return span
        start = self._doc.text.find(text) if text else -1
        found = self._doc.char_span(start, start + len(text), alignment_mode="expand") if start >= 0 else None
        if found is None:
            raise ValueError(f"text not found in the parsed document: {text[:60]!r}")
        self._spans[text] = found
        return found


def document_model(paragraphs: Sequence[Sequence[Span]], tokenizer: DocTokenizer) -> ObjectDocumentModel:
    """sumy's document model of the given paragraphs of sentence spans, words from `tokenizer`."""
    return ObjectDocumentModel(
        [
            Paragraph([Sentence(tokenizer.remember(s), tokenizer) for s in sentences])
            for sentences in paragraphs
            if sentences
        ]
    )


def same_word(word: str) -> str:
    """sumy's stemmer for our words: they are lemmas already, so each is its own stem."""
    return word
