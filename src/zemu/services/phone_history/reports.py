"""Phone reports: call, SMS and fax charges, operation logs, and call queue analytics."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.paging import Cursor, Window
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented
from zemu.services.phone_history.scan import (
    DAY,
    DateRule,
    Match,
    any_of,
    date_range,
    matching,
    newest_first,
    page,
    range_fields,
    split_terms,
)
from zemu.services.phone_routing.model import QUEUES
from zemu.store import terms as index

Doc = dict[str, Any]
THIRTEEN_MONTHS = 396 * DAY
COMPLETED = {"answered", "accepted", "picked_up", "connected", "succeeded"}
ABANDONED = {"abandoned", "hang_up", "canceled"}


def _charge_rule(ctx: Context, starts: str) -> DateRule:
    error = documented(
        ctx, starts, ZoomError(400, "Invalid start date. Report is provided only for recent 13 months.", 400)
    )
    return DateRule(default_span=30 * DAY, oldest=THIRTEEN_MONTHS, error=error)


def _call_ids(f: Doc) -> Match | None:
    """Several call ids: a row test (one is an index term)."""
    wanted = set(f.get("call_id", []))
    return (lambda doc: doc["view"].get("call_id") in wanted) if wanted else None


def _report(items: list[Any], fields: Doc, key: str) -> Doc:
    return {
        "next_page_token": fields["next_page_token"],
        "page_size": fields["page_size"],
        "total_records": fields["total_records"],
        "from": fields["from"],
        "to": fields["to"],
        key: items,
    }


def call_charges(ctx: Context) -> Doc:
    if ctx.query.get("billing_account_id"):  # zemu accounts have no separate billing accounts
        raise documented(
            ctx, "The billing_account_id is invalid", ZoomError(400, "The billing_account_id is invalid.", 400)
        )
    where, params = split_terms(ctx.query, {"call_ids": "call_id"})
    where["charged"] = True if ctx.query.get("show_charges_only") else None
    items, fields = page(
        ctx,
        r.CALL_CHARGES,
        ctx.account_id,
        _charge_rule(ctx, "Invalid start date"),
        where=where,
        params=params,
        match_of=_call_ids,
    )
    return _report(items, fields, "call_charges")


def sms_charges(ctx: Context) -> Doc:
    where = {"charged": True if ctx.query.get("show_charges_only") else None}
    items, fields = page(ctx, r.SMS_CHARGES, ctx.account_id, _charge_rule(ctx, "Invalid start date"), where=where)
    return _report(items, fields, "sms_charges")


def fax_charges(ctx: Context) -> Doc:
    rule = DateRule(
        default_span=30 * DAY,
        oldest=THIRTEEN_MONTHS,
        error=documented(ctx, "Invalid from/to time", ZoomError(400, "Invalid from/to time.", 400)),
    )
    items, fields = page(ctx, r.FAX_CHARGES, ctx.account_id, rule, where={"fax_id": ctx.query.get("fax_id")})
    return _report(items, fields, "fax_charges")


def operation_logs(ctx: Context) -> Doc:
    category = str(ctx.query.get("category_type") or "all").lower()
    where = {"category_type": None if category == "all" else category}
    items, fields = page(ctx, r.OPERATION_LOGS, ctx.account_id, DateRule(), where=where)
    return _report(items, fields, "operation_logs")


# call queue analytics ------------------------------------------------------------------------------
ANALYTICS_RULE = DateRule(max_span=366 * DAY, oldest=2 * 366 * DAY)


def call_queue_analytics(ctx: Context) -> Doc:
    lo, hi = date_range(ctx, ANALYTICS_RULE)
    ext_ids = any_of(ctx.query.get("call_queue_ext_ids"))
    filters: Doc = {
        "lo": lo,
        "hi": hi,
        "ext": ext_ids,
        "w": {n: ctx.query[n] for n in ("site_id", "department", "cost_center") if ctx.query.get(n)},
    }
    used: Doc = {}

    def fetch(f: Doc, window: Window) -> list[tuple[Cursor, Any]]:
        used.update(f)
        if f["ext"]:  # the queues named: as many lookups as names, then their page
            named = [QUEUES.first(ctx.tx, ctx.account_id, {**f["w"], "extension_id": e}) for e in f["ext"]]
            rows = sorted((((q["name"].lower(), q["id"]), q) for q in named if q), key=lambda row: row[0])
            rows = [row for row in rows if window.after is None or row[0] > tuple(window.after)]
            rows = rows[window.offset : window.offset + window.limit]
        else:
            rows = index.page(
                ctx.tx,
                QUEUES.query(ctx.account_id, f["w"]),
                after=window.after,
                offset=window.offset,
                limit=window.limit,
                views=False,
            )
        return [(cursor, _analytics_item(q, _queue_stats(ctx, q, f["lo"], f["hi"]))) for cursor, q in rows]

    result = ctx.paginate(fetch, filters=filters)
    return {
        "call_queues": result.items,
        **range_fields(used["lo"], used["hi"]),
        "page_size": result.page_size,
        "next_page_token": result.next_page_token,
    }


def _queue_stats(ctx: Context, queue: Doc, lo: int, hi: int) -> Doc:
    """The counts and times of the calls a queue took or made in the range."""
    stats: Doc = {}
    extension = queue.get("extension_id", "")
    calls = r.CALLS.query(ctx.account_id, {"queue_ext": extension}, None, newest_first(hi), newest_first(lo))
    for _, body in matching(ctx.tx, calls, lambda _: True, None):
        item = body["view"]
        if item.get("callee_ext_type") == "call_queue" and item.get("callee_ext_id") == extension:
            _count_inbound(stats, item, body)
        if item.get("caller_ext_type") == "call_queue" and item.get("caller_ext_id") == extension:
            stats["outbound"] = stats.get("outbound", 0) + 1
            key = "outbound_ok" if item.get("call_result") in COMPLETED else "outbound_failed"
            stats[key] = stats.get(key, 0) + 1
    return stats


def _count_inbound(s: Doc, item: Doc, body: Doc) -> None:
    result = item.get("call_result")
    s["inbound"] = s.get("inbound", 0) + 1
    if result in COMPLETED:
        s["completed"] = s.get("completed", 0) + 1
        s["handle"] = s.get("handle", 0) + int(item.get("duration") or 0)
        wait = max(0, r.ts(item["answer_time"]) - body["ts"]) if item.get("answer_time") else 0
        s["wait"] = s.get("wait", 0) + wait
        s["max_wait"] = max(s.get("max_wait", 0), wait)
    elif result in ABANDONED:
        s["abandoned"] = s.get("abandoned", 0) + 1
    elif result == "overflowed":
        s["overflowed"] = s.get("overflowed", 0) + 1


def _analytics_item(queue: Doc, s: Doc) -> Doc:
    completed = s.get("completed", 0)
    return {
        "call_queue_id": queue["id"],
        "call_queue_name": queue["name"],
        "call_queue_ext_id": queue.get("extension_id", ""),
        "inbound_calls": s.get("inbound", 0),
        "completed_calls": completed,
        "abandoned_calls": s.get("abandoned", 0),
        "overflowed_calls": s.get("overflowed", 0),
        "avg_handle_time": s.get("handle", 0) // completed if completed else 0,
        "avg_wrap_up_time": 0,
        "avg_in_queue_wait_time": s.get("wait", 0) // completed if completed else 0,
        "max_in_queue_wait_time": s.get("max_wait", 0),
        "outbound_calls": s.get("outbound", 0),
        "outbound_connected_calls": s.get("outbound_ok", 0),
        "outbound_unconnected_calls": s.get("outbound_failed", 0),
        "site_name": queue.get("site", {}).get("name", ""),
        "site_id": queue.get("site_id", ""),
    }
