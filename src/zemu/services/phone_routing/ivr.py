"""An auto receptionist's IVR: one menu per hours type (business, closed, each holiday, each break).

A key action that routes to an extension stores only the extension id; the target's name and
number are read when the menu is shown, so a renamed queue or user shows up renamed. Deleting a
queue or receptionist disables the keys that pointed at it (``model.forget_target``).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import default_tree, op_error, target_receptionist

Doc = dict[str, Any]
HOURS = "business_hours"
KEYS = frozenset("0123456789*#")
DISCONNECT = -1
# actions that forward (2-8) or leave a voicemail (200-500) at an extension of one type
EXTENSION_ACTIONS = {
    2: "user",
    3: "zoomRoom",
    4: "commonArea",
    5: "ciscoRoom/PolycomRoom",
    6: "autoReceptionist",
    7: "callQueue",
    8: "sharedLineGroup",
    200: "user",
    300: "autoReceptionist",
    400: "callQueue",
    500: "sharedLineGroup",
}
PHONE_NUMBER_ACTIONS = {10, 19}
GREETING_ACTIONS = {12, 27, 28, 29}
NO_TARGET_ACTIONS = {DISCONNECT, 100}
STAR_HASH_ONLY = {21, 22, 23}
DIGIT_ONLY = {26}
OTHER_TARGETS = {
    9: "external_contact_id",
    15: "partner_contact_center_id",
    18: "teams_app_id",
    24: "zva_receptionist_id",
    25: "third_party_agent_id",
}
KEY_ACTIONS = (
    set(EXTENSION_ACTIONS)
    | PHONE_NUMBER_ACTIONS
    | GREETING_ACTIONS
    | NO_TARGET_ACTIONS
    | STAR_HASH_ONLY
    | DIGIT_ONLY
    | set(OTHER_TARGETS)
    | {16, 17}
)
NO_INPUT_ACTIONS = {DISCONNECT, 2, 4, 5, 6, 7, 8, 12} | PHONE_NUMBER_ACTIONS | set(OTHER_TARGETS)


# reading ---------------------------------------------------------------------------------
def menu_key(ctx: Context, receptionist: Doc, source: Doc) -> str:
    """The stored menu for the request's hours type; a holiday or break must exist."""
    hours = source.get("hours_type") or HOURS
    if hours in ("business_hours", "closed_hours"):
        return hours
    wanted = source.get("holiday_id") if hours == "holiday_hours" else source.get("break_id")
    listed = receptionist.get(hours, []) if hours == "holiday_hours" else receptionist.get("break_hours", [])
    if not wanted or wanted not in {item.get("id") or item.get("break_hour_id") for item in listed}:
        label = "Holiday hours handling" if hours == "holiday_hours" else "Break hours handling"
        raise op_error(ctx, label, str(wanted or ""), fallback=(400, 400, f"{label} does not exist: {{0}}."))
    return f"{hours}:{wanted}"


def fresh_menu() -> Doc:
    menu = default_tree("getAutoReceptionistIVR")
    menu.pop("audio_prompt", None)
    menu["caller_enters_no_action"] = {
        "action": DISCONNECT,
        "caller_no_input_timeout": menu["caller_enters_no_action"]["caller_no_input_timeout"],
        "audio_prompt_repeat": menu["caller_enters_no_action"]["audio_prompt_repeat"],
    }
    menu["key_actions"] = []
    return menu


def get_ivr(ctx: Context) -> Doc:
    receptionist = target_receptionist(ctx)
    stored = receptionist.get("ivr", {}).get(menu_key(ctx, receptionist, ctx.query)) or fresh_menu()
    return render(ctx.tx, ctx.account_id, stored)


def render(tx: Any, account_id: str, stored: Doc) -> Doc:
    out = {key: value for key, value in stored.items() if key not in ("key_actions", "caller_enters_no_action")}
    no_action = dict(stored["caller_enters_no_action"])
    if "forward_to" in no_action:
        no_action["forward_to"] = render_target(tx, account_id, no_action["forward_to"])
    out["caller_enters_no_action"] = no_action
    out["key_actions"] = [
        render_key(tx, account_id, key_action)
        for key_action in sorted(stored.get("key_actions", []), key=lambda k: _key_order(k["key"]))
    ]
    return out


def _key_order(key: str) -> tuple[int, str]:
    return (0, key) if key.isdigit() else (1, key)


def render_key(tx: Any, account_id: str, key_action: Doc) -> Doc:
    out = {"action": key_action["action"], "key": key_action["key"]}
    if key_action.get("target"):
        out["target"] = render_target(tx, account_id, key_action["target"])
    if key_action.get("voicemail_greeting_id"):
        out["voicemail_greeting"] = {"id": key_action["voicemail_greeting_id"], "name": ""}
    return out


def render_target(tx: Any, account_id: str, target: Doc) -> Doc:
    """An extension target shown with its current name and number; other targets as stored."""
    extension_id = target.get("extension_id")
    if not extension_id:
        return dict(target)
    owner = phone.owner_of_extension_id(tx, extension_id)
    doc = extension_doc(tx, account_id, owner) if owner else None
    if doc is None:
        return {"extension_id": extension_id}
    return {
        "display_name": doc.get("name") or doc.get("display_name") or "",
        "extension_id": extension_id,
        "extension_number": str(doc.get("extension_number") or ""),
        "id": doc["id"],
    }


def extension_doc(tx: Any, account_id: str, owner: Doc) -> Doc | None:
    """The document behind an extension owner; types other packages keep answer just the id."""
    if owner["type"] == model.RECEPTIONIST_TYPE:
        return model.get_auto_receptionist(tx, owner["id"], account_id)
    getters = {
        "user": phone.get_phone_user,
        "commonArea": phone.get_common_area,
        model.QUEUE_TYPE: model.get_call_queue,
    }
    getter = getters.get(owner["type"])
    return getter(tx, owner["id"]) if getter else {"id": owner["id"]}


# writing ---------------------------------------------------------------------------------
def update_ivr(ctx: Context) -> None:
    receptionist = target_receptionist(ctx)
    body = ctx.body or {}
    key = menu_key(ctx, receptionist, body)
    menus = receptionist.setdefault("ivr", {})
    menu = menus.get(key) or fresh_menu()
    if body.get("audio_prompt_id"):
        menu["audio_prompt"] = {"id": body["audio_prompt_id"], "name": ""}
    if "caller_enters_no_action" in body:
        menu["caller_enters_no_action"] = no_action_of(
            ctx, body["caller_enters_no_action"] or {}, menu["caller_enters_no_action"]
        )
    if "key_action" in body:
        set_key(ctx, menu, body["key_action"] or {})
    for flag in ("allow_callers_to_navigate_ivr", "allow_dialing_by_extension"):
        if flag in body:
            menu[flag] = {**menu[flag], **body[flag]} if isinstance(body[flag], dict) else body[flag]
    menus[key] = menu
    model.save_auto_receptionist(ctx.tx, receptionist)


def set_key(ctx: Context, menu: Doc, change: Doc) -> None:
    key = str(change.get("key", ""))
    action = change.get("action")
    if key not in KEYS or not _action_fits(action, key):
        raise invalid(ctx, r"^the action value is not correct")
    stored: Doc = {"action": action, "key": key}
    target = change.get("target") or {}
    if action in EXTENSION_ACTIONS:
        stored["target"] = {
            "extension_id": extension_target(
                ctx, target.get("extension_id"), EXTENSION_ACTIONS[action], r"^the action value"
            )
        }
    elif action in PHONE_NUMBER_ACTIONS or action in OTHER_TARGETS:
        field = "phone_number" if action in PHONE_NUMBER_ACTIONS else OTHER_TARGETS[action]
        if not target.get(field):
            raise invalid(
                ctx, r"phone number to forward to is required" if field == "phone_number" else r"^the action value"
            )
        stored["target"] = {field: target[field]}
    if action in GREETING_ACTIONS:
        if not change.get("voicemail_greeting_id"):
            raise invalid(ctx, r"voicemail greeting file id is required")
        stored["voicemail_greeting_id"] = change["voicemail_greeting_id"]
    menu["key_actions"] = [k for k in menu.get("key_actions", []) if k["key"] != key] + [stored]


def _action_fits(action: Any, key: str) -> bool:
    if not isinstance(action, int) or action not in KEY_ACTIONS:
        return False
    if action in STAR_HASH_ONLY:
        return key in "*#"
    if action in DIGIT_ONLY:
        return key.isdigit()
    return True


def no_action_of(ctx: Context, change: Doc, current: Doc) -> Doc:
    out = {k: v for k, v in current.items() if k not in ("forward_to", "voicemail_greeting")}
    for field in ("caller_no_input_timeout", "audio_prompt_repeat"):
        if change.get(field) is not None:
            out[field] = change[field]
    action = change.get("action", current.get("action", DISCONNECT))
    if action not in NO_INPUT_ACTIONS:
        raise invalid(ctx, r"enters no action after the prompt played is not correct")
    out["action"] = action
    forward = change.get("forward_to") or {}
    if action in EXTENSION_ACTIONS:
        out["forward_to"] = {
            "extension_id": extension_target(
                ctx, change.get("forward_to_extension_id"), EXTENSION_ACTIONS[action], r"noaction to forward"
            )
        }
    elif action in PHONE_NUMBER_ACTIONS or action in OTHER_TARGETS:
        field = "phone_number" if action in PHONE_NUMBER_ACTIONS else OTHER_TARGETS[action]
        if not forward.get(field):
            raise invalid(
                ctx, r"phone number to forward to is required" if field == "phone_number" else r"noaction to forward"
            )
        out["forward_to"] = {field: forward[field]}
    elif action in GREETING_ACTIONS:
        if not change.get("voicemail_greeting_id"):
            raise invalid(ctx, r"voicemail greeting file id is required")
        out["voicemail_greeting"] = {"id": change["voicemail_greeting_id"], "name": ""}
    return out


def extension_target(ctx: Context, extension_id: Any, wanted_type: str, problem: str) -> str:
    """An extension id of the account that is of the type the action routes to."""
    owner = phone.owner_of_extension_id(ctx.tx, str(extension_id or ""))
    doc = extension_doc(ctx.tx, ctx.account_id, owner) if owner and owner["type"] == wanted_type else None
    if doc is None or doc.get("account_id", ctx.account_id) != ctx.account_id:
        raise invalid(ctx, problem)
    return str(extension_id)


def invalid(ctx: Context, pattern: str) -> ZoomError:
    return op_error(ctx, pattern, fallback=(400, 300, "Validation Failed."))
