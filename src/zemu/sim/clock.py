"""One emulated clock for the whole server.

Emulated time runs at ``time_scale`` times real time from an anchor, and can be advanced at
once. Nothing in zemu sleeps in real time to wait for emulated time: work that falls due is
run by whoever advances the clock (see ``Clock.on_advance``). This is the only module that
reads the wall clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime


def zulu(moment: float) -> str:
    """Zoom's date-time form: UTC, whole seconds, literal Z."""
    return datetime.fromtimestamp(int(moment), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_zulu(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


def wall_time() -> float:
    return time.time()


def real_seconds() -> float:
    """Monotonic real time, for caches whose freshness is about other processes, not emulation."""
    return time.monotonic()


class Clock:
    def __init__(self, start: float | None = None, time_scale: float = 1.0) -> None:
        self._real_anchor = time.monotonic()
        self._emulated_anchor = wall_time() if start is None else start
        self._scale = time_scale
        self._listeners: list[Callable[[float], None]] = []

    def now(self) -> float:
        """Emulated seconds since the epoch."""
        return self._emulated_anchor + (time.monotonic() - self._real_anchor) * self._scale

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def iso(self) -> str:
        return zulu(self.now())

    @property
    def time_scale(self) -> float:
        return self._scale

    def set_time_scale(self, scale: float) -> None:
        if scale <= 0:
            raise ValueError("time scale must be positive")
        self._rebase()
        self._scale = scale

    def advance(self, seconds: float) -> float:
        """Jump forward, then let listeners run everything that fell due."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._rebase()
        self._emulated_anchor += seconds
        now = self.now()
        for listener in list(self._listeners):
            listener(now)
        return now

    def set_now(self, moment: float) -> None:
        """Put the clock at ``moment``, earlier or later: only a restored snapshot does this."""
        self._real_anchor = time.monotonic()
        self._emulated_anchor = moment

    def offset_from_wall(self) -> float:
        """How far emulated time is ahead of the wall clock (persisted across restarts)."""
        return self.now() - wall_time()

    def on_advance(self, listener: Callable[[float], None]) -> None:
        self._listeners.append(listener)

    def _rebase(self) -> None:
        self._emulated_anchor = self.now()
        self._real_anchor = time.monotonic()
