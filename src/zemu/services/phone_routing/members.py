"""Call queue members and the queue's manager."""

from __future__ import annotations

from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import op_error, target_queue
from zemu.services.users.model import find_user

Doc = dict[str, Any]
USER = "user"
COMMON_AREA = "commonArea"
MANAGER = "manager"


def max_members() -> int:
    """A queue's size limit: the detail's documented ``maxItems`` for its user members."""
    op = load_catalog().by_operation_id["getACallQueue"][0]
    users = (op.response_schema or {}).get("properties", {}).get("members", {}).get("properties", {})
    return int(users.get("users", {}).get("maxItems", 300))


def members_view(queue: Doc) -> Doc:
    """The ``members`` object of a queue's details: users with their level, then common areas."""
    users: list[Doc] = []
    areas: list[Doc] = []
    for member in queue.get("members", []):
        if member["type"] == USER:
            users.append(
                {
                    "id": member["id"],
                    "level": member["level"],
                    "name": member["name"],
                    "receive_call": member["receive_call"],
                    "extension_id": member["extension_id"],
                }
            )
        else:
            areas.append({"id": member["id"], "name": member["name"], "extension_id": member["extension_id"]})
    return {"users": users, "common_areas": areas}


def list_members(ctx: Context) -> Doc:
    queue = target_queue(ctx)
    # Zoom's ``level`` in this list says what the member is (user or common area), not its role
    members = [
        {
            "id": m["id"],
            "level": m["type"],
            "name": m["name"],
            "receive_call": m["receive_call"],
            "extension_id": m["extension_id"],
        }
        for m in queue.get("members", [])
    ]
    return {
        "call_queue_members": members,
        "next_page_token": "",
        "page_size": max(len(members), 30),
        "total_records": len(members),
    }


def add_call_queue_members(ctx: Context) -> None:
    add_members(ctx, target_queue(ctx), (ctx.body or {}).get("members") or {})


def add_members(ctx: Context, queue: Doc, members: Doc) -> None:
    """Resolve every requested member first, so that one bad reference changes nothing."""
    targets = [(phone_user_of(ctx, ref), USER) for ref in members.get("users") or []]
    targets += [(common_area_of(ctx, area_id), COMMON_AREA) for area_id in members.get("common_area_ids") or []]
    present = len(queue.get("members", []))
    new = {target["id"] for target, _ in targets if model.member_in(queue, target["id"]) is None}
    limit = max_members()
    if present + len(new) > limit:
        raise op_error(
            ctx,
            r"maximum number",
            str(limit),
            fallback=(400, 412, "The maximum number of Call Queue members is up to {maxSize}."),
        )
    for target, member_type in targets:
        model.add_member(ctx.tx, queue, target, member_type)


def phone_user_of(ctx: Context, ref: Doc) -> Doc:
    """A phone user of the account named by ``id`` or ``email``; Zoom's 1001 otherwise."""
    key = ref.get("id") or ref.get("email") or ""
    user = find_user(ctx.tx, key) if key else None
    found = phone.get_phone_user(ctx.tx, user["id"]) if user else phone.get_phone_user(ctx.tx, key)
    if found is None or found.get("account_id") != ctx.account_id:
        raise op_error(ctx, r"user not found", key, fallback=(404, 1001, "User not found: {userId}."))
    return found


def common_area_of(ctx: Context, area_id: str) -> Doc:
    area = phone.get_common_area(ctx.tx, area_id)
    if area is None or area.get("account_id") != ctx.account_id:
        raise op_error(ctx, r"common area", area_id, fallback=(400, 404, "Common area does not exist: {0}."))
    return area


def unassign_member(ctx: Context) -> None:
    queue = target_queue(ctx)
    member = member_of(ctx, queue, ctx.path["memberId"])
    if member["level"] == MANAGER:
        raise op_error(ctx, r"unable to delete manager", fallback=(400, 400, "Unable to delete manager"))
    model.drop_members(queue, lambda m: m["id"] != member["id"])
    model.save_call_queue(ctx.tx, queue)


def member_of(ctx: Context, queue: Doc, member_ref: str) -> Doc:
    """A member addressed by its user/common-area id or its extension id."""
    member = model.member_in(queue, member_ref)
    if member is None:
        raise ZoomError(404, f"Member does not exist: {member_ref}.", 404)
    return member


def unassign_all_members(ctx: Context) -> None:
    """Every member leaves except the manager, whom Zoom never removes with the members."""
    queue = target_queue(ctx)
    model.drop_members(queue, lambda m: m["level"] == MANAGER)
    model.save_call_queue(ctx.tx, queue)


def change_manager(ctx: Context) -> None:
    """The seed's ``PUT …/manager``: the named user (a member, or added as one) becomes the queue's
    only manager; the previous manager stays on as an ordinary member."""
    queue = target_queue(ctx)
    ref = str((ctx.body or {}).get("member_id") or "")
    if not ref:
        raise ZoomError(300, "Validation Failed.", 400)
    user = phone_user_of(ctx, {"id": ref})
    set_manager(ctx.tx, queue, user)


def set_manager(tx: Any, queue: Doc, user: Doc) -> None:
    if model.member_in(queue, user["id"]) is None:
        model.add_member(tx, queue, user, USER)
    for member in queue["members"]:
        member["level"] = (
            MANAGER if member["id"] == user["id"] else (USER if member["level"] == MANAGER else member["level"])
        )
    model.save_call_queue(tx, queue)
