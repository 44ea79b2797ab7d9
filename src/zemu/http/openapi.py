"""zemu's own OpenAPI 3.1 document, served at ``GET /v2/openapi.json`` for client generation.

Generated from the catalogue, so it describes exactly what this server routes: every operation
with its path, method, operationId, parameters, request body, success response and scopes. An
operationId that Zoom uses twice (an account-level and a master-account variant, or two
products) is made unique from the catalogue key; Zoom's own id stays in ``x-zoom-operation-id``.
``x-zemu-implemented`` says whether this server has a handler for the operation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson

from zemu.catalog import Catalog, Operation

ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
}


def build_document(catalog: Catalog, origin: str, implemented: Callable[[Operation], bool]) -> bytes:
    ids = Counter(op.operation_id for op in catalog.operations)
    paths: dict[str, dict[str, Any]] = {}
    for op in catalog.operations:
        unique = op.operation_id if ids[op.operation_id] == 1 else re.sub(r"\W", "_", op.key)
        paths.setdefault(op.path, {})[op.method.lower()] = operation(op, unique, implemented(op))
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "zemu: the Zoom API, emulated",
            "version": catalog.builder_hash[:12],
            "description": "Generated from zemu's catalogue of Zoom operations.",
        },
        "servers": [{"url": f"{origin}/v2"}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An access token from POST /oauth/token."}
            },
            "schemas": {"Error": ERROR_SCHEMA},
        },
    }
    return orjson.dumps(document)


def operation(op: Operation, operation_id: str, implemented: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "operationId": operation_id,
        "summary": op.summary,
        "tags": [op.product],
        "x-zoom-operation-id": op.operation_id,
        "x-zemu-implemented": implemented,
        "security": [{"bearer": list(op.scopes_granular or op.scopes_classic)}],
        "responses": {
            str(op.success_status): success(op),
            "default": {
                "description": "A Zoom error.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    }
    if op.parameters:
        out["parameters"] = [
            {"name": p.name, "in": p.location, "required": p.required or p.location == "path", "schema": p.schema}
            for p in op.parameters
        ]
    if op.request_schema is not None:
        out["requestBody"] = {
            "required": op.request_required,
            "content": {op.request_content_type or "application/json": {"schema": op.request_schema}},
        }
    return out


def success(op: Operation) -> dict[str, Any]:
    answer: dict[str, Any] = {"description": "Success."}
    if op.response_schema is not None:
        answer["content"] = {op.response_content_type or "application/json": {"schema": op.response_schema}}
    return answer
