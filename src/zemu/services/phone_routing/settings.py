"""A call queue's hours (business, holiday, break) and its call handling per hours type.

Both trees start as their schemas' defaults. Business hours default to type 1 (24 hours a day,
7 days a week), in which case Zoom refuses closed- and break-hour handling until custom hours
(type 2) are set.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import default_tree, op_error, target_queue
from zemu.services.phone_routing.ivr import extension_doc
from zemu.services.phone_routing.policies import merge_known

Doc = dict[str, Any]
ALWAYS_OPEN = 1
# the extension references inside an overflow action, shown with the extension's name and number
EXTENSION_REFS = ("leave_voicemail_to", "operator_extension", "forward_to_extension")


def hours_of(queue: Doc) -> Doc:
    hours = queue.get("hours")
    if not hours:
        tree = default_tree("getCallQueueSettings")
        hours = {
            "business_hours_settings": tree.get("business_hours_settings")
            or {"business_hours": [], "business_hour_type": ALWAYS_OPEN},
            "holiday_hours": [],
            "break_hours": [],
        }
        queue["hours"] = hours
    return hours


def get_settings(ctx: Context) -> Doc:
    hours = hours_of(target_queue(ctx))
    wanted = ctx.query.get("setting_type")
    if wanted == "business_hours":
        return {"business_hours_settings": hours["business_hours_settings"]}
    if wanted in ("holiday_hours", "break_hours"):
        return {wanted: hours[wanted]}
    return hours


def update_setting(ctx: Context) -> None:
    queue = target_queue(ctx)
    hours = hours_of(queue)
    body = ctx.body or {}
    kind = ctx.path["settingType"]
    if kind == "business_hours" and body.get("business_hours_settings"):
        hours["business_hours_settings"] = {**hours["business_hours_settings"], **body["business_hours_settings"]}
    elif kind == "holiday_hours":
        holidays = (body.get("holiday_hours") or {}).get("holidays") or []
        hours["holiday_hours"] = [{"id": ctx.ids.uid(), **holiday} for holiday in holidays]
    elif kind == "break_hours":
        breaks = (body.get("break_hours") or {}).get("break_hour_settings") or []
        hours["break_hours"] = [
            {**item, "break_hour_id": item.get("break_hour_id") or ctx.ids.uid()} for item in breaks
        ]
    model.save_call_queue(ctx.tx, queue)


# call handling ---------------------------------------------------------------------------
def handling_key(ctx: Context, queue: Doc, hour_type: str, source: Doc) -> str:
    hours = hours_of(queue)
    if hour_type == "holiday_hours":
        wanted = str(source.get("holiday_hour_id") or "")
        if wanted not in {h.get("id") for h in hours["holiday_hours"]}:
            raise op_error(ctx, r"holiday hour does not exist", wanted)
        return f"holiday_hours:{wanted}"
    if hour_type == "break_hours":
        wanted = str(source.get("break_hour_id") or "")
        if wanted not in {b.get("break_hour_id") for b in hours["break_hours"]}:
            raise op_error(ctx, r"break hour does not exist", wanted)
        return f"break_hours:{wanted}"
    return hour_type


def get_call_handling(ctx: Context) -> Doc:
    queue = target_queue(ctx)
    key = handling_key(ctx, queue, ctx.query.get("hour_type") or "business_hours", ctx.query)
    return queue.get("call_handling", {}).get(key) or default_tree("getCallQueueCallHandlingSetting")


def update_call_handling(ctx: Context) -> None:
    queue = target_queue(ctx)
    hour_type = ctx.path["hourType"]
    body = ctx.body or {}
    key = handling_key(ctx, queue, hour_type, body)
    if (
        hour_type != "business_hours"
        and hours_of(queue)["business_hours_settings"].get("business_hour_type") == ALWAYS_OPEN
    ):
        raise op_error(ctx, r"cannot be updated when business hours", hour_type)
    handling = queue.setdefault("call_handling", {})
    current = handling.get(key) or default_tree("getCallQueueCallHandlingSetting")
    for section in ("greeting_setting", "call_distribution_setting"):
        if isinstance(body.get(section), dict):
            merge_known(current[section], body[section])
    if isinstance(body.get("call_handling_setting"), dict):
        current["call_handling_setting"] = overflow_of(
            ctx, body["call_handling_setting"], current["call_handling_setting"]
        )
    handling[key] = current
    model.save_call_queue(ctx.tx, queue)


def overflow_of(ctx: Context, change: Doc, current: Doc) -> Doc:
    """A new overflow action replaces the old one's settings; extension ids must exist."""
    out = dict(current)
    if change.get("overflow_action"):
        out["overflow_action"] = change["overflow_action"]
    setting = change.get("overflow_action_setting")
    if isinstance(setting, dict):
        out["overflow_action_setting"] = {
            name: extension_ref(ctx, value) if name in EXTENSION_REFS else value for name, value in setting.items()
        }
    return out


def extension_ref(ctx: Context, ref: Any) -> Any:
    if not isinstance(ref, dict) or not ref.get("extension_id"):
        return ref
    extension_id = str(ref["extension_id"])
    owner = phone.owner_of_extension_id(ctx.tx, extension_id)
    doc = extension_doc(ctx.tx, ctx.account_id, owner) if owner else None
    if doc is None or owner is None:
        raise op_error(
            ctx,
            r"extension does not exist",
            extension_id,
            fallback=(400, 13808, "Extension does not exist: {extension_id}."),
        )
    number = doc.get("extension_number")
    return {
        "extension_id": extension_id,
        "extension_number": int(number) if number else 0,
        "extension_name": doc.get("name") or "",
        "extension_type": owner["type"],
    }
