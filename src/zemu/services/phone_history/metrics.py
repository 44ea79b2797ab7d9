"""Call quality: call log metrics, one call's metrics and QoS, and past call metrics."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import owned
from zemu.services.phone_history.scan import DAY, DateRule, Match, page, split_terms

Doc = dict[str, Any]
LIST_RULE = DateRule(default_span=DAY)
PAST_RULE = DateRule(default_span=30 * DAY)


def _page(ctx: Context, rule: DateRule) -> tuple[list[Any], Doc]:
    query = ctx.query
    where, params = split_terms(query, {"directions": "direction", "durations": "duration"})
    where.update(
        {
            n: query.get(n)
            for n in ("site_id", "quality_type", "phone_number", "extension_number", "department", "cost_center")
        }
    )
    return page(ctx, r.CALL_METRICS, ctx.account_id, rule, where=where, params=params, match_of=_match)


def _match(f: Doc) -> Match | None:
    """Several directions or durations: a row test (one is an index term)."""
    directions, durations = set(f.get("direction", [])), {int(d) for d in f.get("duration", [])}
    if not directions and not durations:
        return None

    def match(doc: Doc) -> bool:
        if directions and doc["view"].get("direction") not in directions:
            return False
        return not durations or bool(durations & set(r.METRICS_FILTERS["duration"](doc)))

    return match


def call_logs_metrics(ctx: Context) -> Doc:
    items, fields = _page(ctx, LIST_RULE)
    return {**fields, "call_logs": items}


def past_call_metrics(ctx: Context) -> Doc:
    items, fields = _page(ctx, PAST_RULE)
    return {**fields, "call_logs": items}


def _metrics(ctx: Context, call_id: str) -> Doc:
    doc = owned(ctx, r.CALL_METRICS, call_id)
    if doc is None:
        raise NotFound(404, f"Call log does not exist: {call_id}.")
    return doc


def call_log_metrics(ctx: Context) -> Doc:
    return _metrics(ctx, ctx.path["call_id"])["detail"]


def call_qos(ctx: Context) -> Doc:
    return _metrics(ctx, ctx.path["callId"])["qos"]
