"""Default documents built from a catalogue schema, never typed by hand.

Every property is present: its documented ``default`` when the schema has one, else a neutral
value of the right type (``False``, ``0`` or the lower bound, ``""``, ``[]``, the first enum
value), so that a fresh account's settings tree is complete and valid against the very schema
it came from. Strings with a format, pattern or minimum length have no neutral value and are
left out unless required.
"""

from __future__ import annotations

import copy
from typing import Any

Schema = dict[str, Any]
_ABSENT = object()


def branches(schema: Schema) -> list[Schema]:
    """The concrete object alternatives of a schema whose top is oneOf/anyOf (nested too)."""
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list):
            return [leaf for part in schema[key] for leaf in branches(part)]
    return [merged(schema)]


def merged(schema: Schema) -> Schema:
    """``allOf`` parts folded into one object schema (properties and required lists joined)."""
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return schema
    out: Schema = {k: v for k, v in schema.items() if k != "allOf"}
    props: dict[str, Any] = dict(out.get("properties", {}))
    required: list[str] = list(out.get("required", []))
    for part in parts:
        part = merged(part)
        props.update(part.get("properties", {}))
        required += [r for r in part.get("required", []) if r not in required]
        for key, value in part.items():
            if key not in ("properties", "required"):
                out.setdefault(key, value)
    if props:
        out["properties"] = props
    if required:
        out["required"] = required
    return out


def defaults(schema: Schema, *, required: bool = True) -> Any:
    """The default document for ``schema`` (``_ABSENT`` filtered out at every level)."""
    value = _default(schema, required)
    return None if value is _ABSENT else value


def _default(schema: Schema, required: bool) -> Any:
    schema = branches(schema)[0] if ("oneOf" in schema or "anyOf" in schema) else merged(schema)
    if "default" in schema:
        return copy.deepcopy(schema["default"])
    if "const" in schema:
        return copy.deepcopy(schema["const"])
    if schema.get("enum"):
        return next((v for v in schema["enum"] if v is not None), schema["enum"][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" or (kind is None and "properties" in schema):
        return _object(schema)
    return _scalar(kind, schema, required)


def _object(schema: Schema) -> dict[str, Any]:
    needed = set(schema.get("required", []))
    out: dict[str, Any] = {}
    for name, sub in schema.get("properties", {}).items():
        if isinstance(sub, dict) and not sub.get("deprecated"):
            value = _default(sub, name in needed)
            if value is not _ABSENT:
                out[name] = value
    return out


def _scalar(kind: str | None, schema: Schema, required: bool) -> Any:
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        return int(low or 0) + (1 if "exclusiveMinimum" in schema else 0) if kind == "integer" else low
    if kind == "array":
        return [] if schema.get("minItems", 0) == 0 or not required else _ABSENT
    if kind == "string":
        free = not any(k in schema for k in ("format", "pattern", "minLength"))
        return "" if free or required else _ABSENT
    return _ABSENT
