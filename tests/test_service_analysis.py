"""The service with the real analysis (spaCy) behind it, rendered as Slack blocks."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from adapters.slack.markup import escape
from adapters.slack.render import render_report_blocks
from bot.nlp import load_nlp
from bot.service import SummaryRequest, SummaryService
from tests.fakes.slack_api import block_problems

pytest.importorskip("bot.analysis", reason="the analysis module has not landed yet", exc_type=ImportError)


@pytest.fixture(scope="module")
def service() -> Iterator[SummaryService]:
    service = SummaryService(fetch=None)
    yield service
    service.close()


async def test_warm_up_loads_the_language_model(service: SummaryService) -> None:
    await service.warm_up()
    assert load_nlp.cache_info().currsize >= 1


async def test_pasted_seed_article_becomes_valid_blocks(service: SummaryService, seed_text: str) -> None:
    outcome = await service.summarise(SummaryRequest("slack", "T1", "C1", "U1", seed_text))
    (item,) = outcome.items
    assert item.error is None and item.report is not None
    blocks, fallback = render_report_blocks(item.report)
    assert block_problems(blocks) == []
    rendered = json.dumps(blocks, ensure_ascii=False)
    assert item.report.summary
    for sentence in item.report.summary:
        assert sentence in seed_text
        assert escape(" ".join(sentence.split()))[:60] in rendered
    assert fallback
