"""A user's meetings, webinars, cloud recordings and personal audio conference accounts.

These lists read the users model's collections, which the meetings product fills: a date range
of recordings is a sort-key range, the trash filed apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.users.access import target_user
from zemu.services.users.model import MEETINGS, PACS, RECORDINGS, WEBINARS

MAX_RANGE_DAYS = 30


def list_meetings(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    _check_range(ctx.query.get("from"), ctx.query.get("to"))
    page = MEETINGS.page(ctx, scope=user["id"])
    return {**page.fields(), "meetings": page.items}


def list_webinars(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    page = WEBINARS.page(ctx, scope=user["id"])
    fields = page.fields()
    fields.pop("next_page_token", None)  # this list pages by page_number only
    return {**fields, "webinars": page.items}


def list_recordings(ctx: Context) -> dict[str, Any]:
    user = target_user(ctx)
    today = dt.datetime.fromtimestamp(ctx.now, dt.UTC).date()
    start = _date(ctx.query.get("from"), "from") or today - dt.timedelta(days=1)
    end = _date(ctx.query.get("to"), "to") or today
    _check_order(start, end)
    page = RECORDINGS.page(ctx, scope=user["id"], where={"trash": bool(ctx.query.get("trash"))},
                           lo=start.isoformat(), hi=f"{end.isoformat()}T23:59:59Z")
    return {"from": start.isoformat(), "to": end.isoformat(), **page.fields(), "meetings": page.items}


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
    pacs = [{k: v for k, v in pac.items() if k not in ("id", "account_id", "user_id")}
            for pac in PACS.each(ctx.tx, user["id"])]
    if not pacs:
        raise ctx.fail(2024)
    return {"pac_accounts": pacs}
