"""summarise(): which sentences an article's summary keeps, in what order, and what it leaves out."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.model import Article
from bot.nlp import load_nlp
from bot.pipeline import Parsed, parse
from bot.summary import summarise
from bot.summary.config import summary_config

FLOOD = (
    "Flood Closes Riverside Bridge\n\n"
    "By Jane Porter\n\n"
    "RIVERSIDE (Daily Wire) -- Floodwater forced the closure of the Old Mill bridge in Riverside on "
    "Monday after the river rose two metres overnight.\n\n"
    "Engineers found cracks in two of the bridge's supports and said the crossing would stay shut "
    "for at least a month.\n\n"
    '"Water came up faster than anyone expected," said one resident.\n\n'
    "But not everyone was surprised.\n\n"
    "Is the town ready for the next flood?\n\n"
    "The bridge, built in 1890, carries about 12,000 vehicles a day, and its closure adds forty "
    "minutes to journeys across the town.\n\n"
    "The river rose two metres overnight, forcing the Old Mill bridge in Riverside to close on Monday.\n\n"
    "Local bakery owner Sam Ortiz, who has run his shop since 2004, is planning a summer sale.\n\n"
    "The council said repairs to the bridge would be paid for from its emergency budget."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def texts(parsed: Parsed, n: int = 3) -> list[str]:
    return [s.text for s in summarise(parsed, n)]


def test_spans_are_paragraph_sentences_of_the_doc_in_order(nlp: Language) -> None:
    parsed = parse(Article(text=FLOOD), nlp)
    chosen = summarise(parsed, 3)
    assert len(chosen) == 3
    assert all(s.doc is parsed.doc for s in chosen)
    assert [s.start for s in chosen] == sorted({s.start for s in chosen})
    sentences = parsed.sentences()
    for span in chosen:
        assert parsed.kind_at(span.start_char) == "paragraph"
        assert any(s.start <= span.start and span.end <= s.end for s in sentences)
        assert FLOOD[span.start_char : span.end_char] == span.text


def test_news_article_keeps_the_lede_and_the_key_facts(nlp: Language) -> None:
    summary = texts(parse(Article(text=FLOOD), nlp))
    assert summary[0].startswith("Floodwater forced the closure")
    assert any(s.startswith("Engineers found cracks") for s in summary)
    weak = ("But not everyone", "Is the town ready", "Local bakery owner", "The river rose")
    assert not [s for s in summary if s.startswith(weak)]


def test_headline_byline_and_dateline_are_left_out(nlp: Language) -> None:
    summary = texts(parse(Article(text=FLOOD), nlp), 9)
    assert not any("Flood Closes" in s or "Jane Porter" in s or "Daily Wire" in s for s in summary)


def test_near_duplicates_are_not_both_chosen(nlp: Language) -> None:
    text = (
        "The museum reopened on Friday after a two-year renovation costing four million pounds. "
        "The museum reopened on Friday after a two-year renovation that cost four million pounds. "
        "The museum reopened on Friday after a two-year renovation costing four million pounds. "
        "Visitors queued around the block to see the restored dinosaur gallery."
    )
    summary = texts(parse(Article(text=text), nlp))
    assert len([s for s in summary if s.startswith("The museum reopened")]) == 1
    assert summary[-1].startswith("Visitors queued")


def test_fewer_sentences_than_asked_returns_them_all(nlp: Language) -> None:
    text = "A fire destroyed a warehouse in Leeds on Sunday. Nobody was hurt in the blaze, police said."
    parsed = parse(Article(text=text), nlp)
    assert texts(parsed, 5) == [s.text for s in parsed.sentences()]
    assert texts(parse(Article(text="Rain fell across the county all day."), nlp)) == [
        "Rain fell across the county all day."
    ]


def test_furniture_sentences_are_skipped(nlp: Language) -> None:
    text = (
        "By . Jane Porter . PUBLISHED: . 10:12 EST, 1 May 2014 . | . UPDATED: . 11:40 EST, 1 May 2014 . "
        "A rare white kangaroo has been spotted in a national park in Victoria. "
        "Scroll down for video Rangers said the animal appeared healthy and was feeding with its group. "
        "The park will add extra patrols to protect it from poachers."
    )
    summary = texts(parse(Article(text=text), nlp))
    assert summary[0].startswith("A rare white kangaroo")
    assert not any(s.startswith(("By", "PUBLISHED", "UPDATED", "Scroll down")) or "EST" in s for s in summary)


def test_only_furniture_falls_back_to_the_sentences(nlp: Language) -> None:
    parsed = parse(Article(text="Photo: AP. Updated: today."), nlp)
    assert texts(parsed) == [s.text for s in parsed.sentences()][:3]


def test_same_input_same_summary(nlp: Language) -> None:
    first = [(s.start_char, s.end_char) for s in summarise(parse(Article(text=FLOOD), nlp))]
    again = [(s.start_char, s.end_char) for s in summarise(parse(Article(text=FLOOD), nlp))]
    assert first == again


def test_long_article_considers_only_the_first_candidates(nlp: Language) -> None:
    limit = summary_config().max_candidates
    text = " ".join(f"Report {i} says the harbour handled {i} ships in week {i}." for i in range(limit + 40))
    parsed = parse(Article(text=text), nlp)
    chosen = summarise(parsed, 3)
    boundary = parsed.sentences()[limit].start_char
    assert len(chosen) == 3
    assert all(s.end_char <= boundary for s in chosen)


def test_n_must_be_positive(nlp: Language) -> None:
    with pytest.raises(ValueError):
        summarise(parse(Article(text=FLOOD), nlp), 0)
