"""Request and response validation against the catalogue, with validators compiled once.

Validators are compiled on first use of an operation and kept: compiling all ~1,100
operations' schemas at start-up would cost seconds that most runs never need.
Requests accept Zoom's lenient date-times (without ``Z``: local time in the request's
time zone); responses are held to strict RFC 3339, since zemu always writes UTC with ``Z``.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema_rs
import orjson

from zemu.catalog import Operation, Param
from zemu.errors import ValidationFailed, ZoomError

_LENIENT_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


class StrictModeDrift(Exception):
    """A response or event that does not match its schema: a bug in zemu, never in the client."""


def _lenient_date_time(value: str) -> bool:
    return bool(_LENIENT_DATE_TIME.match(value))


def compile_schema(schema: dict[str, Any], *, lenient: bool) -> Any:
    # Zoom's date filters take a date or a date-time wherever the documents say "date"
    formats = {"date-time": _lenient_date_time, "date": _lenient_date_time} if lenient else None
    return jsonschema_rs.validator_for(schema, validate_formats=True, formats=formats)


def _field(path: list[Any]) -> str:
    return ".".join(str(p) for p in path)


class Validators:
    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Any] = {}
        self._checked_path_params: dict[str, dict[str, Param]] = {}

    def _get(self, key: tuple[str, str], schema: dict[str, Any], lenient: bool) -> Any:
        validator = self._cache.get(key)
        if validator is None:
            validator = self._cache[key] = compile_schema(schema, lenient=lenient)
        return validator

    # requests ----------------------------------------------------------------------------
    def path_params(self, op: Operation, values: dict[str, str]) -> dict[str, Any]:
        params = self._checked_path_params.get(op.key)
        if params is None:
            # a bare string parameter accepts any segment: only the others need a validator
            params = self._checked_path_params[op.key] = {
                p.name: p for p in op.parameters if p.location == "path" and p.schema != {"type": "string"}}
        if not params:
            return values
        out: dict[str, Any] = {}
        errors: list[dict[str, str]] = []
        for name, raw in values.items():
            param = params.get(name)
            out[name] = self._param(op, param, raw, errors) if param else raw
        if errors:
            raise ValidationFailed(errors)
        return out

    def query(self, op: Operation, multi: list[tuple[str, str]]) -> dict[str, Any]:
        raw: dict[str, list[str]] = {}
        for key, value in multi:
            raw.setdefault(key, []).append(value)
        out: dict[str, Any] = {}
        errors: list[dict[str, str]] = []
        for param in op.parameters:
            if param.location != "query":
                continue
            values = raw.get(param.name)
            if not values or values == [""]:
                if param.required:
                    errors.append({"field": param.name, "message": "Invalid field."})
                continue
            out[param.name] = self._param(op, param, values if len(values) > 1 else values[0], errors)
        if errors:
            raise ValidationFailed(errors)
        return out

    def _param(self, op: Operation, param: Param, raw: str | list[str], errors: list[dict[str, str]]) -> Any:
        try:
            value = _coerce(param.schema, raw)
        except ValueError:
            errors.append({"field": param.name, "message": "Invalid field."})
            return raw
        if param.name == "page_size" and isinstance(value, int) and op.page_size_max:
            value = min(value, op.page_size_max)  # Zoom clamps an oversized page rather than refusing it
        if param.schema == {"type": "string"}:
            return value  # any text is a string: no validator to run
        validator = self._get((op.key, f"{param.location}:{param.name}"), param.schema, True)
        if not validator.is_valid(value):
            errors.append({"field": param.name, "message": "Invalid field."})
        return value

    def body(self, op: Operation, raw: bytes) -> Any:
        if (op.request_content_type or "").startswith("multipart/"):
            return raw  # a form upload: the handler reads its parts
        if op.request_schema is None:
            return _parse_optional(raw)
        if not raw.strip():
            if op.request_required:
                raise ZoomError(300, "Request Body should be a valid JSON object.", 400)
            return None
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise ZoomError(300, "Request Body should be a valid JSON object.", 400) from None
        if op.request_schema.get("type") == "object" and not isinstance(body, dict):
            raise ZoomError(300, "Request Body should be a valid JSON object.", 400)
        validator = self._get((op.key, "request"), op.request_schema, True)
        errors = [{"field": _field(list(e.instance_path)) or "body", "message": _message(e)}
                  for e in validator.iter_errors(body)]
        if errors:
            raise ValidationFailed(errors)
        return body

    # responses (strict mode) -------------------------------------------------------------
    def response_errors(self, op: Operation, body: Any) -> list[str]:
        if op.response_schema is None:
            return [] if body is None else [f"{op.operation_id} documents no response body"]
        validator = self._get((op.key, "response"), op.response_schema, False)
        return [f"{_field(list(e.instance_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(body)]

    def event_errors(self, schema: dict[str, Any], name: str, body: Any) -> list[str]:
        validator = self._get(("event", name), schema, False)
        return [f"{_field(list(e.instance_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(body)]


def _message(error: Any) -> str:
    return "Invalid field." if error.instance_path else error.message


def _parse_optional(raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ZoomError(300, "Request Body should be a valid JSON object.", 400) from None


def _coerce(schema: dict[str, Any], raw: str | list[str]) -> Any:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        items = raw if isinstance(raw, list) else [v for v in raw.split(",") if v != ""]
        return [_coerce(schema.get("items", {}), item) for item in items]
    if isinstance(raw, list):
        raw = raw[-1]
    if kind == "integer":
        return int(raw)
    if kind == "number":
        number = float(raw)
        return int(number) if number.is_integer() else number
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(raw)
    return raw
