"""The sumy adapter: sentences and words come from the one spaCy parse, never from NLTK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from bot.model import Article
from bot.nlp import load_nlp
from bot.pipeline import parse
from bot.summary.tokenizer import DocTokenizer, content_words, document_model

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Council Approves Budget\n\n"
    "The city council approved the budget on Tuesday. The mayors were pleased.\n\n"
    "Taxes will rise next year. Schools get more money."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_words_are_content_lemmas_from_the_doc(nlp: Language) -> None:
    parsed = parse(Article(text=TEXT), nlp)
    tokenizer = DocTokenizer(parsed.doc)
    first = parsed.sentences()[0]
    assert tokenizer.to_words(first.text) == ("city", "council", "approve", "budget", "tuesday")
    assert tokenizer.to_words("The mayors were pleased.") == ("mayor", "pleased")


def test_sentences_follow_spacy_segmentation(nlp: Language) -> None:
    parsed = parse(Article(text=TEXT), nlp)
    tokenizer = DocTokenizer(parsed.doc)
    paragraph = "Taxes will rise next year. Schools get more money."
    assert tokenizer.to_sentences(paragraph) == ("Taxes will rise next year.", "Schools get more money.")


def test_text_outside_the_doc_is_refused(nlp: Language) -> None:
    tokenizer = DocTokenizer(parse(Article(text=TEXT), nlp).doc)
    with pytest.raises(ValueError):
        tokenizer.to_words("A sentence that was never parsed.")


def test_document_model_mirrors_the_paragraphs(nlp: Language) -> None:
    parsed = parse(Article(text=TEXT), nlp)
    spans = parsed.sentences()
    document = document_model([spans[:2], [], spans[2:]], DocTokenizer(parsed.doc))
    assert len(document.paragraphs) == 2
    assert [str(s) for s in document.sentences] == [s.text for s in spans]
    assert [s.words for s in document.sentences] == [content_words(s) for s in spans]
    assert not document.headings


def test_summary_needs_no_nltk_data_nor_downloads() -> None:
    # sumy's summarizers import NLTK's stemmer module, but our words are spaCy lemmas: with no NLTK
    # data anywhere and downloads refused, the summary still runs.
    script = (
        "import nltk, nltk.data\n"
        "nltk.data.path.clear()\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('NLTK download attempted')\n"
        "nltk.download = refuse\n"
        "from bot.model import Article\n"
        "from bot.pipeline import parse\n"
        "from bot.summary import summarise\n"
        f"parsed = parse(Article(text={TEXT!r}))\n"
        "print(len(summarise(parsed, 2)))\n"
    )
    env = {**os.environ, "NLTK_DATA": ""}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
