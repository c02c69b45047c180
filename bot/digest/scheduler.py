"""Runs due digests: claims them in the database, builds, posts and records the outcome.

Any number of instances may share one database: each due run is claimed by exactly one,
and a run left unfinished by a crashed instance is retried by whichever instance finds its
lease expired, re-posting the same stored digest with the same idempotency key.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine

from bot.digest.builder import DigestBuilder
from bot.digest.deps import DigestDeps
from bot.digest.model import Digest, Poster, PostError
from bot.digest.runs import MAX_FAILURES, Run, RunStore
from bot.digest.serialize import digest_from_json, digest_to_json
from bot.errors import NewsbotError

log = logging.getLogger(__name__)

Result = Literal["posted", "empty", "feed_failed", "retry_later", "disabled", "paused", "lost"]


@dataclass(frozen=True)
class RunOutcome:
    """What happened to one run during a pass."""

    subscription_id: int
    run_id: int
    result: Result
    detail: str = ""


def default_instance_id() -> str:
    """A name for this scheduler instance, unique across hosts and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class DigestScheduler:
    """Posts every due digest once, through the poster it is given."""

    def __init__(
        self,
        engine: Engine,
        deps: DigestDeps,
        *,
        instance: str | None = None,
        lease: timedelta = timedelta(minutes=10),
        retry_after: timedelta = timedelta(minutes=5),
        concurrency: int = 8,
        platforms: frozenset[str] | None = None,
    ) -> None:
        """`platforms` limits the instance to those platforms' subscriptions (default: all)."""
        self._runs = RunStore(engine, instance or default_instance_id(), lease, platforms)
        self._builder = DigestBuilder(engine, deps)
        self._clock = deps.clock
        self._retry_after = retry_after
        self._concurrency = concurrency
        self._wake = asyncio.Event()
        self._stopping = False

    async def run_due_once(self, poster: Poster, now: datetime | None = None) -> tuple[RunOutcome, ...]:
        """One pass: take over expired runs, claim due ones, and process them all concurrently."""
        now = now or self._clock()
        runs = await asyncio.to_thread(self._runs.take_over_stale, now)
        for subscription_id in await asyncio.to_thread(self._runs.due_ids, now):
            claimed = await asyncio.to_thread(self._runs.claim, subscription_id, now)
            if claimed is not None:
                runs.append(claimed)
        gate = asyncio.Semaphore(self._concurrency)

        async def limited(run: Run) -> RunOutcome:
            async with gate:
                return await self._process(run, poster)

        return tuple(await asyncio.gather(*(limited(run) for run in runs)))

    async def run_forever(self, poster: Poster, *, interval: float = 60.0) -> None:
        """Run passes every `interval` seconds (or sooner when woken) until `stop()`."""
        self._stopping = False
        while not self._stopping:
            self._wake.clear()
            try:
                await self.run_due_once(poster)
            except Exception:
                log.exception("digest pass failed; trying again in %s s", interval)
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=interval)

    def wake(self) -> None:
        """Start the next pass now (e.g. after `/digest now`)."""
        self._wake.set()

    def stop(self) -> None:
        """Make `run_forever` return after the current pass."""
        self._stopping = True
        self._wake.set()

    async def _process(self, run: Run, poster: Poster) -> RunOutcome:
        if run.digest_json is None:
            built = await self._build(run, poster)
            if isinstance(built, RunOutcome):
                return built
            digest = built
        else:
            digest = digest_from_json(run.digest_json)
        if not digest.items:
            await asyncio.to_thread(self._runs.finish, run, "empty", self._clock())
            return RunOutcome(run.subscription.id, run.id, "empty")
        return await self._post(run, digest, poster)

    async def _build(self, run: Run, poster: Poster) -> Digest | RunOutcome:
        try:
            built = await self._builder.build(run.subscription, run.window_start)
        except Exception as error:
            if isinstance(error, NewsbotError):
                reason = f"{error.user_message} ({error.code})"
            else:
                log.exception("building digest run %s failed", run.id)
                reason = "an internal error while building the digest"
            failures = await asyncio.to_thread(self._runs.fail, run, reason, self._clock())
            if failures == MAX_FAILURES:
                await self._tell_paused(run, poster, reason)
                return RunOutcome(run.subscription.id, run.id, "paused", reason)
            return RunOutcome(run.subscription.id, run.id, "feed_failed", reason)
        now = self._clock()
        saved = await asyncio.to_thread(
            self._runs.save_built, run, digest_to_json(built.digest), built.item_keys, now, now
        )
        if not saved:
            return RunOutcome(run.subscription.id, run.id, "lost", "another instance took the run over")
        return built.digest

    async def _post(self, run: Run, digest: Digest, poster: Poster) -> RunOutcome:
        sub = run.subscription
        try:
            await poster.post_digest(sub.target, digest, run.idempotency_key)
        except PostError as error:
            now = self._clock()
            if error.permanent:
                change = ("disabled", f"the platform refused the post: {error.reason}")
                await asyncio.to_thread(self._runs.fail, run, error.reason, now, state_change=change)
                return RunOutcome(sub.id, run.id, "disabled", error.reason)
            if run.attempts >= MAX_FAILURES:
                change = ("paused", f"posting failed {run.attempts} times: {error.reason}")
                await asyncio.to_thread(self._runs.fail, run, error.reason, now, state_change=change)
                return RunOutcome(sub.id, run.id, "paused", error.reason)
            await asyncio.to_thread(self._runs.postpone, run, error.reason, now + self._retry_after)
            return RunOutcome(sub.id, run.id, "retry_later", error.reason)
        await asyncio.to_thread(self._runs.finish, run, "posted", self._clock())
        return RunOutcome(sub.id, run.id, "posted")

    async def _tell_paused(self, run: Run, poster: Poster, reason: str) -> None:
        sub = run.subscription
        what = sub.feed_url or "shared links"
        notice = (
            f"Digest #{sub.id} ({what}) is paused: it failed {MAX_FAILURES} times in a row. "
            f"Last error: {reason}. A channel manager can use `/digest resume {sub.id}`."
        )
        try:
            await poster.post_digest(
                sub.target,
                Digest(title="Digest paused", items=(), notices=(notice,), subscription_id=sub.id),
                f"{run.idempotency_key}-paused",
            )
        except PostError as error:
            log.warning("could not tell channel that digest %s is paused: %s", sub.id, error.reason)
