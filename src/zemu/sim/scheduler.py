"""The runner of scheduled work: each due job, in its own transaction, at its emulated time.

Jobs are rows in the store (``zemu.store.scheduled``) written by ``Context.schedule`` in the
transaction of the change that plans them; the kinds are declared by the products (``jobs``).
The runner is one of the server's background coroutines, polling every ``poll`` real seconds for
work due on the emulated clock, and the clock-advance hook, so that ``/zemu/clock/advance`` plays
everything due before it answers. It yields to the event loop between jobs: a thousand due steps
never hold other requests for longer than one step. A job that raises is rolled back and then
marked failed with its error, so it neither repeats forever nor blocks the rest of its chain.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Mapping
from typing import Any

from zemu.services.context import Job
from zemu.store import Tx, scheduled

log = logging.getLogger("zemu.scheduler")


class Scheduler:
    def __init__(self, runtime: Any, jobs: Mapping[str, Job], *, poll: float = 0.05) -> None:
        self.rt = runtime
        self.jobs = jobs
        self.poll = poll
        self._lock = asyncio.Lock()

    def run_due(self, now: float, limit: int | None = None) -> int:
        """Perform up to ``limit`` due jobs synchronously; answers how many ran."""
        done = 0
        while (limit is None or done < limit) and self.step(now):
            done += 1
        return done

    def step(self, now: float) -> bool:
        """Claim and perform the next job due by ``now``; False when none is due."""
        with self.rt.store.transaction(write=False) as tx:  # the idle poll takes no write lock
            first = scheduled.next_due(tx)
        if first is None or first > now:
            return False
        claimed: str | None = None
        try:
            with self.rt.store.transaction() as tx:
                job = scheduled.claim_next(tx, now)
                if job is None:
                    return False
                claimed = job.id
                self._perform(tx, job)
                scheduled.finish(tx, job.id)
            return True
        except Exception:
            if claimed is None:
                raise
            error = traceback.format_exc()
            log.error("scheduled work %s failed:\n%s", claimed, error)
            with self.rt.store.transaction() as tx:
                scheduled.fail(tx, claimed, error)
            return True

    def _perform(self, tx: Tx, job: scheduled.Scheduled) -> None:
        perform = self.jobs.get(job.kind)
        if perform is None:
            raise LookupError(f"no product performs scheduled work of kind {job.kind}")
        ctx = self.rt.operator_context(tx, account_id=job.account_id)
        ctx.now = job.due_at  # the step happens at its own emulated time, however late it runs
        perform(ctx, job.body)

    async def due(self, now: float) -> None:
        """The clock-advance hook: everything due by ``now`` happens before this returns."""
        async with self._lock:
            while self.step(now):
                await asyncio.sleep(0)

    async def run(self) -> None:
        """The background loop: work falls due as the emulated clock moves on by itself."""
        while True:
            try:
                await self.due(self.rt.clock.now())
            except Exception:  # a broken store must not end the server's loop
                log.error("scheduler loop:\n%s", traceback.format_exc())
            await asyncio.sleep(self.poll)
