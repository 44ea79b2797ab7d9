"""Whether business hours are open at an emulated moment, in the owner's own time zone, and
which holiday or break is in force then.

Zoom's business hours: ``business_hour_type`` 1 is always open, 2 custom; each day of the custom
week (``weekday`` 1 Sunday … 7 Saturday) is closed (``type`` 0), open all day (1) or open
``from``–``to`` (2, ``HH:mm``). A holiday runs ``from``–``to`` (UTC date-times); a break, only
inside custom business hours, every business day (``from``–``to``) or on the weekdays it lists.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from zemu.sim.clock import parse_zulu

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


def _local(at: float, timezone: str) -> tuple[int, int]:
    """The weekday (Sunday 1 … Saturday 7) and the minute of the day at ``at`` in ``timezone``."""
    local = datetime.fromtimestamp(at, _zone(timezone))
    return (local.isoweekday() % 7) + 1, local.hour * 60 + local.minute


def _within(span: dict[str, Any], now: int) -> bool:
    start, end = _minutes(span.get("from")), _minutes(span.get("to"))
    return start is not None and end is not None and start <= now < end


def is_open(settings: dict[str, Any] | None, at: float, timezone: str) -> bool:
    if not settings or settings.get("business_hour_type", ALWAYS_OPEN) != CUSTOM:
        return True
    weekday, now = _local(at, timezone)
    day = next((d for d in settings.get("business_hours") or [] if d.get("weekday") == weekday), None)
    if day is None or day.get("type") == CLOSED_DAY:
        return False
    return day.get("type") == OPEN_DAY or _within(day, now)


def holiday_at(holidays: list[dict[str, Any]] | None, at: float) -> dict[str, Any] | None:
    """The holiday ``at`` falls in (the first listed, where two overlap)."""
    for holiday in holidays or []:
        try:
            if parse_zulu(str(holiday.get("from"))) <= at < parse_zulu(str(holiday.get("to"))):
                return holiday
        except ValueError:
            continue
    return None


def break_at(
    settings: dict[str, Any] | None, breaks: list[dict[str, Any]] | None, at: float, timezone: str
) -> dict[str, Any] | None:
    """The break ``at`` falls in, when the business hours are custom and open then."""
    if not settings or settings.get("business_hour_type") != CUSTOM or not is_open(settings, at, timezone):
        return None
    weekday, now = _local(at, timezone)
    for pause in breaks or []:
        setting = pause.get("break_hour_setting") or {}
        if pause.get("break_hour_type") == "custom_hours":
            spans = [d for d in setting.get("days") or [] if d.get("weekday") == weekday and d.get("enable", True)]
        else:
            spans = [setting]
        if any(_within(span, now) for span in spans):
            return pause
    return None


def in_force(
    business: dict[str, Any] | None,
    holidays: list[dict[str, Any]] | None,
    breaks: list[dict[str, Any]] | None,
    at: float,
    timezone: str,
) -> str:
    """The hour type in force at ``at``, as its handling is keyed: ``holiday_hours:{id}``, else
    ``closed_hours``, ``break_hours:{id}`` or ``business_hours`` (ids as ``holiday_id`` /
    ``break_hour_id``, or ``id`` where the owner's documents name them so)."""
    holiday = holiday_at(holidays, at)
    if holiday is not None:
        return f"holiday_hours:{holiday.get('holiday_id') or holiday.get('id')}"
    if not is_open(business, at, timezone):
        return "closed_hours"
    pause = break_at(business, breaks, at, timezone)
    return f"break_hours:{pause.get('break_hour_id') or pause.get('id')}" if pause is not None else "business_hours"
