"""The ASGI application: /v2 (the Zoom API), /oauth, /zemu (control plane), /mcp (MCP) and / (dashboard).

Everything but /v2 passes through ``Guard`` (``zemu.control.guard``), which lets /oauth through
as Zoom has it and holds the control plane, the dashboard and /mcp to their own origin, the
hosts the server serves and, beyond loopback, the admin token.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from zemu.control.guard import Guard
from zemu.control.routes import Control
from zemu.errors import ZoomError
from zemu.http.api import Api
from zemu.http.oauth import OAuthEndpoints
from zemu.http.redact import redact_access_log
from zemu.http.responses import UNKNOWN_ENDPOINT, error_response, send_error
from zemu.http.wire import BODY_LIMIT, declared_length, too_large
from zemu.mcp.server import McpEndpoint
from zemu.runtime import Runtime
from zemu.ui import ui_routes

API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class ZemuApp:
    """The ASGI entry point: /v2 goes straight to the API, everything else through the guard
    to Starlette."""

    def __init__(self, api: Api, rest: Starlette, runtime: Runtime) -> None:
        self.api = api
        self.rest = Guard(rest, runtime)
        self.state = rest.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v2/"):
            await self.api(scope, receive, send)
        elif scope["type"] == "http" and declared_too_large(scope):
            await send_error(send, too_large(BODY_LIMIT))  # refused before a byte of it is read
        else:
            await self.rest(scope, receive, send)


def declared_too_large(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-length":
            length = declared_length(value)
            return length is not None and length > BODY_LIMIT
    return False


async def http_error(request: Request, error: Exception) -> Response:
    """Starlette's own refusals (a method a route does not take) in the one error shape."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    detail = error.detail if isinstance(error, HTTPException) else "Internal server error."
    return error_response(ZoomError(status, detail, status))


def build_app(runtime: Runtime) -> ZemuApp:
    redact_access_log()
    api = Api(runtime)
    oauth = OAuthEndpoints(runtime)
    control = Control(runtime)
    mcp = McpEndpoint(runtime)

    async def unknown(request: Request) -> Response:
        return error_response(UNKNOWN_ENDPOINT)

    routes = [
        Route("/oauth/token", oauth.token, methods=["POST"]),
        Route("/oauth/authorize", oauth.authorize, methods=["GET", "POST"]),
        Route("/oauth/revoke", oauth.revoke, methods=["POST"]),
        *control.routes(),
        Route("/mcp", mcp),
        *ui_routes(runtime),
        Route("/{rest:path}", unknown, methods=API_METHODS),
    ]
    rest = Starlette(
        routes=routes, lifespan=lambda app: serving(runtime, mcp), exception_handlers={HTTPException: http_error}
    )
    rest.state.runtime = runtime
    app = ZemuApp(api, rest, runtime)
    mcp.attach(app)
    return app


@asynccontextmanager
async def serving(runtime: Runtime, mcp: McpEndpoint) -> AsyncIterator[None]:
    """What lives as long as the server: the runtime's workers and the MCP session manager."""
    async with run_workers(runtime), mcp.running():
        yield


@asynccontextmanager
async def run_workers(runtime: Runtime) -> AsyncIterator[None]:
    """The runtime's background workers (the webhook delivery worker) live as long as the server."""
    runtime.loop = asyncio.get_running_loop()
    tasks: list[asyncio.Future[None]] = [asyncio.ensure_future(worker()) for worker in runtime.workers]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
