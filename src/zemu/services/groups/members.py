"""A group's members and admins: list, add, remove, move, set primary."""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed
from zemu.services.context import Context
from zemu.services.groups import model
from zemu.services.groups.access import require_paid, target_group
from zemu.services.users.access import operator
from zemu.services.users.model import USERS, account_user, find_user, save_user
from zemu.services.users.profile import emit_updated
from zemu.sim.clock import zulu

MAX_PER_CALL = 30  # Zoom adds at most 30 members or admins per request


# members --------------------------------------------------------------------------------
def list_members(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    group = target_group(ctx)
    page = USERS.page(ctx, scope=group["account_id"], where={"group": group["id"]}, shape=_member)
    return {"members": page.items, **page.fields()}


def _member(user: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": user["id"],
        "email": user["email"],
        "first_name": user.get("first_name", ""),
        "last_name": user.get("last_name", ""),
        "type": user["type"],
    }


def _wanted_users(ctx: Context, group: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = (ctx.body or {}).get(key) or []
    if not entries or len(entries) > MAX_PER_CALL:
        raise ValidationFailed([{"field": key, "message": "Invalid field."}])
    users: dict[str, dict[str, Any]] = {}
    for entry in entries:
        ref = entry.get("id") or entry.get("email") or ""
        user = account_user(ctx.tx, group["account_id"], ref)
        users[user["id"]] = user
    return list(users.values())


def add_members(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    group = target_group(ctx)
    added = add_users(ctx, group, _wanted_users(ctx, group, "members"))
    return {"ids": ",".join(u["id"] for u in added), "added_at": zulu(ctx.now)}


def add_users(ctx: Context, group: dict[str, Any], users: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """File users in a group (one ``group.member_added`` for the lot); a user's first group is primary."""
    added = [user for user in users if model.add_member(ctx.tx, group, user)]
    if added:
        _emit_members(ctx, "group.member_added", group, added)
    return added


def _emit_members(
    ctx: Context, event: str, group: dict[str, Any], users: list[dict[str, Any]], key: str = "members"
) -> None:
    ctx.emit(
        event,
        {
            **operator(ctx),
            "time_stamp": ctx.now_ms,
            "object": {"id": group["id"], key: [{"id": u["id"], "email": u["email"]} for u in users]},
        },
        account_id=group["account_id"],
    )


def delete_member(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    user = _member_of(ctx, group)
    remove_user(ctx, group, user)


def _member_of(ctx: Context, group: dict[str, Any]) -> dict[str, Any]:
    user = find_user(ctx.tx, str(ctx.path["memberId"]))
    if user is None or group["id"] not in (user.get("group_ids") or []):
        raise ctx.fail(4131)
    return user


def remove_user(ctx: Context, group: dict[str, Any], user: dict[str, Any]) -> None:
    was_primary = user.get("primary_group_id") == group["id"]
    model.remove_member(ctx.tx, group["id"], user)
    _emit_members(ctx, "group.member_deleted", group, [user])
    other = model.GROUPS.get(ctx.tx, user["group_ids"][0]) if was_primary and user["group_ids"] else None
    if other is not None:
        set_primary(ctx, user, other)  # the next group becomes primary


def update_member(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    user = _member_of(ctx, group)
    if ctx.body["action"] == "set_primary":
        set_primary(ctx, user, group)
        return
    target_id = (ctx.body or {}).get("target_group_id")
    if not target_id:
        raise ctx.fail(300, "target_group_id")
    target = model.account_group(ctx.tx, group["account_id"], target_id)
    if target["id"] != group["id"]:
        move(ctx, user, group, target)


def move(ctx: Context, user: dict[str, Any], source: dict[str, Any], target: dict[str, Any]) -> None:
    """Leave one group for another: the target's member_added, then the source's member_deleted."""
    was_primary = user.get("primary_group_id") == source["id"]
    add_users(ctx, target, [user])
    remove_user(ctx, source, user)
    if was_primary and user.get("primary_group_id") != target["id"]:
        set_primary(ctx, user, target)


def set_primary(ctx: Context, user: dict[str, Any], group: dict[str, Any]) -> None:
    before = dict(user)
    user["primary_group_id"] = group["id"]
    save_user(ctx.tx, user)
    emit_updated(ctx, before, user, fields=("primary_group_id",))


# admins ---------------------------------------------------------------------------------
def list_admins(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    group = target_group(ctx)
    page = USERS.page(
        ctx,
        scope=group["account_id"],
        where={"admin_of": group["id"]},
        shape=lambda u: {"email": u["email"], "name": u.get("display_name", "")},
    )
    return {
        "admins": page.items,
        "page_size": page.page_size,
        "total_records": page.total_records,
        "next_page_token": page.next_page_token,
    }


def add_admins(ctx: Context) -> dict[str, Any]:
    require_paid(ctx)
    group = target_group(ctx)
    added = add_admin_users(ctx, group, _wanted_users(ctx, group, "admins"))
    return {"ids": ",".join(u["id"] for u in added), "added_at": zulu(ctx.now)}


def add_admin_users(ctx: Context, group: dict[str, Any], users: list[dict[str, Any]]) -> list[dict[str, Any]]:
    added = [user for user in users if model.add_admin(ctx.tx, group, user)]
    if added:
        _emit_members(ctx, "group.admin_added", group, added, key="admins")
    return added


def delete_admin(ctx: Context) -> None:
    require_paid(ctx)
    group = target_group(ctx)
    user = find_user(ctx.tx, str(ctx.path["userId"]))
    if user is None or group["id"] not in (user.get("admin_group_ids") or []):
        raise ctx.fail(4138, groupId=group["id"])
    remove_admin_user(ctx, group, user)


def remove_admin_user(ctx: Context, group: dict[str, Any], user: dict[str, Any]) -> None:
    model.remove_admin(ctx.tx, group["id"], user)
    _emit_members(ctx, "group.admin_deleted", group, [user], key="admins")
