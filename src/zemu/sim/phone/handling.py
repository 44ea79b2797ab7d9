"""A call to a user meets the user's call handling (``zemu.services.phone.call_handling``): in the
hour type in force on the emulated clock (a holiday of theirs, else closed or business hours by
their business hours, a break inside business hours), their phones ring for the time
their call distribution says, then a call they do not answer (or reject) goes where
``call_not_answer_action`` sends it, and a call they are too busy to take where
``busy_on_another_call_action`` does: voicemail, another extension, an outside number or
contact, or nowhere (disconnect, busy signal).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.phone import call_handling
from zemu.services.phone import model as phone
from zemu.sim.phone import hours, parties
from zemu.store import Tx

Doc = dict[str, Any]
FORWARDS = ("forward_to_extension", "forward_to_external_number", "forward_to_external_contact")
REASONS = {"missed": "No Answer", "rejected": "Rejected", "busy": "Busy"}


def unanswered(tx: Tx, callee: Doc, at: float, outcome: str) -> Doc | None:
    """What the callee's call handling does with a call placed at ``at`` that they do not take
    (``outcome`` missed, rejected or busy): ``{"action", "ring", "own", "target"?}``, or None
    when the callee is not a user."""
    user = phone.get_phone_user(tx, callee["id"]) if callee["kind"] == parties.USER else None
    if user is None:
        return None
    hour_type = _hour_type(user, callee, at)
    tree = call_handling.effective(user, hour_type)
    handling = tree["call_handling_setting"]
    key = "busy_on_another_call_action" if outcome == "busy" else "call_not_answer_action"
    action = str(handling.get(key) or "")
    found: Doc = {"action": action, "ring": _ring(tree), "own": call_handling.has_own(user), "hour_type": hour_type}
    if action in FORWARDS:
        target = _target(tx, callee, action, handling.get(key + "_setting") or {})
        if target is None:
            found["action"] = "disconnect"  # a forward to nowhere that resolves ends the call
        else:
            found["target"] = target
    return found


def also_ringing(tx: Tx, callee: Doc, at: float) -> list[Doc]:
    """The parties of Zoom Phone that ring along with the callee: the enabled numbers of their call
    forwarding (for the hour type in force) that are numbers of an account. Outside numbers ring
    too, but tell nobody."""
    user = phone.get_phone_user(tx, callee["id"]) if callee["kind"] == parties.USER else None
    if user is None or not call_handling.has_own(user):
        return []
    tree = call_handling.effective(user, _hour_type(user, callee, at))
    found: list[Doc] = []
    for forward in tree["call_forward_settings"]:
        number = str(forward.get("phone_number") or "")
        if not forward.get("enable", True) or not number:
            continue
        try:
            party = parties.resolve(tx, callee["account_id"], number, "forward")
        except ZoomError:
            continue
        known = {p.get("id") for p in found} | {callee["id"]}
        if party["internal"] and party["kind"] in (parties.USER, parties.COMMON_AREA) and party["id"] not in known:
            found.append(party)
    return found


def _hour_type(user: Doc, callee: Doc, at: float) -> str:
    settings = user.get("settings") or {}
    return hours.in_force(
        settings.get("business_hours_settings"),
        settings.get("holiday_hours"),
        settings.get("break_hours"),
        at,
        callee.get("timezone", ""),
    )


def _ring(tree: Doc) -> float:
    """How long the user's phones ring: their own, then each enabled forward number in turn
    (sequential), or all together for the longest wait (simultaneous)."""
    distribution = tree["call_distribution_setting"]
    if distribution.get("ring_mode") == "sequential":
        forwards = [f for f in tree["call_forward_settings"] if f.get("enable", True)]
        return float(distribution.get("sequential_ring_duration") or 30) * (1 + len(forwards))
    return float(distribution.get("simultaneous_ring_max_wait_time") or 30)


def _target(tx: Tx, callee: Doc, action: str, setting: Doc) -> Doc | None:
    if action == "forward_to_extension":
        ref = str((setting.get("forward_to_extension") or {}).get("extension_number") or "")
    elif action == "forward_to_external_number":
        ref = str(setting.get("forward_phone_number") or "")
    else:
        numbers = (setting.get("forward_to_external_contact") or {}).get("phone_numbers") or []
        ref = str(numbers[0]) if numbers else ""
    if not ref:
        return None
    try:
        target = parties.resolve(tx, callee["account_id"], ref, "forward")
    except ZoomError:
        return None
    return None if target.get("id") and target.get("id") == callee["id"] else target
