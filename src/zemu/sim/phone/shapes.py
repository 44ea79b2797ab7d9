"""One generic projection from the simulator's flat models to each documented shape.

A call is modelled once (its parties, its legs, its recording, its voicemail) as plain dicts
with every field any event or REST read names. Each event object and each REST document is
that model seen through the field list its schema declares: fields the schema does not declare
are left out, integers and strings are converted where Zoom types one concept both ways
(``extension_number`` is an integer in live events and a string in history), and a value
outside the field's enum is dropped. Schemas come from the catalogue, never typed by hand.
"""

from __future__ import annotations

from collections.abc import Callable
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
    return projector(schema)(value)


Projector = Callable[[Any], Any]
# schema id -> (the schema, kept so that its id stays its own, and its projector)
_PROJECTORS: dict[int, tuple[Schema, Projector]] = {}


def projector(schema: Schema) -> Projector:
    """The projection of ``schema``, worked out once per schema: the catalogue's schemas live as
    long as the process, and every event and record of every call goes through a few of them."""
    known = _PROJECTORS.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    # a placeholder first, so that a schema that contains itself refers to its own projector
    _PROJECTORS[id(schema)] = (schema, lambda value: projector(schema)(value))
    made = _compile(_merged(schema))
    _PROJECTORS[id(schema)] = (schema, made)
    return made


def _compile(schema: Schema) -> Projector:
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        declared = schema.get("properties")
        if not declared:
            return lambda _value: None
        fields = [(name, projector(sub)) for name, sub in declared.items()]
        # a plain string field takes a string as it is without a call: most fields are such
        fields_plain = [(name, sub, sub is _string) for name, sub in fields]

        def project_object(value: Any) -> Any:
            if not isinstance(value, dict):
                return None
            out: Doc = {}
            for name, sub, plain in fields_plain:
                if name in value:
                    given = value[name]
                    if plain and type(given) is str:
                        out[name] = given
                        continue
                    shaped = sub(given)
                    if shaped is not None:
                        out[name] = shaped
            return out

        return project_object
    if kind == "array":
        items = projector(schema.get("items") or {})

        def project_array(value: Any) -> Any:
            if not isinstance(value, list | tuple):
                return None
            return [v for v in map(items, value) if v is not None]

        return project_array
    enum = schema.get("enum")
    if kind == "string" and enum is None:  # most fields: one check, no conversion
        return _string
    if enum is None:
        return lambda value: None if value is None else _scalar(kind, value)

    def project_scalar(value: Any) -> Any:
        if value is None:
            return None
        shaped = _scalar(kind, value)
        return shaped if shaped is not None and shaped in enum else None

    return project_scalar


def _string(value: Any) -> Any:
    if value is None or isinstance(value, bool | dict | list):
        return None
    return value if type(value) is str else str(value)


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
