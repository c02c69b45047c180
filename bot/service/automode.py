"""Where each channel's automatic-summary switch is kept."""

from __future__ import annotations

from typing import Protocol


class AutoModeStore(Protocol):
    """Per-channel on/off switch for automatic summaries (off unless set)."""

    def get_auto(self, platform: str, workspace: str, channel: str) -> bool:
        """Whether links posted in the channel are summarised automatically."""
        ...

    def set_auto(self, platform: str, workspace: str, channel: str, on: bool, by_user: str) -> None:
        """Switch automatic summaries on or off for the channel, recording who did it."""
        ...


class InMemoryAutoModeStore:
    """An AutoModeStore that lives as long as the process (tests, single-run bots)."""

    def __init__(self) -> None:
        self._on: dict[tuple[str, str, str], str] = {}

    def get_auto(self, platform: str, workspace: str, channel: str) -> bool:
        return (platform, workspace, channel) in self._on

    def set_auto(self, platform: str, workspace: str, channel: str, on: bool, by_user: str) -> None:
        if on:
            self._on[(platform, workspace, channel)] = by_user
        else:
            self._on.pop((platform, workspace, channel), None)
