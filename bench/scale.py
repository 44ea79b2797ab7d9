"""Does a list page cost O(page)? Two phone lists with 100 and with 100,000 phone users and devices.

    python bench/scale.py [--store sqlite|postgresql] [--large 100000] [--duration 3] [--connections 16]

One zemu server (demo account, strict mode off) in a child process. The store is grown directly,
not through the API: every row of every table that mentions a template phone user (or a template
assigned device) is copied with the template's id and unique values (email, extension number and
id, MAC address) replaced by fresh ones, in one bulk insert per table. The two pages are measured
with 100 of each, then again with ``--large``; the goal is the large store within 1.5x of the
small one's time per request.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import psycopg
from loadgen import pick_tool, run_load
from run import Server
from scenario import Send, authorize, http_sender

from zemu.store import Store, Tx, open_store

PAGES = ("/v2/phone/users?page_size=30", "/v2/phone/devices?type=assigned&page_size=30")
SMALL = 100
GOAL = 1.5
SCHEMA: list[str | None] = [None]  # the PostgreSQL schema under test
SKIP_TABLES = ("outbox", "meta", "webhook_delivery", "webhook_attempt", "doc_counts")


@dataclass(slots=True)
class Template:
    """The rows that make up one entity, ready to be stamped out with new ids and unique values:
    each text cell is a format string whose fields are the template's keys, so a copy is one
    ``str.format`` per cell."""

    tables: dict[str, tuple[list[str], list[list[Any]]]]  # table -> (columns, rows of cells)
    keys: dict[str, str]  # template value -> kind of replacement ("id", "email", "digits", "mac")

    def rows(self, n: int) -> Iterator[tuple[str, list[str], list[tuple[Any, ...]]]]:
        fresh = [_fresh(kind, key, n) for key, kind in self.keys.items()]
        for table, (columns, rows) in self.tables.items():
            yield table, columns, [tuple(c.format(*fresh) if isinstance(c, Cell) else c for c in row) for row in rows]


class Cell(str):
    """A text cell with the template's keys replaced by format fields."""


def _fresh(kind: str, old: str, n: int) -> str:
    if kind == "email":
        return f"scale{n:06d}.{old}"
    if kind == "digits":
        return str(10_000_000 + n)
    if kind == "mac":
        return f"5ca1e{n:07x}"
    return f"{old[:8]}{n:014d}"  # ids keep their length (22 characters)


def _kind_of(value: str) -> str:
    if "@" in value:
        return "email"
    if value.isdigit():
        return "digits"
    if re.fullmatch(r"[0-9a-f]{12}", value):
        return "mac"
    return "id"


def capture(tx: Tx, tables: dict[str, list[str]], entity_id: str) -> Template:
    """Every row that mentions ``entity_id``, and the unique values its owner holds."""
    keys = {entity_id: "id"}
    for (value,) in tx.query("SELECT value FROM uniques WHERE owner LIKE ?", (f"%{entity_id}%",)):
        keys[value] = _kind_of(value)
    field = {key: i for i, key in enumerate(keys)}
    pattern = re.compile(
        "("
        + "|".join(
            (rf"(?<![0-9]){re.escape(k)}(?![0-9])" if kind == "digits" else re.escape(k))
            for k, kind in sorted(keys.items(), key=lambda kv: -len(kv[0]))
        )
        + ")"
    )

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        parts = pattern.split(value)
        return Cell(
            "".join(
                p.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else f"{{{field[p]}}}"
                for i, p in enumerate(parts)
            )
        )

    found: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for table, columns in tables.items():
        text = [c for c in columns if c not in ("seq",)]
        where = " OR ".join(f"CAST({c} AS TEXT) LIKE ?" for c in text)
        rows = tx.query(f"SELECT {', '.join(text)} FROM {table} WHERE {where}", [f"%{entity_id}%"] * len(text))
        if rows:
            found[table] = (text, [[cell(v) for v in r] for r in rows])
    return Template(found, keys)


def stamp(store: Store, template: Template, first: int, count: int) -> None:
    """Copies ``first`` … ``first + count - 1`` of the template, in bulk; rows whose key the copy
    does not change (a site, a number the template refers to) are left as they are."""
    batch: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for n in range(first, first + count):
        for table, columns, rows in template.rows(n):
            batch.setdefault(table, (columns, []))[1].extend(rows)
    if store.backend == "postgresql":
        copy_in(store, batch)
    else:
        with store.transaction() as tx:
            for table, (columns, rows) in batch.items():
                tx.execute_many(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))}) ON CONFLICT DO NOTHING",
                    rows,
                )
    with store.transaction() as tx:
        if "doc_terms" in batch:
            recount(tx, *batch["doc_terms"])


def copy_in(store: Store, batch: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    """PostgreSQL: COPY into a scratch table, then one INSERT … SELECT that skips existing keys
    (row-by-row inserts load a few thousand rows a second)."""
    with psycopg.connect(store.url, autocommit=True) as conn, conn.transaction():
        if SCHEMA[0]:
            conn.execute(f'SET search_path TO "{SCHEMA[0]}"')
        for table, (columns, rows) in batch.items():
            listed = ", ".join(columns)
            conn.execute(f"CREATE TEMP TABLE load_{table} (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP")
            with conn.cursor().copy(f"COPY load_{table} ({listed}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            conn.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM load_{table} ON CONFLICT DO NOTHING")


def recount(tx: Tx, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """The resource layer's per-term counts (``doc_counts``), moved on by the copies' terms."""
    at = [columns.index(c) for c in ("kind", "scope", "field", "value")]
    added: dict[tuple[Any, ...], int] = {}
    for row in rows:
        if not str(row[at[2]]).startswith(("~", "!")):  # keyword and unique terms are not counted
            key = tuple(row[i] for i in at)
            added[key] = added.get(key, 0) + 1
    tx.execute_many(
        "INSERT INTO doc_counts (kind, scope, field, value, n) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, scope, field, value) DO UPDATE SET n = doc_counts.n + excluded.n",
        [(*key, n) for key, n in added.items()],
    )


def total(send: Send, headers: dict[str, str], path: str) -> int:
    status, body = send("GET", path, headers, None)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status} {body[:200]!r}")
    return int(orjson.loads(body).get("total_records", 0))


def first_id(send: Send, headers: dict[str, str], path: str, key: str) -> str:
    status, body = send("GET", path, headers, None)
    items = orjson.loads(body).get(key) if status == 200 else None
    if not items:
        raise RuntimeError(f"GET {path} has no {key} to copy")
    return str(items[0]["id"])


def grow(store: Store, send: Send, headers: dict[str, str], templates: dict[str, Template], to: int) -> None:
    started = time.perf_counter()
    copying = 0.0
    for page, template in zip(PAGES, templates.values(), strict=True):
        have = total(send, headers, page)
        copies = to - have
        began = time.perf_counter()
        for first in range(0, max(copies, 0), 20_000):
            stamp(store, template, have + first, min(20_000, copies - first))
        copying += time.perf_counter() - began
        if (now := total(send, headers, page)) != to:
            print(f"  note: {page} reports total_records {now:,} after loading {to:,}", flush=True)
    print(
        f"  loaded to {to:,} each in {time.perf_counter() - started:.1f}s ({copying:.1f}s copying rows, the rest "
        "counting through the API)",
        flush=True,
    )


def measure(server: Server, headers: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    out = {}
    for path in PAGES:
        run_load(args.tool, server.url(path), headers, args.connections, args.warmup, 1)
        result = run_load(args.tool, server.url(path), headers, args.connections, args.duration, 1)
        out[path] = result.rps if result.valid else 0.0
        print(f"  {path.removeprefix('/v2'):<45} {out[path]:>8,.0f} req/s", flush=True)
    return out


def run(db: str, schema: str | None, args: argparse.Namespace) -> None:
    extra = ("--db", db) + (("--schema", schema) if schema else ())
    SCHEMA[0] = schema
    server = Server("zemu", args, extra, lifetime=3600)
    store = open_store(db, lambda: 0.0, schema=schema)
    try:
        send = http_sender(server.port, timeout=60)
        headers = authorize(send).headers
        firsts = {
            "users": first_id(send, headers, PAGES[0], "users"),
            "devices": first_id(send, headers, PAGES[1], "devices"),
        }
        names = [t for t in store.table_names() if t not in SKIP_TABLES and not t.startswith("sqlite_")]
        with store.transaction() as tx:  # a cursor's description needs ``execute``: a short write transaction
            tables = {t: [d[0] for d in tx.execute(f"SELECT * FROM {t} LIMIT 0").description] for t in names}
        with store.transaction(write=False) as tx:  # a read: the server's writers go on meanwhile
            templates = {name: capture(tx, tables, entity) for name, entity in firsts.items()}
        grow(store, send, headers, templates, SMALL)
        small = measure(server, headers, args)
        grow(store, send, headers, templates, args.large)
        large = measure(server, headers, args)
    finally:
        store.close()
        server.stop()
    for path in PAGES:
        ratio = small[path] / large[path] if large[path] else float("inf")
        verdict = "met" if ratio <= GOAL else "NOT met"
        print(
            f"{path.removeprefix('/v2'):<45} {SMALL:,}: {small[path]:,.0f} req/s, {args.large:,}: "
            f"{large[path]:,.0f} req/s, {ratio:.2f}x slower (goal <= {GOAL}x: {verdict})"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--tool", choices=["auto", "wrk", "builtin"], default="auto")
    parser.add_argument("--loop", default="auto")
    parser.add_argument("--http", default="auto")
    args = parser.parse_args()
    args.tool = pick_tool(args.tool)
    return args


def main() -> None:
    args = parse_args()
    print(f"load: {args.tool}, {args.connections} connections, {args.duration:g}s per page; store: {args.store}")
    if args.store == "sqlite":
        with tempfile.TemporaryDirectory(prefix="zemu-scale-") as scratch:
            run(str(Path(scratch) / "zemu.db"), None, args)
        return
    schema = f"zemu_scale_{uuid.uuid4().hex[:10]}"
    try:
        run(args.postgres, schema, args)
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    sys.exit(main())
