"""How claims read in every renderer: one pair of quote marks, no leading 'that'."""

from __future__ import annotations

import pytest

from bot.model import Claim, ClaimSpans, Speaker
from bot.view import quoted


def claim(text: str, direct: bool) -> Claim:
    return Claim(text, direct, Speaker("Ana Ruiz", None, "named"), "said", ClaimSpans(((0, 1),)))


@pytest.mark.parametrize(
    ("text", "direct", "shown"),
    [
        ('"We worked day and night,"', True, "“We worked day and night”"),
        ("“A,” … “B.”", True, "“A … B.”"),
        ("that a third crane would stay shut", False, "a third crane would stay shut"),
        ("It will take weeks", True, "“It will take weeks”"),
        ('that the damage "was predictable', True, 'the damage "was predictable"'),
        ("“I have no doubt.” … “But it may not matter.", True, "“I have no doubt.” … “But it may not matter.”"),
        ("the plan\n  would   cost more", False, "the plan would cost more"),
    ],
)
def test_claim_text_as_shown(text: str, direct: bool, shown: str) -> None:
    assert quoted(claim(text, direct)) == shown
