from __future__ import annotations

import pytest

from bot.language import looks_english


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation beschlossen, sagte der Kanzler.",
        "El gobierno anunció el martes nuevas medidas contra la inflación y dijo que bajarán los precios.",
        "Правительство во вторник объявило о новых мерах против инфляции, заявил министр финансов страны.",
        "政府周二宣布了应对通货膨胀的新措施，财政部长表示能源价格将会下降，家庭将受益。这是一个重要的决定。",
    ],
)
def test_other_languages_are_recognised(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "The government announced new measures against inflation on Tuesday, and the minister said prices would fall.",
        "Short headline only",
        "Café owners in Zürich said the new rules were fair, but they would wait and see what happens next.",
    ],
)
def test_english_and_undecidable_texts_pass(text: str) -> None:
    assert looks_english(text)
