"""/mcp over streamable HTTP, driven by the MCP SDK's own client against the in-process server:
discovery, calls into every service, paging, a download, the emulator's own tools, and every kind
of error as a tool result."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from mcp_clients import SERVICES, Hooks, Session, body, error, http, implemented, simplest_get, text

from zemu.services.phone_history.records import register_file
from zemu.sim.artifacts import render
from zemu.store import Tx
from zemu.testing import ZemuServer

EMULATOR_TOOLS = {
    "zemu_trigger_event",
    "zemu_advance_clock",
    "zemu_webhook_deliveries",
    "zemu_request_log",
    "zemu_reset",
    "zemu_subscribe_webhook",
}


@pytest.fixture(scope="module")
def mcp(zemu_server_session: ZemuServer) -> Iterator[Session]:
    """One MCP session (acting as the demo app) for the module, at the URL `zemu credentials` prints."""
    session = Session(http(zemu_server_session.credentials["mcp_url"]))
    yield session
    session.close()


def call(mcp: Session, service: str, method: str, **params: Any) -> Any:
    return mcp.call(f"call_{service}", {"method": method, "params": params})


# discovery ---------------------------------------------------------------------------------------
def test_the_tools_are_the_zoom_tools_and_the_emulators(mcp: Session, zemu: ZemuServer) -> None:
    names = set(mcp.tool_names())
    assert {"list_methods", "describe_method", *(f"call_{s}" for s in SERVICES)} <= names
    assert EMULATOR_TOOLS <= names
    # the simulator's tools are offered exactly when the control plane serves its routes
    has_calls = zemu.control.post("/zemu/phone/calls", json={}).status_code != 404
    assert has_calls and "zemu_place_call" in names
    assert ("zemu_send_sms" in names) == (zemu.control.post("/zemu/phone/sms", json={}).status_code != 404)


def test_a_handshake_era_client_is_served_too(zemu_server_session: ZemuServer) -> None:
    legacy = Session(http(zemu_server_session.credentials["mcp_url"], mode="legacy"))
    try:
        assert legacy.client.protocol_version < "2026"
        assert "call_zoom-phone" in legacy.tool_names()
        assert body(call(legacy, "zoom-phone", "list_call_queues", page_size=1))["call_queues"]
    finally:
        legacy.close()


def test_list_methods_finds_by_words_and_pages(mcp: Session) -> None:
    first = body(mcp.call("list_methods", {"service": "zoom-phone", "query": "call queue", "page_size": 5}))
    assert len(first["methods"]) == 5 and first["total_records"] > 5
    for row in first["methods"]:
        found = f"{row['method']} {row['summary']} {row['path']}".lower()
        assert "call" in found and "queue" in found
    assert first["next_page_token"]
    second = body(
        mcp.call(
            "list_methods",
            {
                "service": "zoom-phone",
                "query": "call queue",
                "page_size": 5,
                "next_page_token": first["next_page_token"],
            },
        )
    )
    assert not {r["method"] for r in first["methods"]} & {r["method"] for r in second["methods"]}
    everything = body(mcp.call("list_methods", {"service": "zoom-phone", "query": "call queue", "page_size": 300}))
    assert everything["next_page_token"] == "" and len(everything["methods"]) == first["total_records"]


def test_list_methods_without_a_service_searches_them_all(mcp: Session) -> None:
    found = body(mcp.call("list_methods", {"query": "list", "page_size": 300}))
    assert {row["service"] for row in found["methods"]} == set(SERVICES)


def test_describe_method_says_how_to_call_it(mcp: Session) -> None:
    described = body(mcp.call("describe_method", {"service": "zoom-phone", "method": "get_auto_receptionist_ivr"}))
    assert described["http_method"] == "GET"
    assert described["path"] == "/phone/auto_receptionists/{autoReceptionistId}/ivr"
    params = {p["name"]: p for p in described["parameters"]}
    assert params["autoReceptionistId"] == {
        "name": "autoReceptionistId",
        "in": "path",
        "type": "string",
        "required": True,
    }
    assert "closed_hours" in params["hours_type"]["enum"] and params["hours_type"]["required"] is False
    assert "key_actions" in {f["name"] for f in described["response"]["fields"]}
    assert described["scopes"]["classic"] == ["phone:read:admin"]
    assert described["rate_limit"] == "Light" and described["implemented"] is True
    assert described["example"]["arguments"]["params"] == {"autoReceptionistId": "<autoReceptionistId>"}


def test_describe_method_shows_the_request_body(mcp: Session) -> None:
    described = body(mcp.call("describe_method", {"service": "zoom-users", "method": "user_create"}))
    assert described["request_body"]["content_type"] == "application/json"
    assert "user_info" in described["request_body"]["schema"]["properties"]


def test_the_master_account_form_has_its_own_name(mcp: Session) -> None:
    account = body(mcp.call("describe_method", {"service": "zoom-accounts", "method": "information_barriers_list"}))
    master = body(
        mcp.call("describe_method", {"service": "zoom-accounts", "method": "master_information_barriers_list"})
    )
    assert account["variant"] == "account" and master["variant"] == "master"
    assert master["path"] == "/accounts/{accountId}" + account["path"]


# calls -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("service", SERVICES)
def test_a_method_of_every_service(mcp: Session, zemu: ZemuServer, service: str) -> None:
    op = simplest_get(service)
    result = call(mcp, service, op.mcp_method)
    if implemented(op):
        assert isinstance(body(result), dict)
        return
    found = error(result)  # an operation zemu does not implement yet answers Zoom's 501, as an error
    assert found["status"] == 501 and op.operation_id in found["message"]
    assert "coverage" in found["hint"]


def test_a_write_changes_state_that_a_read_then_sees(mcp: Session, zemu: ZemuServer) -> None:
    created = body(
        call(
            mcp,
            "zoom-users",
            "user_create",
            body={"action": "create", "user_info": {"email": "mcp.agent@example.com", "type": 1, "first_name": "Em"}},
        )
    )
    assert created["email"] == "mcp.agent@example.com"
    read = body(call(mcp, "zoom-users", "user", userId="mcp.agent@example.com"))
    assert read["id"] == created["id"] and read["first_name"] == "Em"
    assert zemu.api.get(f"/users/{created['id']}").status_code == 200


def test_paging_through_a_list_with_next_page_token(mcp: Session, zemu: ZemuServer) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"page_size": 10}
    for _ in range(20):
        result = call(mcp, "zoom-users", "users", **params)
        page = body(result)
        seen += [u["id"] for u in page["users"]]
        if not page["next_page_token"]:
            assert len(result.content) == 1  # the last page says nothing of a next one
            break
        note = text_blocks(result)[1]
        assert page["next_page_token"] in note and "call_zoom-users" in note
        params["next_page_token"] = page["next_page_token"]
    assert len(seen) == len(set(seen)) == page["total_records"] > 10


def text_blocks(result: Any) -> list[str]:
    return [c.text for c in result.content if c.type == "text"]


def test_a_download_is_an_embedded_resource_with_its_content_type(mcp: Session, zemu: ZemuServer) -> None:
    recipe = render.audio_recipe("mcpRecording", 3, speakers=2)
    audio = render.render(recipe)
    account_id = zemu.credentials["account_id"]

    def store_file(tx: Tx) -> None:
        register_file(tx, account_id, "mcpRecordingFile", kind="recording", recipe=recipe, name="call.mp3")

    zemu.transaction(store_file)
    result = call(mcp, "zoom-phone", "phone_download_recording_file", fileId="mcpRecordingFile")
    assert not result.is_error
    resource = next(c for c in result.content if c.type == "resource").resource
    assert resource.mime_type == "audio/mpeg"
    assert str(resource.uri) == f"{zemu.base_url}/phone/recording/download/mcpRecordingFile"
    assert base64.b64decode(resource.blob) == audio
    assert result.structured_content == {"content_type": "audio/mpeg", "size": len(audio), "filename": "call.mp3"}


def test_a_transcript_download_answers_its_json(mcp: Session, zemu: ZemuServer) -> None:
    account_id = zemu.credentials["account_id"]
    recipe = render.transcript_recipe(
        "mcpRecording", account_id=account_id, host_id="host", start=0, duration=20, speakers=["1001", "+14155550123"]
    )
    zemu.transaction(lambda tx: register_file(tx, account_id, "mcpTranscript", kind="transcript", recipe=recipe))
    result = call(mcp, "zoom-phone", "phone_download_recording_file", fileId="mcpTranscript")
    assert not result.is_error and result.structured_content["recording_id"] == "mcpRecording"
    assert result.structured_content["type"] == "zoom_transcript"


# the emulator's own tools ---------------------------------------------------------------------------
def test_an_agent_subscribes_triggers_and_reads_the_delivery(mcp: Session, zemu: ZemuServer) -> None:
    hooks = Hooks()
    try:
        refused = error(mcp.call("zemu_subscribe_webhook", {"url": hooks.url}))  # it does not answer validation
        assert refused["code"] == 1701
        subscribed = body(
            mcp.call("zemu_subscribe_webhook", {"url": hooks.url, "events": ["user.created"], "validate": False})
        )
        assert subscribed["url"] == hooks.url
        touched = body(mcp.call("zemu_trigger_event", {"event": "user.created"}))["touched"]
        deadline = time.monotonic() + 10
        delivered: list[dict[str, Any]] = []
        while time.monotonic() < deadline and not delivered:
            log = body(mcp.call("zemu_webhook_deliveries", {"event": "user.created"}))["deliveries"]
            delivered = [d for d in log if d["ok"]]
            time.sleep(0.05)
        assert delivered, log
        user_id = touched["user_ids"][0]
        assert json.loads(delivered[0]["body"])["payload"]["object"]["id"] == user_id  # the bytes sent
        assert any(h["event"] == "user.created" and h["payload"]["object"]["id"] == user_id for h in hooks.received)
    finally:
        hooks.close()


def test_the_sms_tool_sends_a_message_and_its_event_is_delivered(mcp: Session, zemu: ZemuServer) -> None:
    assert "zemu_send_sms" in mcp.tool_names()
    hooks = Hooks()
    try:
        body(mcp.call("zemu_subscribe_webhook", {"url": hooks.url, "events": ["phone.sms_sent"], "validate": False}))
        users = body(call(mcp, "zoom-phone", "list_phone_users", page_size=1))["users"]
        sent = body(
            mcp.call("zemu_send_sms", {"from": users[0]["email"], "to": "+14155550123", "message": "Sent by a tool"})
        )
        assert sent["message_id"] and sent["session_id"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(
            h["event"] == "phone.sms_sent" and h["payload"]["object"]["message_id"] == sent["message_id"]
            for h in hooks.received
        ):
            time.sleep(0.05)
        [event] = [h for h in hooks.received if h["event"] == "phone.sms_sent"]
        assert event["payload"]["object"]["session_id"] == sent["session_id"]
        assert (
            error(mcp.call("zemu_send_sms", {"from": users[0]["email"], "to": "+14155550123", "message": ""}))["status"]
            == 400
        )
    finally:
        hooks.close()


def test_the_clock_and_the_request_log(mcp: Session, zemu: ZemuServer) -> None:
    before = body(mcp.call("zemu_advance_clock", {"seconds": 0}))["now"]
    after = body(mcp.call("zemu_advance_clock", {"seconds": 86400}))["now"]
    assert after[:10] > before[:10]
    call(mcp, "zoom-phone", "list_call_queues", page_size=1)
    log = body(mcp.call("zemu_request_log", {"limit": 5}))["requests"]
    assert log[0]["path"] == "/v2/phone/call_queues" and log[0]["operation_id"] == "listCallQueues"


def test_reset_rebuilds_the_demo_and_calls_go_on(mcp: Session, zemu: ZemuServer) -> None:
    body(
        call(
            mcp,
            "zoom-users",
            "user_create",
            body={"action": "create", "user_info": {"email": "gone@example.com", "type": 1}},
        )
    )
    assert body(mcp.call("zemu_reset", {"demo": True}))["demo"] is True
    assert error(call(mcp, "zoom-users", "user", userId="gone@example.com"))["status"] == 404
    assert body(call(mcp, "zoom-users", "users", page_size=1))["total_records"] > 1


# errors -------------------------------------------------------------------------------------------
def test_an_unknown_service_is_an_error_result(mcp: Session) -> None:
    found = error(mcp.call("describe_method", {"service": "zoom-fax", "method": "x"}))
    assert found["kind"] == "unknown_service" and "zoom-phone" in found["hint"]


def test_an_unknown_tool_is_an_error_result(mcp: Session) -> None:
    result = mcp.call("call_zoom-fax", {"method": "list_faxes"})
    assert result.is_error and "Unknown tool" in text(result)


def test_an_unknown_method_is_an_error_result_with_close_names(mcp: Session) -> None:
    found = error(call(mcp, "zoom-phone", "list_call_queue"))
    assert found["kind"] == "unknown_method" and "list_call_queues" in found["hint"]


def test_a_missing_path_parameter_is_an_error_result(mcp: Session) -> None:
    found = error(call(mcp, "zoom-phone", "get_a_call_queue"))
    assert found["kind"] == "missing_parameter" and "callQueueId" in found["message"]


def test_an_unknown_parameter_is_an_error_result(mcp: Session) -> None:
    found = error(call(mcp, "zoom-phone", "list_call_queues", page_sise=3))
    assert found["kind"] == "unknown_parameter" and "page_size" in found["hint"]


def test_a_zoom_error_keeps_its_code_and_message_and_adds_a_hint(mcp: Session) -> None:
    result = call(mcp, "zoom-users", "user", userId="nobody@example.com")
    found = error(result)
    assert (found["status"], found["code"]) == (404, 1001)
    assert "does not exist" in found["message"] and found["hint"]
    assert "1001" in text(result)


def test_a_validation_error_lists_its_fields(mcp: Session, zemu: ZemuServer) -> None:
    found = error(call(mcp, "zoom-users", "user_create", body={"action": "create", "user_info": {"type": 1}}))
    assert (found["status"], found["code"]) == (400, 300)
    assert found["errors"]


def test_the_token_sent_to_mcp_is_the_acting_app_and_its_scopes_are_enforced(zemu: ZemuServer) -> None:
    narrow = zemu.client_with_scopes(["user:read:admin"])
    token = narrow.headers["Authorization"].split(" ", 1)[1]
    session = Session(http(zemu.credentials["mcp_url"], token))
    try:
        assert body(call(session, "zoom-users", "users", page_size=1))["users"]
        found = error(call(session, "zoom-phone", "list_call_queues"))
        assert (found["status"], found["code"]) == (400, 4711) and "scope" in found["hint"]
    finally:
        session.close()
        narrow.close()


def test_an_invalid_token_sent_to_mcp_is_zooms_401(zemu: ZemuServer) -> None:
    session = Session(http(zemu.credentials["mcp_url"], "not-a-token"))
    try:
        found = error(call(session, "zoom-users", "users"))
        assert (found["status"], found["code"]) == (401, 124)
    finally:
        session.close()


def test_a_rate_limit_is_an_error_result_that_says_when_to_retry(mcp: Session, zemu: ZemuServer) -> None:
    zemu.control.post("/zemu/rate-limits", json={"profile": "zoom"}).raise_for_status()
    try:
        # Resource-intensive phone operations allow 10 a minute on a Business account
        results = [call(mcp, "zoom-phone", "downloadfaxfile", faxLogId="nope", fileId="nope") for _ in range(11)]
    finally:
        zemu.control.post("/zemu/rate-limits", json={"profile": "off"}).raise_for_status()
    found = error(results[-1])
    assert (found["status"], found["code"]) == (429, 429)
    assert found["retry_after"] and "wait" in found["hint"].lower()
    assert found["rate_limit"]["x-ratelimit-remaining"] == "0"
    assert all(error(r)["status"] == 404 for r in results[:10])


def test_an_upload_sends_its_file_as_a_form(mcp: Session, zemu: ZemuServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    result = call(
        mcp,
        "zoom-users",
        "user_picture",
        userId="me",
        body={
            "pic_file": {
                "filename": "me.png",
                "content_type": "image/png",
                "data_base64": base64.b64encode(png).decode(),
            }
        },
    )
    assert not result.is_error, text(result)
    me = zemu.api.get("/users/me").json()
    picture = zemu.control.get(me["pic_url"].replace(zemu.url, ""))
    assert picture.content == png and picture.headers["content-type"] == "image/png"
    found = error(call(mcp, "zoom-users", "user_picture", userId="me", body={"pic_file": {"data_base64": "%%"}}))
    assert found["kind"] == "invalid_params"


def test_params_and_body_given_as_json_text_are_read_as_objects(mcp: Session, zemu: ZemuServer) -> None:
    spelled = json.dumps({"action": "create", "user_info": {"email": "json.text@example.com", "type": 1}})
    created = body(mcp.call("call_zoom-users", {"method": "user_create", "params": {"body": spelled}}))
    found = body(mcp.call("call_zoom-users", {"method": "user", "params": json.dumps({"userId": created["id"]})}))
    assert found["email"] == "json.text@example.com"


def test_a_connected_client_does_not_keep_the_server_from_stopping() -> None:
    server = ZemuServer().start()
    held = Session(http(f"{server.url}/mcp", mode="legacy"))  # a handshake-era client, as a stream-holder
    try:
        assert held.tool_names()
        started = time.monotonic()
        server.stop()  # it waits for open connections: an open stream would hold it 10 s, then give up
        assert time.monotonic() - started < 5
    finally:
        held.close()


def test_a_fault_rule_on_v2_reaches_mcp_calls_too(mcp: Session, zemu: ZemuServer) -> None:
    zemu.control.post(
        "/zemu/faults", json={"effect": "error", "status": 503, "operation": "listCallQueues", "times": 1}
    ).raise_for_status()
    found = error(call(mcp, "zoom-phone", "list_call_queues"))
    assert found["status"] == 503 and "later" in found["hint"]
    assert body(call(mcp, "zoom-phone", "list_call_queues"))["call_queues"]  # the rule is spent
