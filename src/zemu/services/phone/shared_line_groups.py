"""Shared line groups: a shared extension and numbers that ring their members (users and
common areas). Numbers are assigned through the numbers model."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.phone import model
from zemu.services.phone.common import (
    body,
    claim_new_extension,
    held_number,
    numbers_model,
    release_numbers,
    site_or_main,
)
from zemu.services.users.model import find_user
from zemu.store import Tx

OWNER_TYPE = "sharedLineGroup"
FIRST_EXTENSION = 500
EDITABLE = (
    "display_name",
    "status",
    "timezone",
    "cost_center",
    "department",
    "audio_prompt_language",
    "default_transcription_language",
    "recording_storage_location",
    "allow_privacy",
)


def missing(group_id: str) -> ZoomError:
    values: dict[str, Any] = {"sharedLineGroupId": group_id, "0": group_id}  # Zoom names it both ways
    return documented(404, "Shared line group does not exist", **values)


def new_group(
    tx: Tx,
    ids: Ids,
    *,
    account_id: str,
    display_name: str,
    site_id: str,
    extension_number: int | None = None,
    description: str = "",
) -> dict[str, Any]:
    group_id = ids.uid()
    number, extension_id = claim_new_extension(
        tx, ids, account_id, {"type": OWNER_TYPE, "id": group_id}, extension_number, FIRST_EXTENSION
    )
    group = {
        "id": group_id,
        "account_id": account_id,
        "display_name": display_name,
        "description": description,
        "extension_id": extension_id,
        "extension_number": number,
        "site_id": site_id,
        "status": "active",
        "timezone": "America/Los_Angeles",
        "primary_number": "",
        "cost_center": "",
        "department": "",
        "audio_prompt_language": "en-US",
        "default_transcription_language": "en-US",
        "recording_storage_location": "US",
        "allow_privacy": False,
        "users": [],
        "common_areas": [],
    }
    model.save_shared_line_group(tx, group)
    return group


def _member(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"id": doc["id"], "name": doc["name"], "extension_id": doc["extension_id"]} if doc else None


def detail(tx: Tx, group: dict[str, Any]) -> dict[str, Any]:
    users = [m for m in (_member(model.PHONE_USERS.get(tx, i)) for i in group["users"]) if m]
    areas = [m for m in (_member(model.COMMON_AREAS.get(tx, i)) for i in group["common_areas"]) if m]
    out = {
        k: group[k]
        for k in (
            "display_name",
            "extension_id",
            "extension_number",
            "id",
            "primary_number",
            "status",
            "timezone",
            "cost_center",
            "department",
            "audio_prompt_language",
            "default_transcription_language",
            "recording_storage_location",
            "allow_privacy",
        )
    }
    return {
        **out,
        "members": {"users": users, "common_areas": areas},
        "phone_numbers": group["phone_numbers"],
        "site": group["site"],
        "policy": {"voicemail_access_members": []},
    }


def target(ctx: Context, key: str = "sharedLineGroupId") -> dict[str, Any]:
    group_id = str(ctx.path.get(key) or ctx.path.get("slgId"))
    return model.SHARED_LINE_GROUPS.require(ctx, group_id, missing(group_id))


def list_groups(ctx: Context) -> dict[str, Any]:
    page = model.SHARED_LINE_GROUPS.page(ctx)
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "shared_line_groups": page.items,
        "total_records": page.total_records,
    }


def get_group(ctx: Context) -> dict[str, Any]:
    return detail(ctx.tx, target(ctx))


def create_group(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    site = site_or_main(ctx, data.get("site_id"), ZoomError(300, "Site does not exist.", 400))
    group = new_group(
        ctx.tx,
        ctx.ids,
        account_id=ctx.account_id,
        display_name=str(data["display_name"]),
        site_id=site["id"],
        extension_number=data.get("extension_number"),
        description=str(data.get("description") or ""),
    )
    return {"id": group["id"], "display_name": group["display_name"]}


def update_group(ctx: Context) -> None:
    group = target(ctx)
    data = body(ctx)
    if data.get("extension_number") is not None:
        model.change_extension(
            ctx.tx,
            ctx.account_id,
            group["extension_number"],
            int(data["extension_number"]),
            {"type": OWNER_TYPE, "id": group["id"]},
        )
        group["extension_number"] = int(data["extension_number"])
    if data.get("primary_number") is not None:
        if data["primary_number"] and data["primary_number"] not in {n["number"] for n in group["phone_numbers"]}:
            raise ZoomError(300, "Invalid field: primary_number.", 400)
        group["primary_number"] = data["primary_number"]
    for key in EDITABLE:
        if data.get(key) is not None:
            group[key] = data[key]
    model.save_shared_line_group(ctx.tx, group)


def delete_group(ctx: Context) -> None:
    group_id = str(ctx.path["sharedLineGroupId"])
    group = model.SHARED_LINE_GROUPS.require(
        ctx, group_id, ZoomError(300, f"Shared line group does not exist: {group_id}.", 400)
    )
    release_numbers(ctx.tx, OWNER_TYPE, group["id"])
    model.release_extension(ctx.tx, ctx.account_id, group["extension_number"])
    model.forget_extension_id(ctx.tx, group["extension_id"])
    model.SHARED_LINE_GROUPS.delete(ctx.tx, group)


# members ---------------------------------------------------------------------------------------
def add_members(ctx: Context) -> None:
    group = target(ctx)
    members = body(ctx).get("members") or {}
    for ref in members.get("users") or []:
        key = str(ref.get("id") or ref.get("email") or "")
        user = find_user(ctx.tx, key)
        phone_user = model.get_phone_user(ctx.tx, user["id"]) if user else None
        if phone_user is None or phone_user["account_id"] != ctx.account_id:
            raise ctx.fail(1001, userId=key)
        if phone_user["id"] not in group["users"]:
            group["users"].append(phone_user["id"])
    for area_id in members.get("common_area_ids") or []:
        area = model.get_common_area(ctx.tx, str(area_id))
        if area is None or area["account_id"] != ctx.account_id:
            raise ZoomError(300, f"Common area does not exist: {area_id}.", 400)
        if area["id"] not in group["common_areas"]:
            group["common_areas"].append(area["id"])
    model.save_shared_line_group(ctx.tx, group)


def delete_members(ctx: Context) -> None:
    group = target(ctx)
    group["users"], group["common_areas"] = [], []
    model.save_shared_line_group(ctx.tx, group)


def delete_member(ctx: Context) -> None:
    group = target(ctx)
    member_id = str(ctx.path["memberId"])
    if member_id not in group["users"] + group["common_areas"]:
        raise ZoomError(300, f"Member does not exist: {member_id}.", 400)
    group["users"] = [m for m in group["users"] if m != member_id]
    group["common_areas"] = [m for m in group["common_areas"] if m != member_id]
    model.save_shared_line_group(ctx.tx, group)


def drop_member_everywhere(tx: Tx, account_id: str, member_id: str) -> None:
    for group in list(model.SHARED_LINE_GROUPS.each(tx, account_id, {"member": member_id})):
        group["users"] = [m for m in group["users"] if m != member_id]
        group["common_areas"] = [m for m in group["common_areas"] if m != member_id]
        model.save_shared_line_group(tx, group)


# phone numbers -----------------------------------------------------------------------------------
def assign_numbers(ctx: Context) -> None:
    group = target(ctx)
    wanted = body(ctx).get("phone_numbers") or []
    if not wanted:
        raise ctx.fail(300, "Validation failed.")
    numbers = numbers_model()
    assignee = {
        "id": group["id"],
        "type": OWNER_TYPE,
        "name": group["display_name"],
        "extension_number": group["extension_number"],
    }
    for item in wanted:
        number = numbers.get_number(ctx.tx, str(item.get("id") or item.get("number") or ""))
        if number is None:
            raise ctx.fail(400, "Phone number does not exist")
        if number.get("account_id") != ctx.account_id:
            raise ctx.fail(124)
        numbers.assign(ctx.tx, number, assignee)


def delete_numbers(ctx: Context) -> None:
    group = target(ctx)
    release_numbers(ctx.tx, OWNER_TYPE, group["id"])
    group["primary_number"] = ""
    model.save_shared_line_group(ctx.tx, group)


def delete_number(ctx: Context) -> None:
    group = target(ctx)
    ref = str(ctx.path["phoneNumberId"])
    number = held_number(ctx.tx, OWNER_TYPE, group["id"], ref)
    if number is None:
        raise ctx.fail(400, "Phone number does not exist")
    numbers_model().unassign(ctx.tx, number)
    if group["primary_number"] == number["number"]:
        group["primary_number"] = ""
        model.save_shared_line_group(ctx.tx, group)
