"""Shared mailboxes and recordings (phone-events.md §6 steps 5–6): a call queue's voicemail and
recordings, and a common area's recordings, tell each of their access members after the owner's
own event, and the REST reads list what was left."""

from __future__ import annotations

from typing import Any

from call_helpers import call_events, names, place

Doc = dict[str, Any]


def billing(server) -> Doc:
    return next(q for q in server.api.get("/phone/call_queues").json()["call_queues"] if q["name"] == "Billing")


def objects(events: list[Doc], name: str) -> list[Doc]:
    return [e["payload"]["object"] for e in events if e["event"] == f"phone.{name}"]


def test_a_queue_mailbox_tells_its_voicemail_access_members(phone):
    server, _ = phone
    queue = billing(server)
    users = server.api.get("/phone/users", params={"page_size": 20}).json()["users"]
    areas = server.api.get("/phone/common_areas").json()["common_areas"]
    added = server.api.post(
        f"/phone/call_queues/{queue['id']}/policies/voice_mail",
        json={
            "voicemail_access_members": [
                {"access_user_id": users[12]["id"], "access_user_type": "user", "allow_download": True},
                {"access_user_id": areas[0]["id"], "access_user_type": "commonArea"},
            ]
        },
    )
    assert added.status_code == 201, added.text
    try:
        placed = place(server, "+14155550140", str(queue["extension_number"]), outcome="voicemail", talk_seconds=9)
        server.advance(300)
        events = call_events(server, placed["call_id"])
        tail = names(events)[-3:]
        assert tail == ["voicemail_received", "voicemail_received_for_access_member"] * 1 + [
            "voicemail_received_for_access_member"
        ]
        received, *shared = objects(events, "voicemail_received") + objects(
            events, "voicemail_received_for_access_member"
        )
        assert received["callee_extension_type"] == "callQueue" and received["callee_id"] == queue["id"]
        assert [(s["access_member_id"], s["access_member_extension_type"]) for s in shared] == [
            (users[12]["id"], "user"),
            (areas[0]["id"], "commonAreaPhone"),
        ]
        assert all(s["id"] == placed["voicemail_id"] == received["id"] for s in shared)
        listed = server.api.get("/phone/voice_mails", params={"page_size": 100}).json()["voice_mails"]
        [mine] = [v for v in listed if v["id"] == placed["voicemail_id"]]
        assert mine["duration"] == 9
        history = [
            h for h in server.api.get("/phone/call_history").json()["call_logs"] if h["call_id"] == placed["call_id"]
        ]
        assert [h["call_result"] for h in history] == ["voicemail"]
    finally:
        for entry in server.api.get(f"/phone/call_queues/{queue['id']}").json()["policy"]["voicemail_access_members"]:
            server.api.delete(
                f"/phone/call_queues/{queue['id']}/policies/voice_mail", params={"shared_ids": entry["shared_id"]}
            )


def test_a_queue_that_records_its_calls_owns_the_recording_and_tells_its_members(phone):
    server, _ = phone
    queue = billing(server)
    path = f"/phone/call_queues/{queue['id']}/policies"
    assert server.api.patch(path, json={"auto_call_recording": {"enable": True}}).status_code == 204
    try:
        placed = place(server, "+14155550141", str(queue["extension_number"]), ring_seconds=4, talk_seconds=30)
        assert placed["recording_id"]
        server.advance(300)
        events = call_events(server, placed["call_id"])
        order = names(events)
        assert order.index("callee_answered") < order.index("recording_started") < order.index("callee_ended")
        started = objects(events, "recording_started")[0]
        assert started["owner"]["type"] == "callQueue" and started["owner"]["id"] == queue["id"]
        members = [m["id"] for m in server.api.get(f"{path.rsplit('/', 1)[0]}/members").json()["call_queue_members"]]
        assert len(members) == 3
        # the recording's own event, then one per member of the queue (§6 step 6)
        assert order[-4:] == ["recording_completed"] + ["recording_completed_for_access_member"] * 3
        [completed] = objects(events, "recording_completed")[0]["recordings"]
        assert completed["owner"]["type"] == "callQueue" and completed["duration"] == 30
        shared = [o["recordings"][0] for o in objects(events, "recording_completed_for_access_member")]
        assert [s["user_id"] for s in shared] == members
        assert all(s["id"] == placed["recording_id"] and s["owner"]["has_access_permission"] for s in shared)
        queued = server.api.get(f"/phone/call_queues/{queue['id']}/recordings").json()["recordings"]
        assert placed["recording_id"] in [r["id"] for r in queued]
        listed = server.api.get("/phone/recordings", params={"page_size": 100}).json()["recordings"]
        assert placed["recording_id"] in [r["id"] for r in listed]
    finally:
        server.api.patch(path, json={"auto_call_recording": {"enable": False}})


def test_a_common_area_recording_tells_the_members_who_share_its_line(phone):
    server, _ = phone
    group = server.api.get("/phone/shared_line_groups").json()["shared_line_groups"][0]
    detail = server.api.get(f"/phone/shared_line_groups/{group['id']}").json()
    member = detail["members"]["common_areas"][0]
    area = server.api.get(f"/phone/common_areas/{member['id']}").json()
    users = [u["id"] for u in detail["members"]["users"]]
    assert len(users) == 2
    placed = place(server, "+14155550142", str(area["extension_number"]), record=True, talk_seconds=12)
    server.advance(300)
    events = call_events(server, placed["call_id"])
    assert names(events)[-3:] == ["recording_completed"] + ["recording_completed_for_access_member"] * 2
    [completed] = objects(events, "recording_completed")[0]["recordings"]
    assert completed["owner"] == {
        "id": area["id"],
        "name": area["display_name"],
        "type": "commonArea",
        "extension_number": int(area["extension_number"]),
    }
    shared = [o["recordings"][0]["user_id"] for o in objects(events, "recording_completed_for_access_member")]
    assert shared == users
    listed = server.api.get("/phone/recordings", params={"page_size": 100}).json()["recordings"]
    assert placed["recording_id"] in [r["id"] for r in listed]
