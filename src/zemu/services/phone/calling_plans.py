"""Calling plans: the account's subscriptions, and assigning them to users and common areas.

An account's subscriptions are one document (kind ``phone_calling_plans``, id = account id):
``{"plans": [{"type", "name", "subscribed"}]}``; ``assigned`` and ``available`` are counted from
the users and common areas that hold each plan.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body
from zemu.services.phone.users import target_phone_user
from zemu.store import Tx

KIND = "phone_calling_plans"
# Zoom's calling plan types (plans reference): 200 is the seed's "Unlimited US/Canada" example
PLAN_NAMES = {
    100: "US/CA Metered Calling Plan",
    200: "US/CA Unlimited Calling Plan",
    300: "International Select Calling Plan",
}
INVALID_FIELD = ZoomError(300, "Invalid field.", 400)


def subscribe(tx: Tx, account_id: str, counts: dict[int, int]) -> None:
    plans = [{"type": kind, "name": PLAN_NAMES[kind], "subscribed": count} for kind, count in counts.items()]
    tx.put(KIND, account_id, {"plans": plans}, account_id=account_id, parent=account_id)


def subscriptions(tx: Tx, account_id: str) -> list[dict[str, Any]]:
    doc = tx.get(KIND, account_id)
    return list(doc["plans"]) if doc else []


def plan_ref(tx: Tx, account_id: str, plan_type: int) -> dict[str, Any]:
    plan = next((p for p in subscriptions(tx, account_id) if p["type"] == plan_type), None)
    if plan is None:
        raise INVALID_FIELD
    return {"type": plan_type, "name": plan["name"]}


def assigned_counts(tx: Tx, account_id: str) -> dict[int, int]:
    """How many users and common areas hold each subscribed plan (counter rows of the index)."""
    return {
        plan["type"]: sum(
            holders.count(tx, account_id, {"calling_type": plan["type"]})
            for holders in (model.PHONE_USERS, model.COMMON_AREAS)
        )
        for plan in subscriptions(tx, account_id)
    }


def list_plans(ctx: Context) -> dict[str, Any]:
    counts = assigned_counts(ctx.tx, ctx.account_id)
    plans = []
    for plan in subscriptions(ctx.tx, ctx.account_id):
        assigned = counts.get(plan["type"], 0)
        plans.append(
            {
                "assigned": assigned,
                "available": max(plan["subscribed"] - assigned, 0),
                "name": plan["name"],
                "subscribed": plan["subscribed"],
                "type": plan["type"],
            }
        )
    return {"calling_plans": plans}


def add_plans(tx: Tx, account_id: str, holder: dict[str, Any], requested: list[dict[str, Any]]) -> list[dict]:
    """Give ``holder`` the requested plans it does not hold yet; answer the plans it was given."""
    held = {plan["type"] for plan in holder.get("calling_plans", [])}
    counts = assigned_counts(tx, account_id)
    added = []
    for item in requested:
        if not isinstance(item, dict) or item.get("type") is None:
            raise INVALID_FIELD
        kind = int(item["type"])
        ref = plan_ref(tx, account_id, kind)
        if kind in held:
            continue
        subscribed = next(p["subscribed"] for p in subscriptions(tx, account_id) if p["type"] == kind)
        if counts.get(kind, 0) >= subscribed:
            raise ZoomError(300, "Not enough calling plans available.", 400)
        counts[kind] = counts.get(kind, 0) + 1
        holder.setdefault("calling_plans", []).append(ref)
        held.add(kind)
        added.append(ref)
    return added


def drop_plan(holder: dict[str, Any], plan_type: str, error: ZoomError) -> None:
    if not str(plan_type).isdigit():
        raise error
    kept = [plan for plan in holder.get("calling_plans", []) if plan["type"] != int(plan_type)]
    if len(kept) == len(holder.get("calling_plans", [])):
        raise error
    holder["calling_plans"] = kept


def assign_to_user(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    add_plans(ctx.tx, ctx.account_id, phone_user, body(ctx).get("calling_plans") or [])
    model.save_phone_user(ctx.tx, phone_user)


def unassign_from_user(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    drop_plan(phone_user, ctx.path["planType"], ctx.fail(400, "Invalid field"))
    model.save_phone_user(ctx.tx, phone_user)


def update_user_plan(ctx: Context) -> None:
    """Swap one plan for another (``source_type`` → ``target_type``)."""
    phone_user = target_phone_user(ctx)
    data = body(ctx)
    drop_plan(phone_user, str(data["source_type"]), ctx.fail(404))
    add_plans(ctx.tx, ctx.account_id, phone_user, [{"type": data["target_type"]}])
    model.save_phone_user(ctx.tx, phone_user)
