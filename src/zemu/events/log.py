"""The delivery log as its readers see it: the control plane's deliveries and attempts, and the
items of Zoom's ``GET /marketplace/apps/{appId}/webhook_logs``."""

from __future__ import annotations

from typing import Any

import orjson

from zemu.sim.clock import zulu
from zemu.store import Tx
from zemu.store import webhooks as store

STATUS_FILTERS = {"ok": store.DELIVERED, "delivered": store.DELIVERED, "failed": store.FAILED, "pending": store.PENDING}


def attempt_view(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": a["id"],
        "kind": a["kind"],
        "retry_num": a["retry_num"],
        "at": zulu(a["at"]),
        "ok": bool(a["ok"]),
        "status": a["status"],
        "error": a["error"],
        "failed_reason_type": a["failed_reason_type"],
        "latency_ms": a["latency_ms"],
        "url": a["url"],
        "request": {"headers": orjson.loads(a["request_headers"]), "body": a["request_body"]},
        "response": {"status": a["status"], "headers": orjson.loads(a["response_headers"]), "body": a["response_body"]},
    }


def delivery_view(d: store.Delivery, attempts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": d.id,
        "event": d.event,
        "status": d.status,
        "ok": d.status == store.DELIVERED,
        "subscription_id": d.subscription_id,
        "app_id": d.app_id,
        "account_id": d.account_id,
        "url": d.url,
        "request_id": d.id,
        "tracking_id": d.tracking_id,
        "event_ts": d.event_ts,
        "created_at": zulu(d.created_at),
        "attempt_count": d.attempts,
        "next_attempt_at": zulu(d.next_at) if d.next_at is not None else None,
        "last_status": d.last_status,
        "last_error": d.last_error,
        "body": d.body,
        "attempts": [attempt_view(a) for a in attempts],
    }


def deliveries(
    tx: Tx, *, event: str | None, status: str | None, subscription_id: str | None, limit: int
) -> list[dict[str, Any]]:
    """Newest first, each with its attempts (replays included) oldest first."""
    found = store.list_deliveries(
        tx,
        event=event,
        status=STATUS_FILTERS.get(status or "", status or None),
        subscription_id=subscription_id,
        limit=limit,
    )
    attempts = store.attempts_of(tx, [d.id for d in found])
    return [delivery_view(d, attempts[d.id]) for d in found]


def delivery(tx: Tx, delivery_id: str) -> dict[str, Any] | None:
    d = store.get_delivery(tx, delivery_id)
    return delivery_view(d, store.attempts_of(tx, [d.id])[d.id]) if d else None


def webhook_log_item(a: dict[str, Any], user_id: str) -> dict[str, Any]:
    item: dict[str, Any] = {"event": a["event"], "status": a["status"]}
    if a["failed_reason_type"] is not None:
        item["failed_reason_type"] = a["failed_reason_type"]
    item.update(
        {
            "user_id": user_id,
            "endpoint": a["url"],
            "subscription_id": a["subscription_id"],
            "request_headers": a["request_headers"],
            "request_body": a["request_body"],
            "response_headers": a["response_headers"],
            "response_body": a["response_body"],
            "date_time": zulu(a["at"]),
            "trace_id": orjson.loads(a["request_headers"]).get("x-zm-trackingid", ""),
            "request_id": a["delivery_id"],
            "retry_num": a["retry_num"],
        }
    )
    return item
