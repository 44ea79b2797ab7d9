"""Declared collections: how every product stores, finds and lists its documents.

A ``Collection`` says what a resource family is (its kind, the scope it is listed in, its sort
key, the fields Zoom filters it by, its keyword texts, its unique keys and its saved list view);
the collection does the rest: account scoping, lookups that answer Zoom's error, saves and
deletes that keep unique keys and the secondary index (``zemu.store.terms``) in step, and pages
read as index ranges through the one pager, so a list costs O(page) however big it grows::

    DEVICES = Collection(
        "device", sort=lambda d: d["display_name"].lower(),
        filters={"type": lambda d: "assigned" if d["assignee_extension_ids"] else "unassigned"},
        keywords=lambda d: (d["display_name"], d["mac_address"]),
        uniques=(Unique("mac", lambda d: d["mac_address"], error=MAC_TAKEN),),
    )
    DEVICES.save(tx, device)
    device = DEVICES.require(ctx, ctx.path["deviceId"], error=DEVICE_MISSING)
    page = DEVICES.page(ctx, where={"type": ctx.query.get("type")}, keyword=ctx.query.get("keyword"))

A filter function answers the value a document is filed under for that field: a string, a
number, a boolean, ``None`` (not filed) or a list (filed under each). Query values are compared
with the same normalisation (``term_value``), so ``where={"status": "active"}`` finds what
``filters={"status": ...}`` filed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from zemu.errors import ZoomError
from zemu.paging import Page, Window
from zemu.services.context import Context
from zemu.store import Conflict, Tx
from zemu.store import terms as index
from zemu.store.terms import EVERY, KEYWORD, UNIQUE, Filed, Query, Term

Doc = dict[str, Any]
BATCH = 500
BUCKETED: list[Collection] = []  # the collections counted per sort-key bucket


def fill_buckets(tx: Tx) -> list[str]:
    """Bring the bucket counters of a store written before they were kept up to date; answers the
    kinds it counted (none, for a store that has them)."""
    return [c.kind for c in BUCKETED if c.buckets is not None and index.fill_buckets(tx, c.kind, c.buckets)]


def term_value(value: Any) -> str:
    """How a filter value is written in the index: booleans as true/false, the rest as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _values(raw: Any) -> Iterable[str]:
    if raw is None:
        return ()
    if isinstance(raw, list | tuple | set | frozenset):
        return [term_value(v) for v in raw if v is not None]
    return (term_value(raw),)


def account_of(doc: Doc) -> str:
    return str(doc.get("account_id") or "")


@dataclass(frozen=True, slots=True)
class Unique:
    """A value no two documents may share within a scope (an email, a MAC address, an extension).

    ``scope`` answers the scope of the value (``None``: one global namespace); ``error`` is what a
    save that collides raises. The value is held in the store's ``uniques`` table, so the database
    itself refuses a duplicate, and is found back with ``Collection.find``."""

    name: str
    value: Callable[[Doc], Any]
    error: ZoomError
    scope: Callable[[Doc], str] | None = None


@dataclass(frozen=True, slots=True)
class Collection:
    kind: str
    sort: Callable[[Doc], str]
    scope: Callable[[Doc], str] = account_of
    filters: Mapping[str, Callable[[Doc], Any]] = field(default_factory=dict)
    keywords: Callable[[Doc], Iterable[Any]] | None = None
    uniques: tuple[Unique, ...] = ()
    view: Callable[[Doc], Doc] | None = None
    missing: ZoomError | None = None
    buckets: index.Buckets | None = None  # counters per sort-key bucket, for range counts (terms.py)

    def __post_init__(self) -> None:
        if self.buckets is not None:
            BUCKETED.append(self)

    # reads -------------------------------------------------------------------------------
    def get(self, tx: Tx, doc_id: Any) -> Doc | None:
        return tx.get(self.kind, str(doc_id)) if doc_id not in (None, "") else None

    def require(
        self, ctx: Context, doc_id: Any, error: ZoomError | None = None, *, account_id: str | None = None
    ) -> Doc:
        """The document if it belongs to the caller's account (or ``account_id``), else Zoom's error."""
        doc = self.get(ctx.tx, doc_id)
        if doc is None or account_of(doc) != (account_id or ctx.account_id):
            raise self._missing(error)
        return doc

    def _missing(self, error: ZoomError | None) -> ZoomError:
        found = error or self.missing
        if found is None:
            raise RuntimeError(f"collection {self.kind} declares no error for a missing document")
        return found

    def find(self, tx: Tx, unique: str, value: Any, *, scope: str = "") -> Doc | None:
        """The document holding a unique value (``find(tx, "email", "a@b.c")``)."""
        holder = tx.holder(self._unique_kind(unique), self._unique_text(value), scope=scope)
        return self.get(tx, holder) if holder else None

    def first(self, tx: Tx, scope: str, where: Mapping[str, Any] | None = None) -> Doc | None:
        return next(self.each(tx, scope, where, batch=1), None)

    def each(self, tx: Tx, scope: str, where: Mapping[str, Any] | None = None, *, batch: int = BATCH) -> Iterator[Doc]:
        """Every document of a scope (matching ``where``) in sort order, read in batches: for the
        work a change fans out to (a departing member, a moved site), never for a list page."""
        q = self._query(scope, where, None)
        after = None
        while True:
            rows = index.page(tx, q, after=after, offset=0, limit=batch, views=False)
            for _, doc in rows:
                yield doc
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def count(self, tx: Tx, scope: str, where: Mapping[str, Any] | None = None) -> int:
        return index.count(tx, self._query(scope, where, None))

    def page(
        self,
        ctx: Context,
        *,
        scope: str | None = None,
        where: Mapping[str, Any] | None = None,
        keyword: Any = None,
        lo: str | None = None,
        hi: str | None = None,
        shape: Callable[[Doc], Any] | None = None,
        render: Callable[[str], str] | None = None,
        total: bool = True,
    ) -> Page:
        """One page of the collection through the pager: saved views as they are when there is
        no ``shape`` (no JSON work per item), else ``shape`` applied to the page's documents.
        ``render`` completes a saved view's text with what depends on the request."""
        filters = {
            "s": scope if scope is not None else ctx.account_id,
            "w": {k: term_value(v) for k, v in (where or {}).items() if v not in (None, "")},
            "k": str(keyword).strip().lower() if keyword not in (None, "") else None,
            "r": [lo, hi],
        }

        def query(f: dict[str, Any]) -> Query:
            return self._query(f["s"], f["w"], f["k"], f["r"][0], f["r"][1])

        def fetch(f: dict[str, Any], window: Window) -> list[tuple[index.Cursor, Any]]:
            rows = index.page(
                ctx.tx,
                query(f),
                after=window.after,
                offset=window.offset,
                limit=window.limit,
                views=shape is None,
                render=render,
            )
            return rows if shape is None else [(cursor, shape(doc)) for cursor, doc in rows]

        def count(f: dict[str, Any]) -> int:
            return index.count(ctx.tx, query(f))

        return ctx.paginate(fetch, filters=filters, count=count if total else None)

    def query(
        self,
        scope: str,
        where: Mapping[str, Any] | None = None,
        keyword: str | None = None,
        lo: str | None = None,
        hi: str | None = None,
    ) -> Query:
        """The index query of a list, for a caller that pages it itself (``zemu.store.terms.page``)."""
        return self._query(scope, where, keyword, lo, hi)

    def _query(
        self,
        scope: str,
        where: Mapping[str, Any] | None,
        keyword: str | None,
        lo: str | None = None,
        hi: str | None = None,
    ) -> Query:
        equal: list[Term] = []
        for name, value in (where or {}).items():
            if name not in self.filters:
                raise RuntimeError(f"collection {self.kind} is not filed by {name}")
            if value not in (None, ""):
                equal.append((name, term_value(value)))
        prefix = (KEYWORD, keyword) if keyword else None
        return Query(self.kind, scope, tuple(equal), prefix, lo, hi, self.buckets)

    # writes ------------------------------------------------------------------------------
    def save(self, tx: Tx, doc: Doc) -> None:
        """Save a document with its list view, unique keys and index terms, all or nothing: a
        unique value held by another document raises that unique's error and changes nothing."""
        doc_id = str(doc["id"])
        old = index.filed(tx, self.kind, doc_id)
        new = Filed.of(self.scope(doc), self.sort(doc), self._terms(doc))
        self._claim_uniques(tx, doc, doc_id, old, new)
        view = self.view(doc) if self.view is not None else None
        tx.put(
            self.kind,
            doc_id,
            doc,
            account_id=account_of(doc),
            parent=new.scope,
            sort=new.sort,
            view=view,
            terms=index.encoded(new),
        )
        index.file(tx, self.kind, doc_id, new, old, self.buckets)

    def delete(self, tx: Tx, doc: Doc | str) -> bool:
        doc_id = str(doc["id"]) if isinstance(doc, dict) else str(doc)
        old = index.filed(tx, self.kind, doc_id)
        if old is not None:
            for term_field, value in old.terms:
                if term_field.startswith(UNIQUE):
                    name, _, scope = term_field[1:].partition("@")
                    tx.release(self._unique_kind(name), value, scope=scope)
            index.unfile(tx, self.kind, doc_id, old, self.buckets)
        return tx.delete(self.kind, doc_id)

    def _terms(self, doc: Doc) -> Iterator[Term]:
        yield EVERY
        for name, of in self.filters.items():
            for value in _values(of(doc)):
                yield name, value
        if self.keywords is not None:
            for token in index.tokens(self.keywords(doc)):
                yield KEYWORD, token
        for unique in self.uniques:
            value = unique.value(doc)
            if value not in (None, ""):
                scope = unique.scope(doc) if unique.scope is not None else ""
                yield f"{UNIQUE}{unique.name}@{scope}", self._unique_text(value)

    def _claim_uniques(self, tx: Tx, doc: Doc, doc_id: str, old: Filed | None, new: Filed) -> None:
        held = {t for t in (old.terms if old else ()) if t[0].startswith(UNIQUE)}
        wanted = {t for t in new.terms if t[0].startswith(UNIQUE)}
        for unique in self.uniques:
            for term_field, value in sorted(wanted - held):
                name, _, scope = term_field[1:].partition("@")
                if name != unique.name:
                    continue
                try:
                    tx.claim(self._unique_kind(name), value, doc_id, scope=scope)
                except Conflict:
                    raise unique.error from None
        for term_field, value in held - wanted:
            name, _, scope = term_field[1:].partition("@")
            tx.release(self._unique_kind(name), value, scope=scope)

    def _unique_kind(self, name: str) -> str:
        return f"{self.kind}.{name}"

    @staticmethod
    def _unique_text(value: Any) -> str:
        return term_value(value).lower()
