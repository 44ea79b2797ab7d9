"""Snapshots: the whole state, copied inside the store, and put back in one transaction.

Every table that ``schema.ALL_TABLES`` names (documents, unique keys, meta, the outbox, webhook
deliveries and attempts, fault rules, and whatever table is added there later) is copied with
one ``INSERT … SELECT`` into a holding table ``snapshot_<table>_<columns hash>`` whose rows
carry the snapshot's name; the ``snapshot`` table lists each snapshot with the holding table
and columns of every table it saved. Copies never leave the database, so saving and restoring
cost no Python work per row, and a snapshot survives restarts. A holding table is named after
the columns it holds, so a snapshot saved before a table gained a column is still restored
(by the columns both have) rather than read into the wrong shape.

On PostgreSQL a save locks the tables against writers (SHARE) so that every table is copied at
the same moment, and a restore locks them against everyone (ACCESS EXCLUSIVE) so that no other
process sees the state half put back; SQLite's ``BEGIN IMMEDIATE`` already does both.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson

from zemu.store.base import Tx
from zemu.store.dialect import DIALECTS
from zemu.store.schema import ALL_TABLES

# A snapshot whose name starts with this is kept by zemu itself (the demo a reset reuses): it is
# not listed. The control plane's names cannot start with it.
HIDDEN_SNAPSHOT_PREFIX = "."

CATALOGUE = """CREATE TABLE IF NOT EXISTS snapshot (
    name TEXT PRIMARY KEY,
    saved_at DOUBLE PRECISION NOT NULL,
    time_scale DOUBLE PRECISION NOT NULL,
    layout TEXT NOT NULL,
    row_count BIGINT NOT NULL
)"""


@dataclass(slots=True)
class Snapshot:
    name: str
    saved_at: float  # the emulated time when it was saved: the clock a restore puts back
    time_scale: float
    row_count: int
    layout: dict[str, Any]  # table → [holding table, [columns]]


def _columns(tx: Tx, table: str) -> list[str]:
    return [d[0] for d in tx.execute(f"SELECT * FROM {table} LIMIT 0").description]


def _holding_table(tx: Tx, table: str, columns: list[str]) -> str:
    digest = hashlib.sha256(",".join(columns).encode()).hexdigest()[:10]
    name = f"snapshot_{table}_{digest}"
    listed = ", ".join(columns)
    tx.execute(
        f"CREATE TABLE IF NOT EXISTS {name} AS SELECT CAST('' AS TEXT) AS snapshot_name, {listed} "
        f"FROM {table} WHERE 1 = 0"
    )
    tx.execute(f"CREATE INDEX IF NOT EXISTS {name}_by_name ON {name} (snapshot_name)")
    return name


def _read(tx: Tx, name: str) -> Snapshot | None:
    tx.execute(CATALOGUE)
    row = tx.execute(
        "SELECT name, saved_at, time_scale, row_count, layout FROM snapshot WHERE name = ?", (name,)
    ).fetchone()
    return Snapshot(row[0], float(row[1]), float(row[2]), int(row[3]), orjson.loads(row[4])) if row else None


def every(tx: Tx) -> list[Snapshot]:
    tx.execute(CATALOGUE)
    rows = tx.execute("SELECT name, saved_at, time_scale, row_count, layout FROM snapshot ORDER BY name").fetchall()
    return [
        Snapshot(r[0], float(r[1]), float(r[2]), int(r[3]), orjson.loads(r[4]))
        for r in rows
        if not r[0].startswith(HIDDEN_SNAPSHOT_PREFIX)
    ]


def _lock(tx: Tx, backend: str, mode: str) -> None:
    for statement in DIALECTS[backend].lock_tables(ALL_TABLES, mode):
        tx.execute(statement)


def save(tx: Tx, name: str, saved_at: float, time_scale: float, backend: str) -> Snapshot:
    """Copy every table under ``name``, replacing a snapshot of that name."""
    _lock(tx, backend, "SHARE")
    delete(tx, name)
    layout: dict[str, Any] = {}
    total = 0
    for table in ALL_TABLES:
        columns = _columns(tx, table)
        holder = _holding_table(tx, table, columns)
        listed = ", ".join(columns)
        copied = tx.execute(f"INSERT INTO {holder} (snapshot_name, {listed}) SELECT ?, {listed} FROM {table}", (name,))
        total += max(0, int(copied.rowcount))
        layout[table] = [holder, columns]
    tx.execute(
        "INSERT INTO snapshot (name, saved_at, time_scale, layout, row_count) VALUES (?, ?, ?, ?, ?)",
        (name, saved_at, time_scale, orjson.dumps(layout).decode(), total),
    )
    return Snapshot(name, saved_at, time_scale, total, layout)


def restore(tx: Tx, name: str, backend: str) -> Snapshot | None:
    """Replace every table's rows with the snapshot's; None when there is no such snapshot. A
    table the snapshot does not know (added since) is left empty."""
    found = _read(tx, name)
    if found is None:
        return None
    _lock(tx, backend, "ACCESS EXCLUSIVE")
    for table in ALL_TABLES:
        tx.execute(f"DELETE FROM {table}")
        if table not in found.layout:
            continue
        holder, saved = found.layout[table]
        live = set(_columns(tx, table))
        listed = ", ".join(c for c in saved if c in live)
        tx.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {holder} WHERE snapshot_name = ?", (name,))
    if DIALECTS[backend].serial_sequences:
        _resume_sequences(tx)
    return found


def _resume_sequences(tx: Tx) -> None:
    """A PostgreSQL serial column (the outbox's ``seq``) continues after the restored rows.

    The serial columns are found through the sequences they own, in the catalogue alone:
    ``information_schema.columns`` would deparse every column default of the database, which
    takes a lock on each table, so two restores in two schemas (two servers, two test workers)
    would each wait for a table the other holds."""
    serials = tx.execute(
        "SELECT t.relname, a.attname FROM pg_depend d "
        "JOIN pg_class q ON q.oid = d.objid AND q.relkind = 'S' "
        "JOIN pg_class t ON t.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass "
        "AND d.deptype IN ('a', 'i') "
        "AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
    ).fetchall()
    for table, column in serials:
        if table in ALL_TABLES:
            tx.execute(
                f"SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX({column}), 0) + 1, false) FROM {table}",
                (table, column),
            )


def delete_kept(tx: Tx, prefix: str) -> int:
    """Delete the hidden snapshots whose names start with ``prefix`` (``HIDDEN_SNAPSHOT_PREFIX``
    and more): a copy kept by an earlier process is replaced rather than left to pile up."""
    if not prefix.startswith(HIDDEN_SNAPSHOT_PREFIX):
        raise ValueError(f"only hidden snapshots are deleted by prefix, not {prefix!r}")
    tx.execute(CATALOGUE)
    names = [r[0] for r in tx.execute("SELECT name FROM snapshot").fetchall() if r[0].startswith(prefix)]
    for name in names:
        delete(tx, name)
    return len(names)


def delete(tx: Tx, name: str) -> bool:
    found = _read(tx, name)
    if found is None:
        return False
    for holder, _columns_saved in found.layout.values():
        tx.execute(f"DELETE FROM {holder} WHERE snapshot_name = ?", (name,))
    tx.execute("DELETE FROM snapshot WHERE name = ?", (name,))
    return True
