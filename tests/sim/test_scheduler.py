"""Scheduled work: rows with a due emulated time, performed in order when the clock reaches them,
kept across restarts, and never lost or repeated when a step fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zemu.products import JOBS
from zemu.services.context import Context
from zemu.store import Tx, scheduled
from zemu.testing import ZemuServer, zemu_server


def note(ctx: Context, body: dict[str, Any]) -> None:
    if body.get("explode"):
        raise RuntimeError("this step is refused")
    done = ctx.tx.get("note", "log") or {"steps": []}
    done["steps"].append([body["name"], ctx.now])
    ctx.tx.put("note", "log", done)


def with_test_jobs(server: ZemuServer) -> None:
    server.runtime.scheduler.jobs = {**JOBS, "test.note": note}


def plan(server: ZemuServer, steps: list[tuple[str, float, str, bool]]) -> float:
    """Schedule (name, seconds from now, chain, explode) steps; answers the emulated now."""

    def work(tx: Tx) -> float:
        ctx = server.runtime.operator_context(tx)
        for name, after, chain, explode in steps:
            ctx.schedule("test.note", ctx.now + after, {"name": name, "explode": explode}, chain=chain)
        return ctx.now

    return server.transaction(work)


def steps_done(server: ZemuServer) -> list[str]:
    return server.transaction(lambda tx: [s[0] for s in (tx.get("note", "log") or {"steps": []})["steps"]])


def test_advancing_the_clock_plays_due_steps_in_order_and_leaves_later_ones(zemu: ZemuServer) -> None:
    with_test_jobs(zemu)
    plan(zemu, [("a1", 10, "a", False), ("b1", 15, "b", False), ("a2", 20, "a", False), ("a3", 30, "a", False)])
    zemu.advance(25)
    assert steps_done(zemu) == ["a1", "b1", "a2"]
    left = zemu.transaction(lambda tx: [job.body["name"] for job in scheduled.pending(tx, kind="test.note")])
    assert left == ["a3"]


def test_a_step_runs_at_its_own_emulated_time(zemu: ZemuServer) -> None:
    with_test_jobs(zemu)
    start = plan(zemu, [("late", 60, "x", False)])
    zemu.advance(3600)
    times = zemu.transaction(lambda tx: [s[1] for s in tx.get("note", "log")["steps"]])
    assert times == [pytest.approx(start + 60, abs=1)]


def test_a_failing_step_changes_nothing_is_kept_as_failed_and_its_chain_goes_on(zemu: ZemuServer) -> None:
    with_test_jobs(zemu)
    plan(zemu, [("ok1", 5, "c", False), ("boom", 10, "c", True), ("ok2", 15, "c", False)])
    zemu.advance(20)
    assert steps_done(zemu) == ["ok1", "ok2"]
    failed = zemu.transaction(scheduled.failed)
    assert [(kind, "this step is refused" in error) for _, kind, error in failed] == [("test.note", True)]


def test_pending_steps_survive_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "zemu.db")
    with zemu_server(db=db) as first:
        with_test_jobs(first)
        plan(first, [("before", 10, "r", False), ("after", 100, "r", False)])
        first.advance(50)
        assert steps_done(first) == ["before"]
    with zemu_server(db=db) as second:
        with_test_jobs(second)
        assert steps_done(second) == ["before"]
        second.advance(60)
        assert steps_done(second) == ["before", "after"]
