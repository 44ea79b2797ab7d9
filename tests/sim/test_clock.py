"""The emulated clock: scaled, advanced at once, never backwards, formatted as Zoom does."""

from __future__ import annotations

import time

import pytest

from zemu.sim.clock import Clock, parse_zulu, zulu


def test_advance_moves_time_at_once_and_runs_listeners() -> None:
    clock = Clock(start=1_700_000_000)
    seen: list[float] = []
    clock.on_advance(seen.append)
    clock.advance(3600)
    assert clock.now() == pytest.approx(1_700_003_600, abs=1)
    assert seen and seen[0] == pytest.approx(1_700_003_600, abs=1)


def test_time_scale_runs_emulated_time_faster() -> None:
    clock = Clock(start=0, time_scale=1000)
    first, started = clock.now(), time.monotonic()
    while clock.now() - first < 5:  # 5 emulated seconds take about 5 ms of real time
        pass
    assert time.monotonic() - started < 1.0


def test_the_clock_refuses_to_go_back_or_stop() -> None:
    clock = Clock(start=0)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set_time_scale(0)


def test_zoom_time_format_round_trips() -> None:
    assert zulu(1735689600.9) == "2025-01-01T00:00:00Z"
    assert parse_zulu("2025-01-01T00:00:00Z") == 1735689600
