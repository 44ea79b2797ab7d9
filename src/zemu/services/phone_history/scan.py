"""Date ranges and newest-first pages over the history collections.

Every history document is a document of a declared collection (``history``) sorted by
``newest_first(ts)`` (ten digits, the timestamp subtracted from 9999999999), so the index's
ascending (sort, id) order is Zoom's newest-first order and a from/to range is the index's
``lo``/``hi`` sort-key range. The filters Zoom documents are index terms, so a filtered page is
one index range costing O(page); only what one term cannot say (several values of one filter, an
end time or an SMS message time other than the one sorted by) is checked on the range's rows.

Sort keys hold digits only: their order is the same under SQLite's binary collation and under
any PostgreSQL locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.paging import Cursor, Window
from zemu.services.context import Context
from zemu.services.resource import Collection, account_of, term_value
from zemu.store import Tx
from zemu.store import terms as index

MAX_TS = 9_999_999_999
DAY = 86_400
MONTH = 31 * DAY  # "a month": the longest calendar month, so any from/to one month apart passes
BATCH = 200
Doc = dict[str, Any]

Match = Callable[[dict[str, Any]], bool]
Project = Callable[[dict[str, Any]], Any]


def newest_first(ts: float) -> str:
    return f"{MAX_TS - int(ts):010d}"


# History is counted per hour of its sort key: MAX_TS - ts, shifted so that each bucket is one
# whole UTC hour (MAX_TS + 1 is 2,800 past a multiple of 3,600), so a range of whole days or hours
# is counted from counters alone.
HOURS = index.Buckets(width=3600, offset=800)


def history(
    kind: str,
    *,
    filters: Mapping[str, Callable[[Doc], Any]] | None = None,
    keywords: Callable[[Doc], Any] | None = None,
    scope: Callable[[Doc], str] = account_of,
) -> Collection:
    """A history collection: ``{id, account_id, ts, view, ...}`` documents, newest first, listed
    by their saved ``view``; ``scope`` is the account unless the list is an owner's."""
    return Collection(
        kind,
        sort=lambda d: newest_first(d["ts"]),
        scope=scope,
        filters=filters or {},
        keywords=keywords,
        view=lambda d: d["view"],
        buckets=HOURS,
    )


def owner_scope(doc: Doc) -> str:
    return str(doc["owner"])


# dates -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DateRule:
    """How an operation reads ``from``/``to``: the default span back from now, the longest span,
    how far back ``from`` may go (None: no limit), and the error a broken rule answers."""

    default_span: int = DAY
    max_span: int | None = MONTH
    oldest: int | None = 183 * DAY
    error: ZoomError | None = None


def _parse_moment(text: str, *, end: bool) -> int | None:
    """``yyyy-MM-dd`` (a whole day: its end when it closes a range) or ``yyyy-MM-ddTHH:mm:ssZ``."""
    text = text.strip()
    for shape in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return int(datetime.strptime(text, shape).replace(tzinfo=UTC).timestamp())
        except ValueError:
            continue
    try:
        day = int(datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None
    return day + DAY - 1 if end else day


def day_of(ts: float) -> str:
    return datetime.fromtimestamp(int(ts), UTC).strftime("%Y-%m-%d")


def _refuse(rule: DateRule, field: str) -> ZoomError:
    return rule.error or ValidationFailed([{"field": field, "message": "Invalid field."}])


def date_range(ctx: Context, rule: DateRule) -> tuple[int, int]:
    """The inclusive [lo, hi] epoch-second range the query asks for, under the operation's rule."""
    now = int(ctx.now)
    raw_from, raw_to = ctx.query.get("from"), ctx.query.get("to")
    hi = now if not raw_to else _parse_moment(str(raw_to), end=True)
    if hi is None:
        raise _refuse(rule, "to")
    lo = hi - rule.default_span if not raw_from else _parse_moment(str(raw_from), end=False)
    if lo is None:
        raise _refuse(rule, "from")
    if hi < lo or (rule.max_span is not None and hi - lo > rule.max_span):
        raise _refuse(rule, "to")
    if rule.oldest is not None and lo < now - rule.oldest - DAY:
        raise _refuse(rule, "from")
    return lo, hi


def range_fields(lo: int, hi: int) -> dict[str, str]:
    return {"from": day_of(lo), "to": day_of(hi)}


# pages -------------------------------------------------------------------------------------
def _where(where: Mapping[str, Any] | None) -> Doc:
    return {k: term_value(v) for k, v in (where or {}).items() if v not in (None, "")}


def page(
    ctx: Context,
    collection: Collection,
    scope: str,
    rule: DateRule,
    *,
    where: Mapping[str, Any] | None = None,
    keyword: Any = None,
    params: Doc | None = None,
    match_of: Callable[[Doc], Match | None] | None = None,
    project: Project | None = None,
    widen: int = 0,
    total: bool = True,
) -> tuple[list[Any], Doc]:
    """One page of a date-ranged, newest-first list: the items, and the paging fields with the
    range's ``from``/``to`` (on later pages, the range the page token carries). ``where`` and
    ``keyword`` are index terms; ``params`` reach ``match_of``, which answers a row test for what
    the index cannot say (or None); ``widen`` reaches that many seconds further back for it."""
    lo, hi = date_range(ctx, rule)
    filters: Doc = {
        "lo": lo,
        "hi": hi,
        "s": scope,
        "w": _where(where),
        "widen": widen,
        **(params or {}),
        "k": str(keyword).strip().lower() if keyword not in (None, "") else None,
    }
    used: Doc = {}

    def fetch(f: Doc, window: Window) -> list[tuple[Cursor, Any]]:
        used.update(f)
        match = match_of(f) if match_of is not None else None
        if match is None:
            rows = index.page(
                ctx.tx,
                _query(collection, f),
                after=window.after,
                offset=window.offset,
                limit=window.limit,
                views=project is None,
            )
            return rows if project is None else [(cursor, project(doc)) for cursor, doc in rows]
        out: list[tuple[Cursor, Any]] = []
        for cursor, doc in matching(ctx.tx, _query(collection, f), match, window.after):
            out.append((cursor, project(doc) if project else doc["view"]))
            if len(out) >= window.limit + window.offset:
                break
        return out[window.offset :]

    def count(f: Doc) -> int:
        match = match_of(f) if match_of is not None else None
        if match is None:
            return index.count(ctx.tx, _query(collection, f))
        return sum(1 for _ in matching(ctx.tx, _query(collection, f), match, None))

    result = ctx.paginate(fetch, filters=filters, count=count if total else None)
    return result.items, {**range_fields(used["lo"], used["hi"]), **result.fields()}


def _query(collection: Collection, f: Doc) -> index.Query:
    return collection.query(f["s"], f["w"], f["k"], newest_first(f["hi"]), newest_first(f["lo"] - f["widen"]))


def matching(tx: Tx, q: index.Query, match: Match, after: Cursor | None) -> Iterator[tuple[Cursor, Doc]]:
    """The documents of an index range that ``match`` accepts, read in batches from ``after``."""
    while True:
        rows = index.page(tx, q, after=after, offset=0, limit=BATCH, views=False)
        yield from ((cursor, doc) for cursor, doc in rows if match(doc))
        if len(rows) < BATCH:
            return
        after = rows[-1][0]


def rows(tx: Tx, collection: Collection, scope: str, after: Cursor | None, limit: int) -> list[tuple[Cursor, Doc]]:
    """The newest ``limit`` documents of a scope after ``after`` (sync protocols)."""
    return index.page(tx, collection.query(scope), after=after, offset=0, limit=limit, views=False)


def any_of(raw: Any) -> list[str]:
    """A multi-value query filter as a list (the wire gives a list or one comma-separated text)."""
    values = raw if isinstance(raw, list | tuple) else str(raw or "").split(",")
    return [str(v) for v in values if str(v)]


def split_terms(query: Mapping[str, Any], names: Mapping[str, str]) -> tuple[Doc, Doc]:
    """Query filters that take several values (``names``: query name -> filter name): one value is
    an index term (``where``); several are a row test's parameter (``params``)."""
    where: Doc = {}
    params: Doc = {}
    for name, term in names.items():
        values = any_of(query.get(name)) if query.get(name) else []
        if len(values) == 1:
            where[term] = values[0]
        elif values:
            params[term] = values
    return where, params
