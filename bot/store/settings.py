"""Per-channel settings the chat adapters read and change (auto mode)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from bot.store.schema import channel_settings


class ChannelSettings:
    """Reads and writes each channel's settings; a channel never configured has auto mode off."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> None:
        self._engine = engine
        self._clock = clock or (lambda: datetime.now(UTC))

    def get_auto(self, platform: str, workspace: str, channel: str) -> bool:
        """Whether the bot answers every link posted in this channel by itself."""
        query = select(channel_settings.c.auto).where(
            channel_settings.c.platform == platform,
            channel_settings.c.workspace == workspace,
            channel_settings.c.channel == channel,
        )
        with self._engine.connect() as connection:
            value = connection.execute(query).scalar_one_or_none()
        return bool(value)

    def set_auto(self, platform: str, workspace: str, channel: str, on: bool, by_user: str) -> None:
        """Turn auto mode on or off for this channel, remembering who did it and when."""
        values = {"auto": on, "updated_by": by_user, "updated_at": self._clock()}
        key = {"platform": platform, "workspace": workspace, "channel": channel}
        change = (
            update(channel_settings)
            .where(*(channel_settings.c[name] == value for name, value in key.items()))
            .values(**values)
        )
        try:
            with self._engine.begin() as connection:
                if not connection.execute(change).rowcount:
                    connection.execute(channel_settings.insert().values(**key, **values))
        except IntegrityError:  # another instance inserted the row first
            with self._engine.begin() as connection:
                connection.execute(change)
