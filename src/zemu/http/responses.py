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


def error_response(error: ZoomError, headers: dict[str, str] | None = None) -> Response:
    return json_response(error.body(), error.status, headers)


UNKNOWN_ENDPOINT = ZoomError(2300, "This API endpoint is not recognized.", 404)


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
    raw_headers = [(b"x-zm-trackingid", tracking_id().encode()), (b"content-type", file.content_type.encode()),
                   (b"content-length", str(len(file.data)).encode())]
    if file.filename:
        raw_headers.append((b"content-disposition", f'attachment; filename="{file.filename}"'.encode()))
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": file.data})
