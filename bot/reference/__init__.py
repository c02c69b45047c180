"""Who a phrase refers to: the people an article names, and one resolver for pronouns, definite
descriptions and relative pronouns, shared by the claims and sourcing steps."""

from __future__ import annotations

from .people import People
from .resolve import Referent, antecedent_phrase, resolve_references
from .words import PeopleWords, people_words

__all__ = ["People", "PeopleWords", "Referent", "antecedent_phrase", "people_words", "resolve_references"]
