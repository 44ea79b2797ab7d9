"""Whether business hours are open at an emulated moment, in the owner's own time zone.

Zoom's business hours: ``business_hour_type`` 1 is always open, 2 custom; each day of the custom
week (``weekday`` 1 Sunday … 7 Saturday) is closed (``type`` 0), open all day (1) or open
``from``–``to`` (2, ``HH:mm``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ALWAYS_OPEN, CUSTOM = 1, 2
CLOSED_DAY, OPEN_DAY, HOURS_DAY = 0, 1, 2


def _zone(name: str) -> ZoneInfo | Any:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _minutes(text: Any) -> int | None:
    try:
        hours, minutes = str(text).split(":")[:2]
        return int(hours) * 60 + int(minutes)
    except ValueError:
        return None


def is_open(settings: dict[str, Any] | None, at: float, timezone: str) -> bool:
    if not settings or settings.get("business_hour_type", ALWAYS_OPEN) != CUSTOM:
        return True
    local = datetime.fromtimestamp(at, _zone(timezone))
    weekday = (local.isoweekday() % 7) + 1  # Sunday 1 … Saturday 7
    day = next((d for d in settings.get("business_hours") or [] if d.get("weekday") == weekday), None)
    if day is None or day.get("type") == CLOSED_DAY:
        return False
    if day.get("type") == OPEN_DAY:
        return True
    start, end = _minutes(day.get("from")), _minutes(day.get("to"))
    now = local.hour * 60 + local.minute
    return start is not None and end is not None and start <= now < end
