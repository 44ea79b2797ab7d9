"""SMS sessions and messages: account and user session lists, session details, one message, syncs."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned, path_user, sync_rows
from zemu.services.phone_history.scan import DAY, DateRule, Match, page
from zemu.services.resource import Collection

Doc = dict[str, Any]
RULE = DateRule(default_span=30 * DAY)
SESSION_TYPES = ("user", "call_queue", "auto_receptionist", "service_endpoint", "all")
SYNC_TYPES = ("FSync", "ISync", "BSync")
SYNC_COUNT = 10
# filter_type -> which time of a session the from/to range tests
FILTER_TIMES = {
    "sent_message_time": ("sent",),
    "received_message_time": ("received",),
    "sent_received_message_time": ("sent", "received"),
}


def _sessions(
    ctx: Context, collection: Collection, scope: str, session_types: tuple[str, ...] = SESSION_TYPES
) -> tuple[list[Any], Doc]:
    session_type = ctx.query.get("session_type") or "user"
    if session_type not in session_types:
        raise documented(ctx, "SMS session type is invalid", ZoomError(400, "SMS session type is invalid.", 400))
    where = {
        "session_type": None if session_type == "all" else session_type,
        "phone_number": ctx.query.get("phone_number"),
    }
    times = FILTER_TIMES.get(ctx.query.get("filter_type") or "last_message_time")
    # a session is sorted by its last message, which may be newer than the message time tested
    return page(
        ctx,
        collection,
        scope,
        RULE,
        where=where,
        params={"times": list(times)} if times else None,
        match_of=_session_match,
        widen=365 * DAY if times else 0,
        total=False,
    )


def _session_match(f: Doc) -> Match | None:
    times = f.get("times")
    if not times:
        return None
    return lambda doc: any(f["lo"] <= doc.get(t, 0) <= f["hi"] for t in times)


def account_sessions(ctx: Context) -> Doc:
    items, fields = _sessions(ctx, r.SMS_SESSIONS, ctx.account_id)
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_sessions": items}


def user_sessions(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = _sessions(ctx, r.USER_SMS_SESSIONS, user["id"], SESSION_TYPES[:-2] + ("all",))
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_sessions": items}


def _session(ctx: Context) -> Doc:
    session_id = ctx.path["sessionId"]
    doc = owned(ctx, r.SMS_SESSIONS, session_id)
    if doc is None:
        missing = NotFound(12004, f"Session does not exist: {session_id}.")
        raise documented(ctx, "Session does not exist", missing, sessionId=session_id)
    return doc


def session_details(ctx: Context) -> Doc:
    _session(ctx)
    status = ctx.query.get("delivery_status") or "all"
    where = {"delivery_status": None if status == "all" else status}
    items, fields = page(ctx, r.SMS_MESSAGES, ctx.path["sessionId"], RULE, where=where, total=False)
    if ctx.query.get("sort") == 1:  # 1 ascending, 2 descending (the store's order): within the page
        items = list(reversed(items))
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_histories": items}


def message(ctx: Context) -> Doc:
    _session(ctx)
    message_id = ctx.path["messageId"]
    doc = owned(ctx, r.SMS_MESSAGES, message_id)
    if doc is None or doc.get("session_id") != ctx.path["sessionId"]:
        raise NotFound(404, f"Message does not exist: {message_id}.")
    return doc["view"]


def _sync_args(ctx: Context, invalid: ZoomError) -> tuple[str, str, int]:
    sync_type = ctx.query.get("sync_type") or "FSync"
    token = ctx.query.get("sync_token") or ""
    if sync_type not in SYNC_TYPES or (sync_type != "FSync" and not token):
        raise invalid
    return sync_type, token, int(ctx.query.get("count") or SYNC_COUNT)


def _too_many(ctx: Context) -> ZoomError:
    message = "The number of new records exceeds the sync count. Please resync with the `FSync` method."
    return documented(ctx, "The number of new records", ZoomError(7035, message, 400))


def session_sync(ctx: Context) -> Doc:
    _session(ctx)
    invalid = documented(ctx, "The sync token is invalid", ZoomError(300, "The sync token is invalid or expired.", 400))
    sync_type, token, count = _sync_args(ctx, invalid)
    bodies, new_token, found = sync_rows(ctx, r.SMS_MESSAGES, ctx.path["sessionId"], sync_type, token, count, invalid)
    if sync_type == "ISync" and found > count:
        raise _too_many(ctx)
    histories = [{k: v for k, v in body["view"].items() if k != "delivery_status"} for body in bodies]
    return {"sms_histories": histories, "sync_token": new_token}


def user_session_sync(ctx: Context) -> Doc:
    user = path_user(ctx)
    invalid = documented(ctx, "The sync token is invalid", NotFound(300, "The sync token is invalid or expired."))
    sync_type, token, count = _sync_args(ctx, invalid)
    session_type = ctx.query.get("session_type") or "user"
    if session_type not in ("user", "call_queue", "auto_receptionist", "all"):
        raise documented(ctx, "SMS session type is invalid", ZoomError(400, "SMS session type is invalid.", 400))
    bodies, new_token, found = sync_rows(ctx, r.USER_SMS_SESSIONS, user["id"], sync_type, token, count, invalid)
    if sync_type == "ISync" and found > count:
        raise _too_many(ctx)
    sessions = [
        {**body["view"], "latest_message": body["latest_message"], "unread_message_count": body["unread"]}
        for body in bodies
        if session_type == "all" or body.get("session_type") == session_type
    ]
    return {"sms_sessions": sessions, "sync_token": new_token}
