"""An auto receptionist's hours: business hours, holidays and breaks (getAutoReceptionistSettings,
addAutoReceptionistSetting, updateAutoReceptionistSetting, deleteAutoReceptionistSetting).

Business hours are kept in ``hours`` (as a call queue keeps them), holidays in ``holiday_hours``
(the receptionist's details list them, each with its ``id``), breaks in ``break_hours``. Each
holiday and break can have an IVR menu of its own (``zemu.services.phone_routing.ivr``, keyed by
its id); the call simulator plays the menu of the hour type in force on the emulated clock. A
holiday or break is checked as a user's is (``zemu.services.phone.user_hours``).
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.phone import user_hours as spans
from zemu.services.phone.common import body
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import target_receptionist

Doc = dict[str, Any]
ALWAYS_OPEN, CUSTOM = 1, 2
HOLIDAY, BREAK = spans.HOLIDAY, spans.BREAK


def business(receptionist: Doc) -> Doc:
    hours: Doc = receptionist.setdefault("hours", {})
    kept: Doc = hours.setdefault("business_hours_settings", {"business_hour_type": ALWAYS_OPEN, "business_hours": []})
    return kept


def _holiday_view(holiday: Doc) -> Doc:
    return {"holiday_id": holiday["id"], "name": holiday["name"], "from": holiday["from"], "to": holiday["to"]}


def get_settings(ctx: Context) -> Doc:
    receptionist = target_receptionist(ctx)
    wanted = ctx.query.get("setting_type") or "business_hours"
    if wanted == HOLIDAY:
        return {HOLIDAY: [_holiday_view(h) for h in receptionist.get(HOLIDAY) or []]}
    if wanted == BREAK:
        return {BREAK: list(receptionist.get(BREAK) or [])}
    return {"business_hours_settings": business(receptionist)}


def _custom(ctx: Context, receptionist: Doc) -> None:
    if business(receptionist).get("business_hour_type") != CUSTOM:
        raise ctx.fail(15104, hour_type=BREAK)


def _holiday(ctx: Context, receptionist: Doc, holiday_id: Any) -> Doc:
    found = next((h for h in receptionist.get(HOLIDAY) or [] if h["id"] == str(holiday_id or "")), None)
    if found is None:
        raise ctx.fail(15102, holidayHourId=str(holiday_id or ""))
    return found


def _break(ctx: Context, receptionist: Doc, break_id: Any) -> Doc:
    found = next((b for b in receptionist.get(BREAK) or [] if b["break_hour_id"] == str(break_id or "")), None)
    if found is None:
        raise ctx.fail(15101, breakHourId=str(break_id or ""))
    return found


def _add(ctx: Context, receptionist: Doc, kind: str, items: list[Any]) -> list[Doc]:
    if kind == HOLIDAY:
        made = [{"id": ctx.ids.uid(), **spans.checked_holiday(item, n)} for n, item in enumerate(items, 1)]
    else:
        made = [{"break_hour_id": ctx.ids.uid(), **spans.checked_break(item, n)} for n, item in enumerate(items, 1)]
        if len(receptionist.get(BREAK) or []) + len(made) > spans.MOST_BREAKS:
            raise spans.TOO_MANY_BREAKS
    receptionist[kind] = [*(receptionist.get(kind) or []), *made]
    return made


def _items(data: Doc, kind: str) -> list[Any]:
    if kind == HOLIDAY:
        return spans.listed(data, HOLIDAY, "holidays", spans.MOST_HOLIDAYS)
    return spans.listed(data, BREAK, "break_hour_settings", spans.MOST_BREAKS)


def add_setting(ctx: Context) -> Doc:
    receptionist = target_receptionist(ctx)
    kind, data = ctx.path["settingType"], body(ctx)
    if kind not in (HOLIDAY, BREAK):
        raise spans.refused(f"Invalid setting type: {kind}.")
    if kind == BREAK:
        _custom(ctx, receptionist)
    made = _add(ctx, receptionist, kind, _items(data, kind))
    model.save_auto_receptionist(ctx.tx, receptionist)
    if kind == HOLIDAY:
        return {HOLIDAY: {"holidays": [{"holiday_id": h["id"], "name": h["name"]} for h in made]}}
    return {BREAK: {"break_hour_settings": [{k: b[k] for k in ("break_hour_id", "break_hour_name")} for b in made]}}


def update_setting(ctx: Context) -> None:
    """Business hours replaced; a holiday or break naming its id changed, one without added."""
    receptionist = target_receptionist(ctx)
    kind, data = ctx.path["settingType"], body(ctx)
    if kind == "business_hours":
        if isinstance(data.get("business_hours_settings"), dict):
            business(receptionist).update(data["business_hours_settings"])
    elif kind in (HOLIDAY, BREAK):
        if kind == BREAK:
            _custom(ctx, receptionist)
        items, key = _items(data, kind), "holiday_id" if kind == HOLIDAY else "break_hour_id"
        named = [i for i in items if isinstance(i, dict) and i.get(key)]
        for number, item in enumerate(named, 1):
            if kind == HOLIDAY:
                found = _holiday(ctx, receptionist, item[key])
                found.update(spans.checked_holiday(item, number, found))
            else:
                found = _break(ctx, receptionist, item[key])
                found.update(spans.checked_break(item, number, found))
        _add(ctx, receptionist, kind, [i for i in items if i not in named])
    else:
        raise spans.refused(f"Invalid setting type: {kind}.")
    model.save_auto_receptionist(ctx.tx, receptionist)


def delete_setting(ctx: Context) -> None:
    """One holiday or break, with the menu kept for it."""
    receptionist = target_receptionist(ctx)
    kind = ctx.path["settingType"]
    if kind == HOLIDAY:
        gone = _holiday(ctx, receptionist, ctx.query.get("holiday_hour_id"))["id"]
        receptionist[HOLIDAY] = [h for h in receptionist[HOLIDAY] if h["id"] != gone]
    elif kind == BREAK:
        _custom(ctx, receptionist)
        gone = _break(ctx, receptionist, ctx.query.get("break_hour_id"))["break_hour_id"]
        receptionist[BREAK] = [b for b in receptionist[BREAK] if b["break_hour_id"] != gone]
    else:
        raise spans.refused(f"Invalid setting type: {kind}.")
    (receptionist.get("ivr") or {}).pop(f"{kind}:{gone}", None)
    model.save_auto_receptionist(ctx.tx, receptionist)
