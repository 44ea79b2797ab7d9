"""Control-plane routes of the webhook engine (subscriptions, deliveries, replay).

GET    /zemu/subscriptions[?app_id=]          every subscription, with its validation state
POST   /zemu/subscriptions                    {url, events?, app_id?, name?, validate?, custom_header?}
GET    /zemu/subscriptions/{id}
DELETE /zemu/subscriptions/{id}
POST   /zemu/subscriptions/{id}/validate      validate now (re-enables a disabled one that passes)
GET    /zemu/deliveries[?event=&status=&subscription=&limit=]   newest first, with attempts
GET    /zemu/deliveries/{id}
POST   /zemu/deliveries/{id}/replay           a new attempt, now
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.inputs import boolean, integer, json_object, query_count, text, texts
from zemu.errors import ZoomError, bad_request
from zemu.events import log, manage, subscriptions
from zemu.events.worker import DeliveryWorker
from zemu.http.responses import error_response
from zemu.runtime import Runtime


def _not_found(what: str, key: str) -> Response:
    return error_response(ZoomError(1601, f"{what} does not exist: {key}", 404))


def subscription_spec(body: dict[str, Any]) -> dict[str, Any]:
    """The body of ``POST /zemu/subscriptions`` with every field checked for its type."""
    spec: dict[str, Any] = {"url": text(body, "url"), "validate": boolean(body, "validate", True)}
    for name in ("app_id", "name"):
        if body.get(name) is not None:
            spec[name] = text(body, name)
    if body.get("events") is not None:
        spec["events"] = texts(body, "events")
    header = body.get("custom_header")
    if header is not None:
        if not isinstance(header, dict):
            raise bad_request("custom_header must be an object (Zoom's custom_header_type and its fields).")
        checked: dict[str, Any] = {"custom_header_type": integer(header, "custom_header_type", 0, 0, 3)}
        for name in ("username", "password", "custom_header_key", "custom_header_value"):
            if header.get(name) is not None:
                checked[name] = text(header, name)
        spec["custom_header"] = checked
    return spec


def webhook_routes(runtime: Runtime) -> list[Route]:
    worker: DeliveryWorker = runtime.webhooks

    async def list_or_create(request: Request) -> Response:
        if request.method == "GET":
            app_id = request.query_params.get("app_id")
            with runtime.store.transaction(write=False) as tx:
                found = subscriptions.of_app(tx, app_id) if app_id else subscriptions.every(tx)
            return JSONResponse({"subscriptions": [subscriptions.public(s) for s in found]})
        created = await manage.subscribe(worker, subscription_spec(await json_object(request)))
        return JSONResponse(created, status_code=201)

    async def one(request: Request) -> Response:
        sub_id = request.path_params["id"]
        with runtime.store.transaction(write=request.method == "DELETE") as tx:
            sub = subscriptions.get(tx, sub_id)
            if sub is not None and request.method == "DELETE":
                subscriptions.delete(tx, sub_id)
                return Response(status_code=204)
        if sub is None:
            return _not_found("Event subscription", sub_id)
        return JSONResponse(subscriptions.public(sub))

    async def validate(request: Request) -> Response:
        done = await worker.validate_now(request.path_params["id"])
        if done is None:
            return _not_found("Event subscription", request.path_params["id"])
        sub, check = done
        return JSONResponse({"ok": check.ok, "error": check.error, "subscription": subscriptions.public(sub)})

    async def deliveries(request: Request) -> Response:
        query = request.query_params
        limit = query_count(request, "limit", 50, 1000, least=1)
        if query.get("status") not in (None, *log.STATUS_FILTERS, *log.STATUS_FILTERS.values()):
            raise bad_request(f"status must be one of {', '.join(log.STATUS_FILTERS)}.")
        with runtime.store.transaction(write=False) as tx:
            found = log.deliveries(
                tx,
                event=query.get("event"),
                status=query.get("status"),
                subscription_id=query.get("subscription") or query.get("subscription_id"),
                limit=limit,
            )
        return JSONResponse({"deliveries": found})

    async def delivery(request: Request) -> Response:
        with runtime.store.transaction(write=False) as tx:
            found = log.delivery(tx, request.path_params["id"])
        if found is None:
            return _not_found("Delivery", request.path_params["id"])
        return JSONResponse(found)

    async def replay(request: Request) -> Response:
        attempt = await worker.replay(request.path_params["id"])
        if attempt is None:
            return _not_found("Delivery", request.path_params["id"])
        with runtime.store.transaction(write=False) as tx:
            found = log.delivery(tx, request.path_params["id"])
        return JSONResponse({"attempt": log.attempt_view(attempt), "delivery": found})

    return [
        Route("/zemu/subscriptions", list_or_create, methods=["GET", "POST"]),
        Route("/zemu/subscriptions/{id}", one, methods=["GET", "DELETE"]),
        Route("/zemu/subscriptions/{id}/validate", validate, methods=["POST"]),
        Route("/zemu/deliveries", deliveries, methods=["GET"]),
        Route("/zemu/deliveries/{id}", delivery, methods=["GET"]),
        Route("/zemu/deliveries/{id}/replay", replay, methods=["POST"]),
    ]
