"""An account's cloud recordings, as the store holds them, a month at most per request.

Recordings are documents of ``model.RECORDINGS`` listed in their account by the meeting's start
time (``yyyy-MM-ddTHH:mm:ssZ``), so a date range is a sort-key range of the index; the list view
saved with each is its item of Zoom's list (``meetings[]``). ``file_recording`` files one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts.access import target_account
from zemu.services.accounts.model import RECORDINGS
from zemu.services.context import Context
from zemu.sim.clock import zulu
from zemu.store import Tx


def file_recording(tx: Tx, account_id: str, item: dict[str, Any]) -> None:
    RECORDINGS.save(tx, {"id": item["uuid"], "account_id": account_id, "item": item})
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


def list_recordings(ctx: Context) -> dict[str, Any]:
    account = target_account(ctx)
    start, to = _range(ctx)
    page = RECORDINGS.page(ctx, scope=account["id"], lo=f"{start.isoformat()}T00:00:00Z",
                           hi=f"{to.isoformat()}T23:59:59Z")
    return {"from": start.isoformat(), "to": to.isoformat(), **page.fields(), "meetings": page.items}
