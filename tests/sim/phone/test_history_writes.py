"""The REST writes on what a simulated call leaves: each changes the reads, causes its events
(signed, schema-valid in strict mode, with the ids of what it changed), and a bad id answers
Zoom's documented error and changes nothing. The trash purges 30 emulated days after a delete."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from call_helpers import place
from webhook_receivers import Receiver, verify

from zemu.services.phone_history import records
from zemu.services.phone_history.handlers import EMITS as HISTORY_EMITS
from zemu.sim.clock import parse_zulu, zulu
from zemu.sim.phone.engine import EMITS
from zemu.testing import ZemuServer

Doc = dict[str, Any]
DAYS_31 = 31 * 86_400


@pytest.fixture(scope="module")
def history(zemu_server_session: ZemuServer) -> Iterator[tuple[ZemuServer, Receiver]]:
    server = zemu_server_session
    server.reset()
    receiver = Receiver(secret=server.credentials["webhook_secret_token"])
    server.subscribe(receiver.url, events=sorted((EMITS | set(HISTORY_EMITS)) - {"phone.emergency_alert"}))
    yield server, receiver
    receiver.close()


def events_named(server: ZemuServer, event: str) -> list[Doc]:
    return [body["payload"]["object"] for body in server.outbox() if body["event"] == event]


def arrived(server: ZemuServer, receiver: Receiver, event: str, marker: str) -> None:
    """The event naming ``marker`` reached the receiver, signed with the app's secret."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = [r for r in receiver.deliveries() if r.event == event and marker.encode() in r.body]
        if found:
            assert all(verify(server.credentials["webhook_secret_token"], r) for r in found)
            return
        time.sleep(0.02)
    raise AssertionError(f"{event} for {marker} never arrived")


def recorded_call(server: ZemuServer) -> Doc:
    placed = place(server, "1001", "casey.nguyen@zemu-demo.example", ring_seconds=3, talk_seconds=20, record=True)
    server.advance(300)
    return placed


def fresh(server: ZemuServer) -> httpx.Client:
    """A client with a new token (advancing the clock by days expires the last one)."""
    return server.client(server.token())


def listed_recordings(api: httpx.Client) -> set[str]:
    return {item["id"] for item in api.get("/phone/recordings").json()["recordings"]}


def test_a_deleted_recording_leaves_the_lists_comes_back_on_recover_and_is_purged_after_30_days(history):
    server, receiver = history
    api = fresh(server)
    placed = recorded_call(server)
    recording_id, call_id = placed["recording_id"], placed["call_id"]
    assert recording_id in listed_recordings(api)

    missing = api.delete("/phone/recordings/nope")
    assert missing.status_code == 404 and missing.json()["code"] == 404 and "nope" in missing.json()["message"]
    assert recording_id in listed_recordings(api)

    assert api.delete(f"/phone/recordings/{recording_id}").status_code == 204
    assert recording_id not in listed_recordings(api)
    assert api.get(f"/phone/call_logs/{call_id}/recordings").status_code == 404
    assert events_named(server, "phone.recording_deleted") == [
        {"recordings": [{"id": recording_id, "call_id": call_id}]}
    ]
    arrived(server, receiver, "phone.recording_deleted", recording_id)
    assert api.delete(f"/phone/recordings/{recording_id}").status_code == 404  # already in the trash

    recover = api.put(f"/phone/recordings/{recording_id}/status", json={"action": "recover"})
    assert recover.status_code == 204
    assert recording_id in listed_recordings(api)
    assert api.get(f"/phone/call_logs/{call_id}/recordings").json()["id"] == recording_id

    assert api.patch("/phone/recordings/nope", json={"auto_delete_enable": True}).status_code == 404
    auto = api.patch(f"/phone/recordings/{recording_id}", json={"auto_delete_enable": True})
    assert auto.status_code == 204
    [item] = [i for i in api.get("/phone/recordings").json()["recordings"] if i["id"] == recording_id]
    assert item["auto_delete_enable"] is True

    assert api.delete(f"/phone/recordings/{recording_id}").status_code == 204
    server.advance(DAYS_31)
    api = fresh(server)
    assert events_named(server, "phone.recording_permanently_deleted") == [
        {"recordings": [{"id": recording_id, "call_id": call_id}]}
    ]
    arrived(server, receiver, "phone.recording_permanently_deleted", recording_id)
    gone = api.put(f"/phone/recordings/{recording_id}/status", json={"action": "recover"})
    assert gone.status_code == 404


def test_a_voicemail_is_marked_read_then_trashed_where_the_trash_filter_shows_it(history):
    server, receiver = history
    api = fresh(server)
    placed = place(server, "+14155550123", "1003", outcome="voicemail", ring_seconds=10, talk_seconds=8)
    server.advance(120)
    voicemail_id = placed["voicemail_id"]

    def statuses(**query: Any) -> dict[str, str]:
        items = api.get("/phone/voice_mails", params=query).json()["voice_mails"]
        return {item["id"]: item["status"] for item in items}

    assert statuses()[voicemail_id] == "unread"
    bad = api.patch(f"/phone/voice_mails/{voicemail_id}", params={"read_status": "Maybe"})
    assert bad.status_code == 400  # the documented enum refuses it before anything is read
    assert statuses()[voicemail_id] == "unread"
    unknown = api.patch("/phone/voice_mails/nope", params={"read_status": "Read"})
    assert unknown.status_code == 400 and unknown.json()["code"] == 404
    assert api.patch(f"/phone/voice_mails/{voicemail_id}", params={"read_status": "Read"}).status_code == 204
    assert statuses()[voicemail_id] == "read"
    assert api.get(f"/phone/voice_mails/{voicemail_id}").json()["status"] == "read"
    [owner_id] = [
        v["owner"]["id"] for v in api.get("/phone/voice_mails").json()["voice_mails"] if v["id"] == voicemail_id
    ]

    assert api.delete("/phone/voice_mails/nope").status_code == 404
    assert api.delete(f"/phone/voice_mails/{voicemail_id}").status_code == 204
    assert voicemail_id not in statuses()
    assert voicemail_id in statuses(trashed="true")
    owner_list = f"/phone/users/{owner_id}/voice_mails"
    assert voicemail_id not in {v["id"] for v in api.get(owner_list).json()["voice_mails"]}
    assert voicemail_id in {v["id"] for v in api.get(owner_list, params={"trash": "true"}).json()["voice_mails"]}
    assert events_named(server, "phone.voicemail_deleted") == [{"voice_mails": [{"id": voicemail_id}]}]
    arrived(server, receiver, "phone.voicemail_deleted", voicemail_id)

    server.advance(DAYS_31)
    api = fresh(server)
    assert events_named(server, "phone.voicemail_permanently_deleted") == [{"voice_mails": [{"id": voicemail_id}]}]
    assert api.get(f"/phone/voice_mails/{voicemail_id}").status_code in (400, 404)


def test_call_history_and_call_logs_are_deleted_and_carry_client_codes(history):
    server, receiver = history
    api = fresh(server)
    placed = recorded_call(server)
    [log_event] = [
        b["payload"]["object"]
        for b in server.outbox()
        if b["event"] == "phone.caller_call_log_completed" and placed["call_id"] in str(b)
    ]
    user_id = log_event["user_id"]
    log_id = placed["call_log_ids"]["caller"]
    element_id = placed["call_element_ids"]["caller"]

    bad_code = api.put(f"/phone/call_logs/{log_id}/client_code", json={"client_code": " "})
    assert bad_code.status_code == 400
    assert api.put("/phone/call_logs/nope/client_code", json={"client_code": "42"}).status_code == 404
    assert api.put(f"/phone/call_logs/{log_id}/client_code", json={"client_code": "42"}).status_code == 204
    account_logs = api.get("/phone/call_logs").json()["call_logs"]
    assert [log["client_code"] for log in account_logs if log["id"] == log_id] == ["42"]
    user_logs = api.get(f"/phone/users/{user_id}/call_logs").json()["call_logs"]
    assert [log["client_code"] for log in user_logs if log["id"] == log_id] == ["42"]

    patched = api.patch(f"/phone/call_history/{element_id}/client_code", json={"client_code": "7"})
    assert patched.status_code == 204
    path = api.get(f"/phone/call_history/{placed['call_history_id']}").json()
    assert "7" in [leg.get("client_code") for leg in path["call_path"]]
    assert api.patch("/phone/call_history/nope/client_code", json={"client_code": "7"}).status_code == 404

    missing = api.delete(f"/phone/users/{user_id}/call_logs/nope")
    assert missing.status_code == 404 and missing.json()["code"] == 404
    assert api.delete(f"/phone/users/{user_id}/call_logs/{log_id}").status_code == 204
    user_logs = api.get(f"/phone/users/{user_id}/call_logs").json()["call_logs"]
    assert log_id not in {log["id"] for log in user_logs}
    assert events_named(server, "phone.call_log_deleted") == [
        {"user_id": user_id, "call_logs": [{"id": log_id, "call_id": placed["call_id"]}]}
    ]
    arrived(server, receiver, "phone.call_log_deleted", log_id)

    wrong = api.delete(f"/phone/users/{user_id}/call_history/nope")
    assert wrong.status_code == 404 and wrong.json()["code"] == 301
    assert api.delete(f"/phone/users/nobody/call_history/{element_id}").status_code == 404
    assert api.delete(f"/phone/users/{user_id}/call_history/{element_id}").status_code == 204
    user_history = api.get(f"/phone/users/{user_id}/call_history").json()["call_logs"]
    assert element_id not in {h["id"] for h in user_history}
    [deleted] = events_named(server, "phone.call_history_deleted")
    assert deleted["user_id"] == user_id and deleted["call_log_ids"] == [element_id]
    [elements] = events_named(server, "phone.call_element_deleted")
    assert element_id in elements["call_element_ids"]
    arrived(server, receiver, "phone.call_history_deleted", element_id)

    server.advance(DAYS_31)
    api = fresh(server)
    assert events_named(server, "phone.call_log_permanently_deleted") == [
        {"user_id": user_id, "call_logs": [{"id": log_id, "call_id": placed["call_id"]}]}
    ]


def a_fax(server: ZemuServer) -> Doc:
    """A fax log filed as the simulator files one (``records.record_fax``), a minute ago."""
    fax = {
        "fax_log_id": uuid.uuid4().hex,
        "fax_id": uuid.uuid4().hex,
        "site_id": "site-1",
        "site_name": "Main",
        "direction": "outbound",
        "extension_id": "ext-fax",
        "extension_type": "user",
        "sender_extension_id": "ext-fax",
        "sender_name": "Member",
        "sender_number": "+12092080933",
        "sender_type": "client",
        "receiver_number": "+14155550100",
        "receiver_type": "pstn",
        "file_id": "file-" + uuid.uuid4().hex[:8],
        "file_pages_count": 2,
        "status": "sent",
        "read_status": "unread",
        "create_time": zulu(parse_zulu(server.now()) - 60),
    }
    account_id = server.credentials["account_id"]
    server.transaction(lambda tx: records.record_fax(tx, account_id, fax))
    return fax


def test_a_fax_log_is_marked_read_deleted_to_the_trash_and_purged(history):
    server, receiver = history
    api = fresh(server)
    fax_log_id = a_fax(server)["fax_log_id"]

    def read_status(path: str = "/phone/fax/logs") -> dict[str, str]:
        return {f["fax_log_id"]: f["read_status"] for f in api.get(path).json()["fax_logs"]}

    assert read_status()[fax_log_id] == "unread"
    assert api.patch("/phone/fax/logs/nope", params={"read_status": "read"}).json()["code"] == 400001
    assert api.patch(f"/phone/fax/logs/{fax_log_id}", params={"read_status": "read"}).status_code == 204
    assert read_status()[fax_log_id] == "read"
    assert read_status("/phone/extension/ext-fax/fax/logs")[fax_log_id] == "read"
    assert api.get(f"/phone/fax/logs/{fax_log_id}").json()[0]["read_status"] == "read"

    missing = api.delete("/phone/fax/logs/nope")
    assert missing.status_code == 404 and missing.json()["code"] == 400001
    assert fax_log_id in read_status()
    assert api.delete(f"/phone/fax/logs/{fax_log_id}").status_code == 204
    assert fax_log_id not in read_status() and fax_log_id not in read_status("/phone/extension/ext-fax/fax/logs")
    assert events_named(server, "phone.fax_log_deleted") == [{"fax_logs": [{"fax_log_id": fax_log_id}]}]
    arrived(server, receiver, "phone.fax_log_deleted", fax_log_id)

    server.advance(DAYS_31)
    assert events_named(server, "phone.fax_log_permanently_deleted") == [{"fax_logs": [{"fax_log_id": fax_log_id}]}]
    arrived(server, receiver, "phone.fax_log_permanently_deleted", fax_log_id)


def test_the_triggers_delete_and_purge_what_a_simulated_call_left(history):
    server, _ = history
    for _ in range(2):  # each event and its permanent twin take one item each
        place(server, "1001", "1002", ring_seconds=3, talk_seconds=20, record=True)
        place(server, "+14155550123", "1003", outcome="voicemail", ring_seconds=10, talk_seconds=8)
        a_fax(server)
    server.advance(300)
    counts = {event: len(events_named(server, event)) for event in HISTORY_EMITS}
    for event in HISTORY_EMITS:
        answer = server.control.post(f"/zemu/trigger/{event}")
        assert answer.status_code == 200, answer.text
    after = {event: len(events_named(server, event)) for event in HISTORY_EMITS}
    assert all(after[event] > counts[event] for event in HISTORY_EMITS), after
