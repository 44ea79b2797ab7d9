"""``zemu mcp --target URL``: every call goes to a Zoom API with a server-to-server token. A second
zemu server on loopback stands in for Zoom, so the test needs no network and no account."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from click.testing import CliRunner
from mcp_clients import Session, body, error, stdio

from zemu.cli import main
from zemu.mcp import targets
from zemu.mcp.targets import ZoomRequest, ZoomTarget
from zemu.testing import ZemuServer, zemu_server


@pytest.fixture(scope="module")
def zoom() -> Iterator[ZemuServer]:
    with zemu_server() as server:
        yield server


def real_target(zoom: ZemuServer, secret: str | None = None) -> Session:
    creds = zoom.credentials
    return Session(
        stdio(
            "--target",
            zoom.base_url,
            "--oauth-url",
            zoom.oauth_url,
            "--account-id",
            creds["account_id"],
            "--client-id",
            creds["client_id"],
            "--client-secret",
            secret or creds["client_secret"],
        )
    )


@pytest.fixture(scope="module")
def mcp(zoom: ZemuServer) -> Iterator[Session]:
    session = real_target(zoom)
    yield session
    session.close()


def test_a_real_target_has_no_emulator_tools(mcp: Session) -> None:
    names = mcp.tool_names()
    assert "call_zoom-phone" in names and "describe_method" in names
    assert not [n for n in names if n.startswith("zemu_")]


def test_calls_reach_the_target_with_a_fetched_token(mcp: Session, zoom: ZemuServer) -> None:
    answer = body(mcp.call("call_zoom-phone", {"method": "list_call_queues", "params": {"page_size": 100}}))
    direct = zoom.api.get("/phone/call_queues", params={"page_size": 100}).json()
    assert [q["id"] for q in answer["call_queues"]] == [q["id"] for q in direct["call_queues"]]
    assert zoom.requests()[0]["operation_id"] == "listCallQueues"


def test_writes_reach_the_target(mcp: Session, zoom: ZemuServer) -> None:
    created = body(
        mcp.call(
            "call_zoom-users",
            {
                "method": "user_create",
                "params": {"body": {"action": "create", "user_info": {"email": "target.agent@example.com", "type": 1}}},
            },
        )
    )
    assert zoom.api.get("/users/target.agent@example.com").json()["id"] == created["id"]


def test_an_expired_token_is_replaced_and_the_call_goes_through(mcp: Session, zoom: ZemuServer) -> None:
    body(mcp.call("call_zoom-users", {"method": "users", "params": {"page_size": 1}}))
    zoom.advance(2 * 3600)  # the target's clock passes the token's expiry
    body(mcp.call("call_zoom-users", {"method": "users", "params": {"page_size": 1}}))
    statuses = [r["status"] for r in zoom.requests() if r["operation_id"] == "users"][:3]
    assert statuses == [200, 401, 200]  # newest first: refused once, then a new token


def test_a_zoom_error_from_the_target_is_an_error_result(mcp: Session) -> None:
    found = error(mcp.call("call_zoom-users", {"method": "user", "params": {"userId": "nobody@example.com"}}))
    assert (found["status"], found["code"]) == (404, 1001)


def test_wrong_credentials_are_an_error_result_not_a_crash(zoom: ZemuServer) -> None:
    session = real_target(zoom, secret="wrong")
    try:
        found = error(session.call("call_zoom-users", {"method": "users", "params": {}}))
        assert found["kind"] == "target" and "refused" in found["message"]
        assert session.tool_names()  # the server is still there
    finally:
        session.close()


def test_the_token_is_fetched_again_before_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    grants: list[str] = []
    sent: list[str] = []

    def zoom_api(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            grants.append(request.url.params["grant_type"])
            return httpx.Response(200, json={"access_token": f"t{len(grants)}", "expires_in": 3600})
        sent.append(request.headers["authorization"])
        return httpx.Response(200, json={"users": []})

    now = [1000.0]
    monkeypatch.setattr(targets, "real_seconds", lambda: now[0])
    target = ZoomTarget(
        api_url="https://zoom.test/v2",
        oauth_url="https://zoom.test/oauth/token",
        account_id="a",
        client_id="c",
        client_secret="s",
        transport=httpx.MockTransport(zoom_api),
    )
    request = ZoomRequest("GET", "/users")

    async def three_calls() -> None:
        await target.send(request)
        now[0] += 3000  # 10 minutes before expiry: still good
        await target.send(request)
        now[0] += 400  # 3 minutes before expiry: inside the margin, so a new one
        await target.send(request)
        await target.aclose()

    asyncio.run(three_calls())
    assert grants == ["account_credentials", "account_credentials"]
    assert sent == ["Bearer t1", "Bearer t1", "Bearer t2"]


def test_a_real_target_needs_its_credentials_and_a_url() -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["mcp", "--target", "https://api.zoom.us/v2", "--account-id", "a"])
    assert missing.exit_code == 2 and "--client-id, --client-secret" in missing.output
    assert runner.invoke(main, ["mcp", "--target", "zoom"]).exit_code == 2


def test_an_unreachable_target_is_a_target_error() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    target = ZoomTarget(
        api_url="https://zoom.test/v2",
        oauth_url="https://zoom.test/oauth/token",
        account_id="a",
        client_id="c",
        client_secret="s",
        transport=httpx.MockTransport(down),
    )

    async def attempt() -> None:
        try:
            with pytest.raises(targets.TargetError, match="could not be reached"):
                await target.send(ZoomRequest("GET", "/users"))
        finally:
            await target.aclose()

    asyncio.run(attempt())
