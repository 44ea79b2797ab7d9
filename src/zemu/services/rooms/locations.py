"""Locations and their hierarchy: add, list, get and update a location's profile, move it under
another parent, and the account's location structure (the names of its levels).

A location's depth decides its type (``structures[depth]``); a child sits one level below its
parent, so nothing may be added under, or moved below, the structure's last level, and a location
never moves under itself or its own descendants. Names are unique among siblings."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.rooms import model
from zemu.services.rooms.access import account, location_event, target_location
from zemu.services.rooms.model import LEVELS, LOCATIONS, ROOMS

Doc = dict[str, Any]

PROFILE_FIELDS = (
    "address",
    "description",
    "required_code_to_ext",
    "room_passcode",
    "support_email",
    "support_phone",
    "timezone",
)


def public_location(levels: list[str], location: Doc) -> Doc:
    return {
        "id": location["id"],
        "name": location["name"],
        "parent_location_id": location["parent_location_id"],
        "type": model.type_of(levels, location),
    }


def list_locations(ctx: Context) -> Doc:
    account_id = account(ctx)
    levels = model.structure(ctx.tx, account_id)
    where: Doc = {}
    parent = ctx.query.get("parent_location_id")
    if parent:
        target_location(ctx, str(parent))
        where["parent"] = parent
    wanted_type = ctx.query.get("type")
    if wanted_type:
        if wanted_type not in levels:
            raise ctx.fail(300, "type not exist")
        where["depth"] = levels.index(str(wanted_type))
    page = LOCATIONS.page(ctx, scope=account_id, where=where, shape=lambda d: public_location(levels, d), total=False)
    return {"locations": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size}


def new_location(ctx: Context, account_id: str, name: str, parent_id: str = "", **profile: Any) -> Doc:
    levels = model.structure(ctx.tx, account_id)
    depth = 0
    if parent_id:
        parent = target_location(ctx, parent_id)
        depth = parent["depth"] + 1
        if depth >= len(levels):
            raise ctx.fail(300, "invalid parent", location_id=parent_id)
    location = {
        "id": ctx.ids.uid(),
        "account_id": account_id,
        "name": name,
        "parent_location_id": parent_id,
        "depth": depth,
        "basic": {k: profile[k] for k in PROFILE_FIELDS if k in profile},
        "setup": {"apply_background_image_to_all_displays": False, "background_image_info": []},
    }
    LOCATIONS.save(ctx.tx, location)
    location_event(ctx, "zoomroom.location_created", location, model.type_of(levels, location))
    return location


def add_location(ctx: Context) -> Doc:
    body = ctx.body or {}
    name = str(body.get("name") or "").strip()
    if not name:
        raise ZoomError(300, "Invalid parameter: name.", 400)
    account_id = account(ctx)
    location = new_location(ctx, account_id, name, str(body.get("parent_location_id") or ""))
    return public_location(model.structure(ctx.tx, account_id), location)


def get_location(ctx: Context) -> Doc:
    location = target_location(ctx)
    basic = {
        "name": location["name"],
        "parent_location_id": location["parent_location_id"],
        "required_code_to_ext": False,
        "timezone": "America/Los_Angeles",
        **location["basic"],
    }
    return {"basic": basic, "setup": location["setup"]}


def update_location(ctx: Context) -> None:
    location = target_location(ctx)
    body = ctx.body or {}
    basic = body.get("basic") or {}
    if "name" in basic:
        if not str(basic["name"] or "").strip():
            raise ZoomError(300, "Invalid parameter: name.", 400)
        location["name"] = str(basic["name"]).strip()
    location["basic"].update({k: basic[k] for k in PROFILE_FIELDS if k in basic})
    if isinstance(body.get("setup"), dict):
        location["setup"].update(body["setup"])
    _save(ctx, location)


def _save(ctx: Context, location: Doc) -> None:
    LOCATIONS.save(ctx.tx, location)
    levels = model.structure(ctx.tx, location["account_id"])
    location_event(ctx, "zoomroom.location_updated", location, model.type_of(levels, location))


def change_parent(ctx: Context) -> None:
    location = target_location(ctx)
    parent_id = str((ctx.body or {}).get("parent_location_id") or "")
    if not parent_id:
        raise ctx.fail(300, "invalid parent", parent_location_id=parent_id)
    parent = target_location(ctx, parent_id)
    below = {d["id"] for d in model.descendants(ctx.tx, location)}
    height = max((d["depth"] for d in model.descendants(ctx.tx, location)), default=location["depth"])
    levels = model.structure(ctx.tx, location["account_id"])
    new_depth = parent["depth"] + 1
    if parent_id == location["id"] or parent_id in below or new_depth + height - location["depth"] >= len(levels):
        raise ctx.fail(300, "invalid parent", parent_location_id=parent_id)
    location["parent_location_id"] = parent_id
    location["depth"] = new_depth
    LOCATIONS.save(ctx.tx, location)
    model.refile_subtree(ctx.tx, location)
    location_event(ctx, "zoomroom.location_updated", location, model.type_of(levels, location))


def delete_location(ctx: Context) -> None:
    """Only an empty location (no child location, no room) can go."""
    location = target_location(ctx)
    account_id = location["account_id"]
    if LOCATIONS.first(ctx.tx, account_id, {"parent": location["id"]}) or ROOMS.first(
        ctx.tx, account_id, {"location": location["id"]}
    ):
        raise ZoomError(300, "Cannot delete a location that has child locations or Zoom Rooms.", 400)
    levels = model.structure(ctx.tx, account_id)
    LOCATIONS.delete(ctx.tx, location)
    location_event(ctx, "zoomroom.location_deleted", location, model.type_of(levels, location))


def get_structure(ctx: Context) -> Doc:
    return {"structures": model.structure(ctx.tx, account(ctx))}


def update_structure(ctx: Context) -> None:
    """Serves the seed's PATCH and the reference's PUT alike: the levels, top first, each a known
    level name, none twice, deep enough for the deepest existing location."""
    levels = (ctx.body or {}).get("structures")
    if (
        not isinstance(levels, list)
        or not levels
        or len(set(levels)) != len(levels)
        or any(level not in LEVELS for level in levels)
    ):
        raise ZoomError(300, "Invalid parameter: structures.", 400)
    account_id = account(ctx)
    if any(LOCATIONS.first(ctx.tx, account_id, {"depth": depth}) for depth in range(len(levels), len(LEVELS))):
        raise ZoomError(300, "Invalid parameter: structures.", 400)
    model.save_structure(ctx.tx, account_id, [str(level) for level in levels])
