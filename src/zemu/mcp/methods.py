"""MCP method names for every catalogue operation, and what ``list_methods`` and ``describe_method`` say.

A method is named by its operationId in snake_case (the catalogue's ``mcp_method``), within its
service. Two rules keep every name distinct, so every operation is reachable:

* the master-account form of an operation (``/accounts/{accountId}/…``) is ``master_`` + its name;
* where one service has two operations of one form under one name (a seed operation beside the
  official one), the official one keeps the name and the other gains ``_`` + its HTTP method
  (``update_zoom_rooms_location_structure_patch``).

Besides its name, a method resolves by its operationId (any case) and by a seed's name for it,
when that alias is unambiguous; a master-only operation also answers to its bare name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zemu.catalog import Catalog, Operation, Param

MASTER_PREFIX = "master_"
SOURCE_RANK = {"official": 0, "legacy": 1, "seed": 2}


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    op: Operation


class ServiceMethods:
    """The methods of one service, by name, in catalogue order."""

    def __init__(self, service: str, ops: Iterable[Operation]) -> None:
        self.service = service
        self.methods = _named(list(ops))
        self.by_name = {m.name: m for m in self.methods}
        self.aliases = _aliases(self.methods, self.by_name)

    def resolve(self, name: str) -> Method | None:
        return self.by_name.get(name) or self.aliases.get(name.lower())

    def search(self, query: str) -> list[Method]:
        """Every method whose name, operationId, summary or path holds each word of ``query``."""
        words = query.lower().split()
        if not words:
            return list(self.methods)
        found = [m for m in self.methods if all(w in _haystack(m) for w in words)]
        # methods named by the words first, then those that only mention them
        return sorted(found, key=lambda m: -sum(w in m.name for w in words))


class MethodIndex:
    def __init__(self, catalog: Catalog) -> None:
        by_service: dict[str, list[Operation]] = {}
        for op in catalog.operations:
            by_service.setdefault(op.service, []).append(op)
        self.services = {name: ServiceMethods(name, ops) for name, ops in sorted(by_service.items())}

    def names(self) -> list[str]:
        return list(self.services)


def _named(ops: list[Operation]) -> list[Method]:
    groups: dict[str, list[Operation]] = {}
    for op in ops:
        base = MASTER_PREFIX + op.mcp_method if op.variant == "master" else op.mcp_method
        groups.setdefault(base, []).append(op)
    named: dict[int, Method] = {}
    for base, group in groups.items():
        ranked = sorted(group, key=lambda op: SOURCE_RANK[op.source])
        named[id(ranked[0])] = Method(base, ranked[0])
        for op in ranked[1:]:
            named[id(op)] = Method(f"{base}_{op.method.lower()}", op)
    methods = [named[id(op)] for op in ops]
    if len({m.name for m in methods}) != len(methods):
        raise RuntimeError("two operations of one service share an MCP method name")
    return methods


def _aliases(methods: list[Method], by_name: dict[str, Method]) -> dict[str, Method]:
    """Lower-cased operationIds, seed names and bare names of master-only operations, kept only
    where they point at one operation and are not already a method's own name."""
    seen: dict[str, list[Method]] = {}
    for m in methods:
        keys = {m.op.operation_id.lower(), *(s.lower() for s in m.op.seed_names)}
        if m.op.variant == "master":
            keys.add(m.op.mcp_method)
        for key in keys:
            seen.setdefault(key, []).append(m)
    out: dict[str, Method] = {}
    for key, found in seen.items():
        accounts = [m for m in found if m.op.variant == "account"]
        chosen = accounts if accounts else found
        if len(chosen) == 1 and key not in by_name:
            out[key] = chosen[0]
    return out


def _haystack(m: Method) -> str:
    return f"{m.name} {m.op.operation_id} {m.op.summary} {m.op.method} {m.op.path}".lower()


# describing ------------------------------------------------------------------------------
def summary_row(m: Method, implemented: bool) -> dict[str, Any]:
    return {
        "method": m.name,
        "http_method": m.op.method,
        "path": m.op.path,
        "summary": m.op.summary,
        "implemented": implemented,
    }


def describe(service: str, m: Method, implemented: bool) -> dict[str, Any]:
    op = m.op
    return {
        "service": service,
        "method": m.name,
        "operation_id": op.operation_id,
        "summary": op.summary,
        "http_method": op.method,
        "path": op.path,
        "variant": op.variant,
        "parameters": [_param(p) for p in op.parameters],
        "request_body": _request(op),
        "response": _response(op),
        "scopes": {"classic": list(op.scopes_classic), "granular": list(op.scopes_granular)},
        "rate_limit": op.rate_label,
        "pagination": _pagination(op),
        "implemented": implemented,
        "example": {"tool": f"call_{service}", "arguments": {"method": m.name, "params": _example_params(op)}},
    }


def _param(p: Param) -> dict[str, Any]:
    row: dict[str, Any] = {"name": p.name, "in": p.location, "type": _type(p.schema), "required": p.required}
    for key in ("enum", "default", "format", "minimum", "maximum", "maxLength"):
        if key in p.schema:
            row[key] = p.schema[key]
    items = p.schema.get("items")
    if isinstance(items, dict) and "enum" in items:
        row["enum"] = items["enum"]
    return row


def _request(op: Operation) -> dict[str, Any] | None:
    if op.request_schema is None:
        return None
    return {"content_type": op.request_content_type, "required": op.request_required, "schema": op.request_schema}


def _response(op: Operation) -> dict[str, Any]:
    schema = op.response_schema or {}
    return {
        "status": op.success_status,
        "content_type": op.response_content_type or _file_or_none(op),
        "fields": _fields(schema),
    }


def _file_or_none(op: Operation) -> str | None:
    return "a file" if op.success_status == 200 and op.method == "GET" else None


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The top-level fields with their types; an array of objects lists its items' fields too."""
    rows: list[dict[str, Any]] = []
    for name, prop in (schema.get("properties") or {}).items():
        row: dict[str, Any] = {"name": name, "type": _type(prop)}
        items = prop.get("items") if isinstance(prop, dict) else None
        if isinstance(items, dict) and items.get("properties"):
            row["items"] = [{"name": k, "type": _type(v)} for k, v in items["properties"].items()]
        rows.append(row)
    return rows


def _type(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "any"
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        kind = "|".join(str(k) for k in kind)
    if kind == "array":
        return f"array of {_type(schema.get('items'))}"
    return str(kind)


def _pagination(op: Operation) -> dict[str, Any] | None:
    if op.pagination is None:
        return None
    return {
        "style": op.pagination,
        "page_size_default": op.page_size_default,
        "page_size_max": op.page_size_max,
        "next_page": "pass the answer's next_page_token back in params.next_page_token",
    }


def _example_params(op: Operation) -> dict[str, Any]:
    params: dict[str, Any] = {p.name: f"<{p.name}>" for p in op.parameters if p.required}
    if op.request_schema is not None and op.request_required:
        params["body"] = {name: f"<{name}>" for name in op.request_schema.get("required", [])}
    return params
