"""Date ranges and newest-first range scans over the history kinds.

Every history document is filed with ``sort = newest_first(timestamp)`` (ten digits, the
timestamp subtracted from 9999999999), so the store's ascending (sort, id) order is Zoom's
newest-first order, and a date range is one contiguous run of sort keys: the scan starts at
``newest_first(hi)`` and stops at the first key past ``newest_first(lo)``. Filters that are not
dates are applied to the rows the range yields, so a list page costs O(page) when only dates
filter it and O(rows scanned) otherwise.

Sort keys hold digits only: their order is the same under SQLite's binary collation and under
any PostgreSQL locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.paging import Count, Cursor, Fetch, Window
from zemu.services.context import Context
from zemu.store import Tx

MAX_TS = 9_999_999_999
DAY = 86_400
MONTH = 31 * DAY   # "a month": the longest calendar month, so any from/to one month apart passes
BATCH = 200
RANGE_KEYS = {"lo", "hi", "widen"}   # the filters every ranged list carries

Match = Callable[[dict[str, Any]], bool]
Project = Callable[[dict[str, Any]], Any]


def newest_first(ts: float) -> str:
    return f"{MAX_TS - int(ts):010d}"


def oldest_first(ts: float) -> str:
    return f"{int(ts):010d}"


def ts_of_sort(sort: str) -> int:
    return MAX_TS - int(sort[:10])


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


# scans -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Source:
    """Where a list's documents are filed."""

    kind: str
    account_id: str | None = None
    parent: str | None = None


def start_after(hi: int) -> Cursor:
    """A cursor just before the first key of ``hi``: digits only, so locale collations agree."""
    return (newest_first(hi + 1) + "9", "")


def rows_in_range(tx: Tx, source: Source, lo: int, hi: int, after: Cursor | None,
                  match: Match | None) -> Iterator[tuple[Cursor, dict[str, Any]]]:
    """Documents newest first from ``after`` (or ``hi``) down to ``lo``, filtered by ``match``."""
    cursor = after or start_after(hi)
    last = newest_first(lo)
    while True:
        rows = tx.list(source.kind, account_id=source.account_id, parent=source.parent, after=cursor, limit=BATCH)
        for row in rows:
            if row.sort > last:
                return
            if match is None or match(row.body):
                yield (row.sort, row.id), row.body
        if len(rows) < BATCH:
            return
        cursor = (rows[-1].sort, rows[-1].id)


def views_in_range(tx: Tx, source: Source, lo: int, hi: int, after: Cursor | None,
                   limit: int) -> list[tuple[Cursor, Any]]:
    """The saved list views of one page, without parsing them (the date-only fast path)."""
    cursor = after or start_after(hi)
    last = newest_first(lo)
    rows = tx.list_views(source.kind, account_id=source.account_id, parent=source.parent, after=cursor,
                         limit=limit)
    return [row for row in rows if row[0][0] <= last]


def fetcher(tx: Tx, source: Source, *, match_of: Callable[[dict[str, Any]], Match | None],
            project: Project | None = None) -> Fetch:
    """A paging ``fetch``: ``filters`` (from the query, or from the page token) carry lo and hi
    and whatever ``match_of`` turns into a row predicate; without one the saved views are used."""
    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[Cursor, Any]]:
        lo, hi = filters["lo"] - filters.get("widen", 0), filters["hi"]
        match = match_of(filters)
        if match is None and project is None:
            return views_in_range(tx, source, lo, hi, window.after, window.limit + window.offset)[window.offset:]
        out: list[tuple[Cursor, Any]] = []
        for cursor, body in rows_in_range(tx, source, lo, hi, window.after, match):
            out.append((cursor, project(body) if project else body["view"]))
            if len(out) >= window.limit + window.offset:
                break
        return out[window.offset:]
    return fetch


def counter(tx: Tx, source: Source, *, match_of: Callable[[dict[str, Any]], Match | None]) -> Count:
    def count(filters: dict[str, Any]) -> int:
        lo = filters["lo"] - filters.get("widen", 0)
        return sum(1 for _ in rows_in_range(tx, source, lo, filters["hi"], None, match_of(filters)))
    return count


def no_match(_: dict[str, Any]) -> Match | None:
    return None
