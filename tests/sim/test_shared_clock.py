"""The clock's shared state: what one process writes, another adopts; what cannot be used is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from zemu.config import Config
from zemu.runtime import CLOCK_KEY, Runtime
from zemu.sim.clock import Clock, ClockState, wall_time


def test_a_clock_that_adopts_anothers_state_tells_the_same_time() -> None:
    first = Clock(start=1_700_000_000, time_scale=60)
    first.advance(86400)
    second = Clock()
    second.adopt(first.state())
    assert second.time_scale == 60
    assert second.now() == pytest.approx(first.now(), abs=1)


def test_a_state_that_cannot_be_used_is_ignored() -> None:
    good = ClockState(1_700_000_000.0, wall_time(), 2.0)
    assert ClockState.decode(good.encode()) == good
    for bad in (
        None,
        "",
        "[]",
        "{}",
        '{"emulated": "x", "wall": 1, "scale": 1}',
        '{"emulated": 1e308, "wall": 1, "scale": 1}',
        '{"emulated": 1, "wall": 1, "scale": 0}',
        '{"emulated": 1, "wall": 1, "scale": -2}',
        "NaN",
    ):
        assert ClockState.decode(bad) is None, bad


def test_a_store_holding_an_unusable_clock_still_starts(tmp_path: Path) -> None:
    db = str(tmp_path / "zemu.db")
    runtime = Runtime(Config(db=db, demo=False))
    runtime.clock.advance(3600)
    with runtime.store.transaction() as tx:
        tx.set_meta(CLOCK_KEY, '{"emulated": NaN, "wall": 1, "scale": 1}')
    runtime.close()
    again = Runtime(Config(db=db, demo=False))
    try:
        assert again.clock.now() == pytest.approx(wall_time(), abs=60)
        assert again.clock.time_scale == 1.0
    finally:
        again.close()


def test_a_restarted_server_keeps_the_clock_it_was_moved_to(tmp_path: Path) -> None:
    db = str(tmp_path / "zemu.db")
    runtime = Runtime(Config(db=db, demo=False))
    runtime.clock.advance(7 * 86400)
    runtime.close()
    again = Runtime(Config(db=db, demo=False))
    try:
        assert again.clock.now() - wall_time() == pytest.approx(7 * 86400, abs=60)
    finally:
        again.close()


def test_a_restored_snapshot_puts_the_clock_where_it_was_saved(tmp_path: Path) -> None:
    """The restored store holds the clock row of the moment of the save; the restore's own time
    is what counts, not a step-by-step change that would first follow that row."""
    runtime = Runtime(Config(db=str(tmp_path / "zemu.db"), demo=False))
    try:
        saved_row = ClockState(1_800_000_000.0, wall_time() - 3600, 60.0)  # an hour ago, at scale 60
        with runtime.store.transaction() as tx:
            tx.set_meta(CLOCK_KEY, saved_row.encode())
        runtime.restored(1_800_000_000.0, 60.0)
        assert runtime.clock.now() == pytest.approx(1_800_000_000, abs=60)
        assert runtime.clock.time_scale == 60.0
    finally:
        runtime.close()
