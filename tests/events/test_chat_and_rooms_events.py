"""Team Chat and Zoom Rooms events end to end: a receiver subscribed to them gets each one,
signed and schema-valid (strict mode refuses any other), from a real API change, a trigger or
the control plane's room signals."""

from __future__ import annotations

import time

from webhook_receivers import Receiver, subscribe, verify

from zemu.testing import ZemuServer

CHAT_EVENTS = [
    "chat_channel.created",
    "chat_channel.updated",
    "chat_channel.deleted",
    "chat_channel.member_invited",
    "chat_channel.member_joined",
    "chat_channel.member_left",
    "chat_channel.member_removed",
    "chat_message.sent",
    "chat_message.replied",
    "chat_message.updated",
    "chat_message.deleted",
    "team_chat.channel_reaction_added",
    "team_chat.channel_reaction_removed",
    "team_chat.dm_reaction_added",
    "team_chat.dm_reaction_removed",
]
ROOM_EVENTS = [
    "zoomroom.created",
    "zoomroom.updated",
    "zoomroom.deleted",
    "zoomroom.location_created",
    "zoomroom.location_updated",
    "zoomroom.location_deleted",
    "zoomroom.checked_in",
    "zoomroom.checked_out",
    "zoomroom.alert",
    "zoomroom.delayed_alert",
    "zoomroom.sensor_data",
]


def test_every_chat_and_room_event_arrives_from_its_trigger(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=CHAT_EVENTS + ROOM_EVENTS)
    for event in CHAT_EVENTS + ROOM_EVENTS:
        answer = zemu.control.post(f"/zemu/trigger/{event}", json={})
        assert answer.status_code == 200, (event, answer.text)
    wanted = set(CHAT_EVENTS + ROOM_EVENTS)
    deadline = time.monotonic() + 15
    while {r.event for r in receiver.deliveries()} < wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    got = receiver.deliveries()
    assert {r.event for r in got} == wanted  # some triggers first make what they change (created events)
    assert all(verify(receiver.secret, r) for r in got)


def test_api_changes_reach_the_receiver(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=["chat_message.sent", "zoomroom.created"])
    general = next(
        c
        for c in zemu.api.get("/chat/users/me/channels", params={"page_size": 50}).json()["channels"]
        if c["name"] == "general"
    )
    sent = zemu.api.post("/chat/users/me/messages", json={"to_channel": general["id"], "message": "hello hooks"})
    room = zemu.api.post("/rooms", json={"name": "Hook Room", "type": "ZoomRoom"})
    assert sent.status_code == 201 and room.status_code == 201
    got = {r.event: r.json["payload"] for r in receiver.wait_for(2)}
    assert got["chat_message.sent"]["object"]["message"] == "hello hooks"
    assert got["chat_message.sent"]["object"]["channel_id"] == general["id"]
    assert got["zoomroom.created"]["object"] == {"id": room.json()["id"], "room_name": "Hook Room"}


def test_removing_a_member_tells_the_receiver_who_left(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=["chat_channel.member_removed"])
    made = zemu.api.post("/chat/users/me/channels", json={"name": "removals", "type": 1}).json()
    people = zemu.api.get("/users", params={"page_size": 5}).json()["users"]
    me = zemu.api.get("/users/me").json()
    other = next(u for u in people if u["id"] != me["id"])
    invited = zemu.api.post(f"/chat/channels/{made['id']}/members", json={"members": [{"email": other["email"]}]})
    assert invited.status_code == 201, invited.text
    removed = zemu.api.delete(f"/chat/channels/{made['id']}/members/{other['id']}")
    assert removed.status_code == 204, removed.text
    (got,) = receiver.wait_for(1)
    assert got.event == "chat_channel.member_removed"
    assert got.json["payload"]["object"]["id"] == made["id"]
    assert [m["id"] for m in got.json["payload"]["object"]["members"]] == [other["id"]]


def test_a_room_alert_and_sensor_reading_from_the_control_plane(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=["zoomroom.alert", "zoomroom.sensor_data"])
    room = next(r for r in zemu.api.get("/rooms").json()["rooms"] if r["name"] == "Redwood")
    alert = zemu.control.post(
        f"/zemu/rooms/{room['id']}/alerts", json={"issue": "Mic is not connected", "component": "microphone"}
    )
    assert alert.status_code == 201, alert.text
    reading = zemu.control.post(
        f"/zemu/rooms/{room['id']}/sensor_data",
        json={
            "readings": [
                {"sensor_type": "CO2", "sensor_value": "612"},
                {"sensor_type": "TEMPERATURE", "sensor_value": "21.5"},
            ]
        },
    )
    assert reading.status_code == 201, reading.text
    assert (
        zemu.control.post(
            f"/zemu/rooms/{room['id']}/sensor_data", json={"sensor_type": "SMELL", "sensor_value": "1"}
        ).status_code
        == 400
    )
    assert zemu.control.post("/zemu/rooms/nope/alerts", json={"issue": "x"}).status_code == 404
    got = {r.event: r.json["payload"]["object"] for r in receiver.wait_for(2)}
    assert got["zoomroom.alert"]["issue"] == "Mic is not connected" and got["zoomroom.alert"]["component"] == 2
    assert [s["sensor_type"] for s in got["zoomroom.sensor_data"]["sensor_data"]] == ["CO2", "TEMPERATURE"]

    board = zemu.api.get("/metrics/zoomrooms").json()["zoom_rooms"]
    assert next(r for r in board if r["id"] == room["id"])["issues"] == ["Mic is not connected"]
    now = zemu.now()
    data = zemu.api.get(
        f"/rooms/{room['id']}/sensor_data", params={"from": now[:10] + "T00:00:00Z", "to": now, "sensor_type": "CO2"}
    ).json()
    assert [(d["sensor_type"], d["sensor_value"]) for d in data["sensor_data"]] == [("CO2", "612")]
    resolved = zemu.control.post(
        f"/zemu/rooms/{room['id']}/alerts",
        json={"issue": "Mic is not connected", "component": "microphone", "alert_kind": 4},
    )
    assert resolved.status_code == 201
    board = zemu.api.get("/metrics/zoomrooms").json()["zoom_rooms"]
    assert next(r for r in board if r["id"] == room["id"])["issues"] == []


def test_a_check_in_and_out_from_the_control_plane_changes_the_room(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=["zoomroom.checked_in", "zoomroom.checked_out"])
    room = next(r for r in zemu.api.get("/rooms").json()["rooms"] if r["name"] == "Thames")
    answer = zemu.control.post(f"/zemu/rooms/{room['id']}/check_in", json={"event_id": "evt-1"})
    assert answer.status_code == 200 and answer.json()["status"] == "InMeeting"
    assert [r["id"] for r in zemu.api.get("/rooms", params={"status": "InMeeting"}).json()["rooms"]] == [room["id"]]
    assert zemu.control.post(f"/zemu/rooms/{room['id']}/check_out").json()["status"] == "Available"
    # deliveries run concurrently, so they may arrive in either order: the event times tell
    got = sorted(receiver.wait_for(2), key=lambda r: (r.json["event_ts"], r.event != "zoomroom.checked_in"))
    assert [r.event for r in got] == ["zoomroom.checked_in", "zoomroom.checked_out"]
    assert got[0].json["payload"]["object"]["event_id"] == "evt-1"
