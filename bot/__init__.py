"""newsbot's core: articles in, reports out (summary, claims and who made them, sourcing flags).

The public API is imported lazily, so `import bot.model` stays light:

    from bot import fetch_article, analyse, Article, Report
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import analyse
    from .errors import NewsbotError
    from .fetch import fetch_article
    from .inputs import article_from_text
    from .model import Article, Claim, Flag, Report, Sourcing, Speaker
    from .report_json import report_to_dict

__all__ = [
    "Article",
    "Claim",
    "Flag",
    "NewsbotError",
    "Report",
    "Sourcing",
    "Speaker",
    "analyse",
    "article_from_text",
    "fetch_article",
    "report_to_dict",
]

_HOMES = {
    "analyse": "analysis",
    "fetch_article": "fetch",
    "article_from_text": "inputs",
    "report_to_dict": "report_json",
    "NewsbotError": "errors",
    "Article": "model",
    "Claim": "model",
    "Flag": "model",
    "Report": "model",
    "Sourcing": "model",
    "Speaker": "model",
}


def __getattr__(name: str) -> Any:
    """The exported object `name`, imported from its home module on first use."""
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
