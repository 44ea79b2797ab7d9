"""The phone simulator's own costs: simulated calls per second, and rendering a recording.

    python bench/simulator.py [--calls 2000] [--renders 5]

(a) Calls per second, persisted: the demo account on SQLite (a file, then in memory), and the
    traffic ``zemu traffic`` sends (``zemu.sim.phone.traffic``, calls only) played through the
    simulator's batch path (``engine.play``: every step of a call at its emulated time, with all
    its events queued in the outbox and all its history rows), 200 calls per transaction. Next to
    it, the same calls through the scheduled path a running server takes (each call placed in
    its own transaction, then each of its steps claimed and performed in its own, by the
    scheduler). Goal: at least 500 calls/s on the batch path.
(c) Rendering a five-minute two-party recording's MP3 (``zemu.sim.artifacts.render``), each with a
    fresh recipe (the render cache never answers), next to LAME encoding five minutes of silence
    at the same settings (the encoder's own floor). Goal: under 200 ms.

Wall time is printed with the process's CPU time: on a machine shared with other work, CPU time
is the figure that says what the code costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import lameenc

from zemu.config import Config
from zemu.runtime import Runtime
from zemu.sim.artifacts import audio, render
from zemu.sim.phone import engine, plan
from zemu.sim.phone.product import place_call
from zemu.sim.phone.traffic import Traffic
from zemu.sim.phone.week import account_parties

BATCH = 200
CALL_MIX = {"answered": 55, "missed": 10, "voicemail": 12, "busy": 3, "rejected": 2, "queue": 12, "receptionist": 6}
CALLS_GOAL = 500.0
RENDER_GOAL_MS = 200.0


class Timer:
    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def runtime(db: str) -> Runtime:
    return Runtime(Config(db=db, strict=False))


def bodies(rt: Runtime, count: int) -> list[dict[str, object]]:
    with rt.store.transaction(write=False) as tx:
        parties = account_parties(tx, rt.credentials()["account_id"])  # type: ignore[index]
    traffic = Traffic(1, parties, CALL_MIX)
    return [traffic.next()[2] for _ in range(count)]


def batch_path(rt: Runtime, count: int) -> Timer:
    calls = bodies(rt, count)
    with Timer() as timer:
        for first in range(0, count, BATCH):
            with rt.store.transaction() as tx:
                ctx = rt.operator_context(tx)
                start = ctx.now
                for body in calls[first : first + BATCH]:
                    ctx.now = start
                    engine.play(ctx, plan.build(ctx, plan.check(ctx, body)))
    return timer


def scheduled_path(rt: Runtime, count: int) -> Timer:
    calls = bodies(rt, count)
    with Timer() as timer:
        for body in calls:
            with rt.store.transaction() as tx:
                place_call(rt.operator_context(tx), body)
        rt.scheduler.run_due(rt.clock.now() + 7200)  # every step of every call is due by then
    return timer


def counts(rt: Runtime) -> tuple[int, int]:
    with rt.store.transaction(write=False) as tx:
        return tx.count("ph_call"), int(tx.query("SELECT COUNT(*) FROM outbox")[0][0])


def calls_per_second(count: int) -> None:
    print(f"(a) simulated calls, persisted with their events and history ({count} calls)")
    with tempfile.TemporaryDirectory() as folder:
        for label, db in (("SQLite file", str(Path(folder) / "calls.db")), ("SQLite memory", ":memory:")):
            rt = runtime(db)
            before = counts(rt)
            timer = batch_path(rt, count)
            calls, events = (a - b for a, b in zip(counts(rt), before, strict=True))
            rate = count / timer.wall
            verdict = "met" if rate >= CALLS_GOAL else "MISSED"
            print(
                f"  batch path, {label:<13} {rate:7.0f} calls/s  ({count / timer.cpu:7.0f} per CPU second; "
                f"{calls} calls in history, {events / count:.1f} events each)  goal {CALLS_GOAL:.0f}: {verdict}"
            )
            rt.close()
        rt = runtime(str(Path(folder) / "scheduled.db"))
        timer = scheduled_path(rt, count // 4)
        print(
            f"  scheduled path, SQLite file {count // 4 / timer.wall:7.0f} calls/s  "
            f"({count // 4 / timer.cpu:7.0f} per CPU second): a call and each of its steps in its own transaction"
        )
        rt.close()


def encode_silence(seconds: float) -> float:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(audio.BITRATE_KBPS)
    encoder.set_in_sample_rate(audio.RATE)
    encoder.set_out_sample_rate(audio.RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    with Timer() as timer:
        encoder.encode(bytes(2 * int(seconds * audio.RATE)))
        encoder.flush()
    return timer.cpu


def rendering(rounds: int) -> None:
    print(f"(c) a five-minute recording's MP3, {rounds} fresh recipes")
    render.render(render.audio_recipe("warm-up", 5, speakers=2))  # the syllables are made once per process
    walls, cpus = [], []
    for n in range(rounds):
        with Timer() as timer:
            data = render.render(render.audio_recipe(f"bench-{n}", 300, speakers=2))
        walls.append(timer.wall * 1000)
        cpus.append(timer.cpu * 1000)
    floor = statistics.median(encode_silence(300) * 1000 for _ in range(rounds))
    cpu = statistics.median(cpus)
    verdict = "met" if cpu < RENDER_GOAL_MS else "MISSED"
    print(
        f"  render: median {cpu:.0f} ms CPU ({statistics.median(walls):.0f} ms wall), {len(data) // 1024} KiB; "
        f"LAME on silence alone {floor:.0f} ms CPU ({cpu / floor:.2f}x)  goal {RENDER_GOAL_MS:.0f} ms: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--renders", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {open('/proc/loadavg').read().split()[0]} on {__import__('os').cpu_count()} CPUs")
    calls_per_second(args.calls)
    rendering(args.renders)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
