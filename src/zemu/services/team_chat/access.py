"""Who acts in Team Chat, which channel a path names, and the shapes events carry."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.team_chat.model import CHANNELS, member_of
from zemu.services.users.access import operator
from zemu.services.users.model import account_user, find_user, user_missing
from zemu.sim.clock import zulu

Doc = dict[str, Any]


def acting_user(ctx: Context) -> Doc:
    """The user a ``me`` path acts as: the token's user."""
    return account_user(ctx.tx, ctx.account_id, str(ctx.user_id or ""))


def path_user(ctx: Context) -> Doc:
    """The user in ``/chat/users/{userId}`` (``me`` is already the token's user)."""
    return account_user(ctx.tx, ctx.account_id, str(ctx.path["userId"]))


def target_channel(ctx: Context) -> Doc:
    channel_id = str(ctx.path["channelId"])
    return CHANNELS.require(ctx, channel_id, missing_channel(ctx, channel_id))


def missing_channel(ctx: Context, channel_id: str) -> ZoomError:
    return ctx.fail(4130, "channel does not exist", channelId=channel_id, to_channel=channel_id)


def contact_user(ctx: Context, ref: str) -> Doc:
    """A user of the account named by id, member id or email (Zoom's 404/1001 otherwise)."""
    user = find_user(ctx.tx, ref)
    if user is None or user["account_id"] != ctx.account_id:
        raise missing_user(ctx, ref)
    return user


def missing_user(ctx: Context, ref: str) -> ZoomError:
    """The operation's own wording of 404/1001 where it documents one, else the users API's."""
    if ctx.op is not None and any(e.code == 1001 for e in ctx.op.errors):
        return ctx.fail(1001, "user does not exist", userId=ref, to_contact=ref, contactId=ref)
    return user_missing(ref)


def role_in(ctx: Context, channel: Doc, user_id: str | None) -> str | None:
    member = member_of(ctx.tx, channel["id"], user_id)
    return member["role"] if member else None


def channel_event(
    ctx: Context, event: str, channel: Doc, members: list[Doc] | None = None, user: Doc | None = None
) -> None:
    """``chat_channel.*``: the channel, when it happened, and for member changes who."""
    obj: Doc = {
        "id": channel["id"],
        "name": channel["name"],
        "type": channel["type"],
        "date_time": zulu(ctx.now),
        "timestamp": ctx.now_ms,
    }
    if members is not None:
        obj["members"] = [{"id": m["id"], "display_name": m.get("display_name", "")} for m in members]
    acting = operator(ctx) if user is None else {"operator": user["email"], "operator_id": user["id"]}
    ctx.emit(event, {**acting, "object": obj}, account_id=channel["account_id"])
