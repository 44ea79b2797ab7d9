"""A user's meetings, webinars, cloud recordings and personal audio conference accounts.

These lists read whatever the store holds for the user (kinds ``meeting``, ``webinar`` and
``recording``, filed with the host's id as parent and sorted by start time), with real paging
and checked filters. Scheduling them is the meetings product's job, not this one's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.users.access import target_user

MAX_RANGE_DAYS = 30


def _listing(ctx: Context, kind: str, parent: str, filters: dict[str, Any], keep: Any) -> Any:
    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        rows = ctx.tx.list(kind, parent=parent, after=window.after, offset=window.offset, limit=window.limit)
        return [((row.sort, row.id), row.body) for row in rows if keep(row.body, filters)]

    return ctx.paginate(fetch, filters=filters, count=lambda _: ctx.tx.count(kind, parent=parent))


def list_meetings(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    _check_range(ctx.query.get("from"), ctx.query.get("to"))
    filters = {"type": ctx.query.get("type") or "scheduled"}
    page = _listing(ctx, "meeting", user["id"], filters, lambda item, f: True)
    return {**page.fields(), "meetings": page.items}


def list_webinars(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    filters = {"type": ctx.query.get("type") or "scheduled"}
    page = _listing(ctx, "webinar", user["id"], filters, lambda item, f: True)
    fields = page.fields()
    fields.pop("next_page_token", None)  # this list pages by page_number only
    return {**fields, "webinars": page.items}


def list_recordings(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    today = dt.datetime.fromtimestamp(ctx.now, dt.UTC).date()
    start = _date(ctx.query.get("from"), "from") or today - dt.timedelta(days=1)
    end = _date(ctx.query.get("to"), "to") or today
    _check_order(start, end)
    filters = {"from": start.isoformat(), "to": end.isoformat(), "trash": bool(ctx.query.get("trash"))}
    page = _listing(ctx, "recording", user["id"], filters, _in_range)
    return {"from": filters["from"], "to": filters["to"], **page.fields(), "meetings": page.items}


def _in_range(item: dict[str, Any], filters: dict[str, Any]) -> bool:
    day = str(item.get("start_time", ""))[:10]
    return filters["from"] <= day <= filters["to"] and bool(item.get("in_trash")) == filters["trash"]


def _date(value: Any, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationFailed([{"field": field, "message": "Invalid field."}]) from None


def _check_range(start: Any, end: Any) -> None:
    first, last = _date(start, "from"), _date(end, "to")
    if first and last:
        _check_order(first, last)


def _check_order(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise ZoomError(300, "The 'to' date must not be earlier than the 'from' date.", 400)


def list_pacs(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    rows = ctx.tx.list("user_pac", parent=user["id"], limit=100)
    if not rows:
        raise ZoomError(2024, "User does not have PAC enabled.", 400)
    return {"pac_accounts": [row.body for row in rows]}
