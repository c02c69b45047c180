"""Flagging anonymous and weak sourcing: who each claim rests on, how seriously, and why."""

from __future__ import annotations

from .assess import CATEGORIES, assess_sourcing
from .settings import SourcingSettings

__all__ = ["CATEGORIES", "SourcingSettings", "assess_sourcing"]
