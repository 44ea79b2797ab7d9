"""Plans of a sub-account paid by its master: the base plan, add-ons, their rules and usage.

A plan document per account holds the base plan and the add-ons. Rules, as Zoom states them:
one active base subscription per account; add-ons need an active base plan; a type is
subscribed once; a cancelled plan is no longer updatable; the base plan is cancelled only after
every add-on; none of this applies to a sub-account that pays for itself.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts import billing
from zemu.services.accounts.access import sub_account, target_account
from zemu.services.accounts.model import get_part, put_part, save_account
from zemu.services.context import Context
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "account_plans"
# Base plan families, recognised from the plan type, with the host counts Zoom allows for each.
BASE_FAMILIES = (
    ("trial", "Free Trial", 1, 9999),
    ("edu", "Education", 20, 149),
    ("business", "Business", 10, 49),
    ("", "Pro", 1, 9),
)
# Add-on families: (word in the plan type, response field, label, several allowed at once).
ADDON_FAMILIES = (
    ("room_connector", "plan_room_connector", "Room Connector", False),
    ("zroom", "plan_zoom_rooms", "Zoom Rooms", False),
    ("zoom_rooms", "plan_zoom_rooms", "Zoom Rooms", False),
    ("webinar", "plan_webinar", "Webinar", True),
    ("large", "plan_large_meeting", "Large Meeting", True),
    ("cmr", "plan_recording", "Cloud Recording", False),
    ("recording", "plan_recording", "Cloud Recording", False),
    ("audio", "plan_audio", "Audio Conferencing", False),
    ("phone", "plan_phone", "Zoom Phone", False),
)
ADDON_FIELDS = tuple(dict.fromkeys(field for _, field, _, _ in ADDON_FAMILIES))
NO_BASE = "Cannot update Additional plan for a sub account under free plan."


def _plans(tx: Tx, account_id: str) -> dict[str, Any]:
    return get_part(tx, KIND, account_id) or {"plan_base": None, "addons": []}


def active_base(tx: Tx, account_id: str) -> dict[str, Any] | None:
    base = _plans(tx, account_id)["plan_base"]
    return base if base and base["status"] == "active" else None


def has_plan(tx: Tx, account_id: str) -> bool:
    return _plans(tx, account_id)["plan_base"] is not None


def _active_addons(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [addon for addon in doc["addons"] if addon["status"] == "active"]


def _base_family(plan_type: str) -> tuple[str, int, int]:
    word, name, low, high = next(f for f in BASE_FAMILIES if f[0] in plan_type.lower())
    return name, low, high


def _addon_family(plan_type: str) -> tuple[str, str, bool]:
    for word, field, label, many in ADDON_FAMILIES:
        if word in plan_type.lower():
            return field, label, many
    raise ZoomError(2100, f"Invalid Additional Plan Type: {plan_type}.", 400)


def _paying_sub(ctx: Context) -> dict[str, Any]:
    """The sub-account in the path, whose bills its master pays."""
    account = sub_account(ctx)
    if account.get("options", {}).get("pay_mode", "master") == "sub":
        raise ZoomError(2100, "This sub account is on self pay mode.", 400)
    return account


def _check_hosts(plan: dict[str, Any]) -> None:
    if not isinstance(plan.get("type"), str) or not isinstance(plan.get("hosts"), int):
        raise ValidationFailed([{"field": "plan_base", "message": "Invalid field."}])
    _, low, high = _base_family(plan["type"])
    if plan["hosts"] < low:
        raise ZoomError(300, f"Buy hosts must equal or larger than {low}.", 400)
    if plan["hosts"] > high:
        raise ZoomError(300, f"Buy hosts must equal or smaller than {high}.", 400)


def _save(ctx: Context, account: dict[str, Any], doc: dict[str, Any]) -> None:
    put_part(ctx.tx, KIND, account["id"], doc)
    base = doc["plan_base"]
    if base and base["status"] == "active":
        account["account_type"] = _base_family(base["type"])[0]
        account["seats"] = base["hosts"]
    # Zoom Phone is on exactly while the account holds an active phone plan
    account["phone_enabled"] = any(_addon_family(a["type"])[0] == "plan_phone" for a in _active_addons(doc))
    save_account(ctx.tx, account)


def view(doc: dict[str, Any]) -> dict[str, Any]:
    """The plan information body: the base plan and the active add-ons by family."""
    out: dict[str, Any] = {}
    if doc["plan_base"]:
        out["plan_base"] = dict(doc["plan_base"])
    for addon in _active_addons(doc):
        field, _, many = _addon_family(addon["type"])
        entry = {"type": addon["type"], "hosts": addon["hosts"]}
        if field == "plan_recording":
            out[field] = addon["type"]
        elif many:
            out.setdefault(field, []).append(entry)
        else:
            out[field] = entry
    return out


def get_plans(ctx: Context) -> dict[str, Any]:
    account = sub_account(ctx)
    return view(_plans(ctx.tx, account["id"]))


def subscribe(ctx: Context) -> None:
    account = _paying_sub(ctx)
    doc = _plans(ctx.tx, account["id"])
    if active_base(ctx.tx, account["id"]):
        raise ZoomError(200, "One zuora account only can have one active billing subscription.", 400)
    base = ctx.body.get("plan_base")
    if not base:
        raise ValidationFailed([{"field": "plan_base", "message": "Invalid field."}])
    _check_hosts(base)
    doc = {"plan_base": _new_plan(ctx, base), "addons": [a for a in doc["addons"] if a["status"] != "active"]}
    for field in ADDON_FIELDS:
        for plan in _addons_in_body(ctx.body.get(field)):
            _add(doc, _new_plan(ctx, plan))
    if ctx.body.get("contact"):
        billing.merge_contact(ctx.tx, account["id"], ctx.body["contact"])
    _save(ctx, account, doc)


def _addons_in_body(value: Any) -> list[dict[str, Any]]:
    """Add-ons as the subscribe body gives them: an object, a list of objects, or a type name."""
    if not value:
        return []
    if isinstance(value, str):
        return [{"type": value, "hosts": 1}]
    return value if isinstance(value, list) else [value]


def _new_plan(ctx: Context, plan: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(plan, dict) or not isinstance(plan.get("type"), str):
        raise ValidationFailed([{"field": "type", "message": "Invalid field."}])
    return {
        "type": plan["type"],
        "hosts": int(plan.get("hosts") or 1),
        "status": "active",
        "service_effective_date": zulu(ctx.now),
        "next_invoice_date": zulu(ctx.now + 30 * 86400),
    }


def _add(doc: dict[str, Any], plan: dict[str, Any]) -> None:
    field, label, many = _addon_family(plan["type"])
    for addon in _active_addons(doc):
        same_family = _addon_family(addon["type"])[0] == field
        if addon["type"] == plan["type"] or (same_family and not many):
            raise ZoomError(
                2100, f"Additional {label} plan cannot be added to a sub account that already has a {label} plan.", 400
            )
    doc["addons"].append(plan)


def add_addon(ctx: Context) -> None:
    account = _paying_sub(ctx)
    doc = _plans(ctx.tx, account["id"])
    if not active_base(ctx.tx, account["id"]):
        raise ZoomError(2100, NO_BASE, 400)
    plan = _new_plan(ctx, ctx.body)
    _add(doc, plan)
    _save(ctx, account, doc)


def _find_addon(doc: dict[str, Any], plan_type: str) -> dict[str, Any]:
    field, _, many = _addon_family(plan_type)
    for addon in _active_addons(doc):
        if addon["type"] == plan_type or (not many and _addon_family(addon["type"])[0] == field):
            return addon
    raise ZoomError(200, f"You don’t have subscription for ({plan_type}) yet.", 400)


def update_addon(ctx: Context) -> None:
    account = _paying_sub(ctx)
    doc = _plans(ctx.tx, account["id"])
    if not active_base(ctx.tx, account["id"]):
        raise ZoomError(2100, NO_BASE, 400)
    addon = _find_addon(doc, ctx.body["type"])
    addon.update(type=ctx.body["type"], hosts=ctx.body["hosts"])
    _save(ctx, account, doc)


def cancel_addon(ctx: Context) -> None:
    account = _paying_sub(ctx)
    _require_cancel(ctx.body)
    if not ctx.body.get("type"):
        raise ZoomError(300, "Plan type is required.", 400)
    doc = _plans(ctx.tx, account["id"])
    _find_addon(doc, ctx.body["type"])["status"] = "cancelled"
    _save(ctx, account, doc)


def update_base(ctx: Context) -> None:
    account = _paying_sub(ctx)
    doc = _plans(ctx.tx, account["id"])
    base = active_base(ctx.tx, account["id"])
    if base is None:
        raise ZoomError(200, "You do not have a subscription yet.", 400)
    old_family, new_family = _base_family(base["type"])[0], _base_family(ctx.body["type"])[0]
    if old_family != new_family:
        raise ZoomError(
            300, f"Plan types do not match, oldPlanType: {base['type']} newPlanType: {ctx.body['type']}.", 400
        )
    _check_hosts(ctx.body)
    doc["plan_base"].update(type=ctx.body["type"], hosts=ctx.body["hosts"])
    _save(ctx, account, doc)


def cancel_base(ctx: Context) -> None:
    account = _paying_sub(ctx)
    _require_cancel(ctx.body)
    doc = _plans(ctx.tx, account["id"])
    if active_base(ctx.tx, account["id"]) is None:
        raise ZoomError(200, "You don’t have a major subscription yet.", 400)
    if _active_addons(doc):
        raise ZoomError(200, "You should first cancel all additional subscriptions.", 400)
    doc["plan_base"]["status"] = "cancelled"
    _save(ctx, account, doc)


def _require_cancel(body: dict[str, Any]) -> None:
    if body.get("action", "cancel") != "cancel":
        raise ValidationFailed([{"field": "action", "message": "Invalid field."}])


def usage(ctx: Context) -> dict[str, Any]:
    """Plan usage computed from state: licensed users against the base plan's hosts."""
    account = target_account(ctx)
    plans = view(_plans(ctx.tx, account["id"]))
    out: dict[str, Any] = {}
    if "plan_base" in plans:
        base = plans["plan_base"]
        out["plan_base"] = {
            "type": base["type"],
            "hosts": base["hosts"],
            "usage": licensed_users(ctx.tx, account["id"]),
            "pending": 0,
        }
    for field in ("plan_webinar", "plan_large_meeting"):
        if field in plans:
            out[field] = [{**plan, "usage": 0, "pending": 0} for plan in plans[field]]
    if "plan_zoom_rooms" in plans:
        out["plan_zoom_rooms"] = {**plans["plan_zoom_rooms"], "usage": 0, "pending": 0}
    if "plan_recording" in plans:
        storage = ("free_storage", "free_storage_usage", "plan_storage", "plan_storage_usage", "plan_storage_exceed")
        out["plan_recording"] = {"type": plans["plan_recording"], **dict.fromkeys(storage, "")}
    return out


def licensed_users(tx: Tx, account_id: str) -> int:
    """Active licensed users: one counter row of the users collection."""
    from zemu.services.users.model import USERS  # users build on accounts, not the other way round

    return USERS.count(tx, account_id, {"licensed": True})
