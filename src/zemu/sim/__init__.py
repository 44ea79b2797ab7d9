"""The emulated clock, the runner of scheduled work, and the simulators built on them."""

from __future__ import annotations

from typing import Any


def attach(runtime: Any) -> None:
    """Register the runner of scheduled work (``runtime.scheduler``) with a runtime: a background
    loop of the server, and a clock-advance hook."""
    from zemu.products import JOBS
    from zemu.sim.scheduler import Scheduler

    runner = Scheduler(runtime, JOBS)
    runtime.scheduler = runner
    runtime.workers.append(runner.run)
    runtime.due_hooks.insert(0, runner.due)  # a step's events are then delivered by the same advance
