"""SMS sessions and messages: account and user session lists, session details, one message, syncs."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned, page, path_user, sync_rows
from zemu.services.phone_history.scan import DAY, RANGE_KEYS, DateRule, Match, Source

Doc = dict[str, Any]
RULE = DateRule(default_span=30 * DAY)
SESSION_TYPES = ("user", "call_queue", "auto_receptionist", "service_endpoint", "all")
SYNC_TYPES = ("FSync", "ISync", "BSync")
SYNC_COUNT = 10
# filter_type -> which time of a session the from/to range tests
FILTER_TIMES = {"sent_message_time": ("sent",), "received_message_time": ("received",),
                "sent_received_message_time": ("sent", "received")}


def _session_filters(ctx: Context, session_types: tuple[str, ...] = SESSION_TYPES) -> Doc:
    session_type = ctx.query.get("session_type") or "user"
    if session_type not in session_types:
        raise documented(ctx, "SMS session type is invalid", ZoomError(400, "SMS session type is invalid.", 400))
    filters: Doc = {} if session_type == "all" else {"session_type": session_type}
    if ctx.query.get("phone_number"):
        filters["phone_number"] = ctx.query["phone_number"]
    filter_type = ctx.query.get("filter_type") or "last_message_time"
    if filter_type in FILTER_TIMES:
        filters["times"] = list(FILTER_TIMES[filter_type])
        filters["widen"] = 365 * DAY   # a session's last message may be newer than the one tested
    return filters


def _session_match(filters: Doc) -> Match | None:
    if not set(filters) - RANGE_KEYS:
        return None

    def match(body: Doc) -> bool:
        if "session_type" in filters and body.get("session_type") != filters["session_type"]:
            return False
        if "phone_number" in filters and filters["phone_number"] not in body.get("numbers", []):
            return False
        times = filters.get("times")
        return not times or any(filters["lo"] <= body.get(t, 0) <= filters["hi"] for t in times)
    return match


def account_sessions(ctx: Context) -> Doc:
    items, fields = page(ctx, Source(r.SMS_SESSION, parent=ctx.account_id), RULE, filters=_session_filters(ctx),
                         match_of=_session_match, total=False)
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_sessions": items}


def user_sessions(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = page(ctx, Source(r.USER_SMS, parent=user["id"]), RULE,
                         filters=_session_filters(ctx, SESSION_TYPES[:-2] + ("all",)), match_of=_session_match,
                         total=False)
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_sessions": items}


def _session(ctx: Context) -> Doc:
    session_id = ctx.path["sessionId"]
    doc = owned(ctx, r.SMS_SESSION, session_id)
    if doc is None:
        missing = NotFound(12004, f"Session does not exist: {session_id}.")
        raise documented(ctx, "Session does not exist", missing, sessionId=session_id)
    return doc


def _message_match(filters: Doc) -> Match | None:
    if "delivery_status" not in filters:
        return None
    return lambda body: body["view"].get("delivery_status") == filters["delivery_status"]


def session_details(ctx: Context) -> Doc:
    _session(ctx)
    status = ctx.query.get("delivery_status") or "all"
    filters = {} if status == "all" else {"delivery_status": status}
    items, fields = page(ctx, Source(r.SMS_MESSAGE, parent=ctx.path["sessionId"]), RULE, filters=filters,
                         match_of=_message_match, total=False)
    if ctx.query.get("sort") == 1:   # 1 ascending, 2 descending (the store's order): within the page
        items = list(reversed(items))
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "sms_histories": items}


def message(ctx: Context) -> Doc:
    _session(ctx)
    message_id = ctx.path["messageId"]
    doc = owned(ctx, r.SMS_MESSAGE, message_id)
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
    bodies, new_token, found = sync_rows(ctx, Source(r.SMS_MESSAGE, parent=ctx.path["sessionId"]), sync_type,
                                         token, count, invalid)
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
    bodies, new_token, found = sync_rows(ctx, Source(r.USER_SMS, parent=user["id"]), sync_type, token, count,
                                         invalid)
    if sync_type == "ISync" and found > count:
        raise _too_many(ctx)
    sessions = [{**body["view"], "latest_message": body["latest_message"], "unread_message_count": body["unread"]}
                for body in bodies if session_type == "all" or body.get("session_type") == session_type]
    return {"sms_sessions": sessions, "sync_token": new_token}
