"""A phone user's holiday hours and break hours (addUserProfileSetting, deleteUserProfileSetting,
and the ``holiday_hours`` / ``break_hours`` of updateUserSettings).

A holiday is a dated span (``from``–``to``, UTC); a break recurs inside the user's custom
business hours, every business day or on chosen weekdays (``HH:mm``–``HH:mm`` in the user's time
zone). Both are kept in the user's ``settings`` (so the settings read shows them) and each has
call handling of its own (``zemu.services.phone.call_handling``, keyed ``holiday_hours:{id}``).
The call simulator finds the one in force on the emulated clock (``zemu.sim.phone.hours``).
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError, bad_request
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body
from zemu.services.phone.users import target_phone_user
from zemu.sim.clock import parse_zulu

Doc = dict[str, Any]
HOLIDAY, BREAK = "holiday_hours", "break_hours"
MOST_HOLIDAYS, MOST_BREAKS = 10, 5
BREAK_TYPES = ("every_business_day", "custom_hours")
CUSTOM_HOURS = 2
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
TOO_MANY_BREAKS = ZoomError(405, f"The number of items for break_hour_settings must not exceed {MOST_BREAKS}.", 400)


# Zoom's 300 (HTTP 400) with a message naming the field that is wrong
refused = bad_request


def holidays(phone_user: Doc) -> list[Doc]:
    found: list[Doc] = (phone_user.get("settings") or {}).get(HOLIDAY) or []
    return found


def breaks(phone_user: Doc) -> list[Doc]:
    found: list[Doc] = (phone_user.get("settings") or {}).get(BREAK) or []
    return found


def custom_hours(phone_user: Doc) -> bool:
    """Whether the user keeps business hours of their own (not 24 hours, 7 days a week)."""
    business = (phone_user.get("settings") or {}).get("business_hours_settings") or {}
    return bool(business.get("business_hour_type", 1) == CUSTOM_HOURS)


def require_custom_hours(ctx: Context, phone_user: Doc, hour_type: str) -> None:
    """Closed and break hours exist only beside custom business hours (Zoom's 15104)."""
    if not custom_hours(phone_user):
        raise ctx.fail(15104, hour_type=hour_type)


def holiday_of(ctx: Context, phone_user: Doc, holiday_id: Any) -> Doc:
    found = next((h for h in holidays(phone_user) if h["holiday_id"] == str(holiday_id or "")), None)
    if found is None:
        raise ctx.fail(15102, holidayHourId=str(holiday_id or ""))
    return found


def break_of(ctx: Context, phone_user: Doc, break_id: Any) -> Doc:
    found = next((b for b in breaks(phone_user) if b["break_hour_id"] == str(break_id or "")), None)
    if found is None:
        raise ctx.fail(15101, breakHourId=str(break_id or ""))
    return found


# checking ----------------------------------------------------------------------------------
def _instant(value: Any, field: str) -> float:
    try:
        return parse_zulu(str(value))
    except ValueError:
        raise refused(f"{field} must be a date and time in the form yyyy-MM-ddTHH:mm:ssZ.") from None


def checked_holiday(item: Any, number: int, current: Doc | None = None) -> Doc:
    """A holiday as asked (over ``current`` when it changes one): a name and a span that ends after it starts."""
    if not isinstance(item, dict):
        raise refused(f"holidays[{number}] must be an object.")
    merged = {**(current or {}), **{k: item[k] for k in ("name", "from", "to") if item.get(k) is not None}}
    name = str(merged.get("name") or "").strip()
    if not name:
        raise refused(f"holidays[{number}].name is required.")
    start = _instant(merged.get("from"), f"holidays[{number}].from")
    end = _instant(merged.get("to"), f"holidays[{number}].to")
    if end <= start:
        raise refused(f"holidays[{number}].to must be after its from.")
    return {"name": name, "from": str(merged["from"]), "to": str(merged["to"])}


def _span(value: Any, where: str) -> Doc:
    if not isinstance(value, dict):
        raise refused(f"{where} must be an object with from and to.")
    start, end = str(value.get("from") or ""), str(value.get("to") or "")
    if not CLOCK.match(start) or not CLOCK.match(end):
        raise refused(f"{where}.from and .to must be times in the form HH:mm.")
    if end <= start:
        raise refused(f"{where}.to must be after its from.")
    return {"from": start, "to": end}


def checked_break(item: Any, number: int, current: Doc | None = None) -> Doc:
    """A break as asked (over ``current`` when it changes one): a name, a type and its times."""
    if not isinstance(item, dict):
        raise refused(f"break_hour_settings[{number}] must be an object.")
    fields = ("break_hour_name", "break_hour_type", "break_hour_setting")
    merged = {**(current or {}), **{k: item[k] for k in fields if item.get(k) is not None}}
    where = f"break_hour_settings[{number}]"
    name = str(merged.get("break_hour_name") or "").strip()
    if not 1 <= len(name) <= 255:
        raise refused(f"{where}.break_hour_name must be 1 to 255 characters.")
    kind = merged.get("break_hour_type")
    if kind not in BREAK_TYPES:
        raise refused(f"{where}.break_hour_type must be one of {', '.join(BREAK_TYPES)}.")
    setting = merged.get("break_hour_setting")
    if kind == "every_business_day":
        shaped: Doc = _span(setting, f"{where}.break_hour_setting")
    else:
        days = (setting or {}).get("days") if isinstance(setting, dict) else None
        if not isinstance(days, list) or not 1 <= len(days) <= 7:
            raise refused(f"{where}.break_hour_setting.days must list 1 to 7 days.")
        shaped = {"days": []}
        for index, day in enumerate(days, 1):
            span = _span(day, f"{where}.break_hour_setting.days[{index}]")
            weekday = day.get("weekday")
            if isinstance(weekday, bool) or weekday not in range(1, 8):
                raise refused(f"{where}.break_hour_setting.days[{index}].weekday must be 1 (Sunday) to 7.")
            shaped["days"].append({"weekday": weekday, "enable": day.get("enable") is not False, **span})
    return {"break_hour_name": name, "break_hour_type": kind, "break_hour_setting": shaped}


def listed(data: Doc, outer: str, inner: str, most: int) -> list[Any]:
    block = data.get(outer)
    items = block.get(inner) if isinstance(block, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= most:
        raise refused(f"{outer}.{inner} must list 1 to {most} items.")
    return items


# writing -----------------------------------------------------------------------------------
def _add_holidays(ctx: Context, phone_user: Doc, items: list[Any]) -> list[Doc]:
    made = [{"holiday_id": ctx.ids.uid(), **checked_holiday(item, n)} for n, item in enumerate(items, 1)]
    phone_user.setdefault("settings", {})[HOLIDAY] = [*holidays(phone_user), *made]
    return made


def _add_breaks(ctx: Context, phone_user: Doc, items: list[Any]) -> list[Doc]:
    made = [{"break_hour_id": ctx.ids.uid(), **checked_break(item, n)} for n, item in enumerate(items, 1)]
    if len(breaks(phone_user)) + len(made) > MOST_BREAKS:
        raise TOO_MANY_BREAKS
    phone_user.setdefault("settings", {})[BREAK] = [*breaks(phone_user), *made]
    return made


def add_setting(ctx: Context) -> Doc:
    """addUserProfileSetting: holidays or breaks added; the answer names each one's id."""
    phone_user = target_phone_user(ctx)
    kind, data = ctx.path["settingType"], body(ctx)
    if kind == HOLIDAY:
        made = _add_holidays(ctx, phone_user, listed(data, HOLIDAY, "holidays", MOST_HOLIDAYS))
        answer: Doc = {HOLIDAY: {"holidays": [{"holiday_id": h["holiday_id"], "name": h["name"]} for h in made]}}
    elif kind == BREAK:
        require_custom_hours(ctx, phone_user, BREAK)
        made = _add_breaks(ctx, phone_user, listed(data, BREAK, "break_hour_settings", MOST_BREAKS))
        answer = {
            BREAK: {
                "break_hour_settings": [
                    {"break_hour_id": b["break_hour_id"], "break_hour_name": b["break_hour_name"]} for b in made
                ]
            }
        }
    else:
        raise refused(f"Invalid setting type: {kind}.")
    model.save_phone_user(ctx.tx, phone_user)
    return answer


def update(ctx: Context, phone_user: Doc, data: Doc) -> None:
    """The ``holiday_hours`` and ``break_hours`` of updateUserSettings: an item naming an id
    (``holiday_id``, ``break_hour_id``) changes that one, an item without adds one."""
    if data.get(HOLIDAY) is not None:
        items = listed(data, HOLIDAY, "holidays", MOST_HOLIDAYS)
        named = [i for i in items if isinstance(i, dict) and i.get("holiday_id")]
        changes = [(i, holiday_of(ctx, phone_user, i["holiday_id"])) for i in named]
        for number, (item, found) in enumerate(changes, 1):
            found.update(checked_holiday(item, number, found))
        _add_holidays(ctx, phone_user, [i for i in items if i not in named])
    if data.get(BREAK) is not None:
        require_custom_hours(ctx, phone_user, BREAK)
        items = listed(data, BREAK, "break_hour_settings", MOST_BREAKS)
        named = [i for i in items if isinstance(i, dict) and i.get("break_hour_id")]
        changes = [(i, break_of(ctx, phone_user, i["break_hour_id"])) for i in named]
        for number, (item, found) in enumerate(changes, 1):
            found.update(checked_break(item, number, found))
        _add_breaks(ctx, phone_user, [i for i in items if i not in named])


def delete_setting(ctx: Context) -> None:
    """deleteUserProfileSetting: one holiday or break, with the call handling kept for it."""
    phone_user = target_phone_user(ctx)
    kind = ctx.path["settingType"]
    stored = phone_user.setdefault("settings", {})
    if kind == HOLIDAY:
        gone = holiday_of(ctx, phone_user, ctx.query.get("holiday_hour_id"))["holiday_id"]
        stored[HOLIDAY] = [h for h in holidays(phone_user) if h["holiday_id"] != gone]
    elif kind == BREAK:
        require_custom_hours(ctx, phone_user, BREAK)
        gone = break_of(ctx, phone_user, ctx.query.get("break_hour_id"))["break_hour_id"]
        stored[BREAK] = [b for b in breaks(phone_user) if b["break_hour_id"] != gone]
    else:
        raise refused(f"Invalid setting type: {kind}.")
    (phone_user.get("call_handling") or {}).pop(f"{kind}:{gone}", None)
    model.save_phone_user(ctx.tx, phone_user)
