"""One analysis, two results: the report and the story fingerprint, from a single parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from ..analysis import DEFAULT_SENTENCES, analyse
from ..model import Article, Report
from ..pipeline import Parsed
from .fingerprint import StoryFingerprint, fingerprint


@dataclass(frozen=True)
class Analysed:
    """An article's report and its story fingerprint, ready to compare with other outlets'."""

    report: Report
    fingerprint: StoryFingerprint


def analyse_story(article: Article, *, sentences: int = DEFAULT_SENTENCES, nlp: Language | None = None) -> Analysed:
    """Analyse `article` (as `bot.analysis.analyse` does) and fingerprint it from the same parse.

    Raises what `analyse` raises. Costs the analysis plus a few milliseconds.
    """
    seen: list[Parsed] = []
    report = analyse(article, sentences=sentences, nlp=nlp, on_parsed=seen.append)
    return Analysed(report, fingerprint(seen[-1], report, nlp))
