"""The MCP server: one low-level SDK ``Server`` whose tools come from the catalogue.

It is served two ways: ``/mcp`` in zemu's own ASGI app (streamable HTTP, see ``McpEndpoint``)
and ``zemu mcp`` on stdio (``serve_stdio``). The low-level server is used rather than the
decorator layer because the tools, their schemas and their results are data (one tool per
service, the emulator's tools only on the emulator), and a failure must come back as a tool
result the model can read, never as a protocol error.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from mcp.server import Server, ServerRequestContext
from mcp.server.stdio import stdio_server
from mcp.server.transport_security import TransportSecuritySettings
from mcp.types import (
    BlobResourceContents,
    CallToolRequestParams,
    CallToolResult,
    ContentBlock,
    EmbeddedResource,
    ListToolsResult,
    PaginatedRequestParams,
    TextContent,
    TextResourceContents,
)
from starlette.types import ASGIApp, Receive, Scope, Send

import zemu
from zemu.catalog import Operation, load_catalog
from zemu.mcp.calls import Outcome
from zemu.mcp.emulator import EmulatorTools
from zemu.mcp.methods import MethodIndex
from zemu.mcp.targets import EmulatorTarget, Target, TargetError
from zemu.mcp.tools import ZoomTools
from zemu.products import HANDLERS, handler_for
from zemu.runtime import Runtime

log = logging.getLogger("zemu.mcp")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
INSTRUCTIONS = (
    "Zoom's REST API as tools. Find a method with list_methods, read its parameters with describe_method, "
    "then call it with call_<service> {method, params}: params holds path and query parameters by name and "
    "the JSON body as params.body. Lists answer a next_page_token to pass back for the next page."
)
EMULATOR_INSTRUCTIONS = (
    " This is zemu's emulator: the zemu_* tools cause webhook events, move the clock and read the delivery "
    "and request logs."
)


def implemented_in_zemu(op: Operation) -> bool:
    return handler_for(HANDLERS, op) is not None


class ZoomMcp:
    """The tools and the SDK server that lists and calls them, over one target."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.zoom = ZoomTools(MethodIndex(load_catalog()), target, implemented_in_zemu)
        self.emulator = EmulatorTools(target) if isinstance(target, EmulatorTarget) else None
        instructions = INSTRUCTIONS + (EMULATOR_INSTRUCTIONS if self.emulator is not None else "")
        self.server: Server[Any] = Server(
            "zemu",
            version=zemu.__version__,
            instructions=instructions,
            on_list_tools=self._list_tools,
            on_call_tool=self._call_tool,
        )

    async def _list_tools(
        self,
        ctx: ServerRequestContext[Any],
        params: PaginatedRequestParams | None,
    ) -> ListToolsResult:
        tools = self.zoom.tools()
        if self.emulator is not None and self._may_drive(ctx):
            tools += await self.emulator.tools()
        return ListToolsResult(tools=tools)

    async def _call_tool(self, ctx: ServerRequestContext[Any], params: CallToolRequestParams) -> CallToolResult:
        args = params.arguments or {}
        try:
            outcome = await self._outcome(params.name, args, self._client_token(ctx), self._may_drive(ctx))
        except TargetError as problem:
            outcome = Outcome(
                False,
                f"{problem.message}\nHint: {problem.hint}",
                {
                    "error": {
                        "kind": "target",
                        "message": problem.message,
                        "hint": problem.hint,
                        "detail": problem.detail,
                    }
                },
            )
        except Exception:  # a tool never crashes the server: the model reads what went wrong
            log.exception("MCP tool %s failed", params.name)
            outcome = Outcome(
                False,
                "zemu failed while answering this call (see its log).",
                {"error": {"kind": "internal", "message": "Internal error."}},
            )
        return _result(outcome)

    async def _outcome(self, name: str, args: dict[str, Any], token: str | None, may_drive: bool) -> Outcome:
        if self.zoom.handles(name):
            return await self.zoom.call(name, args, token)
        if self.emulator is not None and await self.emulator.handles(name):
            if not may_drive:
                return Outcome(
                    False,
                    f"{name} drives the emulator, which takes the admin token.\nHint: connect "
                    "to /mcp with the admin token to use the zemu_* tools.",
                    {"error": {"kind": "forbidden", "message": "The admin token is required."}},
                )
            return await self.emulator.call(name, args)
        return Outcome(
            False,
            f"Unknown tool: {name}.\nHint: tools/list names every tool.",
            {"error": {"kind": "unknown_tool", "message": f"Unknown tool: {name}."}},
        )

    def _client_token(self, ctx: ServerRequestContext[Any]) -> str | None:
        """The Zoom access token an HTTP client sent to /mcp: the emulator acts as that token's app.
        None (act as the demo app) on stdio, without a token, or with the admin token."""
        if not isinstance(self.target, EmulatorTarget) or ctx.request is None:
            return None
        token = _bearer(ctx.request.headers.get("authorization", ""))
        return token if token and token != self.target.rt.config.admin_token else None

    def _may_drive(self, ctx: ServerRequestContext[Any]) -> bool:
        """The emulator's own tools are the control plane's: where that wants the admin token (the
        server has one), a client holding only a Zoom token may call Zoom's operations, not these."""
        if not isinstance(self.target, EmulatorTarget) or ctx.request is None:
            return True
        admin = self.target.rt.config.admin_token
        return admin is None or _bearer(ctx.request.headers.get("authorization", "")) == admin


def _bearer(header: str) -> str | None:
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _result(outcome: Outcome) -> CallToolResult:
    content: list[ContentBlock] = [TextContent(type="text", text=outcome.text)]
    content += [TextContent(type="text", text=note) for note in outcome.notes]
    if outcome.file is not None:
        kind, data, _name = outcome.file
        resource: TextResourceContents | BlobResourceContents
        if kind.startswith("text/"):  # a transcript reads as text
            resource = TextResourceContents(uri=outcome.uri, mime_type=kind, text=data.decode("utf-8", "replace"))
        else:
            resource = BlobResourceContents(uri=outcome.uri, mime_type=kind, blob=base64.b64encode(data).decode())
        content.append(EmbeddedResource(type="resource", resource=resource))
    return CallToolResult(content=content, structured_content=outcome.structured, is_error=not outcome.ok)


# streamable HTTP ------------------------------------------------------------------------------
class McpEndpoint:
    """``/mcp``: the SDK's streamable HTTP transport behind the control plane's rule. Open when the
    server has no admin token (it is bound to loopback); otherwise the admin token or a valid Zoom
    access token is required, and a Zoom token also names the app the calls act as."""

    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime
        self.target = EmulatorTarget(runtime)
        self.mcp = ZoomMcp(self.target)
        host = runtime.config.host
        security = None if host in LOOPBACK else TransportSecuritySettings(enable_dns_rebinding_protection=False)
        # Stateless, answering JSON: every tool call stands alone (the state is in the store), so
        # any server process sharing the store can answer it, and no open stream keeps a server
        # from stopping. zemu never calls back to the client, so nothing is lost.
        self.app = self.mcp.server.streamable_http_app(
            streamable_http_path="/mcp", host=host, transport_security=security, stateless_http=True, json_response=True
        )

    def attach(self, app: ASGIApp) -> None:
        """The whole zemu app, through which tool calls go (as HTTP calls would)."""
        self.target.attach(app)

    def running(self) -> AbstractAsyncContextManager[None]:
        """The session manager's life: entered by the application's own lifespan."""
        return self.mcp.server.session_manager.run()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # who may call is the guard's rule (zemu.control.guard), applied in front of /mcp
        await self.app(scope, receive, send)


# stdio ------------------------------------------------------------------------------------------
async def serve_stdio(mcp: ZoomMcp) -> None:
    async with stdio_server() as (read_stream, write_stream):
        await mcp.server.run(read_stream, write_stream, mcp.server.create_initialization_options())


@asynccontextmanager
async def lifespan(app: ASGIApp) -> AsyncIterator[None]:
    """Run an ASGI app's lifespan (its background workers) around a block, as a server would."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def receive() -> dict[str, Any]:
        return await inbox.get()

    async def send(message: Any) -> None:
        await outbox.put(dict(message))

    lifespan = app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    task: asyncio.Task[None] = asyncio.create_task(lifespan)  # type: ignore[arg-type]
    await inbox.put({"type": "lifespan.startup"})
    started = await outbox.get()
    if started["type"] != "lifespan.startup.complete":
        raise RuntimeError(f"the application did not start: {started.get('message', '')}")
    try:
        yield
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        await outbox.get()
        await task
