"""Wires the digest parts together for a running bot or a CLI command."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot.digest.commands import DigestCommands, configure
from bot.digest.deps import DigestDeps, default_deps
from bot.digest.scheduler import DigestScheduler
from bot.digest.service import DigestService
from bot.digest.settings import DigestSettings
from bot.store.engine import make_engine
from bot.store.migrate import upgrade


@dataclass(frozen=True)
class DigestRuntime:
    """The database engine, service, scheduler and commands of one bot process."""

    engine: Engine
    service: DigestService
    scheduler: DigestScheduler
    commands: DigestCommands


def start_digests(
    url: str | None = None, deps: DigestDeps | None = None, *, platforms: frozenset[str] | None = None
) -> DigestRuntime:
    """Migrate the database, build the digest parts and make them the commands' default.

    A chat bot passes its own platform in `platforms`, so that its scheduler never takes the
    digests of another platform's bot sharing the database; the CLI's run-due serves all.
    The run lease comes from NEWSBOT_DIGEST_LEASE_SECONDS (ValueError when malformed).
    """
    settings = DigestSettings.from_env()
    engine = make_engine(url)
    upgrade(engine)
    deps = deps or default_deps()
    scheduler = DigestScheduler(engine, deps, platforms=platforms, lease=settings.lease)
    service = DigestService(engine, deps, on_due=scheduler.wake)
    commands = DigestCommands(service)
    configure(commands)
    return DigestRuntime(engine, service, scheduler, commands)
