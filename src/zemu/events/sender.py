"""One HTTP POST to a receiver, bounded by Zoom's 3-second rule, with its outcome classified.

The delivery worker keeps one client for its life. By default it is aiohttp's connection pool
(``bench/deliveries.py``: about 3,000 signed deliveries a second on the reference machine, as
fast as the HTTP/1.1 pool zemu used to carry, where httpx's own pool stays below 800 POSTs a
second). An injected ``httpx`` transport (tests use ``httpx.MockTransport``) is sent through an
``httpx.AsyncClient`` instead; both answer the same ``Sent``.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

import httpx

if TYPE_CHECKING:
    import aiohttp

from zemu.events.schedule import ATTEMPT_TIMEOUT, FailedReason

RESPONSE_BODY_LIMIT = 4096  # what the log keeps of a receiver's answer


@dataclass(slots=True)
class Sent:
    status: int  # HTTP status, or -1 when none came back
    latency_ms: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    failed_reason_type: int | None = None


class Client(Protocol):
    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Sent: ...

    async def aclose(self) -> None: ...


def client(transport: httpx.AsyncBaseTransport | None, connections: int) -> Client:
    """The worker's client: through ``transport`` when one is given, else aiohttp's pool."""
    return HttpxClient(transport) if transport is not None else AiohttpClient(connections)


def load_aiohttp() -> ModuleType:
    """aiohttp, imported on first use: its import takes a few hundred milliseconds that a server
    which never sends a webhook need not spend before it answers (the worker preloads it in a
    thread when it starts)."""
    return importlib.import_module("aiohttp")


class AiohttpClient:
    """aiohttp's keep-alive pool, opened on first use (it belongs to the running loop)."""

    def __init__(self, connections: int) -> None:
        self.connections = connections
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            aiohttp = load_aiohttp()
            # no default headers beyond what HTTP needs: a receiver sees what Zoom sends
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections),
                auto_decompress=False,
                skip_auto_headers=("Accept", "Accept-Encoding", "User-Agent"),
            )
        return self._session

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Sent:
        aiohttp = load_aiohttp()
        started = time.perf_counter()
        try:
            async with (
                asyncio.timeout(ATTEMPT_TIMEOUT),
                self.session.post(url, data=body, headers=headers, allow_redirects=False) as answer,
            ):
                content = await answer.read()
            return Sent(
                answer.status,
                _ms(started),
                {str(k).lower(): v for k, v in answer.headers.items()},
                content[:RESPONSE_BODY_LIMIT],
            )
        except TimeoutError:
            return _timed_out(started)
        except aiohttp.ClientConnectorError as error:
            return _refused(started, error)
        except (aiohttp.ClientError, OSError, ValueError) as error:  # ValueError: a URL aiohttp cannot use
            return _remote_error(started, error)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class HttpxClient:
    """An ``httpx.AsyncClient`` over an injected transport."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.http = httpx.AsyncClient(transport=transport, timeout=ATTEMPT_TIMEOUT, follow_redirects=False)

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Sent:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(ATTEMPT_TIMEOUT):
                answer = await self.http.post(url, content=body, headers=headers)
            return Sent(answer.status_code, _ms(started), dict(answer.headers), answer.content[:RESPONSE_BODY_LIMIT])
        except (TimeoutError, httpx.TimeoutException):
            return _timed_out(started)
        except httpx.ConnectError as error:
            return _refused(started, error)
        except (httpx.HTTPError, OSError) as error:
            return _remote_error(started, error)

    async def aclose(self) -> None:
        await self.http.aclose()


async def post(http: Client, url: str, body: bytes, headers: dict[str, str]) -> Sent:
    return await http.post(url, body, headers)


def _timed_out(started: float) -> Sent:
    return Sent(
        -1, _ms(started), error=f"no answer within {ATTEMPT_TIMEOUT:g} s", failed_reason_type=FailedReason.TIMEOUT
    )


def _refused(started: float, error: Exception) -> Sent:
    return Sent(
        -1,
        _ms(started),
        error=f"connection failed: {error or type(error).__name__}",
        failed_reason_type=FailedReason.CONNECTION_REFUSED,
    )


def _remote_error(started: float, error: Exception) -> Sent:
    return Sent(
        -1, _ms(started), error=f"{type(error).__name__}: {error}", failed_reason_type=FailedReason.REMOTE_ERROR
    )


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
