"""/mcp follows the control plane's rule. Open on loopback (where it refuses another Host, against DNS
rebinding); with an admin token (required beyond loopback) it wants the admin token or a valid Zoom
access token, and a Zoom token names the app the calls act as. These tests speak raw JSON-RPC, as
any MCP client would, including a seed example request sent byte for byte."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx

from zemu.config import Config
from zemu.http.app import build_app
from zemu.mcp.server import lifespan
from zemu.runtime import Runtime
from zemu.testing import ZemuServer

ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 0,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}},
}
SEED = json.loads((Path(__file__).parent / "seed_examples.json").read_text())["examples"]


def answer_of(response: httpx.Response) -> dict[str, Any]:
    """The JSON-RPC answer, whether sent as JSON or as one server-sent event."""
    if response.headers["content-type"].startswith("application/json"):
        found: dict[str, Any] = response.json()
        return found
    data = [line[5:].strip() for line in response.text.splitlines() if line.startswith("data:")]
    return dict(json.loads(next(d for d in data if d)))


async def open_session(web: httpx.AsyncClient, auth: dict[str, str]) -> dict[str, str]:
    response = await web.post("/mcp", json=INITIALIZE, headers={**ACCEPT, **auth})
    assert response.status_code == 200, response.text
    assert answer_of(response)["result"]["serverInfo"]["name"] == "zemu"
    headers = {**ACCEPT, **auth, "mcp-protocol-version": "2025-06-18"}
    if "mcp-session-id" in response.headers:  # zemu's /mcp is stateless and names no session
        headers["mcp-session-id"] = response.headers["mcp-session-id"]
    await web.post("/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=headers)
    return headers


async def tool_names(web: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    listed = answer_of(
        await web.post("/mcp", json={"jsonrpc": "2.0", "id": 5, "method": "tools/list"}, headers=headers)
    )
    return [t["name"] for t in listed["result"]["tools"]]


def test_with_an_admin_token_mcp_wants_it_or_a_zoom_token() -> None:
    runtime = Runtime(Config(db=":memory:", admin_token="sekret"))
    app = build_app(runtime)

    async def scenario() -> None:
        async with (
            lifespan(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=runtime.config.origin) as web,
        ):
            for auth in ({}, {"Authorization": "Bearer wrong"}):
                refused = await web.post("/mcp", json=INITIALIZE, headers={**ACCEPT, **auth})
                assert refused.status_code == 401 and refused.json()["code"] == 124
            admin = await open_session(web, {"Authorization": "Bearer sekret"})
            assert "zemu_reset" in await tool_names(web, admin)

            creds = (await web.get("/zemu/credentials", headers={"Authorization": "Bearer sekret"})).json()
            granted = await web.post(
                "/oauth/token",
                auth=(creds["client_id"], creds["client_secret"]),
                params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
            )
            headers = await open_session(web, {"Authorization": f"Bearer {granted.json()['access_token']}"})
            verbatim = json.dumps(SEED[1]["call"], indent=2)  # list_auto_receptionists, as the seed writes it
            result = answer_of(await web.post("/mcp", content=verbatim, headers=headers))["result"]
            assert result["isError"] is False
            assert result["structuredContent"]["auto_receptionists"]
            # a Zoom token calls Zoom's operations, not the control plane's tools
            assert not [n for n in await tool_names(web, headers) if n.startswith("zemu_")]
            reset = {
                "jsonrpc": "2.0",
                "id": 7,
                "method": "tools/call",
                "params": {"name": "zemu_reset", "arguments": {}},
            }
            refused = answer_of(await web.post("/mcp", json=reset, headers=headers))["result"]
            assert refused["isError"] is True and refused["structuredContent"]["error"]["kind"] == "forbidden"

    try:
        asyncio.run(scenario())
    finally:
        runtime.close()


def test_on_loopback_mcp_is_open_but_refuses_another_host(zemu_server_session: ZemuServer) -> None:
    url = zemu_server_session.credentials["mcp_url"]
    with httpx.Client(timeout=30) as web:
        opened = web.post(url, json=INITIALIZE, headers=ACCEPT)
        assert opened.status_code == 200 and answer_of(opened)["result"]["serverInfo"]["name"] == "zemu"
        rebound = web.post(url, json=INITIALIZE, headers={**ACCEPT, "Host": "evil.example.com"})
        assert rebound.status_code in (403, 421)
        foreign = web.post(url, json=INITIALIZE, headers={**ACCEPT, "Origin": "http://evil.example.com"})
        assert foreign.status_code == 403
