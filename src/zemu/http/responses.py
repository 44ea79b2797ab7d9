"""JSON responses as Zoom writes them, each with an ``x-zm-trackingid``."""

from __future__ import annotations

import itertools
import secrets
from typing import Any

import orjson
from starlette.responses import Response
from starlette.types import Send

from zemu.errors import ZoomError
from zemu.services.context import FileBody
from zemu.services.oauth import OAuthError

JSON_TYPE = "application/json;charset=UTF-8"


_PROCESS = secrets.token_hex(4).upper()
_SEQUENCE = itertools.count(1)


def tracking_id() -> str:
    """Unique per response: this process's random prefix and a counter (no system call per request)."""
    return f"v=2.0;clid=us06;rid={_PROCESS}{next(_SEQUENCE):016X}"


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    all_headers = {"x-zm-trackingid": tracking_id()}
    if headers:
        all_headers.update(headers)
    if body is None:
        return Response(status_code=status, headers=all_headers)
    return Response(orjson.dumps(body), status_code=status, headers=all_headers, media_type=JSON_TYPE)


def render_error(
    error: ZoomError | OAuthError, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """The one place an error body is written, for /v2, /oauth and /zemu alike: the status,
    the headers (a tracking id, JSON's content type, any extra such as rate-limit headers)
    and the bytes of Zoom's body (``{code, message}``, or OAuth's ``{reason, error}``)."""
    payload = orjson.dumps(error.body())
    all_headers = {"x-zm-trackingid": tracking_id(), "content-type": JSON_TYPE}
    if headers:
        all_headers.update({k.lower(): v for k, v in headers.items()})
    all_headers["content-length"] = str(len(payload))
    return error.status, all_headers, payload


def error_response(error: ZoomError | OAuthError, headers: dict[str, str] | None = None) -> Response:
    status, all_headers, payload = render_error(error, headers)
    return Response(payload, status_code=status, headers=all_headers)


async def send_error(send: Send, error: ZoomError | OAuthError, headers: dict[str, str] | None = None) -> None:
    status, all_headers, payload = render_error(error, headers)
    raw = [(k.encode(), v.encode()) for k, v in all_headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


UNKNOWN_ENDPOINT = ZoomError(2300, "This API endpoint is not recognized.", 404)
INTERNAL_ERROR = ZoomError(500, "Internal server error.", 500)


async def send_json(send: Send, status: int, body: Any, headers: dict[str, str]) -> None:
    """Answer with raw ASGI messages: the /v2 hot path builds no Response object."""
    raw_headers = [(b"x-zm-trackingid", tracking_id().encode())]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    payload = b"" if body is None else orjson.dumps(body)
    if body is not None:
        raw_headers.append((b"content-type", JSON_TYPE.encode()))
    raw_headers.append((b"content-length", str(len(payload)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


async def send_file(send: Send, status: int, file: FileBody, headers: dict[str, str]) -> None:
    """A file answer (a recording, a voicemail, a fax) as its own bytes and content type."""
    raw_headers = [
        (b"x-zm-trackingid", tracking_id().encode()),
        (b"content-type", file.content_type.encode()),
        (b"content-length", str(len(file.data)).encode()),
    ]
    if file.filename:
        raw_headers.append((b"content-disposition", f'attachment; filename="{file.filename}"'.encode()))
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": file.data})
