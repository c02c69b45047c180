"""Shared fixtures: the spaCy pipeline once per session, and the golden-file switch."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.fakes.discord_api import FakeDiscord

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "cartels.txt").read_text("utf-8")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """The fake Discord REST API and gateway, running on 127.0.0.1."""
    from tests.fakes.discord_api import FakeDiscord

    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()
