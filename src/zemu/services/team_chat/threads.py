"""One message, a thread (its main message and the replies under it), and chat files uploaded to be
sent as attachments (``file_ids`` of a message)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.team_chat.access import path_user
from zemu.services.team_chat.messages import public_message, resolve_target
from zemu.services.team_chat.model import FILES, MESSAGES

Doc = dict[str, Any]
MAX_FILE_BYTES = 512 * 1024 * 1024


def get_message(ctx: Context) -> Doc:
    user = path_user(ctx)
    target = resolve_target(ctx, user, ctx.query)
    if target is None:
        raise ctx.fail(300, "must provide either")
    message_id = str(ctx.path["messageId"])
    message = MESSAGES.get(ctx.tx, message_id)
    if message is None or message["session_id"] != target.session_id:
        raise ZoomError(4131, f"Message does not exist: {message_id}.", 404)
    return public_message(message)


def _moment_ms(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        raise ZoomError(300, "Invalid parameter: from.", 400) from None


def _thread_item(message: Doc) -> Doc:
    item: Doc = {
        "msg_id": message["id"],
        "message": message["message"],
        "is_reply": bool(message.get("reply_main_message_id")),
        "timestamp": message["timestamp"],
        "sender_user_id": message["sender_id"],
        "sender_email": message["sender_email"],
        "sender_member_id": message["sender_id"],
        "sender_display_name": message["sender_name"],
        "message_type": "plain_text_message" if not message["files"] else "file_and_text",
    }
    if message["files"]:
        item["files"] = message["files"]
    if message.get("reactions"):
        item["reactions"] = [
            {"emoji_id": emoji, "count": len(senders), "is_sender": False}
            for emoji, senders in message["reactions"].items()
        ]
    return item


def retrieve_thread(ctx: Context) -> Doc:
    """The thread of a main message: replies (and the main message) sent in ``from``..``to``."""
    user = path_user(ctx)
    target = resolve_target(ctx, user, ctx.query)
    if target is None:
        raise ctx.fail(4234)
    message_id = str(ctx.path["messageId"])
    main = MESSAGES.get(ctx.tx, message_id)
    if main is None or main["session_id"] != target.session_id or main.get("reply_main_message_id"):
        raise ctx.fail(4131, messageId=message_id)
    lo = _moment_ms(str(ctx.query.get("from") or ""))
    hi = _moment_ms(str(ctx.query["to"])) if ctx.query.get("to") else ctx.now_ms
    replies = list(MESSAGES.each(ctx.tx, target.session_id, {"thread": main["id"]}))
    wanted = ([main] if ctx.query.get("need_main_message", True) not in (False, "false") else []) + replies
    within = [m for m in wanted if lo <= m["timestamp"] <= hi]
    within.sort(key=lambda m: m["timestamp"], reverse=ctx.query.get("sort", "desc") == "desc")
    limit = int(ctx.query.get("limit") or 10)
    return {"total": len(within), "messages": [_thread_item(m) for m in within[:limit]]}


def upload_file(ctx: Context) -> Doc:
    """A file to attach later (``file_ids``); its bytes are not kept, only what a message shows."""
    user = path_user(ctx)
    data = (ctx.body or {}).get("file") if isinstance(ctx.body, dict) else None
    if not isinstance(data, bytes) or not data:
        raise ZoomError(300, "Invalid parameter: file.", 400)
    if len(data) > MAX_FILE_BYTES:
        raise ctx.fail(300, "maximum file size", maxSize="512MB")
    file_id = ctx.ids.uid()
    FILES.save(
        ctx.tx,
        {
            "id": file_id,
            "file_id": file_id,
            "owner_id": user["id"],
            "account_id": user["account_id"],
            "file_name": f"file-{file_id[:8]}",
            "file_size": len(data),
            "download_url": f"https://file.zoom.us/file/{file_id}",
        },
    )
    return {"id": file_id}
