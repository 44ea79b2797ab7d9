"""``/metrics/im`` and ``/metrics/chat`` (its current name, on the master's paths too): each
active user's messages sent in a date range, read from per-user, per-day counters kept as messages
are sent."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.team_chat.model import STAT_FIELDS, stats_of
from zemu.services.users.access import account_id_of
from zemu.services.users.model import USERS

Doc = dict[str, Any]
MAX_DAYS = 31  # the dashboard answers at most a month at a time


def _days(ctx: Context) -> list[str]:
    try:
        start, end = date.fromisoformat(str(ctx.query["from"])), date.fromisoformat(str(ctx.query["to"]))
    except (KeyError, ValueError):
        raise ZoomError(300, "Invalid parameter: from/to.", 400) from None
    if end < start or (end - start).days >= MAX_DAYS:
        raise ZoomError(300, "The date range must be within one month, from before to.", 400)
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def dashboard_im(ctx: Context) -> Doc:
    days = _days(ctx)

    def row(user: Doc) -> Doc:
        totals = dict.fromkeys(STAT_FIELDS, 0)
        for day in days:
            for key, value in (stats_of(ctx.tx, user["id"], day) or {}).items():
                totals[key] += value
        return {"user_id": user["id"], "user_name": user.get("display_name", ""), "email": user["email"], **totals}

    page = USERS.page(ctx, scope=account_id_of(ctx), where={"status": "active"}, shape=row, total=False)
    return {
        "from": days[0],
        "to": days[-1],
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "users": page.items,
    }
