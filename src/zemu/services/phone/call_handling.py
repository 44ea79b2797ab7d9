"""A phone user's call handling, per hour type (business, closed, each holiday, each break):
how long their phones ring, the numbers calls are also forwarded to, and what happens to a call
they do not answer or cannot take because they are busy (voicemail, another extension, an
outside number or contact, disconnect). The call simulator plays calls to the user by it
(``zemu.sim.phone.handling``).

Kept on the phone user document (``call_handling``: hour type -> tree; a holiday's or a break's
under ``holiday_hours:{id}`` / ``break_hours:{id}``, the ids of ``user_hours``). A user who never
set it gets the tree their other settings imply: unanswered calls go to voicemail when the
user's voicemail policy is on, else they end; a busy line plays the busy signal. A holiday or a
break with no handling of its own takes the user's closed-hours handling, as it starts from it.
"""

from __future__ import annotations

import copy
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import external_contacts, model, user_hours
from zemu.services.phone.users import target_phone_user

Doc = dict[str, Any]
HOUR_TYPES = ("business_hours", "closed_hours")
FIELDS = ("call_forward_settings", "call_distribution_setting", "call_handling_setting")
MAX_FORWARDS = 10
RING_SECONDS = 30  # how long the user's phones ring by default before the unanswered action
ACTIONS = ("call_not_answer_action", "busy_on_another_call_action")


def defaults(phone_user: Doc) -> Doc:
    """The call handling a user has without having set any."""
    voicemail = ((phone_user.get("policy") or {}).get("voicemail") or {}).get("enable") is True
    return {
        "call_forward_settings": [],
        "call_distribution_setting": {
            "ring_mode": "simultaneous",
            "simultaneous_ring_max_wait_time": RING_SECONDS,
            "sequential_ring_duration": RING_SECONDS,
        },
        "call_handling_setting": {
            "call_not_answer_action": "forward_to_voicemail" if voicemail else "disconnect",
            "busy_on_another_call_action": "play_busy_signal",
        },
    }


def effective(phone_user: Doc, hour_type: str) -> Doc:
    """The user's call handling for ``hour_type`` (a holiday's or break's key too): what they set
    over what their settings imply."""
    tree = defaults(phone_user)
    kept = phone_user.get("call_handling") or {}
    stored = kept.get(hour_type) or ({} if hour_type in HOUR_TYPES else kept.get("closed_hours") or {})
    tree["call_forward_settings"] = [dict(f) for f in stored.get("call_forward_settings", [])]
    tree["call_distribution_setting"].update(stored.get("call_distribution_setting") or {})
    tree["call_handling_setting"].update(stored.get("call_handling_setting") or {})
    return tree


def has_own(phone_user: Doc) -> bool:
    """Whether the user set any call handling of their own."""
    return any(phone_user.get("call_handling") or {})


def _hour_type(ctx: Context, phone_user: Doc, value: Any, source: Doc, *, writing: bool) -> str:
    """The key the request's hour type keeps its handling under; a holiday or break named by
    ``holiday_hour_id`` / ``break_hour_id`` in ``source`` must exist, and closed and break hours
    are written only beside custom business hours (Zoom's 15104)."""
    hour_type = str(value or "business_hours")
    if writing and hour_type in ("closed_hours", user_hours.BREAK):
        user_hours.require_custom_hours(ctx, phone_user, hour_type)
    if hour_type == user_hours.HOLIDAY:
        return f"{hour_type}:{user_hours.holiday_of(ctx, phone_user, source.get('holiday_hour_id'))['holiday_id']}"
    if hour_type == user_hours.BREAK:
        return f"{hour_type}:{user_hours.break_of(ctx, phone_user, source.get('break_hour_id'))['break_hour_id']}"
    return hour_type


def get_setting(ctx: Context) -> Doc:
    phone_user = target_phone_user(ctx)
    return effective(phone_user, _hour_type(ctx, phone_user, ctx.query.get("hour_type"), ctx.query, writing=False))


def _stored(phone_user: Doc, hour_type: str) -> Doc:
    """The handling kept for ``hour_type``; a holiday's or break's first write starts from the
    closed-hours handling it took until then."""
    kept = phone_user.setdefault("call_handling", {})
    if hour_type not in kept and hour_type not in HOUR_TYPES:
        kept[hour_type] = copy.deepcopy(kept.get("closed_hours") or {})
    tree: Doc = kept.setdefault(hour_type, {})
    return tree


def _contact(ctx: Context, ref: Any) -> Doc:
    contact_id = str((ref or {}).get("external_contact_id") or "")
    contact = external_contacts.CONTACTS.get(ctx.tx, contact_id)
    if contact is None or contact.get("account_id") != ctx.account_id:
        raise ctx.fail(13810, **{"0": contact_id})
    return {
        "external_contact_id": contact["id"],
        "external_contact_name": contact.get("name", ""),
        "external_contact_email": contact.get("email", ""),
        "phone_numbers": list(contact.get("phone_numbers") or [])[:10],
    }


def _extension(ctx: Context, ref: Any) -> Doc:
    from zemu.services.phone_routing.ivr import extension_doc  # routing builds on phone, not back

    extension_id = str((ref or {}).get("extension_id") or "")
    owner = model.owner_of_extension_id(ctx.tx, extension_id)
    doc = extension_doc(ctx.tx, ctx.account_id, owner) if owner else None
    if owner is None or doc is None or doc.get("account_id", ctx.account_id) != ctx.account_id:
        raise ctx.fail(13808, extension_id=extension_id)
    return {
        "extension_id": extension_id,
        "extension_number": int(doc.get("extension_number") or 0),
        "extension_name": doc.get("name") or doc.get("display_name") or "",
        "extension_type": owner["type"],
    }


def _action_setting(ctx: Context, setting: Any) -> Doc:
    """An action's setting with its references resolved to what they name."""
    out: Doc = dict(setting or {})
    if "forward_to_extension" in out:
        out["forward_to_extension"] = _extension(ctx, out["forward_to_extension"])
    if "operator_extension" in out:
        out["operator_extension"] = _extension(ctx, out["operator_extension"])
    if "forward_to_external_contact" in out:
        out["forward_to_external_contact"] = _contact(ctx, out["forward_to_external_contact"])
    return out


def _handling(ctx: Context, current: Doc, change: Doc) -> Doc:
    merged = dict(current)
    for action in ACTIONS:
        if change.get(action) is not None:
            merged[action] = change[action]
            merged.pop(action + "_setting", None)
        if change.get(action + "_setting") is not None:
            merged[action + "_setting"] = _action_setting(ctx, change[action + "_setting"])
    return merged


def update_setting(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    change = ctx.body or {}
    hour_type = _hour_type(ctx, phone_user, ctx.path["hourType"], change, writing=True)
    stored = _stored(phone_user, hour_type)
    forwards = {f["call_forward_id"]: f for f in stored.get("call_forward_settings", [])}
    for item in change.get("call_forward_settings") or []:
        found = forwards.get(str(item.get("call_forward_id") or ""))
        if found is None:
            raise ctx.fail(15103, callForwardId=item.get("call_forward_id"))
        found.update({k: item[k] for k in ("enable", "phone_number", "phone_number_description") if k in item})
        if item.get("external_contact"):
            found["external_contact"] = _contact(ctx, item["external_contact"])
    if isinstance(change.get("call_distribution_setting"), dict):
        stored.setdefault("call_distribution_setting", {}).update(change["call_distribution_setting"])
    if isinstance(change.get("call_handling_setting"), dict):
        stored["call_handling_setting"] = _handling(
            ctx, stored.get("call_handling_setting") or {}, change["call_handling_setting"]
        )
    model.save_phone_user(ctx.tx, phone_user)


def add_forward(ctx: Context) -> Doc:
    phone_user = target_phone_user(ctx)
    hour_type = _hour_type(ctx, phone_user, ctx.path["hourType"], ctx.body or {}, writing=True)
    stored = _stored(phone_user, hour_type)
    forwards = stored.setdefault("call_forward_settings", [])
    wanted = (ctx.body or {}).get("call_forward_settings") or []
    if len(forwards) + len(wanted) > MAX_FORWARDS:
        raise ZoomError(405, f"The number of items for call_forward_settings must not exceed {MAX_FORWARDS}.", 400)
    made = []
    for item in wanted:
        forward: Doc = {
            "call_forward_id": ctx.ids.uid(),
            "enable": bool(item.get("enable", True)),
            "phone_number": str(item.get("phone_number") or ""),
            "phone_number_description": str(item.get("phone_number_description") or ""),
        }
        if item.get("external_contact"):
            forward["external_contact"] = _contact(ctx, item["external_contact"])
        forwards.append(forward)
        made.append({"call_forward_id": forward["call_forward_id"]})
    model.save_phone_user(ctx.tx, phone_user)
    return {"call_forward_settings": made}


def delete_forward(ctx: Context) -> None:
    """One forward number of an hour type; under holiday or break hours, of whichever holiday or
    break keeps it (the operation names no holiday or break)."""
    phone_user = target_phone_user(ctx)
    hour_type = str(ctx.path["hourType"])
    if hour_type in ("closed_hours", user_hours.BREAK):
        user_hours.require_custom_hours(ctx, phone_user, hour_type)
    gone = str(ctx.query.get("call_forward_id") or "")
    for key, stored in (phone_user.get("call_handling") or {}).items():
        if key.partition(":")[0] != hour_type:
            continue
        kept = [f for f in stored.get("call_forward_settings", []) if f["call_forward_id"] != gone]
        if len(kept) < len(stored.get("call_forward_settings", [])):
            stored["call_forward_settings"] = kept
            model.save_phone_user(ctx.tx, phone_user)
            return
    raise ctx.fail(15103, callForwardId=gone)
