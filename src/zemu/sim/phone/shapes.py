"""One generic projection from the simulator's flat models to each documented shape.

A call is modelled once (its parties, its legs, its recording, its voicemail) as plain dicts
with every field any event or REST read names. Each event object and each REST document is
that model seen through the field list its schema declares: fields the schema does not declare
are left out, integers and strings are converted where Zoom types one concept both ways
(``extension_number`` is an integer in live events and a string in history), and a value
outside the field's enum is dropped. Schemas come from the catalogue, never typed by hand.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from zemu.catalog import load_catalog

Doc = dict[str, Any]
Schema = dict[str, Any]


def _merged(schema: Schema) -> Schema:
    """An object schema with its ``allOf`` parts folded in."""
    if "allOf" not in schema:
        return schema
    merged: Schema = {"type": "object", "properties": {}, "required": []}
    for part in [schema, *schema["allOf"]]:
        part = _merged(part) if part is not schema else {k: v for k, v in part.items() if k != "allOf"}
        merged["properties"].update(part.get("properties") or {})
        merged["required"] += part.get("required") or []
    return merged


def project(schema: Schema, value: Any) -> Any:
    """``value`` as ``schema`` declares it, or None when it cannot be."""
    schema = _merged(schema)
    kind = schema.get("type")
    if value is None:
        return None
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return None
        declared = schema.get("properties")
        if not declared:
            return None
        out: Doc = {}
        for name, sub in declared.items():
            if name in value:
                shaped = project(sub, value[name])
                if shaped is not None:
                    out[name] = shaped
        return out
    if kind == "array":
        if not isinstance(value, list | tuple):
            return None
        items = schema.get("items") or {}
        return [v for v in (project(items, item) for item in value) if v is not None]
    shaped = _scalar(kind, value)
    if shaped is None or ("enum" in schema and shaped not in schema["enum"]):
        return None
    return shaped


def _scalar(kind: Any, value: Any) -> Any:
    if kind == "integer":
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else None
    if kind == "number":
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if kind == "string":
        if isinstance(value, bool) or isinstance(value, dict | list):
            return None
        return str(value)
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    return value


@cache
def event_object_schema(event: str) -> Schema:
    return load_catalog().events[event].schema["properties"]["payload"]["properties"]["object"]


def event_object(event: str, model: Doc) -> Doc:
    """The ``payload.object`` of ``event`` made from ``model``."""
    return project(event_object_schema(event), model) or {}


@cache
def _response(operation_id: str) -> Schema:
    for op in load_catalog().operations:
        if op.operation_id == operation_id:
            return op.response_schema or {}
    raise KeyError(operation_id)


def response_schema(operation_id: str, items: str = "") -> Schema:
    """The response schema of an operation, or of one item of its list ``items``."""
    schema = _merged(_response(operation_id))
    if items:
        return _merged(schema["properties"][items]["items"])
    return schema


def document(operation_id: str, model: Doc, items: str = "") -> Doc:
    """A REST document (the whole answer, or a list's item) made from ``model``."""
    return project(response_schema(operation_id, items), model) or {}
