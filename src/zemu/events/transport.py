"""The worker's default httpx transport: HTTP/1.1 keep-alive connections on asyncio, parsed by
httptools (already installed with uvicorn[standard]).

Why not httpx's own transport: on the reference machine httpcore's pool costs ~1.9 ms per
request (531 requests/s one at a time, fewer under concurrency), which alone caps deliveries
far below the 2,000/s goal; this transport costs ~0.1 ms. It is still httpx underneath: the
worker talks to an ``httpx.AsyncClient``, and tests inject ``httpx.MockTransport`` instead.
Each request goes on an idle connection to the same origin or a new one; a connection is
reused only after a complete response that did not ask to close it.
"""

from __future__ import annotations

import asyncio
import ssl
from typing import Any

import httptools
import httpx

Origin = tuple[str, str, int]


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[None] | None = None
        self._reset()

    def _reset(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.complete = False
        self.headers_done = False
        self.keep_alive = False

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._finish(httpx.RemoteProtocolError(f"invalid HTTP response: {error}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.headers_done and not self.complete and not self._has_length():
            self.complete = True  # a body delimited by the end of the connection
            self._finish(None)
        else:
            self._finish(httpx.ReadError(f"the receiver closed the connection{f': {exc}' if exc else ''}"))

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        self.headers_done = True

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        self.keep_alive = self._parser.should_keep_alive()  # only valid until the parser resets
        self.complete = True
        self._finish(None)

    # use
    def _has_length(self) -> bool:
        return any(k.lower() in (b"content-length", b"transfer-encoding") for k, _ in self.headers)

    def _finish(self, error: Exception | None) -> None:
        if self._waiter is not None and not self._waiter.done():
            if error is None:
                self._waiter.set_result(None)
            else:
                self._waiter.set_exception(error)

    async def exchange(self, raw: bytes) -> None:
        assert self.transport is not None
        self._reset()
        self._waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        await self._waiter

    @property
    def reusable(self) -> bool:
        return not self.closed and self.complete and self.keep_alive

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class Http11Transport(httpx.AsyncBaseTransport):
    def __init__(self, max_idle_per_origin: int = 256, ssl_context: ssl.SSLContext | None = None) -> None:
        self._idle: dict[Origin, list[_Connection]] = {}
        self._max_idle = max_idle_per_origin
        self._ssl = ssl_context

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        raw = _serialise(request, await request.aread())
        conn = self._take_idle(origin)
        if conn is not None:
            try:
                await conn.exchange(raw)
            except httpx.ReadError:  # a kept-alive connection the receiver had closed: once more, fresh
                conn.close()
                conn = None
            except BaseException:
                conn.close()
                raise
        if conn is None:
            conn = await self._open(origin, request)
            try:
                await conn.exchange(raw)
            except BaseException:
                conn.close()
                raise
        response = httpx.Response(conn.status, headers=conn.headers, stream=httpx.ByteStream(bytes(conn.body)),
                                  request=request)
        if conn.reusable and len(self._idle.setdefault(origin, [])) < self._max_idle:
            self._idle[origin].append(conn)
        else:
            conn.close()
        return response

    def _take_idle(self, origin: Origin) -> _Connection | None:
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if not conn.closed:
                return conn
        return None

    async def _open(self, origin: Origin, request: httpx.Request) -> _Connection:
        scheme, host, port = origin
        context: Any = None
        if scheme == "https":
            context = self._ssl or ssl.create_default_context()
        try:
            _, conn = await asyncio.get_running_loop().create_connection(
                _Connection, host, port, ssl=context, server_hostname=host if context else None)
        except OSError as error:
            raise httpx.ConnectError(f"{type(error).__name__}: {error}", request=request) from error
        return conn

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()


def _serialise(request: httpx.Request, body: bytes) -> bytes:
    head = [request.method.encode() + b" " + request.url.raw_path + b" HTTP/1.1"]
    for name, value in request.headers.raw:
        head.append(name + b": " + value)
    if b"content-length" not in request.headers.raw and "content-length" not in request.headers:
        head.append(b"content-length: " + str(len(body)).encode())
    return b"\r\n".join(head) + b"\r\n\r\n" + body
