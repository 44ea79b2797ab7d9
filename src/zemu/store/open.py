"""Choose a backend from the ``--db`` value."""

from __future__ import annotations

from collections.abc import Callable

from zemu.store.base import Store

DEFAULT_DB = "./.zemu/zemu.db"


def open_store(db: str, clock_now: Callable[[], float], *, schema: str | None = None) -> Store:
    if db.startswith(("postgresql://", "postgres://")):
        from zemu.store.postgres import PostgresStore

        return PostgresStore(db, clock_now, schema=schema)
    from zemu.store.sqlite import SqliteStore

    return SqliteStore(db, clock_now)
