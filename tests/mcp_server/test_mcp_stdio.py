"""``zemu mcp`` on stdio with the emulator in its own process, driven by the SDK's client: it lists
and calls the same tools as /mcp, runs the emulator's workers (webhooks are delivered), and with
``--port`` serves the same emulator over HTTP to the programs under test."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from mcp_clients import SERVICES, Hooks, Session, body, error, implemented, simplest_get, stdio


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def mcp(port: int) -> Iterator[Session]:
    session = Session(stdio("--db", ":memory:", "--strict", "--port", str(port)))
    yield session
    session.close()


def test_the_tools_over_stdio(mcp: Session) -> None:
    names = set(mcp.tool_names())
    assert {"list_methods", "describe_method", *(f"call_{s}" for s in SERVICES)} <= names
    assert {
        "zemu_trigger_event",
        "zemu_advance_clock",
        "zemu_webhook_deliveries",
        "zemu_request_log",
        "zemu_reset",
        "zemu_subscribe_webhook",
    } <= names


@pytest.mark.parametrize("service", SERVICES)
def test_a_method_of_every_service_over_stdio(mcp: Session, service: str) -> None:
    op = simplest_get(service)
    result = mcp.call(f"call_{service}", {"method": op.mcp_method, "params": {}})
    if implemented(op):
        assert isinstance(body(result), dict)
    else:
        assert error(result)["status"] == 501


def test_list_and_describe_over_stdio(mcp: Session) -> None:
    found = body(mcp.call("list_methods", {"service": "zoom-number-management", "query": "peering"}))
    assert found["methods"] and all("peering" in r["method"] or "peering" in r["path"] for r in found["methods"])
    described = body(
        mcp.call("describe_method", {"service": "zoom-number-management", "method": found["methods"][0]["method"]})
    )
    assert described["path"] == found["methods"][0]["path"]


def test_the_same_emulator_answers_over_http_on_the_port(mcp: Session, port: int) -> None:
    created = body(
        mcp.call(
            "call_zoom-users",
            {
                "method": "user_create",
                "params": {"body": {"action": "create", "user_info": {"email": "stdio.agent@example.com", "type": 1}}},
            },
        )
    )
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as web:
        creds = web.get("/zemu/credentials").json()
        token = web.post(
            "/oauth/token",
            params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
            auth=(creds["client_id"], creds["client_secret"]),
        ).json()["access_token"]
        seen = web.get("/v2/users/stdio.agent@example.com", headers={"Authorization": f"Bearer {token}"})
    assert seen.status_code == 200 and seen.json()["id"] == created["id"]


def test_an_event_is_delivered_and_logged_over_stdio(mcp: Session) -> None:
    hooks = Hooks()
    try:
        body(mcp.call("zemu_subscribe_webhook", {"url": hooks.url, "events": ["user.deactivated"], "validate": False}))
        touched = body(mcp.call("zemu_trigger_event", {"event": "user.deactivated"}))["touched"]
        deadline = time.monotonic() + 10
        log: list[dict[str, Any]] = []
        while time.monotonic() < deadline and not any(d["ok"] for d in log):
            log = body(mcp.call("zemu_webhook_deliveries", {"event": "user.deactivated"}))["deliveries"]
            time.sleep(0.05)
        delivered = json.loads(next(d for d in log if d["ok"])["body"])
        assert delivered["payload"]["object"]["id"] in json.dumps(touched)
        assert any(h["event"] == "user.deactivated" for h in hooks.received)
    finally:
        hooks.close()


def test_errors_are_tool_results_over_stdio(mcp: Session) -> None:
    assert error(mcp.call("call_zoom-phone", {"method": "no_such_method"}))["kind"] == "unknown_method"
    assert error(mcp.call("call_zoom-phone", {"method": "get_a_site", "params": {}}))["kind"] == "missing_parameter"
    assert error(mcp.call("describe_method", {"service": "zoom", "method": "x"}))["kind"] == "unknown_service"
    assert error(mcp.call("call_zoom-phone", {"method": "get_a_site", "params": {"siteId": "nope"}}))["status"] == 400
    assert error(mcp.call("call_zoom-phone", {"method": "list_call_queues", "params": "x"}))["kind"] == "invalid_params"


def test_a_simulated_call_is_placed_and_its_events_read(mcp: Session) -> None:
    assert "zemu_place_call" in mcp.tool_names()
    hooks = Hooks()
    try:
        body(mcp.call("zemu_subscribe_webhook", {"url": hooks.url, "validate": False}))
        users = body(mcp.call("call_zoom-phone", {"method": "list_phone_users", "params": {"page_size": 2}}))["users"]
        placed = body(
            mcp.call(
                "zemu_place_call",
                {
                    "from": users[0]["email"],
                    "to": users[1]["email"],
                    "outcome": "answered",
                    "ring_seconds": 5,
                    "talk_seconds": 30,
                },
            )
        )
        assert placed["call_id"]
        body(mcp.call("zemu_advance_clock", {"seconds": 120}))
        log = body(mcp.call("zemu_webhook_deliveries", {"limit": 100}))["deliveries"]
        assert any(d["event"].startswith("phone.") for d in log)
        sent = body(
            mcp.call("zemu_send_sms", {"from": users[0]["email"], "to": users[1]["email"], "message": "Over stdio"})
        )
        deadline = time.monotonic() + 10
        texts: list[dict[str, Any]] = []
        while time.monotonic() < deadline and len(texts) < 2:
            texts = [h for h in hooks.received if h["event"] in ("phone.sms_sent", "phone.sms_received")]
            time.sleep(0.05)
        assert sorted(h["event"] for h in texts) == ["phone.sms_received", "phone.sms_sent"]
        assert {h["payload"]["object"]["message_id"] for h in texts} == {sent["message_id"]}
    finally:
        hooks.close()
