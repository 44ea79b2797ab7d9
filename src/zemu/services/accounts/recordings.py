"""The date range of an account's cloud recordings list: a month at most, within six months
(the list itself is the meetings product's)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.sim.clock import zulu

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
