"""Does a call-history page cost the same with a million calls as with a thousand?

    python bench/history.py [--small 1000] [--large 1000000] [--seconds 3] [--cache /tmp/zemu-bench]

``GET /v2/phone/call_history?page_size=30&from=…&to=…&directions=inbound`` (the last 30 whole days,
one filter) on a SQLite file holding ``--small`` calls, then one holding ``--large``; the ASGI app
is called in this process (no sockets), back to back for ``--seconds``, and each first answer is
checked (30 items, a next page, ``total_records`` equal to the store's own count). Goal: the
large store within 1.5x of the small one's time per request. The same page without from/to (the
default: the 24 hours before now, which starts and ends inside an hour) is printed too.

The stores are made once and kept in ``--cache`` (reused while they hold the asked number of
calls). The first 2,000 calls are simulated (the demo account's week, then the traffic ``zemu
traffic`` sends, played through the simulator's batch path at moments of the last 30 days,
without events); a larger store is then grown in bulk in SQL: the account call-history documents
and their index rows (but their keyword tokens) are copied with new ids, each copy's body being its
list view (the copies keep their template's time, so a million calls stand on 2,000 moments), and
the counters multiplied to match. Only the account call history (``ph_call``) is copied: the page
reads nothing else.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import orjson
from inproc import asgi_call
from scenario import authorize

from zemu.config import Config
from zemu.http.app import build_app
from zemu.runtime import Runtime
from zemu.sim.clock import zulu
from zemu.sim.phone import week
from zemu.sim.phone.traffic import Traffic

TEMPLATES = 2000
DAYS = 30
COPIES_PER_TX = 50
GOAL = 1.5
CALL_MIX = {"answered": 55, "missed": 10, "voicemail": 12, "busy": 3, "rejected": 2, "queue": 12, "receptionist": 6}
META = "bench_history_calls"


def runtime(path: Path) -> Runtime:
    return Runtime(Config(db=str(path), strict=False))


def calls_in(rt: Runtime) -> int:
    with rt.store.transaction(write=False) as tx:
        return tx.count("ph_call")


def simulate(rt: Runtime, count: int) -> None:
    """``count`` more calls, at moments of the last 30 days, through the simulator's batch path."""
    with rt.store.transaction() as tx:
        ctx = rt.operator_context(tx)
        ctx.emitting = False
        traffic = Traffic(9, week.account_parties(tx, ctx.account_id), CALL_MIX)
        draw = random.Random(9)
        now = ctx.now
        for at in sorted(draw.uniform(now - DAYS * 86400, now - 3 * 3600) for _ in range(count)):
            ctx.now = at
            try:
                week.play(ctx, *traffic.next()[1:])
            except Exception as problem:  # a refused call (a blocked number) is not made
                if "ZoomError" not in type(problem).__name__:
                    raise


def grow(path: Path, copies: int) -> None:
    """Copy every call-history document ``copies`` times, in bulk, on a connection of its own that
    skips the fsyncs (a store made for a benchmark). A copy's body is its list view (the page reads
    only that) and it is filed under the template's terms but not its keyword tokens."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    numbers = "WITH RECURSIVE k(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM k WHERE n < ?) "
    done = 0
    while done < copies:
        batch = min(COPIES_PER_TX, copies - done)
        span = (done + 1, done + batch)
        with conn:
            conn.execute(
                numbers + "INSERT INTO docs (kind, id, account_id, parent, sort, body, view) "
                "SELECT d.kind, d.id || '~' || k.n, d.account_id, d.parent, d.sort, d.view, d.view "
                "FROM docs d, k WHERE d.kind = 'ph_call' AND instr(d.id, '~') = 0",
                span,
            )
            conn.execute(
                numbers + "INSERT INTO doc_terms (kind, scope, field, value, sort, id) "
                "SELECT t.kind, t.scope, t.field, t.value, t.sort, t.id || '~' || k.n FROM doc_terms t, k "
                "WHERE t.kind = 'ph_call' AND instr(t.id, '~') = 0 AND substr(t.field, 1, 1) <> '~' "
                "ORDER BY t.scope, t.field, t.value, t.sort, k.n",
                span,
            )
        done += batch
        print(f"\r  copied {done}/{copies} times", end="", flush=True)
    print()
    with conn:
        for table in ("doc_counts", "doc_bucket_counts"):
            conn.execute(
                f"UPDATE {table} SET n = n * ? WHERE kind = 'ph_call' AND substr(field, 1, 1) <> '~'", (copies + 1,)
            )
    conn.close()


def store(folder: Path, total: int) -> Path:
    """A SQLite file with ``total`` calls (about: a large one is a multiple of the templates)."""
    path = folder / f"history-{total}.db"
    if path.exists():
        rt = runtime(path)
        with rt.store.transaction(write=False) as tx:
            ready = tx.meta(META) == str(total)
        rt.close()
        if ready:
            return path
        for stale in folder.glob(f"history-{total}.db*"):
            stale.unlink()
    started = time.perf_counter()
    rt = runtime(path)  # the demo account, with its week of history
    templates = min(total, TEMPLATES)
    simulate(rt, max(0, templates - calls_in(rt)))
    rt.close()
    if total > templates:
        grow(path, total // templates - 1)
    rt = runtime(path)
    with rt.store.transaction() as tx:
        tx.set_meta(META, str(total))
    print(f"  made {path} with {calls_in(rt):,} calls in {time.perf_counter() - started:.0f} s")
    rt.close()
    return path


def measure(path: Path, seconds: float) -> dict[str, Any]:
    rt = runtime(path)
    app = build_app(rt)
    loop = asyncio.new_event_loop()

    def send(method: str, target: str, headers: dict[str, str], body: bytes | None) -> tuple[int, bytes]:
        return loop.run_until_complete(asgi_call(app, method, target, headers, body))

    headers = authorize(send).headers
    today = rt.clock.now()
    ranged = (
        f"/v2/phone/call_history?page_size=30&from={zulu(today - (DAYS - 1) * 86400)[:10]}"
        f"&to={zulu(today)[:10]}&directions=inbound"
    )
    default = "/v2/phone/call_history?page_size=30&directions=inbound"
    found: dict[str, Any] = {"calls": calls_in(rt)}
    for name, target in (("range", ranged), ("default", default)):
        status, body = send("GET", target, headers, None)
        page = orjson.loads(body)
        if status != 200 or (name == "range" and (len(page["call_history"]) != 30 or not page["next_page_token"])):
            raise RuntimeError(f"{target} answered {status}: {body[:300]!r}")
        if name == "range":
            with rt.store.transaction(write=False) as tx:
                counted = tx.query(
                    "SELECT COUNT(*) FROM doc_terms WHERE kind = 'ph_call' AND field = 'direction' "
                    "AND value = 'inbound' AND sort >= ? AND sort <= ?",
                    (
                        f"{9_999_999_999 - int(today // 86400 * 86400 + 86399):010d}",
                        f"{9_999_999_999 - int(today // 86400 * 86400 - (DAYS - 1) * 86400):010d}",
                    ),
                )[0][0]
            if page["total_records"] != counted:
                raise RuntimeError(f"total_records {page['total_records']} but the store holds {counted}")
            found["total_records"] = counted
        calls, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            send("GET", target, headers, None)
            calls += 1
        found[name] = (time.perf_counter() - started) / calls * 1e6
    loop.close()
    rt.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/zemu-bench"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    results = []
    for total in (args.small, args.large):
        print(f"store with {total:,} calls")
        results.append(measure(store(args.cache, total), args.seconds))
    small, large = results
    for name, label in (("range", f"last {DAYS} days + filter"), ("default", "default 24 h + filter")):
        ratio = large[name] / small[name]
        verdict = ("met" if ratio <= GOAL else "MISSED") if name == "range" else ""
        print(
            f"  {label:<26} {small['calls']:>9,} calls: {small[name]:7.0f} us/request   "
            f"{large['calls']:>9,} calls: {large[name]:7.0f} us/request   {ratio:.2f}x  {verdict}"
        )
    print(f"  total_records of the ranged page: {small['total_records']:,} and {large['total_records']:,}")


if __name__ == "__main__":
    main()
