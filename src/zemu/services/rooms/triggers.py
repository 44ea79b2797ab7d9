"""``zemu trigger zoomroom.*``: each event from the smallest real change on the demo account,
through the functions the API and the control plane use."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.rooms import locations, model, rooms, signals
from zemu.services.rooms.access import location_event, room_event
from zemu.services.rooms.model import ROOMS

Doc = dict[str, Any]


def _room(ctx: Context, params: dict[str, str]) -> Doc:
    if params.get("room"):
        return ROOMS.require(ctx, params["room"], ctx.fail(1012, "not found", roomId=params["room"]))
    found = ROOMS.first(ctx.tx, ctx.account_id)
    return found if found is not None else rooms.new_room(ctx, ctx.account_id, "Trigger Room")


def created(ctx: Context, params: dict[str, str]) -> Doc:
    return {"room_id": rooms.new_room(ctx, ctx.account_id, f"Trigger Room {ctx.ids.hex32()[:6]}")["id"]}


def updated(ctx: Context, params: dict[str, str]) -> Doc:
    room = _room(ctx, params)
    room["basic"]["support_phone"] = params.get("support_phone", "+14085550100")
    ROOMS.save(ctx.tx, room)
    room_event(ctx, "zoomroom.updated", room)
    return {"room_id": room["id"]}


def deleted(ctx: Context, params: dict[str, str]) -> Doc:
    room = rooms.new_room(ctx, ctx.account_id, f"Trigger Room {ctx.ids.hex32()[:6]}")
    ROOMS.delete(ctx.tx, room)
    room_event(ctx, "zoomroom.deleted", room)
    return {"room_id": room["id"]}


def _scratch_location(ctx: Context) -> Doc:
    return locations.new_location(ctx, ctx.account_id, f"Trigger Site {ctx.ids.hex32()[:6]}")


def location_created(ctx: Context, params: dict[str, str]) -> Doc:
    return {"location_id": _scratch_location(ctx)["id"]}


def location_updated(ctx: Context, params: dict[str, str]) -> Doc:
    location = _scratch_location(ctx)
    location["basic"]["description"] = params.get("description", "Renovated")
    model.LOCATIONS.save(ctx.tx, location)
    levels = model.structure(ctx.tx, ctx.account_id)
    location_event(ctx, "zoomroom.location_updated", location, model.type_of(levels, location))
    return {"location_id": location["id"]}


def location_deleted(ctx: Context, params: dict[str, str]) -> Doc:
    location = _scratch_location(ctx)
    model.LOCATIONS.delete(ctx.tx, location)
    levels = model.structure(ctx.tx, ctx.account_id)
    location_event(ctx, "zoomroom.location_deleted", location, model.type_of(levels, location))
    return {"location_id": location["id"]}


def checked_in(ctx: Context, params: dict[str, str]) -> Doc:
    return {"room_id": signals.check(ctx, _room(ctx, params), checked_in=True)["id"]}


def checked_out(ctx: Context, params: dict[str, str]) -> Doc:
    return {"room_id": signals.check(ctx, _room(ctx, params), checked_in=False)["id"]}


def alert(ctx: Context, params: dict[str, str], *, delayed: bool = False) -> Doc:
    room = _room(ctx, params)
    raised = signals.raise_alert(
        ctx,
        room,
        params.get("issue", "Camera is not connected"),
        component=params.get("component", "camera"),
        delayed=delayed,
    )
    return {"room_id": room["id"], "alert_id": raised["id"]}


def delayed_alert(ctx: Context, params: dict[str, str]) -> Doc:
    return alert(ctx, params, delayed=True)


def sensor_data(ctx: Context, params: dict[str, str]) -> Doc:
    room = _room(ctx, params)
    signals.record_sensor(
        ctx,
        room,
        [{"sensor_type": params.get("sensor_type", "TEMPERATURE"), "sensor_value": params.get("sensor_value", "22.5")}],
    )
    return {"room_id": room["id"]}
