"""From a tool's flat ``params`` to a Zoom request, and from Zoom's answer to a tool result.

``params`` is one object: the operation's path and query parameters by name, plus ``body``
(the JSON request body, or the form fields of an upload). This is the shape of the examples of
Zoom-over-MCP tool catalogues, so an example written for one works here as it is.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from zemu.catalog import Operation
from zemu.mcp.targets import Answer, ZoomRequest

BODY = "body"


@dataclass
class CallRefused(Exception):
    """A call that never left: an unknown method, a missing or unknown parameter, a bad body."""

    kind: str
    message: str
    hint: str


def build_request(op: Operation, params: Any) -> ZoomRequest:
    params = _decoded(params)
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise CallRefused(
            "invalid_params",
            "params must be an object of parameters by name.",
            'Pass e.g. {"method": "...", "params": {"userId": "me", "page_size": 30}}.',
        )
    values = dict(params)
    body = _decoded(values.pop(BODY, None))
    path = _fill_path(op, values)
    query = _query(op, values)
    content, content_type = _body(op, body)
    return ZoomRequest(op.method, path, query, content, content_type)


def _decoded(value: Any) -> Any:
    """Some clients send an object as its JSON text: read it as the object it spells."""
    if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            return value
    return value


def _fill_path(op: Operation, values: dict[str, Any]) -> str:
    path = op.path
    missing = [p.name for p in op.path_params if values.get(p.name) in (None, "")]
    if missing:
        raise CallRefused(
            "missing_parameter",
            f"Missing required path parameter(s): {', '.join(missing)}.",
            f"{op.method} {op.path} needs {', '.join(missing)} in params; describe_method lists every parameter.",
        )
    for p in op.path_params:
        # encoded whole, so an id holding "/" (a double-encoded meeting UUID) stays one segment
        path = path.replace("{" + p.name + "}", quote(_text(values.pop(p.name)), safe=""))
    return path


def _query(op: Operation, values: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    known = {p.name: p for p in op.query_params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        raise CallRefused(
            "unknown_parameter",
            f"Unknown parameter(s) for this method: {', '.join(unknown)}.",
            f"It takes these query parameters: {accepted}; path parameters by their names; "
            "and the request body as params.body.",
        )
    # a required query parameter left out is the target's to refuse (Zoom's 400 code 300 names it)
    return tuple((name, _text(value)) for name, value in values.items() if value is not None)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode()
    return str(value)


def _body(op: Operation, body: Any) -> tuple[bytes | None, str | None]:
    if body is None:
        return None, None
    if op.method == "GET":
        raise CallRefused(
            "invalid_params",
            "This method takes no request body.",
            "Put its parameters directly in params, without a body.",
        )
    if (op.request_content_type or "").startswith("multipart/"):
        return _form(body)
    return orjson.dumps(body), "application/json"


def _form(body: Any) -> tuple[bytes, str]:
    """An upload: each field a string, each file ``{"filename", "content_type", "data_base64"}``."""
    if not isinstance(body, dict):
        raise CallRefused(
            "invalid_params",
            "An upload's body is an object of form fields.",
            'Give each file as {"filename": "a.png", "content_type": "image/png", "data_base64": "..."}.',
        )
    data: dict[str, str] = {}
    files: dict[str, tuple[str, bytes, str]] = {}
    for name, value in body.items():
        if isinstance(value, dict) and "data_base64" in value:
            try:
                raw = base64.b64decode(str(value["data_base64"]), validate=True)
            except ValueError:
                raise CallRefused(
                    "invalid_params",
                    f"{name}.data_base64 is not base64.",
                    "Encode the file's bytes in standard base64.",
                ) from None
            files[name] = (
                str(value.get("filename", name)),
                raw,
                str(value.get("content_type", "application/octet-stream")),
            )
        else:
            data[name] = _text(value)
    request = httpx.Request("POST", "http://upload", data=data, files=files or None)
    return request.read(), request.headers["content-type"]


# answers -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Outcome:
    """What a tool result says: its content blocks are built from this by the server module."""

    ok: bool
    text: str
    structured: dict[str, Any] | None = None
    file: tuple[str, bytes, str | None] | None = None  # content type, bytes, file name
    notes: tuple[str, ...] = ()
    uri: str = "zoom:result"  # where a file answer came from


def outcome(tool: str, method: str, params: Any, answer: Answer) -> Outcome:
    if answer.status >= 400:
        return zoom_error(answer)
    if answer.content and not _is_json(answer.content_type):
        return _file(answer)
    if not answer.content:
        return Outcome(True, f"Done ({answer.status}, no content).", {"status": answer.status})
    try:
        body = answer.json()
    except orjson.JSONDecodeError:
        return _file(answer)
    structured = body if isinstance(body, dict) else {"result": body}
    notes = _next_page(tool, method, params, body)
    return Outcome(True, orjson.dumps(body).decode(), structured, notes=notes)


def _is_json(content_type: str) -> bool:
    return "json" in content_type.lower()


def _file(answer: Answer) -> Outcome:
    content_type = answer.content_type.split(";")[0].strip() or "application/octet-stream"
    name = _filename(answer.headers.get("content-disposition", ""))
    described = f"A file: {content_type}, {len(answer.content)} bytes" + (f", named {name}" if name else "") + "."
    return Outcome(
        True,
        described,
        {"content_type": content_type, "size": len(answer.content), "filename": name},
        file=(content_type, answer.content, name),
    )


def _filename(disposition: str) -> str | None:
    for part in disposition.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "filename" and value:
            return value.strip('"')
    return None


def _next_page(tool: str, method: str, params: Any, body: Any) -> tuple[str, ...]:
    token = body.get("next_page_token") if isinstance(body, dict) else None
    if not token:
        return ()
    again = {**(params if isinstance(params, dict) else {}), "next_page_token": token}
    call = orjson.dumps({"method": method, "params": again}).decode()
    return (f"More results: call {tool} again with the same params and next_page_token, i.e. {call}",)


HINTS: dict[tuple[int, int | None], str] = {
    (401, 124): "The acting app's access token is invalid or expired. On the emulator, send a current token "
    "(or none, to act as the demo app); on Zoom, check the app's credentials.",
    (400, 4711): "The acting app's token lacks the scopes this method needs (describe_method lists them): grant "
    "them to the app, or call as an app that holds them.",
    (400, 300): "A parameter or the body is invalid: check them against describe_method (types, enums, "
    "required fields); errors[] names each field.",
    (403, 2031): "Zoom Phone is not enabled on this account.",
    (501, 501): "zemu does not implement this operation yet; `zemu coverage --missing` lists what is missing.",
}
STATUS_HINTS = {
    400: "Zoom refused the request: read the message, check the parameters with describe_method, and retry.",
    401: "Authentication failed: the token is missing, invalid or expired.",
    403: "The account or user may not do this (a plan, a setting or a role forbids it).",
    404: "The id in the path (or the thing it names) does not exist: list the resources to find a real id.",
    409: "It conflicts with something that exists already.",
    429: "Rate limited: wait as retry_after says (seconds, or the date-time when a daily limit resets), "
    "then call again.",
}


def zoom_error(answer: Answer) -> Outcome:
    try:
        body = answer.json()
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        body = {"message": answer.content.decode("utf-8", "replace")[:500] or "(no body)"}
    code = body.get("code")
    code = code if isinstance(code, int) else None
    message = str(body.get("message", "")) or "(no message)"
    hint = (
        HINTS.get((answer.status, code))
        or STATUS_HINTS.get(answer.status)
        or ("Zoom failed on its side; calling again later may work." if answer.status >= 500 else "See the message.")
    )
    error: dict[str, Any] = {"status": answer.status, "code": code, "message": message, "hint": hint}
    for key, value in body.items():
        if key not in error:
            error[key] = value
    if answer.status == 429:
        error["retry_after"] = _retry_after(answer)
        error["rate_limit"] = {k: v for k, v in answer.headers.items() if k.startswith("x-ratelimit-")}
    text = f"Zoom error {answer.status}, code {code}: {message}\nHint: {hint}"
    if isinstance(body.get("errors"), list):
        text += "\nErrors: " + orjson.dumps(body["errors"]).decode()
    return Outcome(False, text, {"error": error})


def _retry_after(answer: Answer) -> str | None:
    """Seconds for the per-second limit; a date-time (the next midnight, UTC) for the daily one."""
    return answer.headers.get("retry-after")


def refused(refusal: CallRefused) -> Outcome:
    text = f"{refusal.message}\nHint: {refusal.hint}"
    return Outcome(False, text, {"error": {"kind": refusal.kind, "message": refusal.message, "hint": refusal.hint}})
