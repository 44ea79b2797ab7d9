"""The shapes meetings are shown in: an operation's response, an event's object, defaults.

A stored meeting holds internal fields too (its family, trash state, live stream, counters);
``shown`` projects it onto the schema of the operation being answered, so a response carries
exactly what Zoom documents. Defaults for settings come from the catalogue's schemas.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from zemu.catalog import load_catalog
from zemu.services.accounts.defaults import defaults, merged
from zemu.services.context import Context
from zemu.services.resource import Doc
from zemu.services.users.access import operator
from zemu.services.users.settings_tree import event_schema, project


@cache
def _response(operation_id: str) -> dict[str, Any]:
    return load_catalog().by_operation_id[operation_id][0].response_schema or {}


def response_of(operation_id: str, value: Any) -> Any:
    return project(value, _response(operation_id))


def list_item_schema(operation_id: str, key: str) -> dict[str, Any]:
    return merged(merged(_response(operation_id))["properties"][key])["items"]


@cache
def _settings_defaults(operation_id: str) -> Doc:
    schema = merged(_response(operation_id))["properties"]["settings"]
    return _prune(defaults(schema) or {}, schema)


def _prune(value: Any, schema: dict[str, Any]) -> Any:
    """Defaults without the empty lists a schema wants at least one item in."""
    schema = merged(schema)
    if not isinstance(value, dict):
        return value
    props = schema.get("properties") or {}
    out = {}
    for key, item in value.items():
        sub = merged(props.get(key) or {})
        if item == [] and sub.get("minItems", 0) > 0:
            continue
        out[key] = _prune(item, sub)
    return out


def settings_defaults(operation_id: str) -> Doc:
    return copy.deepcopy(_settings_defaults(operation_id))


@cache
def _defaults_of(operation_id: str) -> Any:
    return defaults(_response(operation_id))


def defaults_of(operation_id: str) -> Any:
    return copy.deepcopy(_defaults_of(operation_id))


def event_object(event: str, value: Doc, key: str = "object") -> Doc:
    return dict(project(value, event_schema(event, key)))


def emit(ctx: Context, event: str, obj: Doc, account_id: str, **extra: Any) -> None:
    """An event about a meeting or webinar, its object cut to the event's schema; the operator
    and the extras only where the event's payload has room for them."""
    room = merged(event_schema(event)).get("properties") or {}
    around = {k: v for k, v in {**operator(ctx), **extra}.items() if k in room}
    ctx.emit(event, {**around, "object": event_object(event, obj)}, account_id=account_id)
