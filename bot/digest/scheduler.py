"""Runs due digests: claims them in the database, builds, posts and records the outcome.

Any number of instances may share one database: each due run is claimed by exactly one, which
renews its lease while it works; a run left unfinished by a crashed instance is retried by
whichever instance finds its lease expired, re-posting the same stored digest with the same
idempotency key.

A failure belongs to its subscription: whatever one claim, build or post raises is recorded
against that subscription (retried after a backoff, paused after repeated failures) and the pass
goes on with the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine

from bot.digest.builder import DigestBuilder
from bot.digest.deps import DigestDeps
from bot.digest.model import Digest, Poster, PostError, PostResult, Target
from bot.digest.retry import backoff
from bot.digest.runs import MAX_FAILURES, Run, RunStore
from bot.digest.serialize import digest_from_json
from bot.digest.settings import DigestSettings
from bot.errors import NewsbotError

log = logging.getLogger(__name__)

Result = Literal[
    "posted", "partial", "refused", "empty", "feed_failed", "failed", "retry_later", "disabled", "paused", "lost"
]
FAILED_RESULTS: frozenset[Result] = frozenset({"partial", "refused", "feed_failed", "failed", "disabled", "paused"})
"""Results that mean something was not posted as it should have been."""
MIN_WAIT = 1.0
"""The shortest pause between passes, in seconds."""


@dataclass(frozen=True)
class RunOutcome:
    """What happened to one run (or to one subscription's claim) during a pass."""

    subscription_id: int
    run_id: int
    result: Result
    detail: str = ""


def default_instance_id() -> str:
    """A name for this scheduler instance, unique across hosts and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def describe_error(error: BaseException) -> str:
    """A failure as one line for /digest list: a user message for our errors, else the error's type."""
    if isinstance(error, NewsbotError):
        return f"{error.user_message} ({error.code})"
    return f"an internal error ({type(error).__name__})"


class DigestScheduler:
    """Posts every due digest once, through the poster it is given."""

    def __init__(
        self,
        engine: Engine,
        deps: DigestDeps,
        *,
        instance: str | None = None,
        lease: timedelta | None = None,
        heartbeat: timedelta | None = None,
        retry_after: timedelta = timedelta(minutes=5),
        concurrency: int = 8,
        platforms: frozenset[str] | None = None,
    ) -> None:
        """`lease` defaults to NEWSBOT_DIGEST_LEASE_SECONDS (60 s), `heartbeat` to a third of the lease;
        `platforms` limits the instance to those platforms' subscriptions (default: all)."""
        settings = DigestSettings(lease) if lease is not None else DigestSettings.from_env()
        self._runs = RunStore(engine, instance or default_instance_id(), settings.lease, platforms)
        self._platforms = platforms
        self._builder = DigestBuilder(engine, deps)
        self._clock = deps.clock
        self._heartbeat = heartbeat or settings.heartbeat
        # Renewals get their own thread: never queued behind analyses in the default executor.
        self._lease_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest-lease")
        self._retry_after = retry_after
        self._concurrency = concurrency
        self._wake = asyncio.Event()
        self._stopping = False

    @property
    def platforms(self) -> frozenset[str] | None:
        """The platforms whose digests this instance posts (None: all)."""
        return self._platforms

    async def run_due_once(self, poster: Poster, now: datetime | None = None) -> tuple[RunOutcome, ...]:
        """One pass: take over expired runs, claim due ones, and process them all concurrently.

        Only a database that cannot be read at all makes the pass raise.
        """
        now = now or self._clock()
        outcomes: list[RunOutcome] = []
        runs: list[Run] = []
        for run_id, subscription_id in await asyncio.to_thread(self._runs.stale_ids, now):
            try:
                taken = await asyncio.to_thread(self._runs.take_over, run_id, now)
            except Exception as error:
                log.exception("taking over digest run %s failed", run_id)
                if (failed := await self._claim_failed(subscription_id, error, poster, run_id)) is not None:
                    outcomes.append(failed)
                continue
            if taken is not None:
                runs.append(taken)
        for subscription_id in await asyncio.to_thread(self._runs.due_ids, now):
            try:
                claimed = await asyncio.to_thread(self._runs.claim, subscription_id, now)
            except Exception as error:
                log.exception("claiming digest %s failed", subscription_id)
                if (failed := await self._claim_failed(subscription_id, error, poster)) is not None:
                    outcomes.append(failed)
                continue
            if claimed is not None:
                runs.append(claimed)
        gate = asyncio.Semaphore(self._concurrency)

        async def limited(run: Run) -> RunOutcome:
            async with gate:
                return await self._process(run, poster)

        outcomes += await asyncio.gather(*(limited(run) for run in runs))
        return tuple(outcomes)

    async def run_forever(self, poster: Poster, *, interval: float = 60.0) -> None:
        """Run passes until `stop()`: when a digest falls due or a lease runs out, at least every
        `interval` seconds, and at once when woken."""
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
                await asyncio.wait_for(self._wake.wait(), timeout=await self._pause(interval))

    def wake(self) -> None:
        """Start the next pass now (e.g. after `/digest now`)."""
        self._wake.set()

    def stop(self) -> None:
        """Make `run_forever` return after the current pass."""
        self._stopping = True
        self._wake.set()

    async def _pause(self, interval: float) -> float:
        """Seconds until the next thing to do (between MIN_WAIT and `interval`)."""
        try:
            now = self._clock()
            upcoming = await asyncio.to_thread(self._runs.next_event, now)
        except Exception:
            log.exception("could not read when the next digest is due")
            return interval
        if upcoming is None:
            return interval
        # A little after the instant, so that a lease that ends then has ended.
        return min(max((upcoming - now).total_seconds() + 0.05, MIN_WAIT), interval)

    async def _claim_failed(
        self, subscription_id: int, error: Exception, poster: Poster, run_id: int | None = None
    ) -> RunOutcome | None:
        """Record a claim (or take-over) that raised against its subscription, never raising itself;
        None when another instance recorded the same failure first."""
        reason = f"could not start the digest: {describe_error(error)}"
        try:
            now = self._clock()
            if run_id is not None:
                await asyncio.to_thread(self._runs.fail_unloadable, run_id, reason, now)
            failure = await asyncio.to_thread(self._runs.fail_claim, subscription_id, reason, now, run_id is None)
        except Exception:
            log.exception("could not record the failure of digest %s", subscription_id)
            return RunOutcome(subscription_id, run_id or 0, "failed", reason)
        if failure is None:
            return None
        if failure.paused and failure.target is not None:
            key = f"newsbot-digest-{subscription_id}-claim-{run_id or 0}"
            await self._tell_paused(poster, failure.target, subscription_id, failure.what, reason, key)
            return RunOutcome(subscription_id, run_id or 0, "paused", reason)
        return RunOutcome(subscription_id, run_id or 0, "failed", reason)

    async def _process(self, run: Run, poster: Poster) -> RunOutcome:
        """Work on one run; whatever it raises ends as an outcome of this run, never of the pass."""
        async with self._leased(run):
            try:
                return await self._work(run, poster)
            except Exception as error:
                log.exception("digest run %s failed", run.id)
                reason = describe_error(error)
            try:
                return await self._record_failure(run, poster, reason, "failed")
            except Exception:
                # Not even the failure could be stored: the run stays in flight and is taken over
                # (and retried) once its lease runs out.
                log.exception("could not record the failure of digest run %s", run.id)
                return RunOutcome(run.subscription.id, run.id, "failed", reason)

    async def _work(self, run: Run, poster: Poster) -> RunOutcome:
        if run.digest_json is None:
            built = await self._build(run, poster)
            if isinstance(built, RunOutcome):
                return built
            digest = built
        else:
            digest = digest_from_json(run.digest_json)
        if not digest.has_news and run.requested_by is None:
            await asyncio.to_thread(self._runs.finish, run, "empty", self._clock())
            return RunOutcome(run.subscription.id, run.id, "empty")
        return await self._post(run, digest, poster)

    async def _build(self, run: Run, poster: Poster) -> Digest | RunOutcome:
        try:
            built = await self._builder.build(run.subscription, run.window_start)
            digest = await asyncio.to_thread(self._runs.save_built, run, built, self._clock())
        except NewsbotError as error:
            return await self._record_failure(run, poster, describe_error(error), "feed_failed")
        except Exception as error:
            log.exception("building digest run %s failed", run.id)
            return await self._record_failure(run, poster, describe_error(error), "failed")
        if digest is None:
            return RunOutcome(run.subscription.id, run.id, "lost", "another instance took the run over")
        return digest

    async def _record_failure(self, run: Run, poster: Poster, reason: str, result: Result) -> RunOutcome:
        failures = await asyncio.to_thread(self._runs.fail, run, reason, self._clock())
        sub = run.subscription
        if failures == MAX_FAILURES:
            await self._tell_run_paused(poster, run, reason)
            return RunOutcome(sub.id, run.id, "paused", reason)
        return RunOutcome(sub.id, run.id, result, reason)

    async def _post(self, run: Run, digest: Digest, poster: Poster) -> RunOutcome:
        sub = run.subscription
        if not await asyncio.to_thread(self._runs.holds, run):
            return RunOutcome(sub.id, run.id, "lost", "another instance took the run over")
        try:
            result = await poster.post_digest(sub.target, digest, run.idempotency_key) or PostResult()
        except PostError as error:
            return await self._post_failed(run, error)
        except Exception as error:  # a bug in rendering or posting: retried like a temporary error
            log.exception("posting digest run %s failed", run.id)
            return await self._post_failed(run, PostError(False, describe_error(error)))
        now = self._clock()
        if not result.refused:
            if not digest.has_news:  # asked for with /digest now: the channel was told nothing is new
                await asyncio.to_thread(self._runs.finish, run, "empty", now)
                return RunOutcome(sub.id, run.id, "empty", "told the channel that nothing is new")
            await asyncio.to_thread(self._runs.finish, run, "posted", now)
            return RunOutcome(sub.id, run.id, "posted")
        reason = "; ".join(dict.fromkeys(result.refused))
        if result.posted:
            problem = f"the platform refused {len(result.refused)} of its messages: {reason}"
            await asyncio.to_thread(self._runs.finish, run, "posted", now, problem=problem)
            return RunOutcome(sub.id, run.id, "partial", problem)
        problem = f"the platform refused the digest: {reason}"
        failures = await asyncio.to_thread(self._runs.fail, run, problem, now, keep_taken=True)
        if failures == MAX_FAILURES:
            await self._tell_run_paused(poster, run, problem)
            return RunOutcome(sub.id, run.id, "paused", problem)
        return RunOutcome(sub.id, run.id, "refused", problem)

    async def _post_failed(self, run: Run, error: PostError) -> RunOutcome:
        sub = run.subscription
        now = self._clock()
        if error.permanent:
            change = ("disabled", f"the platform refused the post: {error.reason}")
            await asyncio.to_thread(self._runs.fail, run, error.reason, now, state_change=change)
            return RunOutcome(sub.id, run.id, "disabled", error.reason)
        if run.attempts >= MAX_FAILURES:
            change = ("paused", f"posting failed {run.attempts} times: {error.reason}")
            await asyncio.to_thread(self._runs.fail, run, error.reason, now, state_change=change)
            return RunOutcome(sub.id, run.id, "paused", error.reason)
        until = now + backoff(self._retry_after, run.attempts)
        await asyncio.to_thread(self._runs.postpone, run, error.reason, until)
        return RunOutcome(sub.id, run.id, "retry_later", error.reason)

    async def _tell_run_paused(self, poster: Poster, run: Run, reason: str) -> None:
        sub = run.subscription
        await self._tell_paused(poster, sub.target, sub.id, sub.feed_url or "shared links", reason, run.idempotency_key)

    async def _tell_paused(
        self, poster: Poster, target: Target, subscription_id: int, what: str, reason: str, key: str
    ) -> None:
        """Tell the channel its digest is paused (best effort: the pause is recorded either way)."""
        notice = (
            f"Digest #{subscription_id} ({what}) is paused: it failed {MAX_FAILURES} times in a row. "
            f"Last error: {reason}. A channel manager can use `/digest resume {subscription_id}`."
        )
        digest = Digest(title="Digest paused", items=(), notices=(notice,), subscription_id=subscription_id)
        try:
            await poster.post_digest(target, digest, f"{key}-paused")
        except Exception as error:
            log.warning("could not tell channel that digest %s is paused: %s", subscription_id, error)

    @contextlib.asynccontextmanager
    async def _leased(self, run: Run) -> AsyncIterator[None]:
        """Renew the run's lease every heartbeat while the block works on it."""
        renewing = asyncio.create_task(self._renew(run), name=f"digest-lease-{run.id}")
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing

    async def _renew(self, run: Run) -> None:
        while True:
            await asyncio.sleep(self._heartbeat.total_seconds())
            try:
                loop = asyncio.get_running_loop()
                if not await loop.run_in_executor(self._lease_thread, self._runs.renew, run, self._clock()):
                    log.warning("digest run %s is no longer this instance's; it will not be posted from here", run.id)
                    return
            except Exception:
                log.exception("could not renew the lease of digest run %s", run.id)
