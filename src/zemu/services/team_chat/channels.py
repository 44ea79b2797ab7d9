"""Channels: create as a user, list a user's channels, get, update, delete.

Who may do what follows Zoom: a private channel is seen only by its members, only its owner and
admins change or delete it, and a deleted channel is gone from every list."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.team_chat import model
from zemu.services.team_chat.access import channel_event, contact_user, path_user, role_in, target_channel
from zemu.services.team_chat.model import CHANNELS, JOINED, PUBLIC

Doc = dict[str, Any]

DEFAULT_SETTINGS: Doc = {
    "add_member_permissions": 1,
    "new_members_can_see_previous_messages_files": True,
    "posting_permissions": 1,
    "mention_all_permissions": 1,
    "allow_to_add_external_users": 0,
}


def channel_url(channel: Doc) -> str:
    return f"https://zoom.us/launch/chat/v2/{channel['jid']}"


def public_channel(channel: Doc) -> Doc:
    return {
        "channel_settings": channel["channel_settings"],
        "id": channel["id"],
        "jid": channel["jid"],
        "name": channel["name"],
        "type": channel["type"],
        "channel_url": channel_url(channel),
    }


def new_channel(
    ctx: Context,
    owner: Doc,
    name: str,
    channel_type: int,
    settings: Doc | None = None,
    members: list[Doc] | None = None,
) -> Doc:
    channel_id = ctx.ids.hex32()
    channel = {
        "id": channel_id,
        "jid": f"{channel_id}@conference.xmpp.zoom.us",
        "name": name,
        "type": channel_type,
        "account_id": owner["account_id"],
        "owner_id": owner["id"],
        "channel_settings": {**DEFAULT_SETTINGS, **(settings or {})},
        "created_at": ctx.now,
    }
    CHANNELS.save(ctx.tx, channel)
    model.add_member(ctx.tx, channel, owner, "owner", ctx.now)
    for user in members or []:
        if user["id"] != owner["id"]:
            model.add_member(ctx.tx, channel, user, "member", ctx.now)
    everyone = [owner] + [u for u in members or [] if u["id"] != owner["id"]]
    channel_event(ctx, "chat_channel.created", channel, everyone, user=owner)
    return channel


def create_channel(ctx: Context) -> Doc:
    owner = path_user(ctx)
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise ctx.fail(5301, "create a channel")
    members = [contact_user(ctx, str(m["email"])) for m in body.get("members") or []]
    channel = new_channel(ctx, owner, name, int(body.get("type") or 1), body.get("channel_settings"), members)
    view = public_channel(channel)
    view.pop("channel_settings")
    return view


def list_channels(ctx: Context) -> Doc:
    user = path_user(ctx)

    def shape(row: Doc) -> Doc:
        channel = CHANNELS.get(ctx.tx, row["channel_id"])
        return public_channel(channel) if channel else {"id": row["channel_id"]}

    page = JOINED.page(ctx, scope=user["id"], shape=shape)
    return {
        "channels": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def list_account_channels(ctx: Context) -> Doc:
    """Every channel of the account (an admin's view), by name."""
    page = CHANNELS.page(ctx, shape=public_channel)
    return {
        "channels": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def get_channel(ctx: Context) -> Doc:
    channel = target_channel(ctx)
    if channel["type"] != PUBLIC and role_in(ctx, channel, ctx.user_id) is None:
        raise ctx.fail(200, "permission")
    return public_channel(channel)


def require_manager(ctx: Context, channel: Doc) -> None:
    """Only a channel's owner and its admins change it."""
    if role_in(ctx, channel, ctx.user_id) not in ("owner", "admin"):
        raise ctx.fail(200, "permission")


def update_channel(ctx: Context) -> None:
    channel = target_channel(ctx)
    require_manager(ctx, channel)
    body = ctx.body or {}
    renamed = False
    if "name" in body:
        name = str(body["name"] or "").strip()
        if not name:
            raise ctx.fail(5301, "update a channel")
        renamed = name != channel["name"]
        channel["name"] = name
    if "type" in body:
        channel["type"] = int(body["type"])
    if isinstance(body.get("channel_settings"), dict):
        channel["channel_settings"] = {**channel["channel_settings"], **body["channel_settings"]}
    model.save_channel(ctx.tx, channel, renamed=renamed)
    channel_event(ctx, "chat_channel.updated", channel)


def delete_channel(ctx: Context) -> None:
    channel = target_channel(ctx)
    if role_in(ctx, channel, ctx.user_id) != "owner":
        raise ctx.fail(200, "permission")
    model.drop_channel(ctx.tx, channel)
    channel_event(ctx, "chat_channel.deleted", channel)
