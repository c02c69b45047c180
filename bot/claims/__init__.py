"""Attribution extraction: the claims an article reports and who made each one."""

from __future__ import annotations

from .extract import extract_claims, find_claims
from .keys import mark_key_claims

__all__ = ["extract_claims", "find_claims", "mark_key_claims"]
