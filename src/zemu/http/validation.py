"""Request and response validation against the catalogue, with validators compiled once.

Validators are compiled on first use of an operation and kept: compiling all ~1,100
operations' schemas at start-up would cost seconds that most runs never need.
Requests accept Zoom's lenient date-times (without ``Z``: local time in the request's
time zone); responses are held to strict RFC 3339, since zemu always writes UTC with ``Z``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson

from zemu.catalog import Operation, Param
from zemu.errors import ValidationFailed, ZoomError
from zemu.http.forms import Form, parse_form
from zemu.http.schemas import CONTROL, BadScalar, Plan, apply, numeric, plan_for, prepare
from zemu.paging import PAGE_BOUND

_LENIENT_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


NOT_AN_OBJECT = ZoomError(300, "Request Body should be a valid JSON object.", 400)
# Zoom's own documents carry this error (400, code 300) for a body in a type it does not read
UNSUPPORTED_CONTENT_TYPE = ZoomError(300, "Unsupported content type.", 400)


@dataclass(frozen=True, slots=True)
class BodyRule:
    """What a request body is checked by, worked out once per operation at start-up (the
    validator itself is compiled on first use)."""

    schema: dict[str, Any]  # prepared: int64 bounds, anyOf keys checked by their branch
    plan: Plan | None  # where its scalars are coerced and checked
    empty: Callable[[], Any]  # what an absent body is validated as
    object_only: bool


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


def body_rule(op: Operation) -> BodyRule:
    assert op.request_schema is not None
    prepared = prepare(op.request_schema)
    kind = op.request_schema.get("type")
    return BodyRule(prepared, plan_for(prepared), list if kind == "array" else dict, kind == "object")


class Validators:
    def __init__(self, operations: Iterable[Operation] = ()) -> None:
        self._cache: dict[tuple[str, str], Any] = {}
        self._checked_path_params: dict[str, dict[str, Param]] = {}
        # every JSON body's rule is worked out here, once (all of them take ~20 ms), so that a
        # request only walks its own body along a ready plan
        self._bodies: dict[str, BodyRule] = {
            op.key: body_rule(op)
            for op in operations
            if op.request_schema is not None and not (op.request_content_type or "").startswith("multipart/")
        }

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
                p.name: p for p in op.parameters if p.location == "path" and p.schema != {"type": "string"}
            }
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
        if param.name == "page_size" and isinstance(value, int) and op.page_size_max and value <= PAGE_BOUND:
            value = min(value, op.page_size_max)  # Zoom clamps an oversized page rather than refusing it
        if isinstance(value, str) and CONTROL.search(value):
            errors.append({"field": param.name, "message": "Invalid field."})  # as Zoom refuses them
            return value
        if param.schema == {"type": "string"}:
            return value  # any text is a string: no validator to run
        key = (op.key, f"{param.location}:{param.name}")
        validator = self._cache.get(key) or self._get(key, prepare(param.schema), True)
        if not validator.is_valid(value):
            errors.append({"field": param.name, "message": "Invalid field."})
        return value

    def body(self, op: Operation, raw: bytes, content_type: str = "") -> Any:
        """The request body as the handler gets it: parsed, coerced and validated, or Zoom's 300.

        An absent body is validated as ``{}`` (``[]`` for an array): where Zoom's document does
        not mark the body required but fields in it are, the answer is the 300 naming them, and
        a handler is never handed None where it reads an object.
        """
        if (op.request_content_type or "").startswith("multipart/"):
            return self._form(op, parse_form(raw, content_type) if raw.strip() else {})
        if raw.strip() and not _is_json(content_type):
            raise UNSUPPORTED_CONTENT_TYPE
        if op.request_schema is None:
            return _parse_optional(raw)
        rule = self._body_rule(op)
        if not raw.strip():
            if op.request_required:
                raise NOT_AN_OBJECT
            body = rule.empty()
        else:
            try:
                body = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise NOT_AN_OBJECT from None
            if rule.object_only and not isinstance(body, dict):
                raise NOT_AN_OBJECT
        if rule.plan is not None:
            try:
                body = apply(rule.plan, body, [])
            except BadScalar as bad:
                raise ValidationFailed([{"field": ".".join(bad.path), "message": "Invalid field."}]) from None
        validator = self._get((op.key, "request"), rule.schema, True)
        errors = [
            {"field": _field(list(e.instance_path)) or "body", "message": _message(e)}
            for e in validator.iter_errors(body)
        ]
        if errors:
            raise ValidationFailed(errors)
        return body

    def _body_rule(self, op: Operation) -> BodyRule:
        rule = self._bodies.get(op.key)
        if rule is None:
            rule = self._bodies[op.key] = body_rule(op)
        return rule

    def _form(self, op: Operation, form: Form) -> Form:
        """A form's text fields are checked against the schema; a file part stands in as text."""
        if op.request_schema is not None:
            view = {k: v if isinstance(v, str) else "" for k, v in form.items()}
            validator = self._get((op.key, "request"), op.request_schema, True)
            errors = [
                {"field": _field(list(e.instance_path)) or "body", "message": _message(e)}
                for e in validator.iter_errors(view)
            ]
            if errors:
                raise ValidationFailed(errors)
        return form

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
        raise NOT_AN_OBJECT from None


def _is_json(content_type: str) -> bool:
    """JSON, or no content type at all (some clients send JSON without saying so)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return not media or media == "application/json" or media.endswith("+json")


def _coerce(schema: dict[str, Any], raw: str | list[str]) -> Any:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        items = raw if isinstance(raw, list) else [v for v in raw.split(",") if v != ""]
        return [_coerce(schema.get("items", {}), item) for item in items]
    if isinstance(raw, list):
        raw = raw[-1]
    if kind in ("integer", "number"):
        return numeric(kind, raw)
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(raw)
    return raw
