"""How the sourcing check treats borderline source phrases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Severity


@dataclass(frozen=True)
class SourcingSettings:
    """Choices a deployment may make about borderline sourcing.

    `bare_officials`: how a bare plural "officials said" (no affiliation, no role beyond
    "officials", no basis) is treated: "anonymous" (default, reported with
    `bare_officials_severity`, medium by default) or "vague" (reported as information only).
    `lede_sentences`: how many opening paragraph sentences, besides the headline, carry the
    central claim.
    `relay_window`: how many sentences right after a relayed report ("The Post has learned")
    are read as that report's own sourcing, so that anonymous sources there ("sources said")
    make the relayed claim rest on anonymous sources.
    """

    bare_officials: Literal["anonymous", "vague"] = "anonymous"
    bare_officials_severity: Severity = "medium"
    lede_sentences: int = 2
    relay_window: int = 1
