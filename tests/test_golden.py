"""The seed article's full report, compared with a reviewed golden file.

After a deliberate change, regenerate with `pytest tests/test_golden.py --update-goldens`
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.analysis import analyse
from bot.model import Article
from bot.report_json import report_to_dict

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("name", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_seed_report_matches_golden(name: str, update_goldens: bool) -> None:
    text = (SEEDS / f"{name}.txt").read_text("utf-8")
    got = report_to_dict(analyse(Article(text, id=name)))
    path = GOLDEN / f"{name}.json"
    if update_goldens:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
        pytest.skip(f"rewrote {path.name}")
    assert path.exists(), f"no golden file: run pytest {__file__} --update-goldens and review it"
    assert got == json.loads(path.read_text("utf-8"))
