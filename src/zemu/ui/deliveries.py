"""The Deliveries tab (``/ui/deliveries``): every webhook delivery with each attempt (what was
sent, what the receiver answered and how fast), retries and when the next is due, a replay
button, and the subscriptions with their URL-validation state.

The page reads the delivery log through ``zemu.events.log`` (what ``GET /zemu/deliveries``
answers) and its buttons post to the control plane (replay, validate): nothing here changes
state. The receiver's own credential (Basic auth or a custom header a subscription adds) is
never shown: only Zoom's headers are, in full.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zemu.events import log, subscriptions
from zemu.events.schedule import MAX_VALIDATION_FAILURES, RETRY_DELAYS
from zemu.runtime import Runtime
from zemu.services.apps import get_app
from zemu.store import Tx
from zemu.ui.render import reading, render

LIST_LIMIT = 50
STATUSES = ("pending", "delivered", "failed")
# headers zemu itself sends with every attempt; any other is the receiver's credential
ZOOM_HEADERS = ("content-type", "user-agent", "x-zm-")
HIDDEN = "(hidden: the receiver's credential)"
SECRET_HEADER_FIELDS = ("password", "custom_header_value")


def shown_headers(headers: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k.lower().startswith(ZOOM_HEADERS) else HIDDEN for k, v in headers.items()}


def pretty(body: str) -> str:
    """A JSON body indented for reading; any other body as it came."""
    try:
        return orjson.dumps(orjson.loads(body), option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONDecodeError:
        return body


def shown_attempt(attempt: dict[str, Any]) -> dict[str, Any]:
    request, response = attempt["request"], attempt["response"]
    return {
        **attempt,
        "request": {"headers": shown_headers(request["headers"]), "body": pretty(request["body"])},
        "response": {**response, "body": pretty(response["body"])},
    }


def shown_subscription(sub: dict[str, Any], app_names: dict[str, str]) -> dict[str, Any]:
    view = subscriptions.public(sub)
    header = {k: HIDDEN if k in SECRET_HEADER_FIELDS else v for k, v in view["custom_header"].items()}
    return {**view, "custom_header": header, "app_name": app_names.get(sub["app_id"], "")}


def short(moment: str | None) -> str:
    """``2026-11-24T12:52:18Z`` as ``11-24 12:52:18``: a list row's time, the year implied."""
    return f"{moment[5:10]} {moment[11:19]}" if moment else ""


def filters_of(request: Request) -> dict[str, str]:
    query = request.query_params
    status = query.get("status", "")
    return {"event": query.get("event", ""), "status": status if status in STATUSES else ""}


def listed(tx: Tx, wanted: dict[str, str]) -> list[dict[str, Any]]:
    found = log.deliveries(
        tx, event=wanted["event"] or None, status=wanted["status"] or None, subscription_id=None, limit=LIST_LIMIT
    )
    for d in found:
        last = d["attempts"][-1] if d["attempts"] else None
        d["last_latency_ms"] = last["latency_ms"] if last else None
        d["created_short"], d["next_short"] = short(d["created_at"]), short(d["next_attempt_at"])
    return found


def subscribed(tx: Tx) -> list[dict[str, Any]]:
    found = subscriptions.every(tx, limit=500)
    names = {app_id: (get_app(tx, app_id) or {}).get("name", "") for app_id in {s["app_id"] for s in found}}
    return [shown_subscription(s, names) for s in found]


def routes(rt: Runtime) -> list[BaseRoute]:
    events = sorted(rt.catalog.events)

    async def list_context(wanted: dict[str, str]) -> dict[str, Any]:
        return {
            "deliveries": await reading(rt, lambda tx: listed(tx, wanted)),
            "wanted": wanted,
            "statuses": STATUSES,
            "events": events,
            "limit": LIST_LIMIT,
        }

    async def opened(delivery_id: str) -> dict[str, Any] | None:
        found = await reading(rt, lambda tx: log.delivery(tx, delivery_id))
        if found is not None:
            found["attempts"] = [shown_attempt(a) for a in found["attempts"]]
        return found

    async def page(request: Request) -> Response:
        """``?open=<id>`` opens that delivery beside the list, so a link can point at one."""
        wanted_open = request.query_params.get("open")
        return render(
            request,
            "deliveries.html",
            tab="deliveries",
            title="Deliveries",
            d=await opened(wanted_open) if wanted_open else None,
            opened_id=wanted_open,
            subscriptions=await reading(rt, subscribed),
            max_failures=MAX_VALIDATION_FAILURES,
            retry_minutes=[int(s // 60) for s in RETRY_DELAYS],
            **await list_context(filters_of(request)),
        )

    async def deliveries_list(request: Request) -> Response:
        return render(request, "deliveries_list.html", **await list_context(filters_of(request)))

    async def subscriptions_list(request: Request) -> Response:
        found = await reading(rt, subscribed)
        return render(
            request, "deliveries_subscriptions.html", subscriptions=found, max_failures=MAX_VALIDATION_FAILURES
        )

    async def detail(request: Request) -> Response:
        delivery_id = request.path_params["id"]
        found = await opened(delivery_id)
        if found is None:
            return render(request, "deliveries_missing.html", status_code=404, delivery_id=delivery_id)
        return render(request, "deliveries_detail.html", d=found)

    return [
        Route("/ui/deliveries", page),
        Route("/ui/deliveries/list", deliveries_list),
        Route("/ui/deliveries/subscriptions", subscriptions_list),
        Route("/ui/deliveries/{id}", detail),
    ]
