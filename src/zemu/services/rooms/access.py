"""Which account a Rooms request addresses (the master's ``/accounts/{accountId}/rooms…`` paths
too), the room or location in its path, and the shapes events carry."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.rooms.model import LOCATIONS, ROOMS
from zemu.services.users.access import account_id_of, operator

Doc = dict[str, Any]


def account(ctx: Context) -> str:
    return account_id_of(ctx)


def target_room(ctx: Context, key: str = "roomId") -> Doc:
    room_id = str(ctx.path.get(key) or ctx.path.get("id") or "")
    return ROOMS.require(ctx, room_id, ctx.fail(1012, "not found", roomId=room_id, id=room_id), account_id=account(ctx))


def target_location(ctx: Context, location_id: str | None = None) -> Doc:
    wanted = location_id if location_id is not None else str(ctx.path["locationId"])
    return LOCATIONS.require(ctx, wanted, location_missing(ctx, wanted), account_id=account(ctx))


def location_missing(ctx: Context, location_id: str) -> Any:
    return ctx.fail(
        4801, "location not", locationId=location_id, location_id=location_id, parent_location_id=location_id
    )


def room_event(ctx: Context, event: str, room: Doc, **extra: Any) -> None:
    ctx.emit(event, {"object": {"id": room["id"], "room_name": room["name"], **extra}}, account_id=room["account_id"])


def location_event(ctx: Context, event: str, location: Doc, location_type: str) -> None:
    ctx.emit(
        event,
        {
            **operator(ctx),
            "object": {
                "id": location["id"],
                "name": location["name"],
                "parent_location_id": location["parent_location_id"],
                "type": location_type,
            },
        },
        account_id=location["account_id"],
    )
