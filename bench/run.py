"""zemu's benchmark: requests/second against a bare Starlette endpoint on the same server stack.

    python bench/run.py [--duration 10] [--connections 32] [--json results.json]

Runs, one server at a time, each in a child process on a free loopback port:
  1. the bare endpoint (baseline),
  2. zemu with an in-memory store and the demo account: a point read and a 30-item list page,
and prints requests/second, the ratio to the bare endpoint against the goals, zemu's
start-to-ready time and its memory after the load. See bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from loadgen import LoadResult, pick_tool, run_load
from scenario import Targets, http_sender, prepare

HERE = Path(__file__).resolve().parent
GOALS = {"point read": 0.60, "list page": 0.40}  # share of the bare endpoint's requests/second


@dataclass(slots=True)
class Report:
    settings: dict[str, Any]
    load: dict[str, dict[str, Any]] = field(default_factory=dict)
    startup_s: list[float] = field(default_factory=list)
    rss_mib: dict[str, float] = field(default_factory=dict)
    inproc_us: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# child servers -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server in a child process; ``ready_s`` is spawn-to-first-200 on /zemu/health."""

    def __init__(
        self, kind: str, args: argparse.Namespace, extra: tuple[str, ...] = (), lifetime: float | None = None
    ) -> None:
        self.port = free_port()
        if lifetime is None:
            lifetime = 4 * (args.warmup + args.duration) + 300  # outlives the run, never hangs around
        command = [
            sys.executable,
            str(HERE / "servers.py"),
            kind,
            "--port",
            str(self.port),
            "--loop",
            args.loop,
            "--http",
            args.http,
            "--lifetime",
            str(lifetime),
            *extra,
        ]
        started = time.perf_counter()
        self.process = subprocess.Popen(command)
        self.ready_s = self._wait_ready(started, timeout=60)

    def _wait_ready(self, started: float, timeout: float) -> float:
        send = http_sender(self.port, timeout=1)
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode} before it was ready")
            try:
                if send("GET", "/zemu/health", {}, None)[0] == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError(f"server not ready after {timeout}s")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# measurements ------------------------------------------------------------------------------------
def measure(
    name: str, server: Server, path: str, headers: dict[str, str], args: argparse.Namespace, report: Report
) -> LoadResult:
    url = server.url(path)
    print(f"  {name}: warm-up {args.warmup:g}s, then {args.duration:g}s on GET {path}", flush=True)
    run_load(args.tool, url, headers, args.connections, args.warmup, args.threads)
    result = run_load(args.tool, url, headers, args.connections, args.duration, args.threads)
    entry = {**asdict(result), "rps": round(result.rps, 1), "valid": result.valid, "path": path}
    report.load[name] = entry
    if not result.valid:
        report.notes.append(
            f"{name}: INVALID run, {result.non_2xx} non-2xx answers and {result.errors} "
            f"errors in {result.requests} requests (statuses {result.statuses or 'n/a'})"
        )
    return result


def startup_samples(args: argparse.Namespace, report: Report) -> None:
    """Extra cold starts of zemu, so start-to-ready is not a single noisy number."""
    for _ in range(args.startup_samples - 1):
        server = Server("zemu", args)
        report.startup_s.append(server.ready_s)
        server.stop()


def run_bare(args: argparse.Namespace, report: Report) -> None:
    print("bare Starlette endpoint", flush=True)
    server = Server("bare", args)
    try:
        measure("bare", server, "/", {}, args, report)
        report.rss_mib["bare"] = server.rss_mib()
    finally:
        server.stop()


def run_zemu(args: argparse.Namespace, report: Report) -> None:
    print("zemu (in-memory store, demo account)", flush=True)
    server = Server("zemu", args)
    report.startup_s.append(server.ready_s)
    try:
        targets: Targets = prepare(http_sender(server.port))
        report.notes += targets.notes
        for name, path in (("point read", targets.point_path), ("list page", targets.list_path)):
            if path is not None:
                measure(name, server, path, targets.headers, args, report)
        report.rss_mib["zemu"] = server.rss_mib()
    finally:
        server.stop()
    startup_samples(args, report)


def run_inproc(args: argparse.Namespace, report: Report) -> None:
    import inproc  # imports zemu into this process; only when asked for

    print("in-process (ASGI call, no network)", flush=True)
    results, _ = inproc.measure(args.inproc_seconds)
    report.inproc_us = {r.name: round(r.us_per_request, 1) for r in results}


# output ------------------------------------------------------------------------------------------
def score(report: Report) -> None:
    """Add each figure's ratio to the bare endpoint and whether its goal is met."""
    bare = report.load.get("bare")
    for name, goal in GOALS.items():
        entry = report.load.get(name)
        if entry is None:
            continue
        ratio = entry["rps"] / bare["rps"] if bare and bare["valid"] and bare["rps"] else 0.0
        entry.update(ratio_to_bare=round(ratio, 3), goal=goal, goal_met=entry["valid"] and ratio >= goal)


def goal_line(name: str, report: Report) -> str:
    entry = report.load.get(name)
    if entry is None:
        return f"{name:<11} {'skipped':>10}   (see notes)"
    verdict = "met" if entry["goal_met"] else "NOT met"
    return (
        f"{name:<11} {entry['rps']:>10,.0f} {_ms(entry['p50_ms'])} {_ms(entry['p99_ms'])}  "
        f"{entry['ratio_to_bare']:>6.0%} of bare (goal >= {entry['goal']:.0%}: {verdict})"
    )


def _ms(value: float | None) -> str:
    return f"{value:>8.2f}" if value is not None else f"{'-':>8}"


def print_table(report: Report) -> None:
    s = report.settings
    print(
        f"\nload: {s['tool']}, {s['connections']} connections, {s['duration']:g}s after "
        f"{s['warmup']:g}s warm-up; uvicorn loop={s['loop']} http={s['http']}, 1 worker; {s['cpus']} CPUs "
        "shared by server and load generator"
    )
    print(f"{'target':<11} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
    bare = report.load.get("bare")
    if bare:
        print(f"{'bare':<11} {bare['rps']:>10,.0f} {_ms(bare['p50_ms'])} {_ms(bare['p99_ms'])}")
    for name in GOALS:
        print(goal_line(name, report))
    if report.startup_s:
        samples = sorted(report.startup_s)
        print(
            f"zemu start-to-ready: median {samples[len(samples) // 2]:.2f}s "
            f"(min {samples[0]:.2f}s, max {samples[-1]:.2f}s, {len(samples)} cold starts)"
        )
    if "zemu" in report.rss_mib:
        print(
            f"zemu RSS after load: {report.rss_mib['zemu']:.1f} MiB (bare endpoint: "
            f"{report.rss_mib.get('bare', 0):.1f} MiB)"
        )
    if report.inproc_us:
        print("in-process µs/request: " + ", ".join(f"{k} {v:.1f}" for k, v in report.inproc_us.items()))
    for note in report.notes:
        print(f"note: {note}")


def resolved(option: str, fast: str, fallback: str) -> str:
    """What uvicorn's "auto" picks, so the output says which stack was measured."""
    if option != "auto":
        return option
    return fast if importlib.util.find_spec(fast) else fallback


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="zemu vs a bare Starlette endpoint, requests/second.")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per target")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="wrk threads / built-in worker processes (the server needs the other core)",
    )
    parser.add_argument("--tool", choices=["auto", "wrk", "builtin"], default="auto")
    parser.add_argument("--loop", default="auto", help="uvicorn --loop, same for both servers")
    parser.add_argument("--http", default="auto", help="uvicorn --http, same for both servers")
    parser.add_argument("--startup-samples", type=int, default=3, help="cold starts timed for start-to-ready")
    parser.add_argument(
        "--inproc-seconds", type=float, default=1.0, help="seconds per in-process measurement; 0 skips it"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON ('-' for stdout)")
    args = parser.parse_args()
    args.tool = pick_tool(args.tool)
    return args


def main() -> None:
    args = parse_args()
    report = Report(
        settings={
            "tool": args.tool,
            "connections": args.connections,
            "duration": args.duration,
            "warmup": args.warmup,
            "threads": args.threads,
            "loop": resolved(args.loop, "uvloop", "asyncio"),
            "http": resolved(args.http, "httptools", "h11"),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
        }
    )
    if args.tool == "builtin":
        report.notes.append(
            "load from the built-in Python generator (wrk not on PATH or not chosen): it "
            "spends more CPU per request than wrk, so absolute figures may be lower"
        )
    try:
        run_bare(args, report)
        run_zemu(args, report)
        if args.inproc_seconds > 0:
            run_inproc(args, report)
    except RuntimeError as problem:  # a server that fails to start or to authorize: nothing to measure
        sys.exit(f"benchmark aborted: {problem}")
    score(report)
    print_table(report)
    if args.json:
        text = json.dumps(asdict(report), indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
