"""Load generators: ``wrk`` when it is installed, else a small built-in one.

Both keep ``connections`` keep-alive HTTP/1.1 connections busy against one loopback URL for a
fixed time and report requests/second, latency percentiles and how many answers were not 2xx
(a run that measured 401s or 404s is flagged invalid by the caller, never silently reported).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"


@dataclass(slots=True)
class LoadResult:
    tool: str
    requests: int
    seconds: float
    non_2xx: int
    errors: int
    p50_ms: float | None = None
    p99_ms: float | None = None
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def valid(self) -> bool:
        return self.requests > 0 and self.non_2xx == 0 and self.errors <= self.requests // 1000


def pick_tool(preferred: str) -> str:
    if preferred == "auto":
        return "wrk" if shutil.which("wrk") else "builtin"
    return preferred


def run_load(
    tool: str, url: str, headers: dict[str, str], connections: int, duration: float, threads: int
) -> LoadResult:
    if urlsplit(url).hostname != LOOPBACK:
        raise ValueError(f"the benchmark only sends traffic to {LOOPBACK}, not {url}")
    if tool == "wrk":
        return run_wrk(url, headers, connections, duration, threads)
    return run_builtin(url, headers, connections, duration, threads)


# wrk ---------------------------------------------------------------------------------------------
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(url: str, headers: dict[str, str], connections: int, duration: float, threads: int) -> LoadResult:
    seconds = max(1, round(duration))  # wrk takes whole seconds only
    command = [
        "wrk",
        f"-t{max(1, min(threads, connections))}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    # wrk stops by itself after -d; the timeout only guards against a wedged process.
    done = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 30)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return _parse_wrk(done.stdout)


def _parse_wrk(out: str) -> LoadResult:
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out)
    if total is None:
        raise RuntimeError(f"could not read wrk's output:\n{out}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    return LoadResult(
        tool="wrk",
        requests=int(total[1]),
        seconds=_ms(total[2] + total[3]) / 1000,
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
        p50_ms=_ms(p50[1]) if p50 else None,
        p99_ms=_ms(p99[1]) if p99 else None,
    )


# built-in ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Tally:
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    latencies: list[float] = field(default_factory=list)


def _request_bytes(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {target or '/'} HTTP/1.1", f"Host: {parts.netloc}", *(f"{k}: {v}" for k, v in headers.items())]
    return parts.port or 80, ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response; only Content-Length bodies (all the servers here send one)."""
    status = int((await reader.readline()).split(b" ", 2)[1])
    length = None
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length is None:
        raise ValueError("response without Content-Length")
    await reader.readexactly(length)
    return status


async def _connection(port: int, request: bytes, deadline: float, tally: _Tally) -> None:
    while time.monotonic() < deadline:  # reconnect after an error, until the deadline
        try:
            reader, writer = await asyncio.open_connection(LOOPBACK, port)
        except OSError:
            tally.errors += 1
            await asyncio.sleep(0.05)
            continue
        try:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                writer.write(request)
                status = await _read_response(reader)
                tally.latencies.append(time.perf_counter() - started)
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            tally.errors += 1
        finally:
            writer.close()


async def _drive(port: int, request: bytes, connections: int, duration: float) -> _Tally:
    tally = _Tally()
    deadline = time.monotonic() + duration
    tasks = [_connection(port, request, deadline, tally) for _ in range(connections)]
    # A server that stops answering must not hang the benchmark: bound the whole run.
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration + 10)
    except TimeoutError:
        tally.errors += 1
    return tally


def _worker(args: tuple[int, bytes, int, float]) -> tuple[dict[int, int], int, list[float]]:
    port, request, connections, duration = args
    tally = asyncio.run(_drive(port, request, connections, duration))
    return tally.statuses, tally.errors, tally.latencies


def run_builtin(url: str, headers: dict[str, str], connections: int, duration: float, processes: int) -> LoadResult:
    """``processes`` worker processes (one Python process cannot outrun a server), connections shared."""
    processes = max(1, min(processes, connections, os.cpu_count() or 1))
    port, request = _request_bytes(url, headers)
    shares = [connections // processes + (i < connections % processes) for i in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.map_async(_worker, [(port, request, n, duration) for n in shares]).get(duration + 60)
    # Each worker runs its own fixed window; they overlap but for the workers' start-up skew.
    return _merge(parts, duration)


def _merge(parts: list[tuple[dict[int, int], int, list[float]]], seconds: float) -> LoadResult:
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    for part_statuses, _, part_latencies in parts:
        for status, n in part_statuses.items():
            statuses[status] = statuses.get(status, 0) + n
        latencies += part_latencies
    latencies.sort()

    def pct(q: float) -> float | None:
        return latencies[int(q * (len(latencies) - 1))] * 1000 if latencies else None

    return LoadResult(
        tool="builtin",
        requests=sum(statuses.values()),
        seconds=seconds,
        non_2xx=sum(n for s, n in statuses.items() if not 200 <= s < 300),
        errors=sum(p[1] for p in parts),
        p50_ms=pct(0.5),
        p99_ms=pct(0.99),
        statuses=statuses,
    )
