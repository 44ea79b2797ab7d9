"""The secondary index behind declared collections: terms, counts and range reads.

A document of a collection is filed under terms ``(field, value)``: the empty term ``("", "")``
(every document), one term per value of each field Zoom filters the collection by, keyword tokens
(``field`` starting with ``~``, matched by prefix) and unique values (``field`` starting with ``!``).
Each ``doc_terms`` row also carries the document's scope (its parent: usually the account) and
sort key, so a filtered list is one range read of the primary key in (sort, id) order, joined to
its documents, with the other filters checked by point lookups: a page costs O(page), however big
the collection. ``doc_counts`` keeps a count per (scope, term) for the counted terms, so
``total_records`` of a list filtered by one field is a single-row read.
"""

from __future__ import annotations

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


def counted(field: str) -> bool:
    return not field.startswith((KEYWORD, UNIQUE))


@dataclass(frozen=True, slots=True)
class Filed:
    """Where a document is filed now: its scope, sort key and terms."""

    scope: str
    sort: str
    terms: frozenset[Term]


def filed(tx: Tx, kind: str, doc_id: str) -> Filed | None:
    rows = tx.query("SELECT scope, sort, field, value FROM doc_terms WHERE kind = ? AND id = ?", (kind, doc_id))
    if not rows:
        return None
    return Filed(rows[0][0], rows[0][1], frozenset((r[2], r[3]) for r in rows))


def file(tx: Tx, kind: str, doc_id: str, new: Filed, old: Filed | None) -> None:
    """Rewrite a document's terms and move its counts from where it was filed to where it is."""
    if old == new:
        return
    if old is not None:
        tx.execute("DELETE FROM doc_terms WHERE kind = ? AND id = ?", (kind, doc_id))
    tx.execute_many(
        "INSERT INTO doc_terms (kind, scope, field, value, sort, id) VALUES (?, ?, ?, ?, ?, ?)",
        [(kind, new.scope, field, value, new.sort, doc_id) for field, value in sorted(new.terms)],
    )
    _recount(tx, kind, old, new)


def unfile(tx: Tx, kind: str, doc_id: str, old: Filed) -> None:
    tx.execute("DELETE FROM doc_terms WHERE kind = ? AND id = ?", (kind, doc_id))
    _recount(tx, kind, old, None)


def _recount(tx: Tx, kind: str, old: Filed | None, new: Filed | None) -> None:
    changes: dict[tuple[str, str, str], int] = {}
    for where, step in ((old, -1), (new, 1)):
        if where is None:
            continue
        for field, value in where.terms:
            if counted(field):
                key = (where.scope, field, value)
                changes[key] = changes.get(key, 0) + step
    rows = [(kind, scope, field, value, n) for (scope, field, value), n in changes.items() if n]
    tx.execute_many(
        "INSERT INTO doc_counts (kind, scope, field, value, n) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, scope, field, value) DO UPDATE SET n = doc_counts.n + excluded.n",
        rows,
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


def _conditions(q: Query, alias: str, after: Cursor | None, skip_first_equal: bool) -> tuple[list[str], list[Any]]:
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
    for field, value in q.equal[1 if skip_first_equal else 0 :]:
        where.append(
            f"EXISTS (SELECT 1 FROM doc_terms x WHERE x.kind = {alias}.kind AND x.id = {alias}.id "
            "AND x.field = ? AND x.value = ?)"
        )
        args += [field, value]
    if q.prefix is not None and q.equal:
        where.append(
            f"EXISTS (SELECT 1 FROM doc_terms x WHERE x.kind = {alias}.kind AND x.id = {alias}.id "
            "AND x.field = ? AND x.value >= ? AND x.value < ?)"
        )
        args += [q.prefix[0], q.prefix[1], q.prefix[1] + PREFIX_END]
    return where, args


def _select(q: Query, payload: str, after: Cursor | None) -> tuple[str, list[Any]]:
    if q.prefix is not None and not q.equal:
        # a keyword alone: the matching ids come from the token range, then the page in sort order
        where, args = _conditions(q, "d", after, skip_first_equal=False)
        sql = (
            f"SELECT d.sort, d.id, {payload} FROM docs d WHERE d.kind = ? AND d.id IN "
            "(SELECT x.id FROM doc_terms x WHERE x.kind = ? AND x.scope = ? AND x.field = ? "
            "AND x.value >= ? AND x.value < ?)"
        )
        head = [q.kind, q.kind, q.scope, q.prefix[0], q.prefix[1], q.prefix[1] + PREFIX_END]
        return sql + "".join(f" AND {w}" for w in where), head + args
    driving = q.equal[0] if q.equal else EVERY
    where, args = _conditions(q, "t", after, skip_first_equal=bool(q.equal))
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
    sql, args = _select(q, payload, after)
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
    sql, args = _select(q, "1", None)
    return int(tx.query(f"SELECT COUNT(*) FROM ({sql}) counted", args)[0][0])


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
        word = []
        for ch in lowered:
            if ch.isalnum():
                word.append(ch)
            elif word:
                out.add("".join(word))
                word = []
        if word:
            out.add("".join(word))
    out.discard("")
    return out


__all__: Sequence[str] = (
    "EVERY",
    "KEYWORD",
    "UNIQUE",
    "Filed",
    "Query",
    "count",
    "file",
    "filed",
    "ids_of",
    "page",
    "tokens",
    "unfile",
)
