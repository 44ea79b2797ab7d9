"""Call quality: call log metrics, one call's metrics and QoS, and past call metrics."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import owned, page
from zemu.services.phone_history.scan import DAY, RANGE_KEYS, DateRule, Match, Source

Doc = dict[str, Any]
LIST_RULE = DateRule(default_span=DAY)
PAST_RULE = DateRule(default_span=30 * DAY)
GOOD_MOS = 3.5   # Zoom's baseline: a MOS of 3.5 or more is good quality
# durations filter values -> [low, high) seconds
DURATIONS = {0: (60, 300), 1: (300, 600), 2: (600, 10**9), 3: (0, 60)}


def _filters(ctx: Context) -> Doc:
    query = ctx.query
    filters: Doc = {n: query[n] for n in ("site_id", "quality_type", "phone_number", "extension_number",
                                          "department", "cost_center") if query.get(n)}
    if query.get("directions"):
        filters["directions"] = list(query["directions"])
    if query.get("durations"):
        filters["durations"] = [int(d) for d in query["durations"]]
    return filters


def _sides(body: Doc) -> list[Doc]:
    item = body["view"]
    return [item.get("caller") or {}, item.get("callee") or {}]


def _good(item: Doc) -> bool:
    try:
        return float(item.get("mos") or 0) >= GOOD_MOS
    except ValueError:
        return False


def _match(filters: Doc) -> Match | None:
    if not set(filters) - RANGE_KEYS:
        return None

    def match(body: Doc) -> bool:
        item, sides = body["view"], _sides(body)
        if "quality_type" in filters and _good(item) != (filters["quality_type"] == "good"):
            return False
        for name in ("site_id", "phone_number", "extension_number"):
            if name in filters and filters[name] not in [side.get(name) for side in sides]:
                return False
        for name in ("department", "cost_center"):
            if name in filters and body.get(name) != filters[name]:
                return False
        if "directions" in filters and item.get("direction") not in filters["directions"]:
            return False
        duration = int(item.get("duration") or 0)
        return "durations" not in filters or any(DURATIONS[d][0] <= duration < DURATIONS[d][1]
                                                 for d in filters["durations"])
    return match


def call_logs_metrics(ctx: Context) -> Doc:
    items, fields = page(ctx, Source(r.METRICS, parent=ctx.account_id), LIST_RULE, filters=_filters(ctx),
                         match_of=_match)
    return {**fields, "call_logs": items}


def past_call_metrics(ctx: Context) -> Doc:
    items, fields = page(ctx, Source(r.METRICS, parent=ctx.account_id), PAST_RULE, filters=_filters(ctx),
                         match_of=_match)
    return {**fields, "call_logs": items}


def _metrics(ctx: Context, call_id: str) -> Doc:
    doc = owned(ctx, r.METRICS, call_id)
    if doc is None:
        raise NotFound(404, f"Call log does not exist: {call_id}.")
    return doc


def call_log_metrics(ctx: Context) -> Doc:
    return _metrics(ctx, ctx.path["call_id"])["detail"]


def call_qos(ctx: Context) -> Doc:
    return _metrics(ctx, ctx.path["callId"])["qos"]
