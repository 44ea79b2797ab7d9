"""One emulated clock for the whole server, and for every server sharing its store.

Emulated time runs at ``time_scale`` times real time from an anchor, and can be advanced at
once. Nothing in zemu sleeps in real time to wait for emulated time: work that falls due is
run by whoever advances the clock (see ``Clock.on_advance``). This is the only module that
reads the wall clock.

The anchor is a ``ClockState``: an emulated moment, the wall time it was taken at, and the scale.
It is what the store keeps, so that several processes on one database compute the same time:
a process that moves the clock writes its new state, and the others ``follow`` it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson


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


@dataclass(frozen=True, slots=True)
class ClockState:
    emulated: float   # emulated seconds since the epoch at the anchor
    wall: float       # the wall time of the anchor, which every process on the host shares
    scale: float

    def encode(self) -> str:
        return orjson.dumps({"emulated": self.emulated, "wall": self.wall, "scale": self.scale}).decode()

    @classmethod
    def decode(cls, text: str | None) -> ClockState | None:
        """The state a store row holds, or None for a missing or unusable one (never a crash)."""
        try:
            raw = orjson.loads(text or "")
            state = cls(float(raw["emulated"]), float(raw["wall"]), float(raw["scale"]))
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None
        usable = all(math.isfinite(v) for v in (state.emulated, state.wall, state.scale))
        return state if usable and state.scale > 0 and abs(state.emulated) < 1e11 else None


# ``refresh(force)`` lets the clock's owner bring in a state written by another process.
Refresh = Callable[[bool], None]


class Clock:
    def __init__(self, start: float | None = None, time_scale: float = 1.0) -> None:
        self._real_anchor = time.monotonic()
        self._emulated_anchor = wall_time() if start is None else start
        self._scale = time_scale
        self._listeners: list[Callable[[float], None]] = []
        self._refresh: Refresh | None = None

    def now(self) -> float:
        """Emulated seconds since the epoch."""
        if self._refresh is not None:
            self._refresh(False)
        return self._local_now()

    def _local_now(self) -> float:
        return self._emulated_anchor + (time.monotonic() - self._real_anchor) * self._scale

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def iso(self) -> str:
        return zulu(self.now())

    @property
    def time_scale(self) -> float:
        if self._refresh is not None:
            self._refresh(False)
        return self._scale

    def set_time_scale(self, scale: float) -> None:
        if not scale > 0:
            raise ValueError("time scale must be positive")
        self._follow_now()
        self._rebase()
        self._scale = scale

    def advance(self, seconds: float) -> float:
        """Jump forward, then let listeners run everything that fell due."""
        if not seconds >= 0:
            raise ValueError("the clock only moves forward")
        self._follow_now()
        self._rebase()
        self._emulated_anchor += seconds
        now = self._local_now()
        for listener in list(self._listeners):
            listener(now)
        return now

    def set_now(self, moment: float) -> None:
        """Put the clock at ``moment``, earlier or later: only a restored snapshot does this."""
        self._real_anchor = time.monotonic()
        self._emulated_anchor = moment

    def offset_from_wall(self) -> float:
        """How far emulated time is ahead of the wall clock."""
        return self.now() - wall_time()

    def on_advance(self, listener: Callable[[float], None]) -> None:
        self._listeners.append(listener)

    # shared state --------------------------------------------------------------------------
    def follow(self, refresh: Refresh) -> None:
        """Ask ``refresh`` for another process's change before every reading; it decides how
        often to really look (the runtime reads the store at most every few milliseconds)."""
        self._refresh = refresh

    def state(self) -> ClockState:
        wall, mono = wall_time(), time.monotonic()
        emulated = self._emulated_anchor + (mono - self._real_anchor) * self._scale
        return ClockState(emulated, wall, self._scale)

    def adopt(self, state: ClockState) -> None:
        """Run from ``state`` on: the same emulated time as every process that adopted it."""
        wall, mono = wall_time(), time.monotonic()
        self._real_anchor = mono
        self._emulated_anchor = state.emulated + (wall - state.wall) * state.scale
        self._scale = state.scale

    def _follow_now(self) -> None:
        """A change starts from the newest shared state, not one up to a refresh interval old."""
        if self._refresh is not None:
            self._refresh(True)

    def _rebase(self) -> None:
        self._emulated_anchor = self._local_now()
        self._real_anchor = time.monotonic()
