"""PostgreSQL backend (psycopg 3 and its pool): shared state for several zemu processes.

Each transaction takes its own connection from a pool, so transactions on different threads
run side by side (the wire runs each request's transaction in a worker thread: see
``Store.blocking``). Connections are in autocommit mode; a transaction that will write sends
BEGIN up front, one that only reads sends none (each read is a single indexed statement, and
two round trips fewer) and begins at its first write. A nested ``transaction()`` on the same
thread joins the open one. An optional schema isolates one server's tables from another's in
the same database (the test suite uses one per run).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from zemu.store.base import Pending, Store, Tx
from zemu.store.dialect import POSTGRES
from zemu.store.schema import ALL_TABLES, TERMS_BY_DOC, create_statements, upgrade_statements

# enough for the wire's worker threads plus the event loop's own transactions (webhook worker,
# control plane); a PostgreSQL server allows 100 by default, shared by every zemu process
POOL_SIZE = 12
THREADS = 8


class _Open:
    """One transaction in progress on one pooled connection."""

    def __init__(self, conn: psycopg.Connection[Any], write: bool) -> None:
        self.conn = conn
        self.begun = False
        self.pending = Pending()
        if write:
            self.begin()

    def begin(self) -> None:
        if not self.begun:
            self.conn.execute(POSTGRES.begin)
            self.begun = True

    def finish(self, ok: bool) -> None:
        if self.begun:
            self.conn.execute("COMMIT" if ok else "ROLLBACK")
            self.begun = False


class PostgresStore(Store):
    backend = "postgresql"
    blocking = True
    threads = THREADS

    def __init__(self, url: str, clock_now: Callable[[], float], schema: str | None = None) -> None:
        super().__init__(clock_now, POSTGRES)
        self.url = url
        self._schema = schema
        self._local = threading.local()
        with psycopg.connect(url, autocommit=True) as conn:
            if schema:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                conn.execute(f'SET search_path TO "{schema}"')
            with conn.transaction():
                # one creator at a time when several processes start on an empty database
                conn.execute("SELECT pg_advisory_xact_lock(965001)")
                for statement in create_statements(POSTGRES):
                    if not self._exists(conn, statement):
                        conn.execute(statement)
                described = conn.execute("SELECT * FROM docs LIMIT 0").description or []
                found = conn.execute("SELECT to_regclass(%s)", (TERMS_BY_DOC,)).fetchone()
                self.terms_by_doc = found is not None and found[0] is not None
                for statement in upgrade_statements([c.name for c in described]):
                    if not self._exists(conn, statement):
                        conn.execute(statement)
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=2,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True},
            configure=self._configure,
            open=True,
            name="zemu",
        )

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        if self._schema:
            conn.execute(f'SET search_path TO "{self._schema}"')

    @staticmethod
    def _exists(conn: psycopg.Connection[Any], statement: str) -> bool:
        """Whether the table or index a ``CREATE … IF NOT EXISTS`` makes is there already. Even
        then PostgreSQL's CREATE INDEX waits for the table's writers, and so could deadlock with
        another process writing while this one starts."""
        found = re.search(r"IF NOT EXISTS (\w+)", statement)
        if found is None:
            return False
        row = conn.execute("SELECT to_regclass(%s)", (found.group(1),)).fetchone()
        return row is not None and row[0] is not None

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        held: _Open | None = getattr(self._local, "open", None)
        if held is not None:  # a nested call joins the open transaction
            with held.conn.cursor() as cursor:
                yield Tx(
                    cursor, POSTGRES, self._now(), None if held.begun else held.begin, held.pending, self.terms_by_doc
                )
            return
        with self._pool.connection() as conn:
            opened = _Open(conn, write)
            self._local.open = opened
            try:
                with conn.cursor() as cursor:
                    begin = None if write else opened.begin
                    tx = Tx(cursor, POSTGRES, self._now(), begin, opened.pending, self.terms_by_doc)
                    yield tx
                    tx.flush_pending()
            except BaseException:
                if not conn.closed:  # a broken connection is discarded by the pool
                    opened.finish(ok=False)
                raise
            else:
                opened.finish(ok=True)
            finally:
                self._local.open = None

    def reset(self) -> None:
        with self.transaction() as tx:
            for statement in POSTGRES.empty_tables(ALL_TABLES):
                tx.execute(statement)

    def table_names(self) -> list[str]:
        with self._pool.connection() as conn:
            return [r[0] for r in conn.execute(POSTGRES.list_tables).fetchall()]

    def drop_schema(self) -> None:
        if self._schema:
            with self._pool.connection() as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{self._schema}" CASCADE')

    def close(self) -> None:
        self._pool.close()
