"""Chatbot messages (``/im/chat/messages``): what a chatbot app posts to a user or a channel.

A chatbot is an app of the account with a bot JID (``robot_jid``), authorised with the client
credentials grant as Zoom's chatbots are; only its own token may speak as it, and only its own
messages may it edit or delete. A message to a channel lands in that channel's history, where
``GET /chat/users/{userId}/messages`` shows it with its ``bot_message``. No official document
describes these operations' errors, so the refusals below are worded here.
"""

from __future__ import annotations

from typing import Any

import orjson

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.apps import create_app
from zemu.services.context import Context
from zemu.services.team_chat.messages import Target, post
from zemu.services.team_chat.model import CHANNELS, MESSAGES
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu
from zemu.store import Tx

Doc = dict[str, Any]
KIND = "chatbot"
SCOPES = ["imchat:bot"]
USER_DOMAIN = "@xmpp.zoom.us"
CHANNEL_DOMAIN = "@conference.xmpp.zoom.us"

NOT_A_CHATBOT = ZoomError(124, "Invalid access token.", 401)


def invalid(name: str) -> ZoomError:
    return ZoomError(300, f"Invalid parameter: {name}.", 400)


def create_chatbot(tx: Tx, ids: Ids, now: float, *, account_id: str, owner_id: str, name: str) -> Doc:
    """A chatbot app: an app with the bot scope, and its bot JID."""
    app = create_app(tx, ids, now, account_id=account_id, owner_id=owner_id, name=name, app_type="oauth", scopes=SCOPES)
    bot = {
        "id": app["id"],
        "account_id": account_id,
        "name": name,
        "robot_jid": f"v1{ids.secret(20).lower()}@xmpp.zoom.us",
    }
    tx.put(KIND, app["id"], bot, account_id=account_id, parent=account_id, sort=name.lower())
    return bot


def calling_bot(ctx: Context, body: Doc) -> Doc:
    """The chatbot whose token calls, which must be the one the body names, in its account."""
    bot = ctx.tx.get(KIND, ctx.app_id or "") if ctx.app_id else None
    if bot is None or ctx.grant != "client_credentials":
        raise NOT_A_CHATBOT
    if body.get("robot_jid") != bot["robot_jid"]:
        raise invalid("robot_jid")
    if body.get("account_id") != bot["account_id"]:
        raise invalid("account_id")
    return bot


def _target(ctx: Context, bot: Doc, to_jid: str) -> Target:
    if to_jid.endswith(CHANNEL_DOMAIN):
        channel = CHANNELS.get(ctx.tx, to_jid.removesuffix(CHANNEL_DOMAIN))
        if channel is None or channel["account_id"] != bot["account_id"]:
            raise invalid("to_jid")
        return Target(channel["id"], channel, None)
    user = find_user(ctx.tx, to_jid.removesuffix(USER_DOMAIN)) if to_jid.endswith(USER_DOMAIN) else None
    if user is None or user["account_id"] != bot["account_id"]:
        raise invalid("to_jid")
    return Target(f"bot:{bot['id']}:{user['id']}", None, user)


def _content(body: Doc) -> Doc:
    """Zoom's content is a message card in JSON; plain text becomes a card of one message."""
    text = str(body.get("content") or "")
    try:
        card = orjson.loads(text)
    except orjson.JSONDecodeError:
        card = None
    return card if isinstance(card, dict) else {"body": [{"type": "message", "text": text}]}


def send(ctx: Context) -> Doc:
    body = ctx.body or {}
    bot = calling_bot(ctx, body)
    to_jid = str(body.get("to_jid") or "")
    target = _target(ctx, bot, to_jid)
    sender = {"id": bot["robot_jid"], "email": "", "display_name": bot["name"], "account_id": bot["account_id"]}
    message = post(ctx, sender, target, str(body.get("content") or ""), emit=False)
    message.update(
        bot_message=_content(body),
        robot_jid=bot["robot_jid"],
        to_jid=to_jid,
        user_jid=str(body.get("user_jid") or ""),
        markdown=bool(body.get("is_markdown_support")),
    )
    MESSAGES.save(ctx.tx, message)
    return _answer(message, sent_time=zulu(ctx.now))


def _answer(message: Doc, **when: str) -> Doc:
    return {
        "message_id": message["id"],
        "robot_jid": message["robot_jid"],
        **when,
        "to_jid": message["to_jid"],
        "user_jid": message["user_jid"],
    }


def _own_message(ctx: Context, bot: Doc) -> Doc:
    message = MESSAGES.get(ctx.tx, str(ctx.path["message_id"]))
    if message is None or message.get("robot_jid") != bot["robot_jid"]:
        raise invalid("message_id")
    return message


def edit(ctx: Context) -> Doc:
    body = ctx.body or {}
    bot = calling_bot(ctx, body)
    message = _own_message(ctx, bot)
    message.update(
        message=str(body.get("content") or ""),
        bot_message=_content(body),
        status="Edited",
        markdown=bool(body.get("is_markdown_support", message.get("markdown"))),
    )
    MESSAGES.save(ctx.tx, message)
    return _answer(message, sent_time=zulu(ctx.now))


def delete(ctx: Context) -> Doc:
    body = ctx.body or {}
    bot = calling_bot(ctx, body)
    message = _own_message(ctx, bot)
    MESSAGES.delete(ctx.tx, message)
    answer = _answer(message, deleted_time=zulu(ctx.now))
    answer.pop("user_jid")
    return answer
