"""The reads users make most, on the SQLite file store and on PostgreSQL, as shares of a bare
Starlette endpoint measured in the same run.

    python bench/mix.py [--duration 3] [--connections 16] [--stores sqlite,postgresql]
                        [--postgres postgresql://postgres@127.0.0.1:5432/test]

Each store gets a fresh zemu server (demo account, strict mode off) in a child process; the ids in
the paths are read from the demo account's own lists; every path is checked to answer 200 before
it is loaded. Goals: on SQLite the median share of bare at least 40 % and no read below 15 %; on
PostgreSQL a median at least half of SQLite's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import orjson
import psycopg
from loadgen import pick_tool, run_load
from run import Server
from scenario import Send, authorize, http_sender

READS = (
    "/accounts/me",
    "/users/me",
    "/users?page_size=30",
    "/phone/users?page_size=30",
    "/phone/users/{phone_user}",
    "/phone/sites/{site}",
    "/phone/call_queues?page_size=30",
    "/phone/call_queues/{call_queue}",
    "/phone/numbers?page_size=30",
    "/phone/devices?type=assigned&page_size=30",
    "/phone/auto_receptionists/{auto_receptionist}",
    "/phone/account_settings",
)
# where each path's id is found: (list path, items key)
FIRST_OF = {
    "phone_user": ("/v2/phone/users?page_size=1", "users"),
    "site": ("/v2/phone/sites?page_size=1", "sites"),
    "call_queue": ("/v2/phone/call_queues?page_size=1", "call_queues"),
    "auto_receptionist": ("/v2/phone/auto_receptionists?page_size=1", "auto_receptionists"),
}
SQLITE_MEDIAN, SQLITE_FLOOR, POSTGRES_OF_SQLITE = 0.40, 0.15, 0.5


def first_ids(send: Send, headers: dict[str, str]) -> dict[str, str]:
    ids = {}
    for name, (path, key) in FIRST_OF.items():
        status, body = send("GET", path, headers, None)
        items = orjson.loads(body).get(key) if status == 200 else None
        if items:
            ids[name] = items[0]["id"]
    return ids


def reads(send: Send, headers: dict[str, str], notes: list[str]) -> list[str]:
    """The twelve paths with real ids, each checked to answer 200."""
    ids = first_ids(send, headers)
    ready = []
    for template in READS:
        try:
            path = "/v2" + template.format(**ids)
        except KeyError as missing:
            notes.append(f"{template}: skipped, the demo account has no {missing}")
            continue
        status, body = send("GET", path, headers, None)
        if status != 200:
            notes.append(f"{template}: skipped, answered {status} {body[:120]!r}")
            continue
        ready.append(path)
    return ready


def measure(server: Server, path: str, headers: dict[str, str], args: argparse.Namespace) -> float:
    url = server.url(path)
    run_load(args.tool, url, headers, args.connections, args.warmup, args.threads)
    result = run_load(args.tool, url, headers, args.connections, args.duration, args.threads)
    if not result.valid:
        print(f"    INVALID: {result.non_2xx} non-2xx, {result.errors} errors ({result.statuses})", flush=True)
        return 0.0
    return result.rps


def bare_rps(args: argparse.Namespace) -> float:
    server = Server("bare", args, lifetime=600)
    try:
        return measure(server, "/", {}, args)
    finally:
        server.stop()


def store_run(name: str, extra: tuple[str, ...], args: argparse.Namespace) -> dict[str, float]:
    """Each read's share of the bare endpoint, measured just before this store's reads: the
    machine's other load drifts, so each store is compared with its own baseline."""
    bare = bare_rps(args)
    if not bare:
        sys.exit("the bare endpoint did not answer")
    print(f"{name} (bare Starlette endpoint just before: {bare:,.0f} req/s):", flush=True)
    server = Server("zemu", args, extra, lifetime=1800)
    notes: list[str] = []
    shares: dict[str, float] = {}
    try:
        targets = authorize(http_sender(server.port))
        for path in reads(http_sender(server.port), targets.headers, notes):
            rps = measure(server, path, targets.headers, args)
            shares[path] = rps / bare
            print(f"  {path.removeprefix('/v2'):<50} {rps:>8,.0f} req/s {rps / bare:>6.1%} of bare", flush=True)
    finally:
        server.stop()
    for note in notes:
        print(f"  note: {note}")
    if shares:
        print(f"  median {statistics.median(shares.values()):.1%} of bare, lowest {min(shares.values()):.1%}")
    return shares


def verdicts(results: dict[str, dict[str, float]]) -> list[str]:
    lines = []
    sqlite, postgres = results.get("sqlite"), results.get("postgresql")
    if sqlite:
        median, low = statistics.median(sqlite.values()), min(sqlite.values())
        lines.append(
            f"SQLite median {median:.1%} (goal >= {SQLITE_MEDIAN:.0%}: "
            f"{'met' if median >= SQLITE_MEDIAN else 'NOT met'}), lowest {low:.1%} "
            f"(goal >= {SQLITE_FLOOR:.0%}: {'met' if low >= SQLITE_FLOOR else 'NOT met'})"
        )
    if sqlite and postgres:
        ratio = statistics.median(postgres.values()) / statistics.median(sqlite.values())
        verdict = "met" if ratio >= POSTGRES_OF_SQLITE else "NOT met"
        lines.append(
            f"PostgreSQL median {statistics.median(postgres.values()):.1%} of bare = {ratio:.0%} of "
            f"SQLite's (goal >= {POSTGRES_OF_SQLITE:.0%}: {verdict})"
        )
    return lines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=3.0, help="seconds measured per read")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--tool", choices=["auto", "wrk", "builtin"], default="auto")
    parser.add_argument("--loop", default="auto")
    parser.add_argument("--http", default="auto")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    args.tool = pick_tool(args.tool)
    return args


def main() -> None:
    args = parse_args()
    print(
        f"load: {args.tool}, {args.connections} connections, {args.duration:g}s per read after "
        f"{args.warmup:g}s warm-up",
        flush=True,
    )
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="zemu-bench-") as scratch:
        for store in args.stores.split(","):
            if store == "sqlite":
                results[store] = store_run("SQLite file store", ("--db", str(Path(scratch) / "zemu.db")), args)
            elif store == "postgresql":
                schema = f"zemu_bench_{uuid.uuid4().hex[:10]}"
                try:
                    results[store] = store_run("PostgreSQL", ("--db", args.postgres, "--schema", schema), args)
                finally:
                    with psycopg.connect(args.postgres, autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    for line in verdicts(results):
        print(line)


if __name__ == "__main__":
    main()
