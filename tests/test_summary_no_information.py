"""Sentences that carry no information (refusals to comment, unanswered requests) never take a
place in the summary or among the key claims."""

from __future__ import annotations

from bot.analysis import analyse
from bot.model import Article

ARTICLE = """Harbour Firm Fined for Spill

The Eastbridge Port Authority fined a shipping firm 2 million euros on Monday for an oil spill in March.

A spokesperson for the firm declined to comment. The firm's lawyers did not respond to requests for comment.

The spill closed the eastern beaches for two weeks, and clean-up crews removed 40 tonnes of oily sand, the \
authority said. Fishermen lost a month of work, according to the local fishing cooperative.

The firm has 30 days to appeal, the authority said.
"""


def test_refusals_to_comment_are_not_summary_sentences() -> None:
    report = analyse(Article(text=ARTICLE), sentences=3)
    assert len(report.summary) == 3
    assert not any("comment" in s for s in report.summary), report.summary


def test_refusals_to_comment_are_not_key_claims() -> None:
    report = analyse(Article(text=ARTICLE))
    assert report.key_claims
    assert not any("comment" in c.text for c in report.key_claims)


def test_a_long_sentence_with_news_beside_the_refusal_stays_eligible() -> None:
    from bot.pipeline import parse
    from bot.summary.config import summary_config
    from bot.summary.furniture import says_nothing

    text = (
        "The firm, which declined to comment, said in a court filing on Friday that the spill was caused by a "
        "faulty valve installed by a contractor in 2019 and that it would seek damages from the contractor."
    )
    sentence = parse(Article(text=text)).sentences()[0]
    assert not says_nothing(sentence, summary_config())
