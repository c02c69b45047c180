"""What a cue reports of its holder: speech and findings ("report"), or knowledge, belief,
intention or emotion, which a story actor may have without being a source."""

from __future__ import annotations

import pytest

from bot.claims.extract import find_all
from bot.model import Article
from bot.pipeline import parse


def classes(text: str) -> list[tuple[str, str]]:
    parsed = parse(Article(text=text))
    return [(text[f.cue[0][0] : f.cue[-1][1]], f.cue_class) for f in find_all(parsed) if f.cue]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said the bridge was safe.", [("said", "report")]),
        ("According to two aides, the deal is off.", [("According to", "report")]),
        ("The plan was described by officials.", [("was described by", "report")]),
        ("The talks failed, said two people briefed on them.", [("said", "report")]),
        ("Aides believe the bill will pass.", [("believe", "belief")]),
        ("There is a sense among aides that the bill is dead.", [("sense", "belief")]),
        ("The mayor wants to cut the budget.", [("wants", "intention")]),
        ("Residents fear that the plant will close.", [("fear", "emotion")]),
        ("The union is worried about the cuts.", [("is worried about", "emotion")]),
        ("School officials learned only later that the roof leaked.", [("learned", "knowledge")]),
    ],
)
def test_cue_class(text: str, expected: list[tuple[str, str]]) -> None:
    assert classes(text) == expected
