"""Rooms: add, list with Zoom's filters, the room profile, move to a location, delete, devices.

A room belongs to at most one location; listing by ``location_id`` answers the rooms anywhere
below that location. Deleting a room takes its devices, alerts and readings with it."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.rooms import model
from zemu.services.rooms.access import account, room_event, target_location, target_room
from zemu.services.rooms.model import ALERTS, DEVICES, ROOMS, SENSORS

Doc = dict[str, Any]

BASIC_FIELDS = (
    "hide_room_in_contacts",
    "display_name",
    "required_code_to_ext",
    "room_passcode",
    "support_email",
    "support_phone",
    "calendar_resource_id",
    "use_display_name_on_scheduling_display",
    "use_display_name_on_zoom_rooms_display_and_controller",
    "use_display_name_in_meetings",
    "capacity",
    "show_room_capacity_on_the_zoom_rooms",
    "show_room_capacity_on_the_scheduling_display",
)
SETUP_FIELDS = (
    "checkin_and_checkout",
    "under_construction",
    "apply_background_image_to_all_displays",
    "background_image_info",
    "pro_device",
)


def public_room(room: Doc) -> Doc:
    return {
        "activation_code": room["activation_code"],
        "id": room["id"],
        "location_id": room["location_id"],
        "name": room["name"],
        "room_id": room["room_id"],
        "status": room["status"],
        "tag_ids": room["tag_ids"],
    }


def new_room(
    ctx: Context, account_id: str, name: str, room_type: str = "ZoomRoom", location_id: str = "", **extra: Any
) -> Doc:
    room: Doc = {
        "id": ctx.ids.uid(),
        "room_id": ctx.ids.uid(),
        "account_id": account_id,
        "name": name,
        "type": room_type,
        "status": "Offline",
        "activation_code": ctx.ids.digits(4)
        + "-"
        + ctx.ids.digits(4)
        + "-"
        + ctx.ids.digits(4)
        + "-"
        + ctx.ids.digits(4),
        "tag_ids": [str(t) for t in extra.get("tag_ids") or []],
        "calendar_resource_id": str(extra.get("calendar_resource_id") or ""),
        "user_id": str(extra.get("user_id") or ""),
        "pro_device": bool(extra.get("pro_device", False)),
        "basic": {},
        "setup": {},
        "device": {},
        "location_id": "",
        "location_path": [],
    }
    model.place_room(ctx.tx, room, location_id)
    room_event(ctx, "zoomroom.created", room)
    return room


def add_room(ctx: Context) -> Doc:
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise ZoomError(300, "Invalid parameter: name.", 400)
    location_id = str(body.get("location_id") or "")
    if location_id:
        target_location(ctx, location_id)
    extra = {k: body[k] for k in ("tag_ids", "calendar_resource_id", "user_id", "pro_device") if k in body}
    room = new_room(ctx, account(ctx), name, str(body.get("type") or "ZoomRoom"), location_id, **extra)
    return {
        "id": room["id"],
        "location_id": room["location_id"],
        "name": room["name"],
        "room_id": room["room_id"],
        "tags": [{"tag_id": t, "tag_name": t} for t in room["tag_ids"]],
        "type": room["type"],
        "calendar_resource_id": room["calendar_resource_id"],
        "user_id": room["user_id"],
        "pro_device": room["pro_device"],
    }


def list_rooms(ctx: Context) -> Doc:
    q = ctx.query
    where: Doc = {"status": q.get("status"), "type": q.get("type"), "location": q.get("location_id")}
    if q.get("unassigned_rooms") in (True, "true"):
        where["unassigned"] = True
    tags = [t for t in str(q.get("tag_ids") or "").split(",") if t]
    if tags:
        where["tag"] = tags[0]
    page = ROOMS.page(ctx, scope=account(ctx), where=where, keyword=q.get("query_name"), shape=public_room, total=False)
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "rooms": page.items}


def get_room(ctx: Context) -> Doc:
    room = target_room(ctx)
    if ctx.query.get("regenerate_activation_code") in (True, "true"):
        room["activation_code"] = "-".join(ctx.ids.digits(4) for _ in range(4))
        ROOMS.save(ctx.tx, room)
    basic = {
        "activation_code": room["activation_code"],
        "hide_room_in_contacts": False,
        "name": room["name"],
        "display_name": room["name"],
        "required_code_to_ext": False,
        "calendar_resource_id": room["calendar_resource_id"],
        "zoom_room_type": room["type"],
        "location_id": room["location_id"],
        "tag_ids": room["tag_ids"],
        "user_id": room["user_id"],
        **room["basic"],
    }
    setup = {
        "under_construction": room["status"] == "UnderConstruction",
        "apply_background_image_to_all_displays": False,
        "background_image_info": [],
        "pro_device": room["pro_device"],
        **room["setup"],
    }
    return {"basic": basic, "device": room["device"], "setup": setup}


def update_room(ctx: Context) -> None:
    room = target_room(ctx)
    body = ctx.body or {}
    basic, setup = body.get("basic") or {}, body.get("setup") or {}
    if "name" in basic:
        if not str(basic["name"] or "").strip():
            raise ZoomError(300, "Invalid parameter: name.", 400)
        room["name"] = str(basic["name"]).strip()
    if basic.get("zoom_room_type"):
        room["type"] = basic["zoom_room_type"]
    if "tag_ids" in basic:
        room["tag_ids"] = [str(t) for t in basic["tag_ids"] or []]
    room["basic"].update({k: basic[k] for k in BASIC_FIELDS if k in basic})
    room["setup"].update({k: setup[k] for k in SETUP_FIELDS if k in setup})
    if "under_construction" in setup:
        room["status"] = "UnderConstruction" if setup["under_construction"] else "Offline"
    if "pro_device" in setup:
        room["pro_device"] = bool(setup["pro_device"])
    if isinstance(body.get("device"), dict):
        room["device"].update(body["device"])
    ROOMS.save(ctx.tx, room)
    room_event(ctx, "zoomroom.updated", room)


def change_location(ctx: Context) -> None:
    room = target_room(ctx)
    location_id = str((ctx.body or {}).get("location_id") or "")
    target_location(ctx, location_id)
    model.place_room(ctx.tx, room, location_id)
    room_event(ctx, "zoomroom.updated", room)


def delete_room(ctx: Context) -> None:
    room = target_room(ctx)
    for collection in (DEVICES, ALERTS, SENSORS):
        for doc in list(collection.each(ctx.tx, room["id"])):
            collection.delete(ctx.tx, doc)
    ROOMS.delete(ctx.tx, room)
    room_event(ctx, "zoomroom.deleted", room)


def public_device(room: Doc, device: Doc) -> Doc:
    return {**{k: v for k, v in device.items() if k not in ("room_id", "account_id")}, "room_name": room["name"]}


def list_devices(ctx: Context) -> Doc:
    room = target_room(ctx)
    return {"devices": [public_device(room, d) for d in DEVICES.each(ctx.tx, room["id"])]}


def add_device(ctx: Context, room: Doc, device_type: str, **facts: Any) -> Doc:
    device = {
        "id": ctx.ids.uid(),
        "room_id": room["id"],
        "account_id": room["account_id"],
        "device_type": device_type,
        "status": "Online",
        "app_version": "6.2.0 (4520)",
        "device_system": facts.get("device_system", "Win 10"),
        "device_mac_addresses": [":".join(f"{ctx.ids.number(0, 255):02x}" for _ in range(6))],
        "device_hostname": f"zr-{room['name'].lower().replace(' ', '-')}-{device_type.split()[0].lower()}",
        "device_manufacturer": facts.get("device_manufacturer", "Lenovo"),
        "device_model": facts.get("device_model", "ThinkSmart Core"),
        "device_firmware": "1.0.4",
        "ip_address": f"10.20.{ctx.ids.number(1, 254)}.{ctx.ids.number(1, 254)}",
        "serial_number": ctx.ids.secret(10).upper(),
    }
    DEVICES.save(ctx.tx, device)
    return device
