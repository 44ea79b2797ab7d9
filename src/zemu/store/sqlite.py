"""SQLite backend: a file in WAL mode (the default) or ``:memory:``.

One connection, used from the server's event-loop thread only, so transactions never
interleave; BEGIN IMMEDIATE takes the write lock up front so that another process sharing the
file waits instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zemu.store.base import Store, Tx, _rewrite_identity
from zemu.store.schema import ALL_TABLES, OUTBOX_INDEX, SQLITE_OUTBOX, TABLES


class SqliteStore(Store):
    backend = "sqlite"

    def __init__(self, path: str, clock_now: Callable[[], float]) -> None:
        super().__init__(clock_now)
        self.url = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        for statement in (*TABLES, SQLITE_OUTBOX, OUTBOX_INDEX):
            self._conn.execute(statement)
        self._compile(_rewrite_identity)
        self._depth = 0

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        cursor = self._conn.cursor()
        if self._depth:  # a nested call joins the open transaction
            yield Tx(cursor, self._sql, self._now())
            return
        # A write takes the write lock up front. A read runs without a transaction of its own
        # (this connection is only used from the server's thread) and opens one at its first
        # write, so a read that writes is still all or nothing.
        begun = write
        if write:
            cursor.execute("BEGIN IMMEDIATE")

        def begin() -> None:
            nonlocal begun
            cursor.execute("BEGIN IMMEDIATE")
            begun = True

        self._depth += 1
        try:
            yield Tx(cursor, self._sql, self._now(), before_write=None if write else begin)
        except BaseException:
            if begun:
                self._conn.execute("ROLLBACK")
            raise
        else:
            if begun:
                self._conn.execute("COMMIT")
        finally:
            self._depth -= 1
            cursor.close()

    def reset(self) -> None:
        with self.transaction() as tx:
            for table in ALL_TABLES:
                tx._cur.execute(f"DELETE FROM {table}")

    def table_names(self) -> list[str]:
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self._conn.close()
