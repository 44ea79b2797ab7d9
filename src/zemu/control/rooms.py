"""Control-plane routes for what a Zoom Room reports by itself (no API operation causes these):

    POST /zemu/rooms/{roomId}/alerts       {issue, component?, alert_type?, alert_kind?, delayed?}  → 201 the alert
                                           (``zoomroom.alert``, or ``zoomroom.delayed_alert`` when delayed)
    POST /zemu/rooms/{roomId}/sensor_data  {readings: [{sensor_type, sensor_value}], device_id?}
                                           (or one reading as {sensor_type, sensor_value})  → 201 the readings
    POST /zemu/rooms/{roomId}/check_in     {event_id?}  → 200 the room (``zoomroom.checked_in``)
    POST /zemu/rooms/{roomId}/check_out    {event_id?}  → 200 the room (``zoomroom.checked_out``)

Each acts on the demo account (or ``account_id`` in the body) as its owner, writes its rows and
its event in one transaction; the dashboards and ``GET /v2/rooms/{roomId}/sensor_data`` read them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.control.faults import json_object, refused
from zemu.errors import NotFound, ZoomError
from zemu.runtime import Runtime
from zemu.services.context import Context
from zemu.services.rooms import signals
from zemu.services.rooms.model import ROOMS

Doc = dict[str, Any]
Act = Callable[[Context, Doc, Doc], tuple[int, Any]]


def _alert(ctx: Context, room: Doc, body: Doc) -> tuple[int, Any]:
    issue = str(body.get("issue") or "").strip()
    if not issue:
        raise ZoomError(300, "An alert needs an issue.", 400)
    alert = signals.raise_alert(
        ctx,
        room,
        issue,
        component=str(body.get("component") or "computer"),
        alert_type=_int(body, "alert_type", 1),
        alert_kind=_int(body, "alert_kind", 1),
        delayed=body.get("delayed") is True,
    )
    return 201, {k: v for k, v in alert.items() if k != "account_id"}


def _int(body: Doc, name: str, default: int) -> int:
    try:
        return int(body.get(name, default))
    except (TypeError, ValueError):
        raise ZoomError(300, f"Invalid parameter: {name}.", 400) from None


def _sensor(ctx: Context, room: Doc, body: Doc) -> tuple[int, Any]:
    readings = body.get("readings")
    if readings is None and "sensor_type" in body:
        readings = [body]
    if not isinstance(readings, list) or not all(isinstance(r, dict) for r in readings):
        raise ZoomError(300, "Sensor readings must be a list of objects.", 400)
    stored = signals.record_sensor(ctx, room, readings, str(body.get("device_id") or ""))
    return 201, {"readings": [{k: v for k, v in r.items() if k not in ("account_id", "ms")} for r in stored]}


def _check(checked_in: bool) -> Act:
    def act(ctx: Context, room: Doc, body: Doc) -> tuple[int, Any]:
        signals.check(ctx, room, checked_in=checked_in, event_id=str(body.get("event_id") or ""))
        return 200, {"id": room["id"], "room_name": room["name"], "status": room["status"]}

    return act


def rooms_routes(rt: Runtime) -> list[Route]:
    def handler(act: Act) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                body = await json_object(request) if await request.body() else {}
                with rt.store.transaction() as tx:
                    ctx = rt.operator_context(tx, account_id=str(body.get("account_id") or "") or None)
                    room_id = request.path_params["roomId"]
                    room = ROOMS.require(ctx, room_id, NotFound(1012, f"Room not found:{room_id}."))
                    status, answer = act(ctx, room, body)
            except ZoomError as error:
                return refused(error)
            except ValueError as problem:
                return JSONResponse({"code": 300, "message": str(problem)}, status_code=400)
            return JSONResponse(answer, status_code=status)

        return endpoint

    return [
        Route("/zemu/rooms/{roomId}/alerts", handler(_alert), methods=["POST"]),
        Route("/zemu/rooms/{roomId}/sensor_data", handler(_sensor), methods=["POST"]),
        Route("/zemu/rooms/{roomId}/check_in", handler(_check(True)), methods=["POST"]),
        Route("/zemu/rooms/{roomId}/check_out", handler(_check(False)), methods=["POST"]),
    ]
