"""Messages: send to a channel or a contact, list by date range, edit, delete, threads, reactions.

A message lives in its session (a channel, or the conversation of two users) and is listed
newest first over a date range: ``date`` (one UTC day, today by default) or ``from``/``to``.
A reply names its thread's main message (``reply_main_message_id``), which must be a main message
of the same session. Only the sender edits or deletes a message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from zemu.services.context import Context
from zemu.services.team_chat.access import contact_user, missing_channel, path_user, role_in
from zemu.services.team_chat.model import CHANNELS, FILES, MESSAGES, count_sent, newest_first, session_of_users
from zemu.services.users.access import operator
from zemu.services.users.model import find_user
from zemu.sim.clock import zulu

Doc = dict[str, Any]
DAY_MS = 86_400_000
HISTORY_MS = 183 * DAY_MS  # Zoom answers the last six months only


class Target:
    """Where a message goes or is read: a channel the user may post in, or a contact."""

    def __init__(self, session_id: str, channel: Doc | None, contact: Doc | None) -> None:
        self.session_id = session_id
        self.channel = channel
        self.contact = contact


def resolve_target(ctx: Context, user: Doc, source: Any) -> Target | None:
    to_channel = str(source.get("to_channel") or "")
    to_contact = str(source.get("to_contact") or "")
    if to_channel:
        channel = CHANNELS.get(ctx.tx, to_channel)
        if channel is None or channel["account_id"] != ctx.account_id:
            raise missing_channel(ctx, to_channel)
        return Target(channel["id"], channel, None)
    if to_contact:
        contact = contact_user(ctx, to_contact)
        return Target(session_of_users(user["id"], contact["id"]), None, contact)
    return None


# views -----------------------------------------------------------------------------------
def public_message(message: Doc) -> Doc:
    out: Doc = {
        "date_time": zulu(message["timestamp"] / 1000),
        "id": message["id"],
        "message": message["message"],
        "sender": message["sender_email"],
        "send_member_id": message["sender_id"],
        "sender_display_name": message["sender_name"],
        "status": message["status"],
        "timestamp": message["timestamp"],
        "message_type": "plain_text_message" if not message["files"] else "file_and_text",
    }
    if message["files"]:
        out["files"] = message["files"]
        first = message["files"][0]
        out.update(
            file_id=first["file_id"],
            file_name=first["file_name"],
            file_size=first["file_size"],
            download_url=first["download_url"],
        )
    if message.get("reactions"):
        out["reactions"] = [
            {"emoji": emoji, "total_count": len(senders), "senders": [{"user_id": s, "member_id": s} for s in senders]}
            for emoji, senders in message["reactions"].items()
        ]
    if message.get("reply_main_message_id"):
        out["reply_main_message_id"] = message["reply_main_message_id"]
        out["reply_main_message_timestamp"] = message["reply_main_message_timestamp"]
    for extra in ("rich_text", "at_items", "bot_message"):
        if message.get(extra):
            out[extra] = message[extra]
    return out


def message_event(ctx: Context, event: str, message: Doc, sender: Doc) -> None:
    obj: Doc = {
        "id": message["id"],
        "type": "to_channel" if message["channel_id"] else "to_contact",
        "date_time": zulu(ctx.now),
        "timestamp": ctx.now_ms,
        "session_id": message["session_id"],
        "contact_email": message.get("contact_email", ""),
        "contact_id": message.get("contact_id", ""),
        "channel_id": message["channel_id"] or "",
        "channel_name": message.get("channel_name", ""),
        "message": message["message"],
    }
    if event == "chat_message.replied":
        obj["parent_msg_id"] = message["reply_main_message_id"]
    acting = {"operator": sender["email"], "operator_id": sender["id"]} if sender else operator(ctx)
    ctx.emit(event, {**acting, "object": obj}, account_id=message["account_id"])


# list ------------------------------------------------------------------------------------
def _day_start_ms(text: str) -> int:
    day = date.fromisoformat(text)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def _moment_ms(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def list_messages(ctx: Context) -> Doc:
    user = path_user(ctx)
    target = resolve_target(ctx, user, ctx.query)
    if target is None:
        raise ctx.fail(300, "either contact or channel")
    if target.channel is not None and role_in(ctx, target.channel, user["id"]) is None:
        raise ctx.fail(200, "permission")
    answer: Doc = {}
    if ctx.query.get("from"):
        lo = _moment_ms(str(ctx.query["from"]))
        hi = _moment_ms(str(ctx.query["to"])) if ctx.query.get("to") else ctx.now_ms
        answer.update({"from": zulu(lo / 1000), "to": zulu(hi / 1000)})
    else:
        day = str(ctx.query.get("date") or zulu(ctx.now)[:10])
        lo = _day_start_ms(day)
        hi = lo + DAY_MS - 1
        answer["date"] = day
    if lo < ctx.now_ms - HISTORY_MS:
        raise ctx.fail(300, "6 months")
    where: Doc = {}
    if ctx.query.get("exclude_child_message") in (True, "true"):
        where["main"] = True
    if ctx.query.get("search_type") == "file":
        where["has_file"] = True
    page = MESSAGES.page(
        ctx,
        scope=target.session_id,
        where=where,
        keyword=ctx.query.get("search_key"),
        lo=newest_first(hi),
        hi=newest_first(lo),
        shape=public_message,
        total=False,
    )
    return {**answer, "messages": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size}


# send, edit, delete ----------------------------------------------------------------------
def send_message(ctx: Context) -> Doc:
    sender = path_user(ctx)
    body = ctx.body or {}
    target = resolve_target(ctx, sender, body)
    if target is None:
        raise ctx.fail(5301, "sending failed")
    if target.channel is not None:
        _require_may_post(ctx, target.channel, sender)
    main = _main_message(ctx, target, body.get("reply_main_message_id"))
    files = [_file_of(ctx, sender, str(file_id)) for file_id in body.get("file_ids") or []]
    message = post(
        ctx,
        sender,
        target,
        str(body.get("message") or ""),
        main=main,
        files=files,
        rich_text=body.get("rich_text"),
        at_items=body.get("at_items"),
    )
    return {"id": message["id"]}


def _require_may_post(ctx: Context, channel: Doc, sender: Doc) -> None:
    """Members post; with ``posting_permissions`` 2 only the owner and admins do."""
    role = role_in(ctx, channel, sender["id"])
    if role is None or (
        channel["channel_settings"].get("posting_permissions", 1) == 2 and role not in ("owner", "admin")
    ):
        raise ctx.fail(5301, "sending failed")


def _main_message(ctx: Context, target: Target, main_id: Any) -> Doc | None:
    if not main_id:
        return None
    main = MESSAGES.get(ctx.tx, str(main_id))
    if main is None or main["session_id"] != target.session_id or main.get("reply_main_message_id"):
        raise ctx.fail(5402, "main message")
    return main


def _file_of(ctx: Context, sender: Doc, file_id: str) -> Doc:
    found = FILES.get(ctx.tx, file_id)
    if found is None or found["owner_id"] != sender["id"]:
        raise ctx.fail(5404, "file does not exist", file_ids=file_id)
    return {k: found[k] for k in ("file_id", "file_name", "file_size", "download_url")}


def post(
    ctx: Context,
    sender: Doc,
    target: Target,
    text: str,
    *,
    main: Doc | None = None,
    files: list[Doc] | None = None,
    rich_text: Any = None,
    at_items: Any = None,
    at_ms: int | None = None,
    emit: bool = True,
) -> Doc:
    """Store a message and announce it (``chat_message.sent``, or ``.replied`` in a thread).
    Timestamps are unique within a conversation, as Zoom's are: a message sent in the same
    millisecond as the conversation's latest takes the next one, so time order is send order
    (a back-dated message, as the demo writes, keeps its time)."""
    ms = at_ms if at_ms is not None else ctx.now_ms
    latest = MESSAGES.first(ctx.tx, target.session_id) if at_ms is None else None
    if latest is not None and latest["timestamp"] >= ms:
        ms = latest["timestamp"] + 1
    message: Doc = {
        "id": ctx.ids.uuid(),
        "account_id": sender["account_id"],
        "session_id": target.session_id,
        "channel_id": target.channel["id"] if target.channel else None,
        "channel_name": target.channel["name"] if target.channel else "",
        "contact_id": target.contact["id"] if target.contact else "",
        "contact_email": target.contact["email"] if target.contact else "",
        "sender_id": sender["id"],
        "sender_email": sender["email"],
        "sender_name": sender.get("display_name", ""),
        "message": text,
        "timestamp": ms,
        "status": "Normal",
        "files": files or [],
        "reactions": {},
        "reply_main_message_id": main["id"] if main else None,
        "reply_main_message_timestamp": main["timestamp"] if main else None,
        "rich_text": rich_text or [],
        "at_items": at_items or [],
    }
    MESSAGES.save(ctx.tx, message)
    count_sent(ctx.tx, message, zulu(ms / 1000)[:10])
    if emit:
        message_event(ctx, "chat_message.replied" if main else "chat_message.sent", message, sender)
    return message


def _sent_message(ctx: Context, user: Doc, source: Any) -> Doc:
    """The message in the path, in the session the request names (when it names one)."""
    message_id = str(ctx.path["messageId"])
    message = MESSAGES.get(ctx.tx, message_id)
    target = resolve_target(ctx, user, source)
    if (
        message is None
        or message["account_id"] != ctx.account_id
        or (target is not None and message["session_id"] != target.session_id)
    ):
        raise ctx.fail(300, "message does not exist", messageId=message_id)
    return message


def edit_message(ctx: Context) -> None:
    user = path_user(ctx)
    body = ctx.body or {}
    message = _sent_message(ctx, user, body)
    if message["sender_id"] != user["id"]:
        raise ctx.fail(200, "only the sender")
    if "file_ids" in body:
        if not message["files"] and body["file_ids"]:
            raise ctx.fail(300, "not allowed to update with the file")
        message["files"] = [_file_of(ctx, user, str(f)) for f in body["file_ids"] or []]
    if body.get("message") is not None:
        message["message"] = str(body["message"])
    message["status"] = "Edited"
    MESSAGES.save(ctx.tx, message)
    message_event(ctx, "chat_message.updated", message, user)


def delete_message(ctx: Context) -> None:
    user = path_user(ctx)
    if not (ctx.query.get("to_channel") or ctx.query.get("to_contact")):
        raise ctx.fail(300, "you must provide")
    message = _sent_message(ctx, user, ctx.query)
    if message["sender_id"] != user["id"]:
        raise ctx.fail(200, "only the sender")
    for reply in list(MESSAGES.each(ctx.tx, message["session_id"], {"thread": message["id"]})):
        MESSAGES.delete(ctx.tx, reply)  # a thread goes with its main message
    MESSAGES.delete(ctx.tx, message)
    message_event(ctx, "chat_message.deleted", message, user)


def react(ctx: Context) -> None:
    """Add or remove the acting user's emoji on a message of a session they belong to."""
    user = path_user(ctx)
    body = ctx.body or {}
    message = _sent_message(ctx, user, body)
    set_reaction(ctx, user, message, str(body.get("emoji") or ""), add=body.get("action") != "remove")


def set_reaction(ctx: Context, user: Doc, message: Doc, emoji: str, *, add: bool) -> None:
    """Change one user's emoji on a message and announce it (``team_chat.*_reaction_*``) when it changed."""
    senders = message["reactions"].setdefault(emoji, [])
    changed = (user["id"] not in senders) if add else (user["id"] in senders)
    if add and changed:
        senders.append(user["id"])
    elif changed:
        senders.remove(user["id"])
    if not senders:
        message["reactions"].pop(emoji, None)
    MESSAGES.save(ctx.tx, message)
    if changed:
        _reaction_event(ctx, user, message, emoji, add)


def _reaction_event(ctx: Context, user: Doc, message: Doc, emoji: str, added: bool) -> None:
    obj: Doc = {
        "msg_id": message["id"],
        "msg_time": zulu(message["timestamp"] / 1000),
        "emoji_time": zulu(ctx.now),
        "emoji": emoji,
        "timestamp": ctx.now_ms,
    }
    if message["channel_id"]:
        kind = "channel"
        obj["channel_id"] = message["channel_id"]
    else:
        kind = "dm"
        other_id = next((p for p in message["session_id"].split(":")[1:] if p != user["id"]), user["id"])
        other = find_user(ctx.tx, other_id) or user
        obj.update(contact_email=other["email"], contact_id=other["id"], contact_member_id=other["id"])
    ctx.emit(
        f"team_chat.{kind}_reaction_{'added' if added else 'removed'}",
        {
            "operator": user["email"],
            "operator_id": user["id"],
            "operator_member_id": user["id"],
            "by_external_user": False,
            "object": obj,
        },
        account_id=message["account_id"],
    )
