"""IM groups, the older directory groups of chat: a named set of the account's users, which the
directory can be searched by. Names are unique within an account (case-insensitive)."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.groups.access import require_paid
from zemu.services.resource import Collection, Unique
from zemu.services.team_chat.access import contact_user, missing_user
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu

Doc = dict[str, Any]

NAME_TAKEN = documented(4132, "Group name")
IM_GROUPS = Collection(
    "im_group",
    sort=lambda d: d["name"].lower(),
    uniques=(Unique("name", lambda d: d["name"], NAME_TAKEN, scope=lambda d: d["account_id"]),),
)
IM_MEMBERS = Collection("im_group_member", sort=lambda d: d["email"].lower(), scope=lambda d: d["group_id"])
FLAGS = ("search_by_account", "search_by_domain", "search_by_ma_account")


def public_group(ctx: Context, group: Doc) -> Doc:
    return {
        "id": group["id"],
        "name": group["name"],
        "total_members": IM_MEMBERS.count(ctx.tx, group["id"]),
        **{flag: group[flag] for flag in FLAGS},
        "type": group["type"],
    }


def target(ctx: Context) -> Doc:
    require_paid(ctx)
    group_id = str(ctx.path["groupId"])
    return IM_GROUPS.require(ctx, group_id, ctx.fail(4130, "group does not exist", groupId=group_id))


def list_groups(ctx: Context) -> Doc:
    require_paid(ctx)
    groups = [public_group(ctx, g) for g in IM_GROUPS.each(ctx.tx, ctx.account_id)]
    return {"total_records": len(groups), "groups": groups}


def get_group(ctx: Context) -> Doc:
    return public_group(ctx, target(ctx))


def new_group(ctx: Context, account_id: str, body: Doc) -> Doc:
    group = {
        "id": ctx.ids.uid(),
        "account_id": account_id,
        "name": str(body["name"]).strip(),
        "type": body.get("type") or "normal",
        **{flag: bool(body.get(flag, False)) for flag in FLAGS},
    }
    _save(ctx, group)
    return group


def _save(ctx: Context, group: Doc) -> None:
    try:
        IM_GROUPS.save(ctx.tx, group)
    except ZoomError:
        raise ctx.fail(4132, "already in use", groupName=group["name"]) from None


def create_group(ctx: Context) -> None:
    """Zoom's document gives this operation no response body: the group is found in the list."""
    require_paid(ctx)
    body = ctx.body or {}
    if not str(body.get("name") or "").strip():
        raise ZoomError(300, "Invalid parameter: name.", 400)
    new_group(ctx, ctx.account_id, body)


def update_group(ctx: Context) -> None:
    group = target(ctx)
    body = ctx.body or {}
    if "name" in body:
        if not str(body["name"] or "").strip():
            raise ZoomError(300, "Invalid parameter: name.", 400)
        group["name"] = str(body["name"]).strip()
    for key in (*FLAGS, "type"):
        if key in body:
            group[key] = body[key]
    _save(ctx, group)


def delete_group(ctx: Context) -> None:
    group = target(ctx)
    for member in list(IM_MEMBERS.each(ctx.tx, group["id"])):
        IM_MEMBERS.delete(ctx.tx, member)
    IM_GROUPS.delete(ctx.tx, group)


def public_member(member: Doc) -> Doc:
    return {
        "email": member["email"],
        "first_name": member["first_name"],
        "id": member["user_id"],
        "last_name": member["last_name"],
        "type": member["type"],
    }


def list_members(ctx: Context) -> Doc:
    group = target(ctx)
    page = IM_MEMBERS.page(ctx, scope=group["id"], shape=public_member)
    return {**page.fields(), "members": page.items}


def add_member(ctx: Context, group: Doc, user: Doc) -> bool:
    member_id = f"{group['id']}/{user['id']}"
    if IM_MEMBERS.get(ctx.tx, member_id) is not None:
        return False
    IM_MEMBERS.save(
        ctx.tx,
        {
            "id": member_id,
            "group_id": group["id"],
            "user_id": user["id"],
            "account_id": group["account_id"],
            "email": user["email"],
            "first_name": user.get("first_name", ""),
            "last_name": user.get("last_name", ""),
            "type": user.get("type", 1),
        },
    )
    return True


def add_members(ctx: Context) -> Doc:
    group = target(ctx)
    wanted = [
        contact_user(ctx, str(m.get("id") or m.get("email") or "")) for m in (ctx.body or {}).get("members") or []
    ]
    added = [user["id"] for user in wanted if add_member(ctx, group, user)]
    return {"added_at": zulu(ctx.now), "ids": ",".join(added)}


def remove_member(ctx: Context) -> None:
    group = target(ctx)
    user = find_user(ctx.tx, str(ctx.path["memberId"]))
    if user is None or not IM_MEMBERS.delete(ctx.tx, f"{group['id']}/{user['id']}"):
        raise missing_user(ctx, str(ctx.path["memberId"]))
