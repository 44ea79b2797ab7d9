"""The MCP SDK's own client, held open in a thread of its own so that synchronous tests (and the
session-wide emulator they share) can use one connection for a whole module."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import sys
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult

import zemu
from zemu.catalog import Operation, load_catalog
from zemu.products import HANDLERS, handler_for

T = TypeVar("T")
SRC = str(Path(zemu.__file__).resolve().parent.parent)
Connect = Callable[[], AbstractAsyncContextManager[Client]]


def stdio(*args: str, mode: str = "auto") -> Connect:
    """``python -m zemu.cli mcp ARGS`` as a subprocess, with this tree's zemu. ``mode`` "legacy"
    speaks the handshake-era protocol; "auto" lets the SDK choose (it picks the newest)."""
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "zemu.cli", "mcp", *args],
        env={"PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )
    return lambda: Client(params, mode=mode)


def http(url: str, token: str | None = None, mode: str = "auto") -> Connect:
    """Streamable HTTP at ``url``, sending ``token`` as the bearer token when given."""

    @asynccontextmanager
    async def connect() -> AsyncIterator[Client]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(60.0)) as raw:
            async with Client(streamable_http_client(url, http_client=raw), mode=mode) as client:
                yield client

    return connect


class Session:
    def __init__(self, connect: Connect) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._ready: concurrent.futures.Future[Client] = concurrent.futures.Future()
        self._stop: asyncio.Event | None = None
        self._held = asyncio.run_coroutine_threadsafe(self._hold(connect), self.loop)
        self.client = self._ready.result(60)

    async def _hold(self, connect: Connect) -> None:
        self._stop = asyncio.Event()
        try:
            async with connect() as client:
                self._ready.set_result(client)
                await self._stop.wait()
        except BaseException as problem:
            if not self._ready.done():
                self._ready.set_exception(problem)
            raise

    def run(self, work: Callable[[Client], Coroutine[Any, Any, T]]) -> T:
        return asyncio.run_coroutine_threadsafe(work(self.client), self.loop).result(120)

    def call(self, name: str, arguments: dict[str, Any] | None = None) -> CallToolResult:
        return self.run(lambda client: client.call_tool(name, arguments))

    def tool_names(self) -> list[str]:
        return [t.name for t in self.run(lambda client: client.list_tools()).tools]

    def close(self) -> None:
        if self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        try:
            self._held.result(30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            self.loop.close()


def text(result: CallToolResult) -> str:
    first = result.content[0]
    assert first.type == "text"
    return first.text


def body(result: CallToolResult) -> Any:
    """The JSON answer of a successful call (its first text block), checked against its structured twin."""
    assert not result.is_error, text(result)
    parsed = json.loads(text(result))
    assert result.structured_content == (parsed if isinstance(parsed, dict) else {"result": parsed})
    return parsed


def error(result: CallToolResult) -> dict[str, Any]:
    assert result.is_error, text(result)
    assert result.structured_content is not None
    found: dict[str, Any] = result.structured_content["error"]
    return found


SERVICES = [
    "zoom-accounts",
    "zoom-marketplace",
    "zoom-meetings",
    "zoom-number-management",
    "zoom-phone",
    "zoom-rooms",
    "zoom-team-chat",
    "zoom-users",
]


def simplest_get(service: str) -> Operation:
    """The service's first account-level GET that needs no parameter, an implemented one if any."""
    ops = [
        o
        for o in load_catalog().operations
        if o.service == service
        and o.method == "GET"
        and o.variant == "account"
        and not any(p.required for p in o.parameters)
    ]
    return next((o for o in ops if implemented(o)), ops[0])


def implemented(op: Operation) -> bool:
    return handler_for(HANDLERS, op) is not None


class Hooks:
    """A webhook receiver on loopback that records every body it is sent."""

    def __init__(self) -> None:
        received = self.received = []  # type: list[dict[str, Any]]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                received.append(json.loads(self.rfile.read(int(self.headers.get("content-length", 0)))))
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
