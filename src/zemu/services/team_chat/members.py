"""A channel's members: invite, list, remove, and joining or leaving as ``me``.

Invitations follow the channel's ``add_member_permissions`` (1: any member, 2: only the owner and
admins); only a public channel can be joined without one; the owner neither leaves nor is removed."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.team_chat import model
from zemu.services.team_chat.access import acting_user, channel_event, contact_user, role_in, target_channel
from zemu.services.team_chat.model import MEMBERS, PUBLIC
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu

Doc = dict[str, Any]


def public_member(member: Doc) -> Doc:
    return {
        "email": member["email"],
        "first_name": member["first_name"],
        "id": member["user_id"],
        "member_id": member["user_id"],
        "last_name": member["last_name"],
        "name": member["name"],
        "role": member["role"],
        "is_external": member["is_external"],
    }


def list_members(ctx: Context) -> Doc:
    channel = target_channel(ctx)
    if role_in(ctx, channel, ctx.user_id) is None and channel["type"] != PUBLIC:
        raise ctx.fail(200, "permission")
    page = MEMBERS.page(ctx, scope=channel["id"], shape=public_member)
    return {
        "members": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def invite_members(ctx: Context) -> Doc:
    channel = target_channel(ctx)
    role = role_in(ctx, channel, ctx.user_id)
    may_invite = role in ("owner", "admin") or (
        role == "member" and channel["channel_settings"].get("add_member_permissions", 1) == 1
    )
    if not may_invite:
        raise ctx.fail(200, "permission")
    wanted = [contact_user(ctx, str(m.get("email") or "")) for m in (ctx.body or {}).get("members") or []]
    if not wanted:
        raise ctx.fail(5301, "invite")
    added = []
    for user in wanted:
        if model.member_of(ctx.tx, channel["id"], user["id"]) is None and user not in added:
            model.add_member(ctx.tx, channel, user, "member", ctx.now)
            added.append(user)
    if added:
        channel_event(ctx, "chat_channel.member_invited", channel, added)
    ids = ",".join(u["id"] for u in added)
    return {"added_at": zulu(ctx.now), "ids": ids, "member_ids": ids}


def remove_member(ctx: Context) -> None:
    channel = target_channel(ctx)
    if role_in(ctx, channel, ctx.user_id) not in ("owner", "admin"):
        raise ctx.fail(200, "permission")
    ref = str(ctx.path["identifier"])
    user = find_user(ctx.tx, ref)
    member = model.member_of(ctx.tx, channel["id"], user["id"]) if user else None
    if user is None or member is None or member["role"] == "owner":
        raise ctx.fail(5301, "remove")
    model.remove_member(ctx.tx, channel["id"], member["user_id"])
    channel_event(ctx, "chat_channel.member_removed", channel, [user])


def join_channel(ctx: Context) -> Doc:
    channel = target_channel(ctx)
    user = acting_user(ctx)
    if channel["type"] != PUBLIC or model.member_of(ctx.tx, channel["id"], user["id"]) is not None:
        raise ctx.fail(5301, "join")
    model.add_member(ctx.tx, channel, user, "member", ctx.now)
    channel_event(ctx, "chat_channel.member_joined", channel, user=user)
    return {"added_at": zulu(ctx.now), "id": user["id"], "member_id": user["id"]}


def leave_channel(ctx: Context) -> None:
    channel = target_channel(ctx)
    user = acting_user(ctx)
    if role_in(ctx, channel, user["id"]) in (None, "owner"):
        raise ctx.fail(5301, "leave")
    model.remove_member(ctx.tx, channel["id"], user["id"])
    channel_event(ctx, "chat_channel.member_left", channel, user=user)
