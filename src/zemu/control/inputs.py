"""Reading control-plane input: every value is checked for type and range before anything changes.

A refused value is ``bad_request`` (Zoom's 400 / 300 with a message naming the field), so one bad
request answers a clear error and leaves the store as it was. JSON numbers must be numbers
(``"NaN"``, ``"inf"`` and ``"60"`` are strings, refused), booleans must be booleans, and the
limits live next to what they protect (the clock's in ``zemu.sim.clock``).
"""

from __future__ import annotations

import math
from typing import Any

import orjson
from starlette.requests import Request

from zemu.errors import bad_request

MAX_SEED = 2**63 - 1
MAX_TEXT = 2000  # names, ids, URLs and trigger parameters
MAX_ITEMS = 1000  # scopes, redirect URIs, events


async def json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object; an empty body is ``{}``."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


def number(body: dict[str, Any], name: str, default: float) -> float:
    """A finite JSON number (not a boolean, not a string)."""
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_request(f"{name} must be a number.")
    try:
        result = float(value)
    except OverflowError:
        raise bad_request(f"{name} is out of range.") from None
    if not math.isfinite(result):
        raise bad_request(f"{name} must be a finite number.")
    return result


def integer(body: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise bad_request(f"{name} must be a whole number from {low} to {high}.")
    return value


def boolean(body: dict[str, Any], name: str, default: bool) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise bad_request(f"{name} must be true or false.")
    return value


def text(body: dict[str, Any], name: str, default: str | None = None) -> str | None:
    """A string of at most MAX_TEXT characters with no control characters, or ``default``
    when the field is absent or null."""
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str) or len(value) > MAX_TEXT or not value.isprintable():
        raise bad_request(f"{name} must be a printable string of at most {MAX_TEXT} characters.")
    return value


def texts(body: dict[str, Any], name: str) -> list[str] | None:
    """A list of strings (each as ``text`` checks it), or None when absent or null."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise bad_request(f"{name} must be a list of at most {MAX_ITEMS} strings.")
    return [str(text({name: item}, name)) for item in value]


def query_count(request: Request, name: str, default: int, most: int, least: int = 0) -> int:
    """A whole-number query parameter in [least, most] (plain ASCII digits)."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or not least <= int(raw) <= most:
        raise bad_request(f"{name} must be a whole number from {least} to {most}.")
    return int(raw)
