"""From an article to a Report: parse once, then summary, claims and sourcing on that parse."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from .claims import find_claims, mark_key_claims
from .errors import EmptyInput, NotEnglish, TooShort
from .language import looks_english
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

    `on_parsed` is given the one parse the report is built from, so that other steps (the
    story fingerprint of `bot.compare`) reuse it instead of parsing the article again.
    Raises EmptyInput for blank text, NotEnglish for text in another language and TooShort
    for text with no sentence to summarise.
    """
    if sentences < 1:
        raise ValueError("sentences must be at least 1")
    if not article.text.strip():
        raise EmptyInput("the article text is empty")
    if not looks_english(article.text):
        raise NotEnglish("too few English function words")
    parsed = parse(article, nlp)
    if on_parsed is not None:
        on_parsed(parsed)
    if not any(any(t.pos_ in ("VERB", "AUX") for t in s) for s in parsed.sentences()):
        raise TooShort("no complete sentence (one with a verb) outside headings and page furniture")
    chosen = summarise(parsed, sentences)
    spans = [(s.start_char, s.end_char) for s in chosen]
    claims, referents = find_claims(parsed)
    claims, sourcing = assess_sourcing(parsed, claims, referents=referents)
    claims = mark_key_claims(parsed, claims, spans)
    warnings = []
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
