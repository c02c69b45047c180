"""The English check: other languages and scripts are refused, English of every shape passes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluate_language import run as eval_language
from bot.language import UNKNOWN_LANGUAGE_WORDS, check_english, function_words, looks_english

ROOT = Path(__file__).resolve().parent.parent

OTHER_LANGUAGES = {
    "de": "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation beschlossen, sagte der Kanzler.",
    "es": "El gobierno anunció el martes nuevas medidas contra la inflación y dijo que bajarán los precios.",
    "fr": "Le gouvernement a annoncé mardi de nouvelles mesures contre l'inflation, selon le ministre des finances.",
    "it": "Il governo ha annunciato martedì nuove misure contro l'inflazione, ha detto il ministro delle finanze.",
    "pt": "O governo anunciou na terça-feira novas medidas contra a inflação, disse o ministro das finanças.",
    "nl": "De regering heeft dinsdag nieuwe maatregelen tegen de inflatie aangekondigd, zei de minister van financiën.",
    "sv": (
        "Regeringen meddelade på tisdagen nya åtgärder mot inflationen, "
        "och finansministern sade att priserna ska falla."
    ),
    "pl": "Rząd ogłosił we wtorek nowe środki przeciwko inflacji, powiedział minister finansów, że ceny spadną.",
    "tr": "Hükümet salı günü enflasyona karşı yeni önlemler açıkladı ve bakan fiyatların düşeceğini söyledi, dedi.",
    "id": (
        "Pemerintah mengumumkan langkah baru untuk melawan inflasi pada hari Selasa, "
        "dan menteri mengatakan bahwa harga akan turun."
    ),
    "vi": "Chính phủ đã công bố các biện pháp mới để chống lạm phát vào thứ Ba, và bộ trưởng nói rằng giá sẽ giảm.",
    "ru": "Правительство во вторник объявило о новых мерах против инфляции, заявил министр финансов страны.",
    "zh": "政府周二宣布了应对通货膨胀的新措施，财政部长表示能源价格将会下降，家庭将受益。这是一个重要的决定。",
    "ja": "政府は火曜日、インフレ対策の新たな措置を発表し、財務大臣はエネルギー価格が下がると述べた。",
    "ar": "أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لمكافحة التضخم، وقال وزير المالية إن الأسعار ستنخفض.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα κατά του πληθωρισμού, δήλωσε ο υπουργός οικονομικών.",
}

SWAHILI = (
    "serikali ilitangaza siku ya jumanne hatua mpya za kupambana na mfumuko wa bei na waziri wa fedha alisema "
    "kwamba bei za nishati zitashuka katika miezi ijayo huku familia nyingi zikitarajia nafuu kubwa baada ya "
    "kipindi kirefu cha ugumu wa maisha ambapo wananchi walilalamika kuhusu gharama za chakula usafiri na kodi "
    "za nyumba katika miji mikubwa kama dar es salaam mombasa na arusha"
)

LIFESTYLE = """Best Cordless Vacuums of 2025, Tested

Our Top Picks

Best Overall: Dyson V15 Detect Absolute
Best Value: Shark Stratos Cordless IZ862H
Best for Pet Hair: Tineco Pure One S15 Pet
Best Lightweight: Levoit LVAC-300

Dyson V15 Detect Absolute

Price: $749.99 | Weight: 6.8 lbs | Run time: 60 minutes | Bin size: 0.2 gallons

Pros: Laser dust detection, powerful suction, long battery life, LCD screen shows particle counts
Cons: Expensive, heavy for stairs, small bin

We loved the laser. Cleaning hardwood floors felt like a game, and the screen told us when to stop.

Shark Stratos Cordless

Price: $429.99 | Weight: 7.3 lbs | Run time: 40 minutes

Pros: Odor neutraliser, self-cleaning brushroll, bendable wand
Cons: Loud on max setting
"""

TEAM_SHEET = (
    "Goalkeepers: Jordan Pickford (Everton), Aaron Ramsdale (Southampton), Dean Henderson (Crystal Palace). "
    "Defenders: Kyle Walker (Manchester City), John Stones (Manchester City), Harry Maguire (Manchester United), "
    "Marc Guehi (Crystal Palace), Kieran Trippier (Newcastle), Luke Shaw (Manchester United). "
    "Midfielders: Declan Rice (Arsenal), Jude Bellingham (Real Madrid), Conor Gallagher (Chelsea), "
    "Kobbie Mainoo (Manchester United), Adam Wharton (Crystal Palace). Forwards: Harry Kane (Bayern Munich), "
    "Bukayo Saka (Arsenal), Phil Foden (Manchester City), Cole Palmer (Chelsea), Ollie Watkins (Aston Villa)."
)

ENGLISH_WITH_A_FRENCH_QUOTE = (
    "The French president spoke to reporters in Paris on Tuesday. \"Nous ne céderons pas, la France restera "
    "unie et forte dans cette épreuve,\" he said, before leaving for Brussels, where the leaders of the European "
    "Union were meeting to discuss the budget. Officials said the talks would last into the night and that no "
    "agreement was expected before the weekend."
)

FRENCH_WITH_ENGLISH_NAMES = (
    "Le président américain Donald Trump a rencontré mardi le Premier ministre britannique Boris Johnson à "
    "Washington, selon la Maison Blanche. Les deux dirigeants ont discuté du commerce et de la sécurité, et "
    "Mike Pompeo a déclaré que les négociations avec Google et Apple étaient dans une phase délicate."
)

GERMAN_WITH_AN_ENGLISH_QUOTE = (
    "Der Konzernchef sagte am Montag in Berlin, dass die Firma ihre Pläne nicht ändern werde. \"We are committed "
    "to the German market,\" sagte er auf Englisch. Die Aktie stieg nach der Ankündigung um drei Prozent, und "
    "Analysten erwarten, dass die Zahlen für das dritte Quartal besser werden als im Vorjahr."
)


@pytest.mark.parametrize("lang", sorted(OTHER_LANGUAGES))
def test_other_languages_are_recognised(lang: str) -> None:
    verdict = check_english(OTHER_LANGUAGES[lang])
    assert not verdict.english, verdict.reason


def test_a_language_without_a_word_list_is_refused_by_its_missing_english() -> None:
    assert "sw" not in function_words()
    assert not looks_english(SWAHILI)
    listed = set().union(*function_words().values())
    unlisted = " ".join(w for w in SWAHILI.split() if w not in listed)
    assert len(unlisted.split()) >= UNKNOWN_LANGUAGE_WORDS
    verdict = check_english(unlisted)
    assert not verdict.english and "lower-case" in verdict.reason, "refused for lacking English alone"


@pytest.mark.parametrize(
    "text",
    [
        FRENCH_WITH_ENGLISH_NAMES,
        GERMAN_WITH_AN_ENGLISH_QUOTE,
        OTHER_LANGUAGES["ru"] + " Президент Joe Biden и Emmanuel Macron встретились в Вашингтоне во вторник.",
    ],
    ids=["fr-with-english-names", "de-with-english-quote", "ru-with-latin-names"],
)
def test_a_foreign_article_with_english_in_it_is_still_refused(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "The government announced new measures against inflation on Tuesday, and the minister said prices would fall.",
        "Short headline only",
        "Café owners in Zürich said the new rules were fair, but they would wait and see what happens next.",
        ENGLISH_WITH_A_FRENCH_QUOTE,
        "El Paso police said on Friday that La Liga star Diego Costa was questioned over a crash in Los Angeles.",
        "Jeb Bush Super PAC Chief Praises Marco Rubio Donor’s Anti-Donald Trump Skywriting Campaign.",
        "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance to Win Presidency.",
        LIFESTYLE,
        TEAM_SHEET,
        "Recipe: 2 cups flour, 1 tsp salt, 3 eggs, 250 ml milk, butter for the pan. Whisk, rest, fry. Serves four.",
    ],
    ids=[
        "prose",
        "headline",
        "accents",
        "french-quote",
        "spanish-names",
        "headline-no-function-words",
        "headline-with-colon",
        "lifestyle-listicle",
        "team-sheet",
        "recipe",
    ],
)
def test_english_of_every_shape_passes(text: str) -> None:
    verdict = check_english(text)
    assert verdict.english, verdict.reason


def test_foreign_word_lists_leave_out_common_english_words() -> None:
    lists = function_words()
    english = lists["en"]
    common_in_english_news = {"a", "in", "on", "no", "so", "was", "an", "do", "as", "un", "per", "com", "dem", "sen"}
    for lang, words in lists.items():
        if lang != "en":
            assert not (words & english), (lang, words & english)
            assert not (words & common_in_english_news), (lang, words & common_in_english_news)


def test_eval_language_counts_refusals(tmp_path: Path) -> None:
    data = tmp_path / "mixed.jsonl"
    english = (ROOT / "seeds" / "harbour.txt").read_text("utf-8")
    rows = [{"id": "en", "text": english}, {"id": "fr", "article": FRENCH_WITH_ENGLISH_NAMES}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    out = io.StringIO()
    counts = eval_language([data, *sorted((ROOT / "seeds").glob("*.txt"))], out)
    assert counts["articles"] == (1, 5)
    assert "mixed.jsonl:fr" in out.getvalue()


def test_the_command_refuses_french_and_reads_the_lifestyle_article(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FRENCH_WITH_ENGLISH_NAMES.encode())))
    assert main(["analyse", "-"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsbot: That text doesn't look like English") and "(not_english: " in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LIFESTYLE.encode())))
    assert main(["analyse", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]
