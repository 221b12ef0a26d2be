"""Accepted answers as jobs in the store: each runs once, on whichever worker, and none is lost.

An event is recorded with its job in one transaction before Slack gets its 200, so a worker can die at
any moment after that without losing the answer: it holds a lease on the jobs it runs and renews it
while alive; when it stops renewing (kill -9, SIGTERM, a crash), any worker, on this machine or another,
takes the job over once the lease has run out. The taker knows (attempts > 1) that the first worker may
have posted before dying, and the Outbox looks in the thread before posting again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.store import Arrival, Job, Store

log = logging.getLogger("pyframework.jobs")

Handler = Callable[[Job], Awaitable[None]]

MAX_ATTEMPTS = 5  # a job that keeps killing its workers is dropped, not retried forever
MAX_AGE = 15 * 60.0  # an answer this late is no answer: dropped (and logged) instead of posted
RECEIPT_DAYS = 2.0  # Slack retries for minutes; duplicates older than this are not expected
PURGE_EVERY = 600.0
RETRY_LATER_SECONDS = 20.0  # when nothing reached Slack, not even a notice: try again this much later
CANCEL_SECONDS = 1.0  # how long a stopping worker keeps cancelling jobs that do not stop at once


class RetryLater(Exception):
    """Raised by a handler when nothing reached Slack, not even a notice: the job stays pending and any
    worker tries it again later (up to MAX_ATTEMPTS), looking in the thread first."""


def worker_id() -> str:
    """Unique per process start: a restarted worker never mistakes an old lease for its own."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class Worker:
    """Runs this process's jobs as asyncio tasks, renews their leases, and sweeps for orphans."""

    def __init__(self, store: Store, *, lease: float, owner: str | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.lease = lease
        self.owner = owner or worker_id()
        self.clock = clock
        self.handlers: dict[str, Handler] = {}
        self.running: dict[str, asyncio.Task[None]] = {}
        self._loops: list[asyncio.Task[None]] = []
        self._last_purge = 0.0

    def handle(self, kind: str, handler: Handler) -> None:
        """Register what to do for jobs of `kind` (listeners do this when they are registered)."""
        self.handlers[kind] = handler

    async def accept(self, event_id: str, kind: str, payload: dict[str, Any]) -> Arrival:
        """Record the event and its job (durably, before the caller acks), then start it unless another
        worker has it. Raises when the store is unreachable: the request then fails and Slack retries."""
        arrival, job = await asyncio.to_thread(self.store.accept, event_id, kind, payload, owner=self.owner,
                                               now=self.clock(), lease=self.lease)
        if job is not None:
            self._start(job)
        log.info("event %s: %s (worker pid %d)", kind, arrival.value, os.getpid())
        return arrival

    def _start(self, job: Job) -> None:
        if job.event_id not in self.running:
            self.running[job.event_id] = asyncio.create_task(self._run(job), name=f"job {job.kind}")

    async def _run(self, job: Job) -> None:
        """Run the job's handler, then mark it done; it stays in `running` until then, so stop() waits
        for the whole of it. A handler's bug still finishes the job (the handler told the person if it
        could); a cancelled job (stopping) stays pending for another worker."""
        try:
            try:
                await self._handle(job)
            except asyncio.CancelledError:
                raise
            except RetryLater:
                log.warning("a %s job reached nobody; trying again in %.0f s", job.kind, RETRY_LATER_SECONDS)
                await asyncio.to_thread(self.store.postpone, job.event_id, until=self.clock() + RETRY_LATER_SECONDS)
                return
            except Exception:
                log.exception("a %s job failed", job.kind)
            await asyncio.to_thread(self.store.finish, job.event_id)
        finally:
            self.running.pop(job.event_id, None)

    async def _handle(self, job: Job) -> None:
        handler = self.handlers.get(job.kind)
        if handler is None:
            log.error("no handler for jobs of kind %s; dropping it", job.kind)
        elif job.attempts > MAX_ATTEMPTS or self.clock() - job.created_at > MAX_AGE:
            log.error("dropping a %s job after %d attempts and %.0f s", job.kind, job.attempts,
                      self.clock() - job.created_at)
        else:
            await handler(job)

    # --------------------------------------------------------------------------- background loops

    async def start(self) -> None:
        """Renew leases and sweep for orphaned jobs until stop(); sweep once at once (a restarted worker
        picks up what its predecessor left)."""
        self._loops = [asyncio.create_task(self._every(self.lease / 3, self._renew), name="renew leases"),
                       asyncio.create_task(self._every(min(1.0, self.lease / 2), self.sweep), name="sweep jobs")]

    async def _every(self, seconds: float, step: Callable[[], Awaitable[Any]]) -> None:
        while True:
            try:
                await step()
            except Exception as exc:  # the store may be briefly unreachable; try again next round
                log.warning("%s failed (%s)", getattr(step, "__name__", "step"), type(exc).__name__)
            await asyncio.sleep(seconds)

    async def _renew(self) -> None:
        if self.running:
            await asyncio.to_thread(self.store.renew, owner=self.owner, until=self.clock() + self.lease)

    async def sweep(self) -> list[Job]:
        """Take over jobs whose lease ran out and run them; purge old receipts now and then."""
        jobs = await asyncio.to_thread(self.store.claim_expired, owner=self.owner, now=self.clock(),
                                       lease=self.lease)
        for job in jobs:
            log.info("taking over a %s job (attempt %d, worker pid %d)", job.kind, job.attempts, os.getpid())
            self._start(job)
        if self.clock() - self._last_purge > PURGE_EVERY:
            self._last_purge = self.clock()
            await asyncio.to_thread(self.store.purge, before=self.clock() - RECEIPT_DAYS * 86400)
        return jobs

    async def stop(self, grace: float = 3.0) -> None:
        """Let running jobs finish for up to `grace` seconds, then hand the rest on at once.

        Cancelling is repeated: a library caught mid-request may turn one cancellation into an ordinary
        timeout (aiohttp does), and the job would go on as if nothing happened.
        """
        for loop in self._loops:
            loop.cancel()
        pending = set(self.running.values())
        if pending:
            _, pending = await asyncio.wait(pending, timeout=grace)
        if pending:
            log.info("stopping: handing %d unfinished job(s) on", len(pending))
        deadline = asyncio.get_running_loop().time() + CANCEL_SECONDS
        while pending and asyncio.get_running_loop().time() < deadline:
            for task in pending:
                task.cancel()
            _, pending = await asyncio.wait(pending, timeout=0.05)
        await asyncio.to_thread(self.store.release, owner=self.owner)
