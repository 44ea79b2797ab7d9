"""An account's cloud recordings, as the store holds them, a month at most per request.

Recordings are documents of kind ``cloud_recording`` filed under their account with the
meeting's start time (``yyyy-MM-ddTHH:mm:ssZ``) as sort key, so a date range is an indexed
range read. Their body is one item of Zoom's recording list (``meetings[]``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.paging import Window
from zemu.services.accounts.access import target_account
from zemu.services.context import Context
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "cloud_recording"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_RANGE_DAYS = 31
MAX_AGE_DAYS = 183  # "within the past six months"


def _day(ctx: Context, name: str, fallback: date) -> date:
    raw = ctx.query.get(name)
    if raw in (None, ""):
        return fallback
    try:
        if not DAY.match(str(raw)):
            raise ValueError(raw)
        return date.fromisoformat(str(raw))
    except ValueError:
        raise ValidationFailed([{"field": name, "message": "Invalid field."}]) from None


def _range(ctx: Context) -> tuple[date, date]:
    today = date.fromisoformat(zulu(ctx.now)[:10])
    to = _day(ctx, "to", today)
    start = _day(ctx, "from", to - timedelta(days=MAX_RANGE_DAYS - 1))
    if start > to:
        raise ZoomError(300, "The from date should be earlier than the to date.", 400)
    if (to - start).days >= MAX_RANGE_DAYS:
        raise ZoomError(300, "The date range should not exceed one month.", 400)
    if (today - start).days > MAX_AGE_DAYS:
        raise ZoomError(300, "The from date should be within the past six months.", 400)
    return start, to


def _rows(tx: Tx, account_id: str, filters: dict[str, Any],
          window: Window) -> list[tuple[tuple[str, str], Any]]:
    after = window.after or (filters["from"] + "T00:00:00Z", "")
    end = filters["to"] + "T23:59:59Z"
    rows = tx.list(KIND, account_id=account_id, after=after, offset=window.offset, limit=window.limit)
    return [((row.sort, row.id), row.body) for row in rows if row.sort <= end]


def list_recordings(ctx: Context) -> dict[str, Any]:
    account = target_account(ctx)
    start, to = _range(ctx)
    filters = {"from": start.isoformat(), "to": to.isoformat()}

    def count(f: dict[str, Any]) -> int:
        total, window = 0, Window(None, 0, 500)
        while rows := _rows(ctx.tx, account["id"], f, window):
            total += len(rows)
            window = Window(rows[-1][0], 0, 500)
        return total

    page = ctx.paginate(lambda f, w: _rows(ctx.tx, account["id"], f, w), filters=filters, count=count)
    return {**filters, **page.fields(), "meetings": page.items}
