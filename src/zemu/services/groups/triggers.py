"""``zemu trigger group.*``: the smallest real change that causes each group event.

``params`` may name a group (``group``: id) and a user (``user``: id or email); otherwise the
first demo group and a suitable demo user are used, or a throwaway group is made.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.groups import groups, members, model
from zemu.services.groups.settings import apply_locks_change, apply_settings, effective_locks, effective_settings
from zemu.services.users.settings_tree import event_schema
from zemu.services.users.triggers import pick_user, throwaway_user, toggle_first


def pick_group(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    if params.get("group"):
        return model.account_group(ctx.tx, ctx.account_id, params["group"])
    first = model.GROUPS.first(ctx.tx, ctx.account_id)
    return first or groups.new_group(ctx, ctx.account_id, f"Team {ctx.ids.hex32()[:6]}")


def _touched(group: dict[str, Any], *users: dict[str, Any]) -> dict[str, Any]:
    return {"group_id": group["id"], "user_ids": [u["id"] for u in users]}


def created(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    name = params.get("name") or f"Team {ctx.ids.hex32()[:6]}"
    return _touched(groups.new_group(ctx, ctx.account_id, name))


def updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    base = group["name"].split(" #", 1)[0]
    groups.rename(ctx, group, params.get("name") or f"{base} #{ctx.ids.hex32()[:4]}")
    return _touched(group)


def deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = (
        model.account_group(ctx.tx, ctx.account_id, params["group"])
        if params.get("group")
        else groups.new_group(ctx, ctx.account_id, f"Short-lived {ctx.ids.hex32()[:6]}")
    )
    groups.remove(ctx, group)
    return _touched(group)


def _outsider(ctx: Context, group: dict[str, Any], params: dict[str, str], admins: bool = False) -> dict[str, Any]:
    inside = model.is_admin if admins else model.is_member
    return pick_user(
        ctx, params, lambda u: u["status"] == "active" and not inside(ctx.tx, group["id"], u["id"])
    ) or throwaway_user(ctx)


def member_added(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    user = _outsider(ctx, group, params)
    members.add_users(ctx, group, [user])
    return _touched(group, user)


def member_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    user = pick_user(ctx, params, lambda u: model.is_member(ctx.tx, group["id"], u["id"]))
    if user is None or not model.is_member(ctx.tx, group["id"], user["id"]):
        user = _outsider(ctx, group, params)
        members.add_users(ctx, group, [user])
    members.remove_user(ctx, group, user)
    return _touched(group, user)


def admin_added(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    user = _outsider(ctx, group, params, admins=True)
    members.add_admin_users(ctx, group, [user])
    return _touched(group, user)


def admin_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    user = pick_user(ctx, params, lambda u: model.is_admin(ctx.tx, group["id"], u["id"]))
    if user is None or not model.is_admin(ctx.tx, group["id"], user["id"]):
        user = _outsider(ctx, group, params, admins=True)
        members.add_admin_users(ctx, group, [user])
    members.remove_admin_user(ctx, group, user)
    return _touched(group, user)


def settings_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    shape = event_schema("group.settings_updated", "object", "settings")
    apply_settings(ctx, group, toggle_first(effective_settings(ctx, group), shape))
    return _touched(group)


def lock_settings_updated(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    group = pick_group(ctx, params)
    shape = event_schema("group.lock_settings_updated", "object", "settings")
    apply_locks_change(ctx, group, toggle_first(effective_locks(ctx, group), shape))
    return _touched(group)


TRIGGERS: dict[str, Trigger] = {
    "group.created": created,
    "group.updated": updated,
    "group.deleted": deleted,
    "group.member_added": member_added,
    "group.member_deleted": member_deleted,
    "group.admin_added": admin_added,
    "group.admin_deleted": admin_deleted,
    "group.settings_updated": settings_updated,
    "group.lock_settings_updated": lock_settings_updated,
}
