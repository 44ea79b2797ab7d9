"""Zoom Rooms settings for the account, a location and a room, with Zoom's inheritance.

Each level's full tree is built from its operation's response schema (``accounts.defaults``):
``setting_type=meeting`` is the first alternative of the schema, the other types (alert, signage,
scheduling display) parts of the second. What a level stores is only what was changed there; a
level reads the defaults, then the account's changes, then each enclosing location's from the
top down, then its own, and keeps the keys its own tree has."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.services.accounts.defaults import branches, defaults
from zemu.services.context import Context
from zemu.services.rooms import model
from zemu.services.rooms.access import account, target_location, target_room

Doc = dict[str, Any]
KIND = "zr_settings"
PARTS = {
    "alert": ("client_alert", "notification"),
    "signage": ("digital_signage",),
    "scheduling_display": ("scheduling_display",),
}
READS = {"account": "getZRAccountSettings", "location": "getZRLocationSettings", "room": "getZRSettings"}


@cache
def tree(level: str, setting_type: str) -> Doc:
    op = next(o for o in load_catalog().by_operation_id[READS[level]] if o.variant == "account")
    alternatives = branches(op.response_schema or {})
    if setting_type == "meeting":
        return defaults(alternatives[0]) or {}
    full = defaults(alternatives[-1]) or {}
    return {part: full[part] for part in PARTS.get(setting_type, ()) if part in full}


def _merge(into: Doc, changes: Doc) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)


def _project(shape: Doc, values: Doc) -> Doc:
    """``values`` cut to the keys of ``shape`` (a level shows only its own settings)."""
    out: Doc = {}
    for key, default in shape.items():
        value = values.get(key, default)
        out[key] = _project(default, value) if isinstance(default, dict) and isinstance(value, dict) else value
    return out


def _stored(ctx: Context, scope: str, setting_type: str) -> Doc:
    found = ctx.tx.get(KIND, f"{scope}/{setting_type}")
    return found["changes"] if found else {}


def _store(ctx: Context, scope: str, setting_type: str, changes: Doc) -> None:
    held = _stored(ctx, scope, setting_type)
    _merge(held, changes)
    ctx.tx.put(KIND, f"{scope}/{setting_type}", {"changes": held}, account_id=account(ctx), parent=scope)


def effective(ctx: Context, level: str, scopes: list[str], setting_type: str) -> Doc:
    """The tree of ``level`` after the changes made at each scope, outermost first."""
    values = copy.deepcopy(tree(level, setting_type))
    for scope in scopes:
        _merge(values, _stored(ctx, scope, setting_type))
    return _project(tree(level, setting_type), values)


def _setting_type(ctx: Context) -> str:
    wanted = str(ctx.query.get("setting_type") or "meeting")
    if wanted != "meeting" and wanted not in PARTS:
        raise ZoomError(300, "Invalid parameter: setting_type.", 400)
    return wanted


def _location_scopes(ctx: Context, location_id: str) -> list[str]:
    return [f"location:{lid}" for lid in reversed(model.path_of(ctx.tx, location_id))]


def get_account_settings(ctx: Context) -> Doc:
    return effective(ctx, "account", [f"account:{account(ctx)}"], _setting_type(ctx))


def update_account_settings(ctx: Context) -> None:
    _store(ctx, f"account:{account(ctx)}", _setting_type(ctx), ctx.body or {})


def get_location_settings(ctx: Context) -> Doc:
    location = target_location(ctx)
    scopes = [f"account:{location['account_id']}", *_location_scopes(ctx, location["id"])]
    return effective(ctx, "location", scopes, _setting_type(ctx))


def update_location_settings(ctx: Context) -> None:
    location = target_location(ctx)
    _store(ctx, f"location:{location['id']}", _setting_type(ctx), ctx.body or {})


def get_room_settings(ctx: Context) -> Doc:
    room = target_room(ctx, "id")
    scopes = [f"account:{room['account_id']}", *_location_scopes(ctx, room["location_id"]), f"room:{room['id']}"]
    return effective(ctx, "room", scopes, _setting_type(ctx))


def update_room_settings(ctx: Context) -> None:
    room = target_room(ctx, "id")
    _store(ctx, f"room:{room['id']}", _setting_type(ctx), ctx.body or {})
