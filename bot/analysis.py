"""From an article to a Report: parse once, then summary, claims and sourcing on that parse."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from spacy.language import Language

from .claims import find_claims, mark_key_claims
from .errors import EmptyInput, NotEnglish, TooShort
from .language import check_english
from .limits import MAX_ANALYSED_CHARS, analysed_end
from .model import Article, Notice, Report
from .pipeline import Parsed, parse
from .sourcing import assess_sourcing
from .summary import summarise

DEFAULT_SENTENCES = 3


def analyse(
    article: Article,
    *,
    sentences: int = DEFAULT_SENTENCES,
    nlp: Language | None = None,
    on_parsed: Callable[[Parsed], None] | None = None,
) -> Report:
    """Analyse one article: synchronous, deterministic, no I/O.

    A text longer than `MAX_ANALYSED_CHARS` is analysed up to a paragraph or sentence end
    before that limit, with a `long_text` warning; the report keeps the whole text, and every
    span points into it. `on_parsed` is given the one parse the report is built from, so that
    other steps (the story fingerprint of `bot.compare`) reuse it instead of parsing the article
    again. Raises EmptyInput for blank text, NotEnglish for text in another language and
    TooShort for text with no sentence to summarise.
    """
    if sentences < 1:
        raise ValueError("sentences must be at least 1")
    if not article.text.strip():
        raise EmptyInput("the article text is empty")
    end = analysed_end(article.text, MAX_ANALYSED_CHARS)
    part = article if end == len(article.text) else dataclasses.replace(article, text=article.text[:end])
    language = check_english(part.text)
    if not language.english:
        raise NotEnglish(language.reason)
    parsed = parse(part, nlp)
    if on_parsed is not None:
        on_parsed(parsed)
    if not any(any(t.pos_ in ("VERB", "AUX") for t in s) for s in parsed.sentences()):
        raise TooShort("no complete sentence (one with a verb) outside headings and page furniture")
    chosen = summarise(parsed, sentences)
    spans = [(s.start_char, s.end_char) for s in chosen]
    claims, referents = find_claims(parsed)
    claims, sourcing = assess_sourcing(parsed, claims, referents=referents)
    claims = mark_key_claims(parsed, claims, spans)
    warnings = [] if part is article else [_long_text_notice(end, len(article.text))]
    if len(chosen) < sentences:
        warnings.append(
            Notice(
                "short_text",
                f"The text has only {len(chosen)} distinct sentence{'s' if len(chosen) != 1 else ''} "
                "worth summarising, so the summary is the whole text.",
            )
        )
    return Report(
        text=article.text,
        summary=tuple(s.text for s in chosen),
        summary_spans=tuple(spans),
        id=article.id,
        title=parsed.title,
        url=article.url,
        site=article.site,
        byline=article.byline,
        published=article.published,
        claims=tuple(claims),
        sourcing=sourcing,
        warnings=tuple(warnings),
    )


def _long_text_notice(analysed: int, total: int) -> Notice:
    return Notice(
        "long_text",
        f"The text is very long ({total:,} characters), so I read only its first {analysed:,} "
        f"(the limit is {MAX_ANALYSED_CHARS:,}); the summary, claims and sourcing cover that part.",
    )

