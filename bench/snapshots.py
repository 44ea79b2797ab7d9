"""Time a snapshot save and restore of the demo account, next to a reset, on each store.

    python bench/snapshots.py [--rounds 5] [--postgres postgresql://…] [--filler 20000]

Each figure is the wall time of the control-plane call as a client sees it (HTTP included), the
median and the worst of ``--rounds``. PostgreSQL is measured when it answers (in a schema of its
own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable

import psycopg

from zemu.store import Tx
from zemu.testing import ZemuServer, zemu_server

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def timed(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def fill(server: ZemuServer, count: int) -> None:
    """Documents of a kind no product reads, so that a bigger state than the demo's is measured."""

    def put(tx: Tx) -> None:
        for n in range(count):
            tx.put("bench_filler", f"filler-{n}", {"n": n, "text": "x" * 400}, account_id="bench", sort=f"{n:08d}")

    server.transaction(put)


def measure(server: ZemuServer, label: str, rounds: int, filler: int) -> None:
    fill(server, filler)
    saved = server.snapshot("bench")
    figures = {
        "save": timed(lambda: server.snapshot("bench"), rounds),
        "restore": timed(lambda: server.restore("bench"), rounds),
    }
    if not filler:
        figures["reset (for comparison)"] = timed(lambda: server.reset(), rounds)
    print(f"{label}: {saved['rows']} rows in {len(saved['tables'])} tables")
    for name, (median, worst) in figures.items():
        print(f"  {name:<24} median {median:7.1f} ms   worst {worst:7.1f} ms")


def postgres_up(url: str) -> bool:
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--filler", type=int, default=0, help="Documents to add to the demo before measuring.")
    args = parser.parse_args()
    with zemu_server(db=":memory:", strict=False) as server:
        measure(server, "SQLite (:memory:)", args.rounds, args.filler)
    with tempfile.TemporaryDirectory() as folder, zemu_server(db=f"{folder}/zemu.db", strict=False) as server:
        measure(server, "SQLite (a file, WAL)", args.rounds, args.filler)
    if not postgres_up(args.postgres):
        print(f"PostgreSQL: not reachable at {args.postgres}, skipped")
        return
    schema = f"zemu_bench_{uuid.uuid4().hex[:12]}"
    try:
        with zemu_server(db=args.postgres, db_schema=schema, strict=False) as server:
            measure(server, "PostgreSQL", args.rounds, args.filler)
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    main()
