"""What differs between SQLite and PostgreSQL, in one object per backend.

The store's SQL is written once with ``?`` placeholders and SQLite's spelling; a ``Dialect``
says how each backend writes the few things that differ: placeholders, the clause that claims
rows without waiting for other processes' claims, the outbox's sequence column, how a write
transaction begins, how tables are listed, emptied and locked, and whether auto-numbered columns
draw from sequences. Upserts are spelled the same way by both
(``ON CONFLICT … DO UPDATE SET … = excluded.…``), so ``upsert`` writes them once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    placeholder: str  # how the driver marks a parameter
    skip_locked: str  # appended to a SELECT that claims rows
    outbox_seq: str  # the outbox's auto-numbered key column
    begin: str  # how a transaction that will write begins
    list_tables: str  # a query answering the name of every table
    truncate: str  # empties {tables} at once ("" where each table is emptied by DELETE)
    lock: str  # locks {tables} in {mode} until the transaction ends ("" where the
    # transaction's begin already holds the whole database)
    serial_sequences: bool  # auto-numbered columns draw from sequences that a bulk copy must move on
    keyed: str = ""  # ends a CREATE TABLE of small rows only ever found by their primary key
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def sql(self, statement: str) -> str:
        """``statement`` (written with ``?``) as this driver takes it; remembered, so the hot path
        rewrites each distinct statement once."""
        rewritten = self._cache.get(statement)
        if rewritten is None:
            rewritten = (
                statement if self.placeholder == "?" else (statement.replace("%", "%%").replace("?", self.placeholder))
            )
            if len(self._cache) < 4096:
                self._cache[statement] = rewritten
        return rewritten

    @staticmethod
    def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
        """Insert a row, or overwrite every non-key column of the row holding the same key."""
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        return (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
        )

    def empty_tables(self, tables: Sequence[str]) -> list[str]:
        """Statements that delete every row of ``tables``."""
        if self.truncate:
            return [self.truncate.format(tables=", ".join(tables))]
        return [f"DELETE FROM {t}" for t in tables]

    def lock_tables(self, tables: Sequence[str], mode: str) -> list[str]:
        """Statements that hold ``tables`` in ``mode`` (SHARE, ACCESS EXCLUSIVE) until the end."""
        return [self.lock.format(tables=", ".join(tables), mode=mode)] if self.lock else []


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    skip_locked="",
    begin="BEGIN IMMEDIATE",
    outbox_seq="INTEGER PRIMARY KEY AUTOINCREMENT",
    list_tables="SELECT name FROM sqlite_master WHERE type = 'table'",
    truncate="",
    lock="",
    serial_sequences=False,
    # the rows live in the primary key's own tree: one tree fewer to write per row
    keyed=" WITHOUT ROWID",
)
# PostgreSQL locks the rows it hands out and skips rows another process holds; on SQLite,
# BEGIN IMMEDIATE already serialises writers, so the clause is empty.
POSTGRES = Dialect(
    name="postgresql",
    placeholder="%s",
    skip_locked=" FOR UPDATE SKIP LOCKED",
    begin="BEGIN",
    outbox_seq="BIGSERIAL PRIMARY KEY",
    list_tables="SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
    truncate="TRUNCATE {tables} RESTART IDENTITY",
    lock="LOCK TABLE {tables} IN {mode} MODE",
    serial_sequences=True,
)
DIALECTS = {d.name: d for d in (SQLITE, POSTGRES)}  # by ``Store.backend``
