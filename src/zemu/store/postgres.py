"""PostgreSQL backend (psycopg 3): shared state for several zemu processes.

Placeholders are rewritten from ``?`` to ``%s``. An optional schema isolates one server's
tables from another's in the same database (the test suite uses one per run).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg

from zemu.store.base import Store, Tx
from zemu.store.schema import ALL_TABLES, OUTBOX_INDEX, POSTGRES_OUTBOX, TABLES


def _rewrite(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(Store):
    backend = "postgresql"

    def __init__(self, url: str, clock_now: Callable[[], float], schema: str | None = None) -> None:
        super().__init__(clock_now)
        self.url = url
        self._conn = psycopg.connect(url, autocommit=True)
        self._schema = schema
        if schema:
            self._conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self._conn.execute(f'SET search_path TO "{schema}"')
        with self._conn.transaction():
            # one creator at a time when several processes start on an empty database
            self._conn.execute("SELECT pg_advisory_xact_lock(965001)")
            for statement in (*TABLES, POSTGRES_OUTBOX, OUTBOX_INDEX):
                if not self._exists(statement):
                    self._conn.execute(statement)
        self._compile(_rewrite)
        self._depth = 0

    def _exists(self, statement: str) -> bool:
        """Whether the table or index a ``CREATE … IF NOT EXISTS`` makes is there already. Even
        then PostgreSQL's CREATE INDEX waits for the table's writers, and so could deadlock with
        another process writing while this one starts."""
        found = re.search(r"IF NOT EXISTS (\w+)", statement)
        if found is None:
            return False
        row = self._conn.execute("SELECT to_regclass(%s)", (found.group(1),)).fetchone()
        return row is not None and row[0] is not None

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        if self._depth:
            with self._conn.cursor() as cursor:
                yield Tx(cursor, self._sql, self._now())
            return
        self._depth += 1
        try:
            with self._conn.transaction(), self._conn.cursor() as cursor:
                yield Tx(cursor, self._sql, self._now())
        finally:
            self._depth -= 1

    def reset(self) -> None:
        with self._conn.transaction():
            self._conn.execute("TRUNCATE " + ", ".join(ALL_TABLES) + " RESTART IDENTITY")

    def table_names(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return [r[0] for r in rows]

    def drop_schema(self) -> None:
        if self._schema:
            self._conn.execute(f'DROP SCHEMA IF EXISTS "{self._schema}" CASCADE')

    def close(self) -> None:
        self._conn.close()
