"""Call history (account, user, sync), call paths, AI call summaries and legacy call logs."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned, path_user, sync_rows
from zemu.services.phone_history.scan import DAY, DateRule, Match, page, split_terms
from zemu.services.resource import Collection

Doc = dict[str, Any]
HISTORY_RULE = DateRule()
SYNC_TYPES = ("FSync", "ISync", "BSync")
SYNC_COUNT = 10
# query filters that take several values -> the index term each value is
ANY_OF = {
    "directions": "direction",
    "connect_types": "connect_type",
    "number_types": "number_type",
    "call_types": "call_type",
    "extension_types": "extension_type",
    "call_results": "call_result",
    "group_ids": "group_id",
    "site_ids": "site_id",
    "call_ids": "call_id",
}
EQUALS = ("department", "cost_center", "recording_status")


def history_page(
    ctx: Context, collection: Collection, scope: str, rule: DateRule, project: Any = None
) -> tuple[list[Any], Doc]:
    query = ctx.query
    where, params = split_terms(query, ANY_OF)
    where.update({name: query.get(name) for name in EQUALS})
    if "with_voicemail" in query:
        where["with_voicemail"] = bool(query["with_voicemail"])
    widen = 0
    if query.get("time_type") == "end_time":
        params["end_time"] = True
        widen = DAY  # the range is on start times: a call ends at most a day after it starts
    return page(
        ctx,
        collection,
        scope,
        rule,
        where=where,
        keyword=query.get("keyword"),
        params=params,
        match_of=history_match,
        project=project,
        widen=widen,
    )


def history_match(f: Doc) -> Match | None:
    """The row test for what one index term cannot say: several values of a filter, end times."""
    many = {name: set(f[name]) for name in ANY_OF.values() if name in f}
    if not many and not f.get("end_time"):
        return None

    def match(doc: Doc) -> bool:
        for name, wanted in many.items():
            found = r.CALL_FILTERS[name](doc)
            if not wanted & set(found if isinstance(found, list) else [found]):
                return False
        return not f.get("end_time") or f["lo"] <= doc.get("end", 0) <= f["hi"]

    return match


def account_call_history(ctx: Context) -> Doc:
    items, fields = history_page(ctx, r.CALLS, ctx.account_id, HISTORY_RULE)
    return {"call_logs": items, "call_history": items, **fields}


def call_path(ctx: Context) -> Doc:
    uuid = ctx.path["callHistoryUuid"]
    doc = owned(ctx, r.CALLS, uuid)
    if doc is None:
        raise NotFound(404, f"Call history does not exist: {uuid}.")
    return doc["detail"]


def _user_rule(ctx: Context) -> DateRule:
    return DateRule(
        error=documented(ctx, "Invalid request param", ZoomError(301, "Invalid request param.", 400), paramName="from")
    )


def user_call_history(ctx: Context) -> Doc:
    user = path_user(ctx)
    bodies, fields = history_page(ctx, r.USER_CALLS, user["id"], _user_rule(ctx), project=lambda body: body)
    return {
        "call_logs": [log for body in bodies for log in body["logs"]],
        "call_elements": [element for body in bodies for element in body["elements"]],
        **fields,
    }


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
    bodies, new_token, _ = sync_rows(
        ctx, r.USER_CALLS, user["id"], sync_type, token, count, _bad_param(ctx, "sync_token")
    )
    return {
        "call_logs": [log for body in bodies for log in body["logs"]],
        "call_elements": [element for body in bodies for element in body["elements"]],
        "sync_token": new_token,
    }


def _bad_param(ctx: Context, name: str) -> ZoomError:
    return documented(
        ctx, "Invalid request param", ZoomError(301, f"Invalid request param: {name}.", 400), paramName=name
    )


def ai_call_summary(ctx: Context) -> Doc:
    user = path_user(ctx)
    summary_id = ctx.path["aiCallSummaryId"]
    doc = owned(ctx, r.AI_SUMMARIES, summary_id)
    if doc is None or doc["view"].get("user_id") != user["id"]:
        raise NotFound(404, f"AI call summary does not exist: {summary_id}.")
    return doc["view"]


# legacy call logs ----------------------------------------------------------------------------------
LOG_RULE = DateRule()


def _log_filters(ctx: Context) -> Doc:
    query = ctx.query
    kind = query.get("type") or "all"
    if kind not in ("all", "missed"):
        raise ValidationFailed([{"field": "type", "message": "Invalid field."}])
    where: Doc = {"missed": True} if kind == "missed" else {}
    where.update({name: query.get(name) for name in ("site_id", "path", "phone_number")})
    if "charged_call_logs" in query:
        where["charged"] = bool(query["charged_call_logs"])
    return where


def account_call_logs(ctx: Context) -> Doc:
    items, fields = page(ctx, r.CALL_LOGS, ctx.account_id, LOG_RULE, where=_log_filters(ctx))
    return {**_ordered(fields), "call_logs": items}


def user_call_logs(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = page(ctx, r.USER_CALL_LOGS, user["id"], LOG_RULE, where=_log_filters(ctx))
    return {**_ordered(fields), "call_logs": items}


def _ordered(fields: Doc) -> Doc:
    return {"from": fields["from"], "to": fields["to"], **{k: v for k, v in fields.items() if k not in ("from", "to")}}
