"""Multi-workspace installs: Bolt's OAuth flow with installations kept in the app database."""

from __future__ import annotations

import asyncio
from logging import Logger
from typing import Any

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from adapters.slack.scopes import BOT_SCOPES

STATE_EXPIRY_SECONDS = 600


class ThreadedInstallationStore(AsyncInstallationStore):
    """A synchronous installation store used from the event loop: each call runs in a worker
    thread, with the arguments Bolt gives."""

    def __init__(self, inner: InstallationStore) -> None:
        self._inner = inner

    @property
    def logger(self) -> Logger:
        return self._inner.logger

    async def async_save(self, *args: Any, **kwargs: Any) -> None:
        await asyncio.to_thread(self._inner.save, *args, **kwargs)

    async def async_save_bot(self, *args: Any, **kwargs: Any) -> None:
        await asyncio.to_thread(self._inner.save_bot, *args, **kwargs)

    async def async_find_bot(self, *args: Any, **kwargs: Any) -> Bot | None:
        return await asyncio.to_thread(self._inner.find_bot, *args, **kwargs)

    async def async_find_installation(self, *args: Any, **kwargs: Any) -> Installation | None:
        return await asyncio.to_thread(self._inner.find_installation, *args, **kwargs)

    async def async_delete_bot(self, *args: Any, **kwargs: Any) -> None:
        await asyncio.to_thread(self._inner.delete_bot, *args, **kwargs)

    async def async_delete_installation(self, *args: Any, **kwargs: Any) -> None:
        await asyncio.to_thread(self._inner.delete_installation, *args, **kwargs)

    async def async_delete_all(self, *args: Any, **kwargs: Any) -> None:
        await asyncio.to_thread(self._inner.delete_all, *args, **kwargs)


class ThreadedStateStore(AsyncOAuthStateStore):
    """A synchronous OAuth state store used from the event loop: each call runs in a worker thread."""

    def __init__(self, inner: OAuthStateStore) -> None:
        self._inner = inner

    @property
    def logger(self) -> Logger:
        return self._inner.logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self._inner.issue, *args, **kwargs)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self._inner.consume, state)


def database_oauth_settings(client_id: str, client_secret: str, engine: Engine) -> AsyncOAuthSettings:
    """OAuth settings whose installations and states live in `engine`'s database (tables created
    if missing)."""
    installations = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_EXPIRY_SECONDS, engine=engine)
    installations.create_tables()
    states.create_tables()
    return AsyncOAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=ThreadedInstallationStore(installations),
        state_store=ThreadedStateStore(states),
    )
