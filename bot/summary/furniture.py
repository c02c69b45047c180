"""Page furniture inside the sentences: bylines, timestamps, "scroll down" prompts, datelines."""

from __future__ import annotations

from spacy.tokens import Span

from .config import SummaryConfig


def _word_count(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha)


def is_furniture(span: Span, config: SummaryConfig) -> bool:
    """Whether a sentence is page furniture rather than story: a furniture phrase, too few words,
    or a short fragment without a verb (a byline, a timestamp, an agency tag)."""
    words = _word_count(span)
    text = span.text
    if words < config.min_words or any(p.match(text) for p in config.furniture):
        return True
    return words <= config.fragment_max_words and not any(t.pos_ in ("VERB", "AUX") for t in span)


def says_nothing(span: Span, config: SummaryConfig) -> bool:
    """A short sentence that only reports a refusal or a silence: "X declined to comment", "Y did
    not respond to a request for comment"."""
    if _word_count(span) > config.no_information_max_words:
        return False
    text = span.text
    return any(p.search(text) for p in config.no_information)


def without_dateline(span: Span, config: SummaryConfig) -> Span:
    """`span` without a leading dateline such as "ROME (Agency) --", when it ends on a token boundary."""
    text = span.text
    for pattern in config.datelines:
        m = pattern.match(text)
        if not m or m.end() == 0 or m.end() >= len(text):
            continue
        target = span.start_char + m.end()
        for token in span:
            if token.idx == target:
                rest = span.doc[token.i : span.end]
                return rest if _word_count(rest) >= config.min_words else span
            if token.idx > target:
                break
    return span
