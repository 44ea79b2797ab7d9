"""Per-request cost of the ASGI apps alone: no sockets, no HTTP parsing, no uvicorn.

The apps are called directly with a minimal HTTP scope on one event loop, in this process, after
the network runs (so it competes with nothing). The difference to the bare app is what zemu's
routing, auth, store and serialisation cost per request.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from scenario import Send, Targets, prepare
from servers import bare_app, zemu_app

Message = dict[str, Any]


@dataclass(slots=True)
class InprocResult:
    name: str
    path: str
    calls: int
    us_per_request: float


async def asgi_call(
    app: Any, method: str, target: str, headers: dict[str, str], body: bytes | None
) -> tuple[int, bytes]:
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "headers": [(b"host", b"127.0.0.1")] + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    chunks = [{"type": "http.request", "body": body or b"", "more_body": False}]
    status = 0
    out: list[bytes] = []

    async def receive() -> Message:
        return chunks.pop() if chunks else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            out.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(out)


def asgi_sender(app: Any, loop: asyncio.AbstractEventLoop) -> Send:
    def send(method: str, target: str, headers: dict[str, str], body: bytes | None) -> tuple[int, bytes]:
        return loop.run_until_complete(asgi_call(app, method, target, headers, body))

    return send


def time_calls(
    app: Any, loop: asyncio.AbstractEventLoop, name: str, path: str, headers: dict[str, str], seconds: float
) -> InprocResult:
    """Call the app back to back for about ``seconds``; every answer must be 200."""

    async def batch(window: float) -> tuple[int, float]:
        calls, started = 0, time.perf_counter()
        deadline = started + window
        while time.perf_counter() < deadline:
            status, _ = await asgi_call(app, "GET", path, headers, None)
            if status != 200:
                raise RuntimeError(f"in-process GET {path} answered {status}")
            calls += 1
        return calls, time.perf_counter() - started

    loop.run_until_complete(batch(min(0.5, seconds)))  # warm-up: caches, first-call imports
    calls, elapsed = loop.run_until_complete(batch(seconds))
    return InprocResult(name, path, calls, elapsed / calls * 1e6)


def measure(seconds: float) -> tuple[list[InprocResult], list[str]]:
    loop = asyncio.new_event_loop()
    try:
        results = [time_calls(bare_app(), loop, "bare", "/", {}, seconds)]
        zemu = zemu_app(port=9)
        targets: Targets = prepare(asgi_sender(zemu, loop))
        for name, path in (("point read", targets.point_path), ("list page", targets.list_path)):
            if path is not None:
                results.append(time_calls(zemu, loop, name, path, targets.headers, seconds))
        return results, targets.notes
    finally:
        loop.close()
