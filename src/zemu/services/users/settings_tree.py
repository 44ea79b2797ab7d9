"""Settings trees shared by users and groups: defaults from the schemas, inheritance, locks, events.

A tree is read as layers, each over the one before: the schema's defaults, then what the parent
(account, or the user's group) holds for the same keys, then what was set on the object itself.
A setting locked above always shows the locking parent's value. Only changes are ever stored.

The generic pieces (schema defaults, deep merge, diff) are the accounts service's; this module
only adds what settings of users and groups need on top.
"""

from __future__ import annotations

import copy
from typing import Any

from zemu.catalog import load_catalog
from zemu.services.accounts import settings as account_settings
from zemu.services.accounts.defaults import merged
from zemu.services.accounts.settings import (
    authentication_option,
    deep_merge,
    diff,
    only_fields,
    view_defaults,
    view_name,
    views,
)
from zemu.services.context import Context

__all__ = [
    "deep_merge",
    "diff",
    "only_fields",
    "views",
    "view_name",
    "view_defaults",
    "inherit",
    "apply_locks",
    "merge_locks",
    "authentication_option",
    "project",
    "event_schema",
    "account_tree",
    "account_locks",
]


def inherit(tree: dict[str, Any], parent: dict[str, Any]) -> dict[str, Any]:
    """``tree`` with every key it shares with ``parent`` (same shape) taken from ``parent``."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        above = parent.get(key)
        if isinstance(value, dict) and isinstance(above, dict):
            out[key] = inherit(value, above)
        elif above is not None and type(above) is type(value):
            out[key] = copy.deepcopy(above)
        else:
            out[key] = value
    return out


def apply_locks(tree: dict[str, Any], parent: dict[str, Any], locks: dict[str, Any]) -> dict[str, Any]:
    """Settings locked above (``locks[category][name]`` is true) show the parent's value."""
    out = copy.deepcopy(tree)
    for category, flags in locks.items():
        if not isinstance(flags, dict) or not isinstance(out.get(category), dict):
            continue
        for name, locked in flags.items():
            if locked is True and name in out[category] and name in parent.get(category, {}):
                out[category][name] = copy.deepcopy(parent[category][name])
    return out


def merge_locks(*trees: dict[str, Any]) -> dict[str, Any]:
    """A setting is locked when any level locks it."""
    out: dict[str, Any] = {}
    for tree in trees:
        for category, flags in tree.items():
            if isinstance(flags, dict):
                slot = out.setdefault(category, {})
                for name, locked in flags.items():
                    slot[name] = slot.get(name) is True or locked is True
    return out


def project(value: Any, schema: dict[str, Any]) -> Any:
    """``value`` cut down to what ``schema`` declares (webhook trees are closed and smaller)."""
    schema = merged(schema)
    if isinstance(value, dict):
        props = schema.get("properties")
        if props is None:
            return value
        return {k: project(v, props[k]) for k, v in value.items() if k in props and _fits(v, props[k])}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [project(item, schema["items"]) for item in value]
    return value


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    kind = merged(schema).get("type")
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str) and (not schema.get("enum") or value in schema["enum"])
    return True


def event_schema(event: str, *path: str) -> dict[str, Any]:
    """A part of an event's payload schema, e.g. ``("object", "settings")``."""
    node = load_catalog().events[event].schema["properties"]["payload"]
    for key in path:
        node = merged(node)["properties"][key]
    return node


def account_tree(ctx: Context, account_id: str, view: str = "") -> dict[str, Any]:
    """The account's current settings (the accounts service keeps them)."""
    return account_settings.current(ctx, account_settings.SETTINGS, account_id, view)


def account_locks(ctx: Context, account_id: str) -> dict[str, Any]:
    return account_settings.current(ctx, account_settings.LOCKS, account_id, "")
