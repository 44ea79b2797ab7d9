"""The store interface: a transaction object over documents, unique keys, meta and the outbox.

SQL is written once with ``?`` placeholders; each backend supplies a DB-API connection and its
``Dialect`` (``store/dialect.py``), which says how that backend writes what differs. Every change
happens inside ``Store.transaction()``; a ``ZoomError`` (or any exception) raised inside rolls
the whole change back, outbox rows included.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

import orjson

from zemu.store.dialect import Dialect

Doc = dict[str, Any]
Cursor = tuple[str, str]
# counter increments a transaction has not written yet: upsert statement -> key -> increment
Counts = dict[str, dict[tuple[Any, ...], int]]


class Pending:
    """What a transaction has added but not written yet, shared by the transactions nested in it
    and written before it commits: counter increments (``Tx.add_counts``) and outbox rows in the
    order they were emitted (``Tx.emit``)."""

    __slots__ = ("counts", "events")

    def __init__(self) -> None:
        self.counts: Counts = {}
        self.events: list[tuple[str, str, int, str, float]] = []


class Conflict(Exception):
    """A unique key is already held by another owner."""

    def __init__(self, kind: str, value: str, owner: str) -> None:
        super().__init__(f"{kind} {value!r} is held by {owner}")
        self.kind = kind
        self.value = value
        self.owner = owner


class Row(NamedTuple):
    id: str
    sort: str
    body: Doc


class Tx:
    """What services see of the store: one open transaction."""

    def __init__(
        self,
        cursor: Any,
        dialect: Dialect,
        now: float,
        before_write: Callable[[], None] | None = None,
        pending: Pending | None = None,
        terms_by_doc: bool = False,
    ) -> None:
        self._cur = cursor
        self._dialect = dialect
        self._sql = dialect.sql
        self.now = now
        self._before_write = before_write  # opens the transaction of a read that turns out to write
        # shared by the transactions nested in one: the store writes them before it commits
        self._pending = Pending() if pending is None else pending
        self._counts = self._pending.counts
        self._events = self._pending.events
        # a store created before documents carried their index terms (``docs.terms``): the terms
        # of a document filed then are found in the index by document (``terms.filed``)
        self.terms_by_doc = terms_by_doc

    def _writing(self) -> None:
        if self._before_write is not None:
            self._before_write()
            self._before_write = None

    # documents ---------------------------------------------------------------------------
    def get(self, kind: str, id: str) -> Doc | None:
        self._cur.execute(self._sql(GET), (kind, id))
        row = self._cur.fetchone()
        return orjson.loads(row[0]) if row else None

    def get_view(self, kind: str, id: str) -> orjson.Fragment | None:
        """The view saved with one document, unparsed, for an answer that is that view as it is
        (None: no such document, or none saved with it)."""
        self._cur.execute(self._sql(GET_VIEW), (kind, id))
        row = self._cur.fetchone()
        return orjson.Fragment(row[0]) if row and row[0] is not None else None

    def get_row(self, kind: str, id: str) -> tuple[str, str, Doc] | None:
        """The document with the account and parent it is filed under."""
        self._cur.execute(self._sql(GET_ROW), (kind, id))
        row = self._cur.fetchone()
        return (row[0], row[1], orjson.loads(row[2])) if row else None

    def put(
        self,
        kind: str,
        id: str,
        body: Doc,
        *,
        account_id: str = "",
        parent: str = "",
        sort: str = "",
        view: Doc | None = None,
        terms: str | None = None,
    ) -> None:
        """Save a document; ``view`` is what lists show of it (see ``list_views``); ``terms`` is
        where the index files it (``terms.Filed``, written by ``terms.encoded``), kept as it was
        when not given."""
        self._writing()
        encoded_view = orjson.dumps(view).decode() if view is not None else None
        self._cur.execute(
            self._sql(PUT), (kind, id, account_id, parent, sort, terms, orjson.dumps(body).decode(), encoded_view)
        )

    def delete(self, kind: str, id: str) -> bool:
        self._writing()
        self._cur.execute(self._sql(DELETE), (kind, id))
        return bool(self._cur.rowcount)

    def list(
        self,
        kind: str,
        *,
        account_id: str | None = None,
        parent: str | None = None,
        after: Cursor | None = None,
        offset: int = 0,
        limit: int = 30,
    ) -> builtins.list[Row]:
        """Documents in (sort, id) order: an indexed range read that costs O(limit)."""
        self._cur.execute(*self._page("id, sort, body", kind, account_id, parent, after, offset, limit))
        return [Row(r[0], r[1], orjson.loads(r[2])) for r in self._cur.fetchall()]

    def list_views(
        self,
        kind: str,
        *,
        account_id: str | None = None,
        parent: str | None = None,
        after: Cursor | None = None,
        offset: int = 0,
        limit: int = 30,
    ) -> builtins.list[tuple[Cursor, Any]]:
        """The list views saved with each document, as paging rows, without parsing them: the
        response embeds them as they are (``orjson.Fragment``), so a list page costs no JSON work
        per item."""
        self._cur.execute(*self._page("sort, id, COALESCE(view, body)", kind, account_id, parent, after, offset, limit))
        return [((r[0], r[1]), orjson.Fragment(r[2])) for r in self._cur.fetchall()]

    def _page(
        self,
        columns: str,
        kind: str,
        account_id: str | None,
        parent: str | None,
        after: Cursor | None,
        offset: int,
        limit: int,
    ) -> tuple[str, tuple[Any, ...]]:
        where, args = self._where(kind, account_id, parent)
        if after is not None:
            where += " AND (sort > ? OR (sort = ? AND id > ?))"
            args += [after[0], after[0], after[1]]
        sql = f"SELECT {columns} FROM docs WHERE {where} ORDER BY sort, id LIMIT ? OFFSET ?"
        return self._sql(sql), (*args, limit, offset)

    def count(self, kind: str, *, account_id: str | None = None, parent: str | None = None) -> int:
        where, args = self._where(kind, account_id, parent)
        self._cur.execute(self._sql(f"SELECT COUNT(*) FROM docs WHERE {where}"), args)
        return int(self._cur.fetchone()[0])

    def delete_all(self, kind: str, *, account_id: str | None = None, parent: str | None = None) -> int:
        self._writing()
        where, args = self._where(kind, account_id, parent)
        self._cur.execute(self._sql(f"DELETE FROM docs WHERE {where}"), args)
        return int(self._cur.rowcount)

    @staticmethod
    def _where(kind: str, account_id: str | None, parent: str | None) -> tuple[str, builtins.list[Any]]:
        where, args = "kind = ?", [kind]
        if account_id is not None:
            where += " AND account_id = ?"
            args.append(account_id)
        if parent is not None:
            where += " AND parent = ?"
            args.append(parent)
        return where, args

    # unique keys -------------------------------------------------------------------------
    def claim(self, kind: str, value: str, owner: str, *, scope: str = "") -> None:
        """Hold ``value`` for ``owner``; raise Conflict if someone else holds it."""
        self._writing()
        # one statement when the value is free (most claims): the holder is read only when it is not
        self._cur.execute(self._sql(CLAIM), (kind, scope, value, owner))
        if self._cur.rowcount == 1:
            return
        holder = self.holder(kind, value, scope=scope)
        if holder is None:  # released in between by another PostgreSQL transaction
            self._cur.execute(self._sql(CLAIM), (kind, scope, value, owner))
        elif holder != owner:
            raise Conflict(kind, value, holder)

    def holder(self, kind: str, value: str, *, scope: str = "") -> str | None:
        self._cur.execute(self._sql(HOLDER), (kind, scope, value))
        row = self._cur.fetchone()
        return row[0] if row else None

    def release(self, kind: str, value: str, *, scope: str = "") -> None:
        self._writing()
        self._cur.execute(self._sql(RELEASE), (kind, scope, value))

    def release_owner(self, kind: str, owner: str) -> None:
        self._writing()
        self._cur.execute(self._sql(RELEASE_OWNER), (kind, owner))

    # meta --------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        self._cur.execute(self._sql(META_GET), (key,))
        row = self._cur.fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._writing()
        self._cur.execute(self._sql(META_SET), (key, value))

    # outbox ------------------------------------------------------------------------------
    def emit(self, account_id: str, event: str, body: Doc, event_ts: int) -> None:
        """Record an event in the same transaction as the change that caused it: its row is
        written with the transaction's other events, in the order they were emitted, before a
        statement that names the outbox or the commit (a simulated call emits about ten)."""
        self._writing()
        self._events.append((account_id, event, event_ts, orjson.dumps(body).decode(), self.now))

    def outbox(self, *, after_seq: int = 0, limit: int = 100) -> builtins.list[tuple[int, str, str, int, Doc]]:
        self._flush_events()
        self._cur.execute(self._sql(OUTBOX), (after_seq, limit))
        return [(r[0], r[1], r[2], r[3], orjson.loads(r[4])) for r in self._cur.fetchall()]

    # raw SQL, for the store's own modules (store/webhooks.py) ------------------------------
    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement written with ``?`` placeholders; answer the cursor."""
        self._writing()
        self._counted(sql)
        self._cur.execute(self._sql(sql), tuple(args))
        return self._cur

    def query(self, sql: str, args: Sequence[Any] = ()) -> builtins.list[Any]:
        """Run one read written with ``?`` placeholders; answer its rows (no write lock taken)."""
        self._counted(sql)
        self._cur.execute(self._sql(sql), tuple(args))
        return list(self._cur.fetchall())

    def _peek(self, sql: str, args: Sequence[Any] = ()) -> bool:
        """Whether a read answers any row, for the store's own modules (the delivery worker's idle
        poll): no write lock taken, and not one of the reads services make."""
        self._counted(sql)
        self._cur.execute(self._sql(sql), tuple(args))
        return self._cur.fetchone() is not None

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._writing()
        self._counted(sql)
        if rows:
            self._cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    # counters ----------------------------------------------------------------------------
    def add_counts(self, upsert: str, changes: Mapping[tuple[Any, ...], int]) -> None:
        """Add to counters (rows ``(*key, n)`` of ``upsert``, which adds ``n`` to a row's count) when
        the transaction commits, or before a statement that names a counter table: a transaction
        that files many documents under the same terms writes each counter once, not once a
        document."""
        self._writing()
        pending = self._counts.setdefault(upsert, {})
        for key, n in changes.items():
            pending[key] = pending.get(key, 0) + n

    def counters(self, upsert: str) -> dict[tuple[Any, ...], int]:
        """The increments of ``upsert``'s counters not written yet, for a caller that adds to many
        at once in place (as ``add_counts`` does with a mapping); written as ``add_counts``'."""
        self._writing()
        return self._counts.setdefault(upsert, {})

    def flush_pending(self) -> None:
        """Write what the transaction added but has not written yet (``Pending``)."""
        self.flush_counts()
        self._flush_events()

    def flush_counts(self) -> None:
        """Write the counter increments added so far (in key order, so that concurrent PostgreSQL
        transactions lock counter rows in one order)."""
        batches = [(sql, sorted((*k, n) for k, n in pending.items() if n)) for sql, pending in self._counts.items()]
        self._counts.clear()  # in place: the transactions nested in this one share it
        for upsert, rows in batches:
            self.execute_many(upsert, rows)

    def _flush_events(self) -> None:
        if self._events:
            rows = list(self._events)
            self._events.clear()  # in place, as the counts
            self.execute_many(EMIT, rows)

    def _counted(self, sql: str) -> None:
        if self._counts and "_counts" in sql:  # doc_counts, doc_bucket_counts
            self.flush_counts()
        if self._events and "outbox" in sql:
            self._flush_events()

    @property
    def skip_locked(self) -> str:
        """The row-claiming clause: PostgreSQL locks the rows it hands out and skips rows another
        process holds; SQLite's BEGIN IMMEDIATE already serialises writers."""
        return self._dialect.skip_locked


GET = "SELECT body FROM docs WHERE kind = ? AND id = ?"
GET_VIEW = "SELECT view FROM docs WHERE kind = ? AND id = ?"
GET_ROW = "SELECT account_id, parent, body FROM docs WHERE kind = ? AND id = ?"
PUT = (
    "INSERT INTO docs (kind, id, account_id, parent, sort, terms, body, view) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, id) DO UPDATE SET account_id = excluded.account_id, parent = excluded.parent, "
    "sort = excluded.sort, terms = COALESCE(excluded.terms, docs.terms), body = excluded.body, view = excluded.view"
)
DELETE = "DELETE FROM docs WHERE kind = ? AND id = ?"
CLAIM = (
    "INSERT INTO uniques (kind, scope, value, owner) VALUES (?, ?, ?, ?) ON CONFLICT (kind, scope, value) DO NOTHING"
)
HOLDER = "SELECT owner FROM uniques WHERE kind = ? AND scope = ? AND value = ?"
RELEASE = "DELETE FROM uniques WHERE kind = ? AND scope = ? AND value = ?"
RELEASE_OWNER = "DELETE FROM uniques WHERE kind = ? AND owner = ?"
META_GET = "SELECT value FROM meta WHERE key = ?"
META_SET = Dialect.upsert("meta", ("key", "value"), ("key",))
EMIT = "INSERT INTO outbox (account_id, event, event_ts, body, created_at) VALUES (?, ?, ?, ?, ?)"
OUTBOX = "SELECT seq, account_id, event, event_ts, body FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?"


class Store:
    """A backend: owns its connections, hands out transactions."""

    backend: str = "abstract"
    url: str = ""
    terms_by_doc: bool = False  # see ``Tx.terms_by_doc``
    # True when a transaction waits on network round trips: the wire then runs each request's
    # transaction in a worker thread, so that concurrent requests overlap their waits
    blocking: bool = False

    def __init__(self, clock_now: Callable[[], float], dialect: Dialect) -> None:
        self._now = clock_now
        self.dialect = dialect

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        """``write=False`` says the transaction will most likely only read: it then runs without a
        database transaction of its own until its first write (which opens one, so a read that
        writes is still all or nothing)."""
        raise NotImplementedError

    def reset(self) -> None:
        """Drop every row of every table: a clean, empty store."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def table_names(self) -> Sequence[str]:
        raise NotImplementedError
