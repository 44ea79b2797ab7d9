"""``zemu trigger chat_channel.*`` and ``chat_message.*``: each event from the smallest real change,
acting on the demo account as its owner through the functions the API uses."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.team_chat import channels, messages, model
from zemu.services.team_chat.access import acting_user, channel_event
from zemu.services.team_chat.model import CHANNELS, PUBLIC
from zemu.services.users.model import USERS

Doc = dict[str, Any]


def _scratch_channel(ctx: Context, channel_type: int = PUBLIC) -> Doc:
    return channels.new_channel(ctx, acting_user(ctx), f"trigger-{ctx.ids.hex32()[:8]}", channel_type)


def _outsider(ctx: Context, channel: Doc) -> Doc:
    """An active user of the account who is not in the channel."""
    for user in USERS.each(ctx.tx, ctx.account_id, {"status": "active"}):
        if model.member_of(ctx.tx, channel["id"], user["id"]) is None:
            return user
    raise ValueError("every user of the account is already in the channel")


def created(ctx: Context, params: dict[str, str]) -> Doc:
    return {"channel_id": _scratch_channel(ctx)["id"]}


def updated(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _scratch_channel(ctx)
    channel["name"] = f"{channel['name']}-renamed"
    model.save_channel(ctx.tx, channel, renamed=True)
    channel_event(ctx, "chat_channel.updated", channel)
    return {"channel_id": channel["id"]}


def deleted(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _scratch_channel(ctx)
    model.drop_channel(ctx.tx, channel)
    channel_event(ctx, "chat_channel.deleted", channel)
    return {"channel_id": channel["id"]}


def member_invited(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _scratch_channel(ctx)
    user = _outsider(ctx, channel)
    model.add_member(ctx.tx, channel, user, "member", ctx.now)
    channel_event(ctx, "chat_channel.member_invited", channel, [user])
    return {"channel_id": channel["id"], "user_id": user["id"]}


def member_joined(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _scratch_channel(ctx)
    user = _outsider(ctx, channel)
    model.add_member(ctx.tx, channel, user, "member", ctx.now)
    channel_event(ctx, "chat_channel.member_joined", channel, user=user)
    return {"channel_id": channel["id"], "user_id": user["id"]}


def member_removed(ctx: Context, params: dict[str, str]) -> Doc:
    """An admin (the operator) removes a member it has just added."""
    channel = _scratch_channel(ctx)
    user = _outsider(ctx, channel)
    model.add_member(ctx.tx, channel, user, "member", ctx.now)
    model.remove_member(ctx.tx, channel["id"], user["id"])
    channel_event(ctx, "chat_channel.member_removed", channel, [user])
    return {"channel_id": channel["id"], "user_id": user["id"]}


def member_left(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _scratch_channel(ctx)
    user = _outsider(ctx, channel)
    model.add_member(ctx.tx, channel, user, "member", ctx.now)
    model.remove_member(ctx.tx, channel["id"], user["id"])
    channel_event(ctx, "chat_channel.member_left", channel, user=user)
    return {"channel_id": channel["id"], "user_id": user["id"]}


def _demo_channel(ctx: Context) -> Doc:
    owner = acting_user(ctx)
    for channel in CHANNELS.each(ctx.tx, ctx.account_id):
        if model.member_of(ctx.tx, channel["id"], owner["id"]) is not None:
            return channel
    return _scratch_channel(ctx)


def message_sent(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _demo_channel(ctx)
    message = messages.post(
        ctx,
        acting_user(ctx),
        messages.Target(channel["id"], channel, None),
        params.get("message", "Hello from zemu trigger"),
    )
    return {"channel_id": channel["id"], "message_id": message["id"]}


def message_replied(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _demo_channel(ctx)
    target = messages.Target(channel["id"], channel, None)
    owner = acting_user(ctx)
    main = messages.post(ctx, owner, target, "A thread starts here", emit=False)
    reply = messages.post(ctx, owner, target, params.get("message", "And continues here"), main=main)
    return {"channel_id": channel["id"], "message_id": reply["id"]}


def message_updated(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _demo_channel(ctx)
    owner = acting_user(ctx)
    message = messages.post(ctx, owner, messages.Target(channel["id"], channel, None), "Draft", emit=False)
    message.update(message=params.get("message", "Edited"), status="Edited")
    model.MESSAGES.save(ctx.tx, message)
    messages.message_event(ctx, "chat_message.updated", message, owner)
    return {"channel_id": channel["id"], "message_id": message["id"]}


def message_deleted(ctx: Context, params: dict[str, str]) -> Doc:
    channel = _demo_channel(ctx)
    owner = acting_user(ctx)
    message = messages.post(ctx, owner, messages.Target(channel["id"], channel, None), "Oops", emit=False)
    model.MESSAGES.delete(ctx.tx, message)
    messages.message_event(ctx, "chat_message.deleted", message, owner)
    return {"channel_id": channel["id"], "message_id": message["id"]}


def _reaction(ctx: Context, params: dict[str, str], *, channel: bool, added: bool) -> Doc:
    owner = acting_user(ctx)
    if channel:
        found = _demo_channel(ctx)
        target = messages.Target(found["id"], found, None)
    else:
        peer = next(u for u in USERS.each(ctx.tx, ctx.account_id, {"status": "active"}) if u["id"] != owner["id"])
        target = messages.Target(model.session_of_users(owner["id"], peer["id"]), None, peer)
    message = messages.post(ctx, owner, target, "React to me", emit=False)
    emoji = params.get("emoji", "thumbsup")
    if not added:
        message["reactions"] = {emoji: [owner["id"]]}
    messages.set_reaction(ctx, owner, message, emoji, add=added)
    return {"message_id": message["id"]}


def channel_reaction_added(ctx: Context, params: dict[str, str]) -> Doc:
    return _reaction(ctx, params, channel=True, added=True)


def channel_reaction_removed(ctx: Context, params: dict[str, str]) -> Doc:
    return _reaction(ctx, params, channel=True, added=False)


def dm_reaction_added(ctx: Context, params: dict[str, str]) -> Doc:
    return _reaction(ctx, params, channel=False, added=True)


def dm_reaction_removed(ctx: Context, params: dict[str, str]) -> Doc:
    return _reaction(ctx, params, channel=False, added=False)
