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
from functools import lru_cache

import orjson

# Limits that keep emulated time a date every client can print: one advance moves at most ten
# years, time runs at most 10,000 times real time, and the clock never passes the year 2999
# (Zoom's date-time form and Python's datetime both end at 9999; a clock that wandered there
# would make every later answer fail).
MAX_ADVANCE_SECONDS = 10 * 365.25 * 86400
MAX_TIME_SCALE = 10_000.0
LATEST = datetime(3000, 1, 1, tzinfo=UTC).timestamp()


def zulu(moment: float) -> str:
    """Zoom's date-time form: UTC, whole seconds, literal Z."""
    return _zulu(int(moment))


# a simulated call writes each of its few moments a dozen times over (every event and record)
@lru_cache(maxsize=4096)
def _zulu(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=4096)
def parse_zulu(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


def wall_time() -> float:
    return time.time()


def real_seconds() -> float:
    """Monotonic real time, for caches whose freshness is about other processes, not emulation."""
    return time.monotonic()


@dataclass(frozen=True, slots=True)
class ClockState:
    emulated: float  # emulated seconds since the epoch at the anchor
    wall: float  # the wall time of the anchor, which every process on the host shares
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
        in_range = 0 < state.scale <= MAX_TIME_SCALE and 0 <= state.emulated < LATEST
        return state if usable and in_range else None


# ``refresh(force)`` lets the clock's owner bring in a state written by another process.
Refresh = Callable[[bool], None]


class Clock:
    def __init__(self, start: float | None = None, time_scale: float = 1.0) -> None:
        check_time_scale(time_scale)
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
        check_time_scale(scale)
        self._follow_now()
        self._rebase()
        self._scale = scale

    def advance(self, seconds: float) -> float:
        """Jump forward, then let listeners run everything that fell due."""
        check_advance(seconds)
        self._follow_now()
        if self._local_now() + seconds >= LATEST:
            raise ValueError("the clock may not pass the year 2999")
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


def check_time_scale(scale: float) -> None:
    """A ValueError, saying why, unless ``scale`` is a finite number in (0, MAX_TIME_SCALE]."""
    if not math.isfinite(scale) or not 0 < scale <= MAX_TIME_SCALE:
        raise ValueError(f"time_scale must be a number above 0 and at most {MAX_TIME_SCALE:g}")


def check_advance(seconds: float) -> None:
    """A ValueError, saying why, unless ``seconds`` is a finite number in [0, MAX_ADVANCE_SECONDS]."""
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_ADVANCE_SECONDS:
        raise ValueError(
            f"seconds must be a number from 0 to {MAX_ADVANCE_SECONDS:g} (ten years); the clock only moves forward"
        )


def sane_offset(stored: str | None) -> float | None:
    """A stored clock offset (emulated minus wall seconds) when it is a number that keeps the
    clock between the epoch and the year 2999; None for anything else."""
    try:
        offset = float(stored) if stored is not None else math.nan
    except ValueError:
        return None
    if not math.isfinite(offset) or not 0 <= wall_time() + offset < LATEST:
        return None
    return offset
