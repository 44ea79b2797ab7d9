"""SQLite backend: a file in WAL mode (the default) or ``:memory:``.

One connection, used from the server's event-loop thread only, so transactions never
interleave; BEGIN IMMEDIATE takes the write lock up front so that another process sharing the
file waits instead of failing half-way. Queries answer in microseconds, so they run on the
event loop: a worker thread would cost more than it overlaps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zemu.store.base import Pending, Store, Tx
from zemu.store.dialect import SQLITE
from zemu.store.schema import ALL_TABLES, TERMS_BY_DOC, create_statements, upgrade_statements


class _Open:
    """The transaction in progress on the connection."""

    def __init__(self, cursor: sqlite3.Cursor, write: bool) -> None:
        self.cursor = cursor
        self.begun = False
        self.pending = Pending()
        if write:
            self.begin()

    def begin(self) -> None:
        if not self.begun:
            self.cursor.execute(SQLITE.begin)
            self.begun = True

    def finish(self, ok: bool) -> None:
        if self.begun:
            self.cursor.execute("COMMIT" if ok else "ROLLBACK")
            self.begun = False


class SqliteStore(Store):
    backend = "sqlite"

    def __init__(self, path: str, clock_now: Callable[[], float]) -> None:
        super().__init__(clock_now, SQLITE)
        self.url = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        # a page of a large store touches rows spread over the file: keep them in memory (64 MiB of
        # cache, the file mapped) rather than reading each page back from the OS
        self._conn.execute("PRAGMA cache_size=-65536")
        if path != ":memory:":
            self._conn.execute("PRAGMA mmap_size=268435456")
        for statement in create_statements(SQLITE):
            self._conn.execute(statement)
        docs_columns = [c[0] for c in self._conn.execute("SELECT * FROM docs LIMIT 0").description]
        found = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (TERMS_BY_DOC,))
        self.terms_by_doc = found.fetchone() is not None
        for statement in upgrade_statements(docs_columns):
            self._conn.execute(statement)
        self._open: _Open | None = None

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        cursor = self._conn.cursor()
        if self._open is not None:  # a nested call joins the open transaction
            held = self._open
            yield Tx(cursor, SQLITE, self._now(), None if held.begun else held.begin, held.pending, self.terms_by_doc)
            return
        # A write takes the write lock up front. A read runs without a transaction of its own
        # (this connection is only used from the server's thread) and opens one at its first
        # write, so a read that writes is still all or nothing.
        opened = self._open = _Open(cursor, write)
        try:
            tx = Tx(cursor, SQLITE, self._now(), None if write else opened.begin, opened.pending, self.terms_by_doc)
            yield tx
            tx.flush_pending()
        except BaseException:
            opened.finish(ok=False)
            raise
        else:
            opened.finish(ok=True)
        finally:
            self._open = None
            cursor.close()

    def reset(self) -> None:
        with self.transaction() as tx:
            for statement in SQLITE.empty_tables(ALL_TABLES):
                tx.execute(statement)

    def table_names(self) -> list[str]:
        return [r[0] for r in self._conn.execute(SQLITE.list_tables).fetchall()]

    def close(self) -> None:
        self._conn.close()
