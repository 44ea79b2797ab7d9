"""The wire side of fault rules (``zemu/faults.py``): what a request that a rule picks gets.

Latency is real and awaited (``asyncio.sleep``), so a slow answer never holds up another
request. An error answers with Zoom's body for its status: the operation's own documented error
for that status where the catalogue has one, else Zoom's general body for it. A 429 carries
Zoom's rate-limit headers. A dropped connection is closed with no response at all.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from starlette.types import Send

from zemu.catalog import Operation
from zemu.errors import ZoomError
from zemu.faults import FaultRule
from zemu.http.ratelimit import Verdict, limits_of, next_midnight, refusal
from zemu.http.wire import WireRequest
from zemu.runtime import Runtime

log = logging.getLogger("zemu.faults")

DROPPED = 0  # the status the request log shows for a connection closed without an answer
# Zoom's general bodies where the operation documents nothing for the status (zoom-conventions §3, §5)
GENERAL = {
    400: (300, "Validation Failed."),
    401: (124, "Invalid access token."),
    403: (200, "No permission."),
    404: (2300, "This API endpoint is not recognized."),
    500: (500, "Internal server error."),
}
STORM_PLAN = "Business"  # a storm reports the Business+ plan's limits
_PLACEHOLDER = re.compile(r"\{([^}]*)\}|\$([A-Za-z_]\w*)")

Answer = tuple[int, Any, dict[str, str]]


async def apply_fault(
    rt: Runtime, request: WireRequest, op: Operation, path: str, path_params: dict[str, str], send: Send
) -> Answer | None:
    """The answer a fault rule gives this request, or None when the request goes on as usual
    (no rule fired, or the rule only added latency)."""
    now = rt.clock.now()
    rule = rt.faults.pick(op, path, _account_of(rt, request, now), now)
    if rule is None:
        return None
    if rule.latency_ms:
        await asyncio.sleep(rule.latency_ms / 1000)
    if rule.effect == "latency":
        return None
    if rule.effect == "drop":
        if drop_connection(send):
            return DROPPED, None, {}
        log.warning("fault rule %s: this server cannot drop a connection; answering 500 instead", rule.id)
        return 500, ZoomError(*GENERAL[500], 500), {}
    if rule.effect == "rate_limit" or rule.status == 429:
        verdict = storm(rule, op, now)
        assert verdict.error is not None
        return 429, verdict.error, verdict.headers
    error = fault_error(rule, op, path_params)
    return error.status, error, {}


def _account_of(rt: Runtime, request: WireRequest, now: float) -> Callable[[], str | None]:
    """The account of the request's token, looked up once and only if a rule filters by account."""
    found: list[str | None] = []

    def account() -> str | None:
        if not found:
            try:
                token = request.bearer_token()
                with rt.store.transaction(write=False) as tx:
                    found.append(str(rt.access_token(tx, token, now)["account_id"]))
            except ZoomError:  # no valid token: no account to match
                found.append(None)
        return found[0]

    return account


def fault_error(rule: FaultRule, op: Operation, path_params: dict[str, str]) -> ZoomError:
    status = rule.status or 500
    code, message = documented(op, status, path_params) or GENERAL.get(status) or (status, _phrase(status))
    return ZoomError(code if rule.code is None else rule.code, rule.message or message, status)


def _phrase(status: int) -> str:
    """HTTP's reason phrase as a message (``503`` → "Service Unavailable.")."""
    try:
        return f"{HTTPStatus(status).phrase}."
    except ValueError:  # a status HTTP does not name, such as 599
        return "Error."


def documented(op: Operation, status: int, path_params: dict[str, str]) -> tuple[int, str] | None:
    """The operation's first documented error of this HTTP status, its placeholders filled from the
    path (``{userId}``, ``$userId``, ``{0}``); of a message that lists several (``* A. * B.``), the first."""
    for spec in op.errors:
        if spec.http_status == status and spec.message.strip():
            first = [part.strip() for part in spec.message.split("* ") if part.strip()][0]
            return spec.code, _fill(first, path_params)
    return None


def _fill(message: str, values: dict[str, str]) -> str:
    first = next(iter(values.values()), None)

    def value(found: re.Match[str]) -> str:
        name = found.group(1) or found.group(2) or ""
        return values.get(name.lstrip("$"), first if first is not None else found.group(0))

    return _PLACEHOLDER.sub(value, message)


def storm(rule: FaultRule, op: Operation, now: float) -> Verdict:
    """Zoom's 429 for the operation's rate-limit label; Retry-After says when the storm ends."""
    per_window, seconds, daily = limits_of(STORM_PLAN, op.product, op.rate_label)
    if rule.limit_type == "Daily-limit":
        return refusal(op.rate_label, "Daily-limit", daily or per_window, next_midnight(now))
    left = rule.expires_at - now if rule.expires_at is not None else seconds
    return refusal(op.rate_label, "QPS", per_window, str(max(1, math.ceil(left))))


def drop_connection(send: Send) -> bool:
    """Close the client's connection without a response. ASGI has no message for this, so the
    connection is reached through ``send``: uvicorn's request cycle, which holds the transport. It
    is marked disconnected first, or uvicorn would write a 500 of its own when the app returns."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(cycle, "disconnected"):
        return False
    cycle.disconnected = True  # type: ignore[union-attr]
    transport.close()
    return True
