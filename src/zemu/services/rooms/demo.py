"""The Zoom Rooms part of the demo: two offices (country → city → building → floor), four rooms
with their computer, controller and scheduling display, and an open alert in one room."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.rooms import locations, rooms, signals
from zemu.services.rooms.model import save_structure
from zemu.services.team_chat.quiet import quiet_context
from zemu.store import Tx

Doc = dict[str, Any]

OFFICES = (
    ("United States", "San Jose", "HQ Tower", "Floor 3", ("Redwood", "Sequoia")),
    ("United Kingdom", "London", "Kings Cross", "Floor 5", ("Thames", "Camden")),
)
DEVICES = ("Zoom Rooms Computer", "Controller", "Scheduling Display")
LEVELS_USED = ("country", "city", "building", "floor")


def add_demo(tx: Tx, ids: Ids, now: float, master: Doc) -> Doc:
    ctx = quiet_context(tx, ids, now, master["id"], master["owner_id"])
    save_structure(tx, master["id"], list(LEVELS_USED))
    made: list[Doc] = []
    for country, city, building, floor, names in OFFICES:
        parent = ""
        for name in (country, city, building, floor):
            parent = locations.new_location(ctx, master["id"], name, parent)["id"]
        for name in names:
            room = rooms.new_room(ctx, master["id"], name, "ZoomRoom", parent)
            room["status"] = "Available"
            rooms.ROOMS.save(tx, room)
            for device_type in DEVICES:
                rooms.add_device(ctx, room, device_type)
            made.append(room)
    signals.raise_alert(ctx, made[1], "Zoom room is offline", component="computer")
    return {"room_ids": [r["id"] for r in made]}
