"""Zoom Rooms' documents and where each is filed.

    zr_location   a location, filed under its account, sorted by name, filed by parent and depth
    zr_room       a room, filed under its account, sorted by name, filed by status, type, tags and
                  by every location it sits in (its own and each ancestor's), so a location's rooms
                  are one indexed range however deep they are
    zr_device     a device of a room, filed under the room
    zr_alert      an alert a room raised (the issues dashboards), filed under the room, newest first
    zr_sensor     a sensor reading of a room, filed under the room, newest first

A location's type is not stored: it is the level of the account's location structure at the
location's depth (``structures[depth]``), so changing the structure re-types every location.
"""

from __future__ import annotations

from typing import Any

from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.store import Tx

Doc = dict[str, Any]

LEVELS = ("country", "states", "city", "campus", "building", "floor")
STRUCTURE_KIND = "zr_structure"
_SPAN = 10**14

NAME_TAKEN = documented(300, "Location name already exists")


def newest_first(ms: int) -> str:
    return f"{_SPAN - ms:015d}"


LOCATIONS = Collection(
    "zr_location",
    sort=lambda d: d["name"].lower(),
    filters={"parent": lambda d: d["parent_location_id"] or "-", "depth": lambda d: d["depth"]},
    uniques=(
        Unique("name", lambda d: d["name"], NAME_TAKEN, scope=lambda d: f"{d['account_id']}/{d['parent_location_id']}"),
    ),
)
ROOMS = Collection(
    "zr_room",
    sort=lambda d: d["name"].lower(),
    filters={
        "status": lambda d: d["status"],
        "type": lambda d: d["type"],
        "tag": lambda d: d["tag_ids"],
        "location": lambda d: d["location_path"] or None,
        "unassigned": lambda d: not d["location_id"],
    },
    keywords=lambda d: (d["name"],),
)
DEVICES = Collection("zr_device", sort=lambda d: d["device_type"], scope=lambda d: d["room_id"])
ALERTS = Collection(
    "zr_alert",
    sort=lambda d: newest_first(d["alert_time"]),
    scope=lambda d: d["room_id"],
    filters={"open": lambda d: d["open"]},
)
SENSORS = Collection(
    "zr_sensor",
    sort=lambda d: newest_first(d["ms"]),
    scope=lambda d: d["room_id"],
    filters={"type": lambda d: d["sensor_type"]},
)


def structure(tx: Tx, account_id: str) -> list[str]:
    found = tx.get(STRUCTURE_KIND, account_id)
    return list(found["structures"]) if found else list(LEVELS)


def save_structure(tx: Tx, account_id: str, levels: list[str]) -> None:
    tx.put(STRUCTURE_KIND, account_id, {"structures": levels}, account_id=account_id, parent=account_id)


def type_of(levels: list[str], location: Doc) -> str:
    return levels[min(location["depth"], len(levels) - 1)]


def path_of(tx: Tx, location_id: str) -> list[str]:
    """The location and every ancestor, leaf first."""
    out = []
    current = LOCATIONS.get(tx, location_id) if location_id else None
    while current is not None:
        out.append(current["id"])
        current = LOCATIONS.get(tx, current["parent_location_id"]) if current["parent_location_id"] else None
    return out


def place_room(tx: Tx, room: Doc, location_id: str) -> None:
    room["location_id"] = location_id
    room["location_path"] = path_of(tx, location_id)
    ROOMS.save(tx, room)


def descendants(tx: Tx, location: Doc) -> list[Doc]:
    out: list[Doc] = []
    for child in LOCATIONS.each(tx, location["account_id"], {"parent": location["id"]}):
        out.append(child)
        out += descendants(tx, child)
    return out


def refile_subtree(tx: Tx, location: Doc) -> None:
    """After a move: depths below the location and the rooms anywhere in it follow."""
    _redepth(tx, location)
    for room in list(ROOMS.each(tx, location["account_id"], {"location": location["id"]})):
        place_room(tx, room, room["location_id"])


def _redepth(tx: Tx, location: Doc) -> None:
    for child in list(LOCATIONS.each(tx, location["account_id"], {"parent": location["id"]})):
        child["depth"] = location["depth"] + 1
        LOCATIONS.save(tx, child)
        _redepth(tx, child)
