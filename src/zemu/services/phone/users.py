"""Phone users: the Zoom Phone profile of a zemu user (list with filters, get, update).

A phone user keeps what its list item shows of its site and numbers (``model.save_phone_user``),
so its list is one index range and its details one read; its extension number is held in the
account's extension plan (``model.claim_extension``).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.phone import model
from zemu.services.phone.common import (
    account_site,
    body,
    patch_policy,
    release_numbers,
    with_defaults,
)
from zemu.services.users.model import find_user
from zemu.store import Tx

USER_STATUS = {"active": "activate", "inactive": "deactivate", "pending": "pending"}


def new_phone_user(
    tx: Tx,
    ids: Ids,
    user: dict[str, Any],
    *,
    site_id: str,
    extension_number: int,
    calling_plans: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Give a zemu user a Zoom Phone profile with an extension (unique in the account)."""
    owner = {"type": "user", "id": user["id"]}
    model.claim_extension(tx, user["account_id"], extension_number, owner)
    extension_id = ids.uid()
    model.register_extension_id(tx, extension_id, owner)
    phone_user = {
        "id": user["id"],
        "account_id": user["account_id"],
        "email": user["email"],
        "name": user.get("display_name") or f"{user.get('first_name', '')} {user.get('last_name', '')}".strip(),
        "extension_id": extension_id,
        "extension_number": int(extension_number),
        "site_id": site_id,
        "calling_plans": list(calling_plans or []),
        "status": USER_STATUS.get(user.get("status", ""), "activate"),
        "department": user.get("dept", ""),
        "cost_center": "",
        "phone_user_id": ids.uid(),
        "site_admin": False,
        "in_directory": True,
        "policy": {},
        "settings": {},
    }
    model.save_phone_user(tx, phone_user)
    return phone_user


def target_phone_user(ctx: Context, key: str = "userId") -> dict[str, Any]:
    """The phone user in the path (an id, else an email): a user of this account with Zoom Phone."""
    ref = str(ctx.path[key])
    phone_user = model.get_phone_user(ctx.tx, ref)
    if phone_user is None:
        user = find_user(ctx.tx, ref)
        phone_user = model.get_phone_user(ctx.tx, user["id"]) if user else None
    if phone_user is None or phone_user["account_id"] != ctx.account_id:
        raise documented(1001, "User does not exist", op=ctx.op, userId=ref)
    return phone_user


def list_users(ctx: Context) -> dict[str, Any]:
    query = ctx.query
    where = {
        "site_id": query.get("site_id"),
        "status": query.get("status"),
        "calling_type": query.get("calling_type"),
        "department": str(query.get("department") or "").lower(),
        "cost_center": str(query.get("cost_center") or "").lower(),
    }
    page = model.PHONE_USERS.page(ctx, where=where, keyword=query.get("keyword"))
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
        "users": page.items,
    }


def get_user(ctx: Context) -> dict[str, Any]:
    phone_user = target_phone_user(ctx)
    address = phone_user.get("emergency_address") or phone_user.get("site_address", {})
    return {
        "calling_plans": phone_user["calling_plans"],
        "cost_center": phone_user.get("cost_center", ""),
        "department": phone_user.get("department", ""),
        "email": phone_user["email"],
        "emergency_address": address,
        "extension_id": phone_user["extension_id"],
        "extension_number": phone_user["extension_number"],
        "id": phone_user["id"],
        "phone_numbers": phone_user["phone_numbers"][:10],
        "phone_user_id": phone_user["phone_user_id"],
        "policy": with_defaults(phone_user.get("policy"), "phoneUser", "policy"),
        "site_admin": phone_user.get("site_admin", False),
        "site_id": phone_user["site_id"],
        "status": "deactivate" if phone_user["status"] == "deactivate" else "activate",
    }


def update_profile(ctx: Context) -> None:
    phone_user = target_phone_user(ctx)
    data = body(ctx)
    _check_policy_lists(data.get("policy") or {})
    if data.get("extension_number") not in (None, ""):
        new = _extension_value(data["extension_number"])
        model.change_extension(
            ctx.tx, ctx.account_id, phone_user["extension_number"], new, {"type": "user", "id": phone_user["id"]}
        )
        phone_user["extension_number"] = new
    if data.get("site_id"):
        phone_user["site_id"] = account_site(ctx, data["site_id"], NotFound(404, "Site does not exist."))["id"]
    if data.get("emergency_address_id"):
        phone_user["emergency_address_id"] = data["emergency_address_id"]
    if data.get("policy"):
        phone_user["policy"] = patch_policy(phone_user.get("policy", {}), data["policy"])
    model.save_phone_user(ctx.tx, phone_user)


def _extension_value(raw: Any) -> int:
    text = str(raw).strip()
    if not text.isdigit():
        raise ZoomError(300, "Invalid field: extension_number.", 400)
    return int(text)


def _check_policy_lists(policy: dict[str, Any]) -> None:
    for block in ("zoom_phone_on_desktop", "zoom_phone_on_mobile"):
        for field in ("allow_calling_clients", "allow_sms_mms_clients"):
            if len((policy.get(block) or {}).get(field) or []) > 10:
                raise model.documented_by("updateUserProfile", 405, f"policy.{block}.{field} must")


def remove_phone_user(tx: Tx, user_id: str) -> None:
    """Forget a deleted user's phone profile: numbers, extension, desk phones and groups let go."""
    from zemu.services.phone.devices import release_extension_everywhere
    from zemu.services.phone.shared_line_groups import drop_member_everywhere

    phone_user = model.get_phone_user(tx, user_id)
    if phone_user is None:
        return
    account = phone_user["account_id"]
    release_numbers(tx, "user", user_id)
    model.release_extension(tx, account, phone_user["extension_number"])
    model.forget_extension_id(tx, phone_user["extension_id"])
    release_extension_everywhere(tx, account, phone_user["extension_id"])
    drop_member_everywhere(tx, account, user_id)
    model.delete_phone_user(tx, phone_user)
