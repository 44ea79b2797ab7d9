"""The secondary index behind declared collections: terms, counts and range reads.

A document of a collection is filed under terms ``(field, value)``: the empty term ``("", "")``
(every document), one term per value of each field Zoom filters the collection by, keyword tokens
(``field`` starting with ``~``, matched by prefix) and unique values (``field`` starting with ``!``).
Each ``doc_terms`` row also carries the document's scope (its parent: usually the account) and
sort key, so a filtered list is one range read of the primary key in (sort, id) order, joined to
its documents, with the other filters checked by point lookups: a page costs O(page), however big
the collection. ``doc_counts`` keeps a count per (scope, term) for the counted terms, so
``total_records`` of a list filtered by one field is a single-row read. A collection whose sort
keys are digits (the history lists, sorted by time) may also be counted per sort-key bucket
(``Buckets``, rows of ``doc_bucket_counts``): a count over a sort range with at most one term then
adds the counters of the buckets the range covers and counts rows only in the parts of the two
buckets at its ends, so ``total_records`` of a date range does not grow with the range's rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from zemu.store.base import Tx

Term = tuple[str, str]
Cursor = tuple[str, str]
EVERY: Term = ("", "")
KEYWORD = "~"
UNIQUE = "!"
PREFIX_END = "\U0010ffff"  # sorts after every other character in UTF-8 byte order
_WORD = re.compile(r"[^\W_]+")  # a run of characters str.isalnum() accepts (\w is those and "_")
_LIKE_SPECIAL = re.compile(r"[!%_]")  # what a LIKE pattern escapes (with "!")


_UNCOUNTED = frozenset((KEYWORD, UNIQUE))  # the first character of a term field that is not counted


def counted(field: str) -> bool:
    return field[:1] not in _UNCOUNTED


@dataclass(frozen=True, slots=True)
class Buckets:
    """Counters per bucket of ``width`` sort-key units; a key ``k`` (digits) is in bucket
    ``(int(k) + offset) // width``, so ``offset`` says where bucket boundaries fall."""

    width: int
    offset: int = 0

    def of(self, sort: str) -> int:
        return (int(sort) + self.offset) // self.width


@dataclass(frozen=True, slots=True)
class Filed:
    """Where a document is filed now: its scope, sort key and terms (``of``: each once, sorted, so
    that its index rows are written in key order and two filings compare equal)."""

    scope: str
    sort: str
    terms: tuple[Term, ...]

    @classmethod
    def of(cls, scope: str, sort: str, terms: Iterable[Term]) -> Filed:
        return cls(scope, sort, tuple(sorted(set(terms))))


def filed(tx: Tx, kind: str, doc_id: str) -> Filed | None:
    """Where a document is filed (None: it is not), from its own row."""
    rows = tx.query("SELECT terms FROM docs WHERE kind = ? AND id = ?", (kind, doc_id))
    if rows and rows[0][0] is not None:
        scope, sort, terms = orjson.loads(rows[0][0])
        return Filed.of(scope, sort, ((field, value) for field, value in terms))
    return _filed_in_index(tx, kind, doc_id) if tx.terms_by_doc else None


def _filed_in_index(tx: Tx, kind: str, doc_id: str) -> Filed | None:
    """A document's terms read from the index, in a store created before its rows carried them."""
    rows = tx.query("SELECT scope, sort, field, value FROM doc_terms WHERE kind = ? AND id = ?", (kind, doc_id))
    if not rows:
        return None
    return Filed.of(rows[0][0], rows[0][1], ((r[2], r[3]) for r in rows))


def encoded(where: Filed) -> str:
    """``where`` as its document's row keeps it (``Tx.put(terms=…)``), read back by ``filed``."""
    return orjson.dumps([where.scope, where.sort, where.terms]).decode()


def file(tx: Tx, kind: str, doc_id: str, new: Filed, old: Filed | None, buckets: Buckets | None = None) -> None:
    """Rewrite a document's terms and move its counts from where it was filed to where it is."""
    if old == new:
        return
    if old is None:  # most saves: a new document, its rows in key order already
        tx.execute_many(INSERT_TERM, [(kind, new.scope, field, value, new.sort, doc_id) for field, value in new.terms])
    else:
        before, after = _rows(kind, doc_id, old), _rows(kind, doc_id, new)
        tx.execute_many(DELETE_TERM, sorted(before - after))
        tx.execute_many(INSERT_TERM, sorted(after - before))
    _recount(tx, kind, old, new, buckets)


def unfile(tx: Tx, kind: str, doc_id: str, old: Filed, buckets: Buckets | None = None) -> None:
    tx.execute_many(DELETE_TERM, sorted(_rows(kind, doc_id, old)))
    _recount(tx, kind, old, None, buckets)


def _rows(kind: str, doc_id: str, where: Filed) -> set[tuple[str, str, str, str, str, str]]:
    """The index rows of a document filed ``where``: each is found by its whole primary key."""
    return {(kind, where.scope, field, value, where.sort, doc_id) for field, value in where.terms}


INSERT_TERM = "INSERT INTO doc_terms (kind, scope, field, value, sort, id) VALUES (?, ?, ?, ?, ?, ?)"
DELETE_TERM = "DELETE FROM doc_terms WHERE kind = ? AND scope = ? AND field = ? AND value = ? AND sort = ? AND id = ?"


def fill_buckets(tx: Tx, kind: str, buckets: Buckets) -> bool:
    """Count a kind's documents into buckets when it has documents and no bucket counters (a store
    written before its collection was counted per bucket); answers whether it did."""
    if not tx.query("SELECT 1 FROM doc_terms WHERE kind = ? LIMIT 1", (kind,)):
        return False
    if tx.query("SELECT 1 FROM doc_bucket_counts WHERE kind = ? LIMIT 1", (kind,)):
        return False
    tx.execute(
        "INSERT INTO doc_bucket_counts (kind, scope, field, value, bucket, n) "
        "SELECT kind, scope, field, value, bucket, COUNT(*) FROM (SELECT kind, scope, field, value, "
        "(CAST(sort AS BIGINT) + ?) / ? AS bucket FROM doc_terms WHERE kind = ? AND substr(field, 1, 1) NOT IN (?, ?)) "
        "AS filed GROUP BY kind, scope, field, value, bucket",
        (buckets.offset, buckets.width, kind, KEYWORD, UNIQUE),
    )
    return True


def _recount(tx: Tx, kind: str, old: Filed | None, new: Filed | None, buckets: Buckets | None) -> None:
    """Move a document's counts, and its sort-key bucket's, from where it was filed to where it
    is: one pass over its terms, straight into the transaction's pending increments (every term
    of every save goes through here; a key whose steps cancel adds nothing)."""
    counts = tx.counters(ADD_COUNTS)
    bucketed = tx.counters(ADD_BUCKET_COUNTS) if buckets is not None else None
    for where, step in ((old, -1), (new, 1)):
        if where is None:
            continue
        scope = where.scope
        bucket = buckets.of(where.sort) if buckets is not None else 0
        for field, value in where.terms:
            if field[:1] in _UNCOUNTED:  # not counted(field), inline
                continue
            key = (kind, scope, field, value)
            counts[key] = counts.get(key, 0) + step
            if bucketed is not None:
                at = (kind, scope, field, value, bucket)
                bucketed[at] = bucketed.get(at, 0) + step


# counters are added to when the transaction commits (``Tx.add_counts``)
ADD_COUNTS = (
    "INSERT INTO doc_counts (kind, scope, field, value, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, scope, field, value) DO UPDATE SET n = doc_counts.n + excluded.n"
)
ADD_BUCKET_COUNTS = (
    "INSERT INTO doc_bucket_counts (kind, scope, field, value, bucket, n) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (kind, scope, field, value, bucket) DO UPDATE SET n = doc_bucket_counts.n + excluded.n"
)


# reads -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Query:
    """A list's filters: equal terms, at most one keyword prefix, an inclusive sort-key range."""

    kind: str
    scope: str
    equal: tuple[Term, ...] = ()
    prefix: Term | None = None
    lo: str | None = None
    hi: str | None = None
    buckets: Buckets | None = None  # the collection's counters per sort-key bucket, if it keeps them


def _conditions(
    q: Query, alias: str, after: Cursor | None, skip_first_equal: bool, by_doc: bool
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if q.lo is not None:
        where.append(f"{alias}.sort >= ?")
        args.append(q.lo)
    if q.hi is not None:
        where.append(f"{alias}.sort <= ?")
        args.append(q.hi)
    if after is not None:
        where.append(f"({alias}.sort > ? OR ({alias}.sort = ? AND {alias}.id > ?))")
        args += [after[0], after[0], after[1]]
    # the candidate's own row under each other term, a point lookup of the whole primary key
    # (``docs`` keeps the scope as ``parent``, and the same sort key)
    scope, sort = ("t.scope", "t.sort") if alias == "t" else ("d.parent", "d.sort")
    for field, value in q.equal[1 if skip_first_equal else 0 :]:
        where.append(
            f"EXISTS (SELECT 1 FROM doc_terms x WHERE x.kind = {alias}.kind AND x.scope = {scope} "
            f"AND x.field = ? AND x.value = ? AND x.sort = {sort} AND x.id = {alias}.id)"
        )
        args += [field, value]
    if q.prefix is not None and q.equal:
        # the candidate's tokens are read on its own row (``docs.terms``, joined as ``d``), where
        # each term but the first (every document's) is written ``,["~","token"]``: JSON escapes
        # character by character, so a token starts with the keyword when its text there does
        field, text = q.prefix
        written = orjson.dumps([field, text]).decode()[:-2]  # without the closing '"]'
        check = "d.terms LIKE ? ESCAPE '!'"
        args.append("%," + _LIKE_SPECIAL.sub(r"!\g<0>", written) + "%")
        if by_doc:  # a document filed before its row carried its terms: its index rows by document
            check += (
                f" OR (d.terms IS NULL AND EXISTS (SELECT 1 FROM doc_terms x WHERE x.kind = {alias}.kind "
                f"AND x.id = {alias}.id AND x.field = ? AND x.value >= ? AND x.value < ?))"
            )
            args += [field, text, text + PREFIX_END]
        where.append(f"({check})")
    return where, args


def _select(q: Query, payload: str, after: Cursor | None, by_doc: bool = False) -> tuple[str, list[Any]]:
    if q.prefix is not None and not q.equal:
        # a keyword alone: the matching ids come from the token range, then the page in sort order
        where, args = _conditions(q, "d", after, skip_first_equal=False, by_doc=by_doc)
        sql = (
            f"SELECT d.sort, d.id, {payload} FROM docs d WHERE d.kind = ? AND d.id IN "
            "(SELECT x.id FROM doc_terms x WHERE x.kind = ? AND x.scope = ? AND x.field = ? "
            "AND x.value >= ? AND x.value < ?)"
        )
        head = [q.kind, q.kind, q.scope, q.prefix[0], q.prefix[1], q.prefix[1] + PREFIX_END]
        return sql + "".join(f" AND {w}" for w in where), head + args
    driving = q.equal[0] if q.equal else EVERY
    where, args = _conditions(q, "t", after, skip_first_equal=bool(q.equal), by_doc=by_doc)
    sql = (
        f"SELECT t.sort, t.id, {payload} FROM doc_terms t JOIN docs d ON d.kind = t.kind AND d.id = t.id "
        "WHERE t.kind = ? AND t.scope = ? AND t.field = ? AND t.value = ?"
    )
    return sql + "".join(f" AND {w}" for w in where), [q.kind, q.scope, *driving, *args]


def page(
    tx: Tx,
    q: Query,
    *,
    after: Cursor | None,
    offset: int,
    limit: int,
    views: bool,
    render: Callable[[str], str] | None = None,
) -> list[tuple[Cursor, Any]]:
    """One page in (sort, id) order: saved list views as unparsed fragments (through ``render``
    first, when given), or parsed bodies."""
    payload = "COALESCE(d.view, d.body)" if views else "d.body"
    sql, args = _select(q, payload, after, tx.terms_by_doc)
    order = "d" if q.prefix is not None and not q.equal else "t"
    rows = tx.query(f"{sql} ORDER BY {order}.sort, {order}.id LIMIT ? OFFSET ?", (*args, limit, offset))
    if views and render is not None:
        return [((r[0], r[1]), orjson.Fragment(render(r[2]))) for r in rows]
    if views:
        return [((r[0], r[1]), orjson.Fragment(r[2])) for r in rows]
    return [((r[0], r[1]), orjson.loads(r[2])) for r in rows]


def count(tx: Tx, q: Query) -> int:
    """``total_records``: one counter row when at most one counted term filters, else a count."""
    if q.prefix is None and q.lo is None and q.hi is None and len(q.equal) <= 1:
        field, value = q.equal[0] if q.equal else EVERY
        if counted(field):
            rows = tx.query(
                "SELECT n FROM doc_counts WHERE kind = ? AND scope = ? AND field = ? AND value = ?",
                (q.kind, q.scope, field, value),
            )
            return int(rows[0][0]) if rows else 0
    if q.buckets is not None and q.prefix is None and len(q.equal) <= 1:
        ranged = _bucket_count(tx, q, q.buckets)
        if ranged is not None:
            return ranged
    sql, args = _select(q, "1", None, tx.terms_by_doc)
    return int(tx.query(f"SELECT COUNT(*) FROM ({sql}) counted", args)[0][0])


def _bucket_count(tx: Tx, q: Query, buckets: Buckets) -> int | None:
    """A range count from the counters of the whole buckets inside the range, plus the rows of
    the two partial buckets at its ends; None when the range's keys are not digits."""
    bounds = [k for k in (q.lo, q.hi) if k is not None]
    if not all(k.isdigit() and len(k) == len(bounds[0]) for k in bounds):
        return None
    digits = len(bounds[0])
    lo = int(q.lo) if q.lo is not None else 0
    hi = int(q.hi) if q.hi is not None else 10**digits - 1
    if hi < lo:
        return 0
    term = q.equal[0] if q.equal else EVERY
    head = (q.kind, q.scope, *term)

    def rows(low: int, high: int) -> int:
        found = tx.query(
            "SELECT COUNT(*) FROM doc_terms WHERE kind = ? AND scope = ? AND field = ? AND value = ? "
            "AND sort >= ? AND sort <= ?",
            (*head, f"{low:0{digits}d}", f"{high:0{digits}d}"),
        )
        return int(found[0][0])

    first, last = buckets.of(str(lo)), buckets.of(str(hi))
    if first == last:
        return rows(lo, hi)
    start_of = lambda bucket: bucket * buckets.width - buckets.offset  # noqa: E731
    total = 0
    if lo != start_of(first):  # a partial first bucket: its rows from lo
        total += rows(lo, start_of(first + 1) - 1)
        first += 1
    if hi != start_of(last + 1) - 1:  # a partial last bucket: its rows up to hi
        total += rows(start_of(last), hi)
        last -= 1
    if first <= last:
        found = tx.query(
            "SELECT SUM(n) FROM doc_bucket_counts WHERE kind = ? AND scope = ? AND field = ? AND value = ? "
            "AND bucket >= ? AND bucket <= ?",
            (*head, first, last),
        )
        total += int(found[0][0] or 0)
    return total


def ids_of(tx: Tx, kind: str, field: str, value: str, scope: str | None = None, limit: int = 1) -> list[str]:
    """The ids filed under one term (a unique value's owner, a lookup by a filtered field)."""
    if scope is None:
        rows = tx.query(
            "SELECT id FROM doc_terms WHERE kind = ? AND field = ? AND value = ? LIMIT ?", (kind, field, value, limit)
        )
    else:
        rows = tx.query(
            "SELECT id FROM doc_terms WHERE kind = ? AND scope = ? AND field = ? AND value = ? "
            "ORDER BY sort, id LIMIT ?",
            (kind, scope, field, value, limit),
        )
    return [r[0] for r in rows]


def tokens(texts: Iterable[Any]) -> set[str]:
    """Keyword tokens of some texts: each whole text and each of its words, lower-cased, so a
    keyword matches a text or any word of it by prefix."""
    out: set[str] = set()
    for text in texts:
        if text is None or text == "":
            continue
        lowered = str(text).lower().strip()
        out.add(lowered)
        out.update(_WORD.findall(lowered))
    out.discard("")
    return out


__all__: Sequence[str] = (
    "EVERY",
    "KEYWORD",
    "UNIQUE",
    "Filed",
    "Query",
    "count",
    "encoded",
    "file",
    "filed",
    "ids_of",
    "page",
    "tokens",
    "unfile",
)
