"""One HTTP POST to a receiver, bounded by Zoom's 3-second rule, with its outcome classified."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import httpx

from zemu.events.schedule import ATTEMPT_TIMEOUT, FailedReason
from zemu.events.transport import Http11Transport

RESPONSE_BODY_LIMIT = 4096  # what the log keeps of a receiver's answer


@dataclass(slots=True)
class Sent:
    status: int                      # HTTP status, or -1 when none came back
    latency_ms: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    failed_reason_type: int | None = None


def client(transport: httpx.AsyncBaseTransport | None, connections: int) -> httpx.AsyncClient:
    """The worker's client: ``transport`` (tests inject ``httpx.MockTransport``) or the fast
    keep-alive transport of ``zemu.events.transport``."""
    return httpx.AsyncClient(transport=transport or Http11Transport(max_idle_per_origin=connections),
                             timeout=ATTEMPT_TIMEOUT, follow_redirects=False)


async def post(http: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str]) -> Sent:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(ATTEMPT_TIMEOUT):
            answer = await http.post(url, content=body, headers=headers)
        return Sent(answer.status_code, _ms(started), dict(answer.headers), answer.content[:RESPONSE_BODY_LIMIT])
    except (TimeoutError, httpx.TimeoutException):
        return Sent(-1, _ms(started), error=f"no answer within {ATTEMPT_TIMEOUT:g} s",
                    failed_reason_type=FailedReason.TIMEOUT)
    except httpx.ConnectError as error:
        return Sent(-1, _ms(started), error=f"connection failed: {error or type(error).__name__}",
                    failed_reason_type=FailedReason.CONNECTION_REFUSED)
    except (httpx.HTTPError, OSError) as error:
        return Sent(-1, _ms(started), error=f"{type(error).__name__}: {error}",
                    failed_reason_type=FailedReason.REMOTE_ERROR)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
