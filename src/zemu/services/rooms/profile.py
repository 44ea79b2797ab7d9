"""The account's Zoom Rooms profile: the support contact and passcode every room starts from."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.rooms.access import account

Doc = dict[str, Any]
KIND = "zr_account_profile"
BASIC = ("required_code_to_ext", "room_passcode", "support_email", "support_phone")


def _profile(ctx: Context, account_id: str) -> Doc:
    found = ctx.tx.get(KIND, account_id)
    return found or {
        "basic": {"required_code_to_ext": False, "support_phone": ""},
        "setup": {"apply_background_image_to_all_displays": False, "background_image_info": []},
    }


def get_account_profile(ctx: Context) -> Doc:
    return _profile(ctx, account(ctx))


def update_account_profile(ctx: Context) -> None:
    account_id = account(ctx)
    profile = _profile(ctx, account_id)
    body = ctx.body or {}
    profile["basic"].update({k: v for k, v in (body.get("basic") or {}).items() if k in BASIC})
    setup = body.get("setup") or {}
    if "apply_background_image_to_all_displays" in setup:
        profile["setup"]["apply_background_image_to_all_displays"] = setup["apply_background_image_to_all_displays"]
    if "background_image_info" in setup:
        profile["setup"]["background_image_info"] = setup["background_image_info"]
    ctx.tx.put(KIND, account_id, profile, account_id=account_id, parent=account_id)
