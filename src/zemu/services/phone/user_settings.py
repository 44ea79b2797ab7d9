"""A phone user's settings: the whole tree (get, update) and its shared parts (voicemail access,
delegation assistants, desk phone), added, changed and removed one at a time.

The tree starts from the schema's defaults; the user's own values live in ``settings`` on the
phone user document; devices, numbers and the extension are read from where they are kept.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model, user_hours
from zemu.services.phone.common import body, deep_merge, defaults_of, numbers_model
from zemu.services.phone.users import target_phone_user

SUB_SETTING = ZoomError(300, "Invalid user sub-setting type.", 400)
EDITABLE = (
    "area_code",
    "audio_prompt_language",
    "default_transcription_language",
    "music_on_hold_id",
    "shared_lines_call_setting",
    "business_hours_settings",
)


def _company_number(ctx: Context, site_id: str) -> str:
    """The site's main company number, as the numbers package files it."""
    number = numbers_model().company_number(ctx.tx, ctx.account_id, site_id) if site_id else None
    return str(number["number"]) if number else ""


def settings_tree(ctx: Context, phone_user: dict[str, Any]) -> dict[str, Any]:
    tree = defaults_of("phoneUserSettings")
    tree["delegation"].pop("privileges", None)  # the schema's enum on an array has no valid default
    stored = phone_user.get("settings", {})
    deep_merge(tree, {k: v for k, v in stored.items() if k not in ("delegation", "desk_phone", "voice_mail")})
    site = model.get_site(ctx.tx, phone_user.get("site_id", "")) or {}
    numbers = [n["number"] for n in phone_user["phone_numbers"]]
    tree["extension_number"] = phone_user["extension_number"]
    tree["status"] = "Inactive" if phone_user["status"] == "deactivate" else "Active"
    tree["company_number"] = _company_number(ctx, site.get("id", ""))
    code = site.get("country", {}).get("code", "US")
    tree["country"] = {
        "code": code,
        "country_code": "1" if code in ("US", "CA") else "",
        "name": site.get("country", {}).get("name", ""),
    }
    tree["outbound_caller"] = {"number": stored.get("outbound_caller_id") or (numbers[0] if numbers else "")}
    tree["outbound_caller_ids"] = [
        {"is_default": i == 0, "name": phone_user["name"], "number": n} for i, n in enumerate(numbers)
    ]
    tree["delegation"].update({k: v for k, v in stored.get("delegation", {}).items() if k != "assistants"})
    tree["delegation"]["assistants"] = [
        _assistant(ctx, ext_id) for ext_id in stored.get("delegation", {}).get("assistants", [])
    ]
    tree["desk_phone"].update(stored.get("desk_phone", {}))
    tree["desk_phone"]["devices"] = [
        model.device_brief(d) for d in model.devices_of(ctx.tx, ctx.account_id, phone_user["extension_id"])
    ][:10]
    tree["voice_mail"] = list(stored.get("voice_mail", []))
    return tree


def _assistant(ctx: Context, extension_id: str) -> dict[str, Any]:
    found = model.extension_owner_doc(ctx.tx, extension_id)
    if found is None:
        return {"extension_id": extension_id}
    kind, doc = found
    return {
        "display_name": doc.get("name", ""),
        "extension_id": extension_id,
        "extension_number": doc["extension_number"],
        "extension_type": kind,
        "id": doc["id"],
    }


def get_settings(ctx: Context) -> dict[str, Any]:
    return settings_tree(ctx, target_phone_user(ctx))


def update_settings(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    data = body(ctx)
    stored = phone_user.setdefault("settings", {})
    if data.get("outbound_caller_id") is not None:
        caller = str(data["outbound_caller_id"])
        owned = {n["number"] for n in phone_user["phone_numbers"]}
        if caller and caller not in owned:
            raise ZoomError(400, "Invalid outbound caller ID.", 400)
        stored["outbound_caller_id"] = caller
    for key in EDITABLE:
        if data.get(key) is not None:
            stored[key] = data[key]
    user_hours.update(ctx, phone_user, data)  # after the business hours, which breaks need
    model.save_phone_user(ctx.tx, phone_user)


def add_setting(ctx: Context) -> dict[str, Any]:
    phone_user = target_phone_user(ctx)
    kind, data = ctx.path["settingType"], body(ctx)
    stored = phone_user.setdefault("settings", {})
    if kind == "delegation":
        answer = _add_assistant(ctx, phone_user, stored, data)
    elif kind == "voice_mail":
        answer = _share_voicemail(ctx, stored, data)
    else:
        raise SUB_SETTING
    model.save_phone_user(ctx.tx, phone_user)
    return answer


def _add_assistant(
    ctx: Context, phone_user: dict[str, Any], stored: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    extension_id = str(data.get("delegation_assistant_extension_id") or "")
    if not extension_id:
        raise ZoomError(300, "Delegation assistant is required.", 400)
    if model.extension_owner_doc(ctx.tx, extension_id) is None:
        raise ZoomError(300, f"User delegation assistant does not exist: {extension_id}.", 400)
    delegation = stored.setdefault("delegation", {})
    assistants = delegation.setdefault("assistants", [])
    if extension_id not in assistants and extension_id != phone_user["extension_id"]:
        assistants.append(extension_id)
    return {
        "delegation": {
            "assistants": [_assistant(ctx, e) for e in assistants],
            "privacy": bool(delegation.get("privacy", False)),
        }
    }


def _share_voicemail(ctx: Context, stored: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    share = dict(data.get("voice_mail") or {})
    if not share.get("access_user_id"):
        raise SUB_SETTING
    shares = stored.setdefault("voice_mail", [])
    if any(s["access_user_id"] == share["access_user_id"] for s in shares):
        raise ZoomError(300, "Voicemail has already been shared to the user.", 400)
    share["shared_id"] = ctx.ids.uid()
    share.setdefault("access_user_type", "user")
    shares.append(share)
    return {"voice_mail": share}


def update_setting(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    kind, data = ctx.path["settingType"], body(ctx)
    stored = phone_user.setdefault("settings", {})
    if kind == "delegation" and isinstance(data.get("delegation"), dict):
        stored.setdefault("delegation", {}).update(
            {k: v for k, v in data["delegation"].items() if k in ("privacy", "privileges", "locked")}
        )
    elif kind == "desk_phone" and isinstance(data.get("desk_phone"), dict):
        stored.setdefault("desk_phone", {}).update(
            {k: v for k, v in data["desk_phone"].items() if k in ("phone_screen_lock", "pin_code")}
        )
    elif kind == "voice_mail" and isinstance(data.get("voice_mail"), dict):
        share = next(
            (s for s in stored.get("voice_mail", []) if s["shared_id"] == data["voice_mail"].get("shared_id")), None
        )
        if share is None:
            raise ZoomError(300, f"Invalid user setting Type: {kind}.", 400)
        share.update({k: v for k, v in data["voice_mail"].items() if k in ("delete", "download")})
    else:
        raise ZoomError(300, f"Invalid user setting Type: {kind}.", 400)
    model.save_phone_user(ctx.tx, phone_user)


def delete_setting(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    kind = ctx.path["settingType"]
    stored = phone_user.setdefault("settings", {})
    if kind == "delegation":
        gone = str(ctx.query.get("assistant_extension_id") or "")
        delegation = stored.setdefault("delegation", {})
        delegation["assistants"] = [e for e in delegation.get("assistants", []) if e != gone]
    elif kind == "voice_mail":
        gone = str(ctx.query.get("shared_id") or "")
        stored["voice_mail"] = [s for s in stored.get("voice_mail", []) if s["shared_id"] != gone]
    else:
        raise SUB_SETTING
    model.save_phone_user(ctx.tx, phone_user)
