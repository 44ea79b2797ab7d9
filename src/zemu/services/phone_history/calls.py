"""Call history (account, user, sync), call paths, AI call summaries and legacy call logs."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned, page, path_user, sync_rows
from zemu.services.phone_history.scan import DAY, RANGE_KEYS, DateRule, Match, Source

Doc = dict[str, Any]
HISTORY_RULE = DateRule()
SYNC_TYPES = ("FSync", "ISync", "BSync")
SYNC_COUNT = 10
# query list filters -> the history item fields they test (any field matching is enough)
ANY_OF = {"directions": ("direction",), "connect_types": ("connect_type",),
          "number_types": ("caller_number_type", "callee_number_type"), "call_types": ("call_type",),
          "extension_types": ("caller_ext_type", "callee_ext_type"), "call_results": ("call_result",),
          "group_ids": ("group_id",), "site_ids": ("site_id",), "call_ids": ("call_id",)}
EQUALS = ("department", "cost_center", "recording_status")
KEYWORD_FIELDS = ("call_id", "caller_name", "callee_name", "caller_ext_number", "callee_ext_number",
                  "caller_did_number", "callee_did_number", "caller_email", "callee_email")


def history_filters(ctx: Context) -> Doc:
    query = ctx.query
    filters: Doc = {name: list(query[name]) for name in ANY_OF if query.get(name)}
    filters.update({name: query[name] for name in EQUALS if query.get(name)})
    if query.get("keyword"):
        filters["keyword"] = str(query["keyword"]).lower()
    if "with_voicemail" in query:
        filters["with_voicemail"] = bool(query["with_voicemail"])
    if query.get("time_type") == "end_time":
        filters["end_time"] = True
        filters["widen"] = DAY   # the scan runs on start times: a call ends at most a day after it starts
    return filters


def history_match(filters: Doc) -> Match | None:
    tests = [name for name in (*ANY_OF, *EQUALS, "keyword", "with_voicemail", "end_time") if name in filters]
    if not tests:
        return None

    def match(body: Doc) -> bool:
        item = body["view"]
        for name, fields in ANY_OF.items():
            if name in filters and not any(item.get(f) in filters[name] for f in fields):
                return False
        if any(name in filters and item.get(name) != filters[name] for name in EQUALS):
            return False
        if "keyword" in filters and not any(filters["keyword"] in str(item.get(f, "")).lower()
                                            for f in KEYWORD_FIELDS):
            return False
        if "with_voicemail" in filters and bool(body.get("voicemail")) != filters["with_voicemail"]:
            return False
        return not ("end_time" in filters and not filters["lo"] <= body.get("end", 0) <= filters["hi"])
    return match


def account_call_history(ctx: Context) -> Doc:
    items, fields = page(ctx, Source(r.CALL, parent=ctx.account_id), HISTORY_RULE, filters=history_filters(ctx),
                         match_of=history_match)
    return {"call_logs": items, "call_history": items, **fields}


def call_path(ctx: Context) -> Doc:
    uuid = ctx.path["callHistoryUuid"]
    doc = owned(ctx, r.CALL, uuid)
    if doc is None:
        raise NotFound(404, f"Call history does not exist: {uuid}.")
    return doc["detail"]


def _user_rule(ctx: Context) -> DateRule:
    return DateRule(error=documented(ctx, "Invalid request param", ZoomError(301, "Invalid request param.", 400),
                                     paramName="from"))


def user_call_history(ctx: Context) -> Doc:
    user = path_user(ctx)
    bodies, fields = page(ctx, Source(r.USER_CALL, parent=user["id"]), _user_rule(ctx),
                          filters=history_filters(ctx), match_of=history_match, project=lambda body: body)
    return {"call_logs": [log for body in bodies for log in body["logs"]],
            "call_elements": [element for body in bodies for element in body["elements"]], **fields}


def sync_user_call_history(ctx: Context) -> Doc:
    user = path_user(ctx)
    sync_type = ctx.query.get("sync_type") or "FSync"
    token = ctx.query.get("sync_token") or ""
    if sync_type not in SYNC_TYPES:
        raise _bad_param(ctx, "sync_type")
    if sync_type != "FSync" and not token:
        raise _bad_param(ctx, "sync_token")
    count = int(ctx.query.get("count") or SYNC_COUNT)
    if count < 1:
        raise _bad_param(ctx, "count")
    bodies, new_token, _ = sync_rows(ctx, Source(r.USER_CALL, parent=user["id"]), sync_type, token, count,
                                     _bad_param(ctx, "sync_token"))
    return {"call_logs": [log for body in bodies for log in body["logs"]],
            "call_elements": [element for body in bodies for element in body["elements"]],
            "sync_token": new_token}


def _bad_param(ctx: Context, name: str) -> ZoomError:
    return documented(ctx, "Invalid request param", ZoomError(301, f"Invalid request param: {name}.", 400),
                      paramName=name)


def ai_call_summary(ctx: Context) -> Doc:
    user = path_user(ctx)
    summary_id = ctx.path["aiCallSummaryId"]
    doc = owned(ctx, r.AI_SUMMARY, summary_id)
    if doc is None or doc["view"].get("user_id") != user["id"]:
        raise NotFound(404, f"AI call summary does not exist: {summary_id}.")
    return doc["view"]


# legacy call logs ----------------------------------------------------------------------------------
LOG_RULE = DateRule()


def _log_match(filters: Doc) -> Match | None:
    if not set(filters) - RANGE_KEYS:
        return None

    def match(body: Doc) -> bool:
        item = body["view"]
        if filters.get("missed") and not body.get("missed"):
            return False
        if "site_id" in filters and item.get("site", {}).get("id") != filters["site_id"]:
            return False
        if "path" in filters and item.get("path") != filters["path"]:
            return False
        if "charged" in filters and bool(item.get("charge") not in (None, "", "0", "$0", "0.00")) != filters["charged"]:
            return False
        numbers = (item.get("caller_number"), item.get("callee_number"), item.get("caller_did_number"),
                   item.get("callee_did_number"))
        return not ("phone_number" in filters and filters["phone_number"] not in numbers)
    return match


def _log_filters(ctx: Context) -> Doc:
    query = ctx.query
    kind = query.get("type") or "all"
    if kind not in ("all", "missed"):
        raise ValidationFailed([{"field": "type", "message": "Invalid field."}])
    filters: Doc = {"missed": True} if kind == "missed" else {}
    for name in ("site_id", "path", "phone_number"):
        if query.get(name):
            filters[name] = query[name]
    if "charged_call_logs" in query:
        filters["charged"] = bool(query["charged_call_logs"])
    return filters


def account_call_logs(ctx: Context) -> Doc:
    items, fields = page(ctx, Source(r.CALL_LOG, parent=ctx.account_id), LOG_RULE, filters=_log_filters(ctx),
                         match_of=_log_match)
    return {**_ordered(fields), "call_logs": items}


def user_call_logs(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = page(ctx, Source(r.USER_CALL_LOG, parent=user["id"]), LOG_RULE, filters=_log_filters(ctx),
                         match_of=_log_match)
    return {**_ordered(fields), "call_logs": items}


def _ordered(fields: Doc) -> Doc:
    return {"from": fields["from"], "to": fields["to"], **{k: v for k, v in fields.items() if k not in ("from", "to")}}
