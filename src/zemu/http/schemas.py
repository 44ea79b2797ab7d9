"""Request schemas as Zoom's back end reads them: prepared once, then a cheap walk per request.

Zoom's documents are looser than its back end in three ways that matter to a client:

- **Scalars are coerced.** Zoom takes ``"extension_number": 1001`` where the document says
  string and ``"page_size": "30"`` where it says integer (clients written against real Zoom
  send what Zoom's own GETs answer). A number where a string is declared, and a numeric string
  where an integer or number is declared, become the declared type before validation.
  Booleans and non-numeric strings stay strict.
- **Integers are 64-bit.** An integer without bounds gets int64's, so ``1e30`` is a 300
  error and never reaches a store or an ``int()``.
- **Each key of an ``anyOf`` is checked by the branch that declares it.** Zoom's settings
  bodies are ``anyOf`` loose objects, so any object passes some branch: ``{"holiday_hours":
  {"holidays": [null]}}`` would pass the business-hours branch. The branches' properties are
  merged onto the ``anyOf`` itself, so a key present is validated against its own schema.

Control characters (other than tab and line breaks) are refused in every string field, as
Zoom refuses them. Where coercion and the control-character check apply is computed once per
schema (a :data:`Plan`), so a request walks only the declared scalars of its own body.
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any, Union

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_INTEGER = re.compile(r"-?[0-9]{1,40}")
_NUMBER = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?([eE][+-]?[0-9]{1,3})?")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A plan says where a body holds declared scalars: a leaf names the declared type, an object
# maps keys to plans, an array's plan applies to each item. Branches without scalars are left out.
Plan = Union[str, "ObjectPlan", "ArrayPlan"]


class ObjectPlan(dict[str, Plan]):
    pass


class ArrayPlan:
    __slots__ = ("items",)

    def __init__(self, items: Plan) -> None:
        self.items = items


class BadScalar(Exception):
    """A string with a control character: refused as Zoom refuses it."""

    def __init__(self, path: list[str]) -> None:
        super().__init__(".".join(path))
        self.path = path


# preparing a schema once ----------------------------------------------------------------------
def prepare(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of a request schema with int64 bounds and ``anyOf`` properties merged."""
    prepared = copy.deepcopy(schema)
    _prepare(prepared)
    return prepared


def _prepare(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _prepare(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _prepare(value)
    if _declares(node, "integer"):
        node.setdefault("minimum", INT64_MIN)
        node.setdefault("maximum", INT64_MAX)
    branches = node.get("anyOf") or node.get("oneOf")
    if isinstance(branches, list) and "properties" not in node:
        merged = _merged_properties(branches)
        if merged:
            node["properties"] = merged


def _merged_properties(branches: list[Any]) -> dict[str, Any]:
    by_key: dict[str, list[Any]] = {}
    for branch in branches:
        if not isinstance(branch, dict):
            return {}
        for key, schema in (branch.get("properties") or {}).items():
            by_key.setdefault(key, []).append(schema)
    merged: dict[str, Any] = {}
    for key, schemas in by_key.items():
        merged[key] = schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
        _prepare(merged[key])
    return merged


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _declares(node: dict[str, Any], kind: str) -> bool:
    return kind in _types(node)


def plan_for(schema: Any) -> Plan | None:
    """Where a (prepared) schema holds scalars to coerce or check; None when it holds none."""
    if not isinstance(schema, dict):
        return None
    types = _types(schema) - {"null"}
    if "properties" in schema and types <= {"object"}:
        plans = ObjectPlan()
        for key, sub in schema["properties"].items():
            sub_plan = plan_for(sub)
            if sub_plan is not None:
                plans[key] = sub_plan
        return plans or None
    if types == {"array"}:
        items = plan_for(schema.get("items"))
        return ArrayPlan(items) if items is not None else None
    if len(types) == 1 and schema.get("format") != "binary":
        kind = next(iter(types))
        if kind in ("string", "integer", "number"):
            return kind
    return None


# applying a plan per request ------------------------------------------------------------------
def apply(plan: Plan, value: Any, path: list[str]) -> Any:
    """``value`` with its declared scalars coerced; raises BadScalar on a control character."""
    if isinstance(plan, str):
        return scalar(plan, value, path)
    if isinstance(plan, ArrayPlan):
        if isinstance(value, list):
            return [apply(plan.items, item, [*path, str(i)]) for i, item in enumerate(value)]
        return value
    if isinstance(value, dict):
        for key, sub in plan.items():
            if key in value:
                value[key] = apply(sub, value[key], [*path, key])
    return value


def scalar(kind: str, value: Any, path: list[str]) -> Any:
    if isinstance(value, bool):
        return value  # booleans stay strict: True is no number and no string
    if kind == "string":
        if isinstance(value, str):
            if CONTROL.search(value):
                raise BadScalar(path)
            return value
        if isinstance(value, (int, float)):
            return str(value)
        return value
    if isinstance(value, str):
        try:
            return numeric(kind, value)
        except ValueError:
            return value  # not numeric: the validator refuses it as the wrong type
    return value


def numeric(kind: str, raw: str) -> int | float:
    """A query or path value as the declared integer or number: ASCII digits only (``int()``
    would take ``"١٢"``, ``"1_000"`` and spaces); ValueError otherwise."""
    if kind == "integer" and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "number" and _NUMBER.fullmatch(raw):
        number = float(raw)
        if math.isfinite(number):
            return int(raw) if _INTEGER.fullmatch(raw) else number
    raise ValueError(raw)
