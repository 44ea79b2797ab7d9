"""What a room reports by itself: alerts (a device offline, a low battery …), sensor readings and
check-ins. No API operation causes these on Zoom; the control plane and ``zemu trigger`` raise
them here, and the dashboards and ``GET /rooms/{roomId}/sensor_data`` read them back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.rooms.access import room_event, target_room
from zemu.services.rooms.model import ALERTS, DEVICES, ROOMS, SENSORS, newest_first
from zemu.sim.clock import zulu

Doc = dict[str, Any]

# Zoom's alert components (1 camera … 6 controller) and alert kinds (1 issue … 4 resolved).
COMPONENTS = {"camera": 1, "microphone": 2, "speaker": 3, "computer": 4, "scheduling_display": 5, "controller": 6}
SENSOR_TYPES = ("CO2", "TEMPERATURE", "REAL_TIME_PEOPLE_COUNT", "HUMIDITY", "VOC", "AQI", "PM25")


def bad(message: str) -> ZoomError:
    return ZoomError(300, message, 400)


def raise_alert(
    ctx: Context,
    room: Doc,
    issue: str,
    *,
    component: str = "computer",
    alert_type: int = 1,
    alert_kind: int = 1,
    delayed: bool = False,
) -> Doc:
    """An alert of the room (``alert_kind`` 4 resolves the open ones of that issue); a delayed alert
    is one Zoom sends after the issue has lasted (``zoomroom.delayed_alert``)."""
    if component not in COMPONENTS:
        raise bad(f"Unknown component: {component}.")
    alert = {
        "id": ctx.ids.uid(),
        "room_id": room["id"],
        "account_id": room["account_id"],
        "issue": issue,
        "component": COMPONENTS[component],
        "alert_type": alert_type,
        "alert_kind": alert_kind,
        "alert_time": ctx.now_ms,
        "open": alert_kind != 4,
    }
    ALERTS.save(ctx.tx, alert)
    if alert_kind == 4:  # resolved: the room's open alerts of that issue close
        for held in list(ALERTS.each(ctx.tx, room["id"], {"open": True})):
            if held["issue"] == issue:
                held["open"] = False
                ALERTS.save(ctx.tx, held)
    room_event(
        ctx,
        "zoomroom.delayed_alert" if delayed else "zoomroom.alert",
        room,
        calendar_name="",
        email=_room_email(room),
        issue=issue,
        alert_type=alert_type,
        component=COMPONENTS[component],
        alert_time=ctx.now_ms,
        alert_kind=alert_kind,
    )
    return alert


def _room_email(room: Doc) -> str:
    return f"room-{room['id'].lower()}@rooms.zemu.example"


def record_sensor(ctx: Context, room: Doc, readings: list[Doc], device_id: str = "") -> list[Doc]:
    if not readings:
        raise bad("At least one sensor reading is needed.")
    device = DEVICES.get(ctx.tx, device_id) if device_id else DEVICES.first(ctx.tx, room["id"])
    if device_id and (device is None or device["room_id"] != room["id"]):
        raise bad(f"Device does not exist in this room: {device_id}.")
    stored = []
    for i, reading in enumerate(readings):
        kind = str(reading.get("sensor_type") or "")
        if kind not in SENSOR_TYPES:
            raise bad(f"Unknown sensor type: {kind}.")
        row = {
            "id": ctx.ids.uid(),
            "room_id": room["id"],
            "account_id": room["account_id"],
            "device_id": device["id"] if device else "",
            "sensor_type": kind,
            "sensor_value": str(reading.get("sensor_value", "")),
            "ms": ctx.now_ms + i,
            "date_time": zulu(ctx.now),
        }
        SENSORS.save(ctx.tx, row)
        stored.append(row)
    room_event(
        ctx,
        "zoomroom.sensor_data",
        room,
        device_id=stored[0]["device_id"],
        sensor_data=[
            {"date_time": r["date_time"], "sensor_type": r["sensor_type"], "sensor_value": r["sensor_value"]}
            for r in stored
        ],
    )
    return stored


def check(ctx: Context, room: Doc, *, checked_in: bool, event_id: str = "") -> Doc:
    """A check-in (or out) of the room's current calendar event; an in-meeting room is busy."""
    room["status"] = "InMeeting" if checked_in else "Available"
    ROOMS.save(ctx.tx, room)
    event = "zoomroom.checked_in" if checked_in else "zoomroom.checked_out"
    room_event(
        ctx,
        event,
        room,
        calendar_name=room["name"],
        email=_room_email(room),
        event_id=event_id or ctx.ids.hex32(),
        change_key=ctx.ids.hex32()[:12],
        resource_email=_room_email(room),
        calendar_id=room["calendar_resource_id"] or room["id"],
        calendar_type="1",
        api_type="0",
    )
    return room


def sensor_data(ctx: Context) -> Doc:
    """``GET /rooms/{roomId}/sensor_data``: the room's readings in ``from``..``to``, newest first."""
    room = target_room(ctx)
    # Zoom's times are whole seconds: ``to`` takes in its whole second
    lo, hi = _ms(str(ctx.query.get("from") or "")), _ms(str(ctx.query.get("to") or "")) + 999
    kind = ctx.query.get("sensor_type")
    page = SENSORS.page(
        ctx,
        scope=room["id"],
        where={"type": kind},
        lo=newest_first(hi),
        hi=newest_first(lo),
        shape=lambda r: {
            "date_time": r["date_time"],
            "device_id": r["device_id"],
            "sensor_type": r["sensor_type"],
            "sensor_value": r["sensor_value"],
        },
    )
    return {
        "from": zulu(lo / 1000),
        "to": zulu(hi / 1000),
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records or 0,
        "sensor_data": page.items,
    }


def _ms(text: str) -> int:
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        raise bad("Invalid parameter: from/to.") from None
