"""JSON responses as Zoom writes them, each with an ``x-zm-trackingid``."""

from __future__ import annotations

import secrets
from typing import Any

import orjson
from starlette.responses import Response

from zemu.errors import ZoomError

JSON_TYPE = "application/json;charset=UTF-8"


def tracking_id() -> str:
    return "v=2.0;clid=us06;rid=" + secrets.token_hex(12).upper()


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
