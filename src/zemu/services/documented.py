"""Zoom's documented errors, raised by their code instead of typed by hand.

The catalogue carries each operation's documented errors (HTTP status, Zoom code, message with
``$name``, ``{name}`` or ``{$name}`` placeholders). ``documented(code)`` builds the ``ZoomError`` from there,
keeping Zoom's own wording (typos included): first from the operation being served, then from
any operation that documents that code, narrowed by ``match`` when one code has several messages.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from zemu.catalog import ErrorSpec, Operation, load_catalog
from zemu.errors import NotFound, ZoomError

# ``{$name}`` (braces and all), ``$name`` or ``{name}``: the documents use all three
_PLACEHOLDER = re.compile(r"\{\$(\w+)\}|\$(\w+)|\{(\w+)\}")


@cache
def _by_code() -> dict[int, tuple[ErrorSpec, ...]]:
    table: dict[int, list[ErrorSpec]] = {}
    for op in load_catalog().operations:
        for spec in op.errors:
            if spec not in table.setdefault(spec.code, []):
                table[spec.code].append(spec)
    return {code: tuple(specs) for code, specs in table.items()}


def _pick(specs: tuple[ErrorSpec, ...], match: str) -> ErrorSpec | None:
    wanted = match.lower()
    return next((spec for spec in specs if wanted in spec.message.lower()), None)


def spec_of(code: int, match: str = "", op: Operation | None = None) -> ErrorSpec:
    own = tuple(spec for spec in op.errors if spec.code == code) if op is not None else ()
    spec = _pick(own, match) or _pick(_by_code().get(code, ()), match)
    if spec is None:
        raise LookupError(f"no documented Zoom error {code} matching {match!r}")
    return spec


def fill(message: str, values: dict[str, Any]) -> str:
    """Put values into Zoom's placeholders; one not given stays as Zoom wrote it."""

    def put(found: re.Match[str]) -> str:
        name = found.group(1) or found.group(2) or found.group(3)
        return str(values[name]) if name in values else found.group(0)

    return _PLACEHOLDER.sub(put, message)


def documented(
    code: int, match: str = "", *, op: Operation | None = None, status: int | None = None, **values: Any
) -> ZoomError:
    """The documented error ``code`` (its message containing ``match``), placeholders filled."""
    spec = spec_of(code, match, op)
    http_status = status or spec.http_status
    message = fill(spec.message, values)
    if http_status == 404:
        return NotFound(spec.code, message)
    return ZoomError(spec.code, message, http_status)
