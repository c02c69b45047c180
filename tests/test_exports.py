"""The library API: every name in `bot.__all__` is the documented object, however `bot` was imported.

In the spirit of httpx's `test_exported_members`: the exports are listed once, each resolves to the
class or function defined in its home module (never to a module of the same name), and importing
the data model stays light.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import bot


def test_all_is_sorted_and_names_every_export() -> None:
    assert bot.__all__ == sorted(bot.__all__)
    assert set(bot.__all__) == set(bot._HOMES)
    assert set(bot.__all__) <= set(dir(bot))


def test_exported_members_are_the_objects_of_their_home_modules() -> None:
    for name in bot.__all__:
        member = getattr(bot, name)
        home = importlib.import_module(f"bot.{bot._HOMES[name]}")
        assert not inspect.ismodule(member), f"bot.{name} is a module"
        assert member is getattr(home, name), name
        assert member.__module__ == home.__name__, name


def test_no_submodule_shadows_an_export() -> None:
    """A submodule named like an export binds that name in `bot` once imported, hiding the export."""
    submodules = {module.name for module in pkgutil.iter_modules(bot.__path__)}
    assert not submodules & set(bot.__all__)


def test_exports_hold_after_every_home_module_was_imported() -> None:
    for home in set(bot._HOMES.values()):
        importlib.import_module(f"bot.{home}")
    from bot import Article, Report, analyse, fetch_article, report_to_dict

    assert inspect.isfunction(analyse) and inspect.iscoroutinefunction(fetch_article)
    assert inspect.isfunction(report_to_dict)
    assert inspect.isclass(Article) and inspect.isclass(Report)


def test_star_import_gives_every_export() -> None:
    namespace: dict[str, object] = {}
    exec("from bot import *", namespace)
    assert set(bot.__all__) <= set(namespace)


def test_importing_the_model_stays_light() -> None:
    code = (
        "import sys, bot, bot.model\n"
        "from bot import Article, Report, NewsbotError\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'sqlalchemy', 'httpx'))\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_from_bot_import_analyse_analyses() -> None:
    from pathlib import Path

    from bot import Article, analyse

    seed = Path(__file__).resolve().parent.parent / "seeds" / "harbour.txt"
    report = analyse(Article(seed.read_text("utf-8")), sentences=1)
    assert len(report.summary) == 1
