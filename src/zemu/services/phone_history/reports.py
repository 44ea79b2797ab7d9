"""Phone reports: call, SMS and fax charges, operation logs, and call queue analytics."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.paging import Cursor, Window
from zemu.services.context import Context
from zemu.services.phone.model import get_site
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, page
from zemu.services.phone_history.scan import (
    DAY,
    RANGE_KEYS,
    DateRule,
    Match,
    Source,
    date_range,
    range_fields,
    rows_in_range,
)
from zemu.services.phone_routing.model import list_call_queues

Doc = dict[str, Any]
THIRTEEN_MONTHS = 396 * DAY
COMPLETED = {"answered", "accepted", "picked_up", "connected", "succeeded"}
ABANDONED = {"abandoned", "hang_up", "canceled"}


def _charge_rule(ctx: Context, starts: str) -> DateRule:
    error = documented(ctx, starts, ZoomError(400, "Invalid start date. Report is provided only for recent 13 months.",
                                              400))
    return DateRule(default_span=30 * DAY, oldest=THIRTEEN_MONTHS, error=error)


def _charged(item: Doc) -> bool:
    try:
        return float(str(item.get("total_charge") or "0").lstrip("$")) > 0
    except ValueError:
        return False


def _charge_match(filters: Doc) -> Match | None:
    if not set(filters) - RANGE_KEYS:
        return None

    def match(body: Doc) -> bool:
        item = body["view"]
        if filters.get("charges_only") and not _charged(item):
            return False
        if "call_ids" in filters and item.get("call_id") not in filters["call_ids"]:
            return False
        return "fax_id" not in filters or item.get("fax_id") == filters["fax_id"]
    return match


def _report(items: list[Any], fields: Doc, key: str) -> Doc:
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"],
            "total_records": fields["total_records"], "from": fields["from"], "to": fields["to"], key: items}


def call_charges(ctx: Context) -> Doc:
    if ctx.query.get("billing_account_id"):   # zemu accounts have no separate billing accounts
        raise documented(ctx, "The billing_account_id is invalid",
                         ZoomError(400, "The billing_account_id is invalid.", 400))
    filters: Doc = {"charges_only": True} if ctx.query.get("show_charges_only") else {}
    if ctx.query.get("call_ids"):
        filters["call_ids"] = [c for c in str(ctx.query["call_ids"]).split(",") if c]
    items, fields = page(ctx, Source(r.CALL_CHARGE, parent=ctx.account_id), _charge_rule(ctx, "Invalid start date"),
                         filters=filters, match_of=_charge_match)
    return _report(items, fields, "call_charges")


def sms_charges(ctx: Context) -> Doc:
    filters: Doc = {"charges_only": True} if ctx.query.get("show_charges_only") else {}
    items, fields = page(ctx, Source(r.SMS_CHARGE, parent=ctx.account_id), _charge_rule(ctx, "Invalid start date"),
                         filters=filters, match_of=_charge_match)
    return _report(items, fields, "sms_charges")


def fax_charges(ctx: Context) -> Doc:
    rule = DateRule(default_span=30 * DAY, oldest=THIRTEEN_MONTHS,
                    error=documented(ctx, "Invalid from/to time", ZoomError(400, "Invalid from/to time.", 400)))
    filters: Doc = {"fax_id": ctx.query["fax_id"]} if ctx.query.get("fax_id") else {}
    items, fields = page(ctx, Source(r.FAX_CHARGE, parent=ctx.account_id), rule, filters=filters,
                         match_of=_charge_match)
    return _report(items, fields, "fax_charges")


def operation_logs(ctx: Context) -> Doc:
    category = ctx.query.get("category_type") or "all"
    filters: Doc = {} if category.lower() == "all" else {"category_type": category}

    def match_of(f: Doc) -> Match | None:
        if "category_type" not in f:
            return None
        return lambda body: str(body["view"].get("category_type", "")).lower() == f["category_type"].lower()

    items, fields = page(ctx, Source(r.OPERATION_LOG, parent=ctx.account_id), DateRule(), filters=filters,
                         match_of=match_of)
    return _report(items, fields, "operation_logs")


# call queue analytics ------------------------------------------------------------------------------
ANALYTICS_RULE = DateRule(max_span=366 * DAY, oldest=2 * 366 * DAY)


def call_queue_analytics(ctx: Context) -> Doc:
    lo, hi = date_range(ctx, ANALYTICS_RULE)
    filters: Doc = {"lo": lo, "hi": hi}
    filters.update({n: ctx.query[n] for n in ("site_id", "department", "cost_center") if ctx.query.get(n)})
    if ctx.query.get("call_queue_ext_ids"):
        filters["ext_ids"] = list(ctx.query["call_queue_ext_ids"])
    used: Doc = {}

    def fetch(f: Doc, window: Window) -> list[tuple[Cursor, Any]]:
        used.update(f)
        queues = [q for q in list_call_queues(ctx.tx, ctx.account_id) if _queue_wanted(q, f)]
        rows = [((q["name"].lower(), q["id"]), q) for q in queues]
        rows = [row for row in rows if window.after is None or row[0] > tuple(window.after)]
        rows = rows[window.offset:window.offset + window.limit]
        stats = _queue_stats(ctx, f["lo"], f["hi"]) if rows else {}
        return [(cursor, _analytics_item(ctx, q, stats.get(q.get("extension_id", ""), {}))) for cursor, q in rows]

    result = ctx.paginate(fetch, filters=filters)
    return {"call_queues": result.items, **range_fields(used["lo"], used["hi"]),
            "page_size": result.page_size, "next_page_token": result.next_page_token}


def _queue_wanted(queue: Doc, f: Doc) -> bool:
    if "site_id" in f and queue.get("site_id") != f["site_id"]:
        return False
    if "ext_ids" in f and queue.get("extension_id") not in f["ext_ids"]:
        return False
    return all(queue.get(n) == f[n] for n in ("department", "cost_center") if n in f)


def _queue_stats(ctx: Context, lo: int, hi: int) -> dict[str, Doc]:
    """Per queue extension id: the counts and times of the calls it took or made in the range."""
    stats: dict[str, Doc] = {}
    for _, body in rows_in_range(ctx.tx, Source(r.CALL, parent=ctx.account_id), lo, hi, None, None):
        item = body["view"]
        if item.get("callee_ext_type") == "call_queue":
            _count_inbound(stats.setdefault(item.get("callee_ext_id", ""), {}), item, body)
        if item.get("caller_ext_type") == "call_queue":
            s = stats.setdefault(item.get("caller_ext_id", ""), {})
            s["outbound"] = s.get("outbound", 0) + 1
            key = "outbound_ok" if item.get("call_result") in COMPLETED else "outbound_failed"
            s[key] = s.get(key, 0) + 1
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


def _analytics_item(ctx: Context, queue: Doc, s: Doc) -> Doc:
    completed = s.get("completed", 0)
    site = get_site(ctx.tx, queue.get("site_id", ""))
    return {"call_queue_id": queue["id"], "call_queue_name": queue["name"],
            "call_queue_ext_id": queue.get("extension_id", ""), "inbound_calls": s.get("inbound", 0),
            "completed_calls": completed, "abandoned_calls": s.get("abandoned", 0),
            "overflowed_calls": s.get("overflowed", 0),
            "avg_handle_time": s.get("handle", 0) // completed if completed else 0, "avg_wrap_up_time": 0,
            "avg_in_queue_wait_time": s.get("wait", 0) // completed if completed else 0,
            "max_in_queue_wait_time": s.get("max_wait", 0), "outbound_calls": s.get("outbound", 0),
            "outbound_connected_calls": s.get("outbound_ok", 0),
            "outbound_unconnected_calls": s.get("outbound_failed", 0),
            "site_name": (site or {}).get("name", ""), "site_id": queue.get("site_id", "")}
