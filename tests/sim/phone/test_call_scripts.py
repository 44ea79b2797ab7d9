"""Scripted calls: each step causes its events at its own time (phone-events.md §7.9–7.16), and
the records count what the script did (held time, recorded time, transfers, park, voicemail)."""

from __future__ import annotations

from typing import Any

from call_helpers import call_events, decoded, names, place, seconds, step

RECORDS = [
    "caller_call_log_completed",
    "callee_call_log_completed",
    "caller_call_history_completed",
    "callee_call_history_completed",
    "caller_call_element_completed",
    "callee_call_element_completed",
]
WITH_RECIPIENT = [
    "caller_call_log_completed",
    "callee_call_log_completed",
    "callee_call_log_completed",
    "caller_call_history_completed",
    "callee_call_history_completed",
    "callee_call_history_completed",
    "caller_call_element_completed",
    "callee_call_element_completed",
    "callee_call_element_completed",
]
ANSWERED = ["caller_ringing", "callee_ringing", "callee_answered", "caller_connected"]


def objects(events: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [e["payload"]["object"] for e in events if e["event"] == f"phone.{name}"]


def test_hold_mute_and_a_paused_recording_are_played_and_counted(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[
            step(4, "answer"),
            step(10, "record", by="caller"),
            step(20, "hold", by="callee"),
            step(30, "unhold", by="callee"),
            step(35, "mute", by="caller"),
            step(36, "unmute", by="caller"),
            step(40, "pause"),
            step(50, "resume"),
            step(60, "hang_up", by="callee"),
        ],
    )
    assert placed["recording_id"]
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "recording_started",
        "callee_hold",
        "callee_unhold",
        "caller_mute",
        "caller_unmute",
        "recording_paused",
        "recording_resumed",
        "recording_stopped",
        "callee_ended",
        "caller_ended",
        *RECORDS,
        "recording_completed",
    ]
    start = events[0]["event_ts"]
    assert [(e["event_ts"] - start) // 1000 for e in events[4:8]] == [10, 20, 30, 35]
    [history] = objects(events, "caller_call_history_completed")[0]["call_logs"]
    assert history["hold_time"] == 10 and history["talk_time"] == 56
    [recording] = objects(events, "recording_completed")[0]["recordings"]
    assert recording["duration"] == 40  # 10 s to 40 s, then 50 s to 60 s
    audio = server.api.get(recording["download_url"].removeprefix(server.base_url))
    assert abs(seconds(decoded(audio.content)) - 40) <= 0.5


def test_a_warm_transfer_completes_on_a_consult_call_and_the_recipient_keeps_its_id(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[
            step(3, "answer"),
            step(20, "warm_transfer", to="1003"),
            step(40, "complete_transfer"),
            step(90, "hang_up", by="callee"),
        ],
    )
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "callee_hold",
        "warm_transfer_initiated",
        "transfer_recipient_updated",
        "warm_transfer_completed",
        "callee_ended",
        "caller_ended",
        *WITH_RECIPIENT,
    ]
    [initiated] = objects(events, "warm_transfer_initiated")
    consult = call_events(server, initiated["transfer_call_id"])
    assert names(consult) == ["warm_transfer_initiated", *ANSWERED, "caller_ended", "callee_ended"]
    assert consult[4]["payload"]["object"]["caller"]["extension_number"] == 1002
    assert consult[-1]["payload"]["object"]["callee"]["extension_number"] == 1003  # C hangs up at 90 s
    assert objects(events, "transfer_recipient_updated")[0]["recipient"]["extension_number"] == 1003
    path = server.api.get(f"/phone/call_history/{placed['call_history_id']}").json()
    legs = {leg["event"]: leg for leg in path["call_path"]}
    assert legs["warm_transfer"]["result"] == "succeeded"
    assert legs["incoming"]["operator_ext_number"] == "1002" and legs["incoming"]["callee_ext_number"] == "1003"


def test_a_cancelled_warm_transfer_resumes_the_original_call(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[
            step(3, "answer"),
            step(20, "warm_transfer", to="1003"),
            step(40, "cancel_transfer"),
            step(90, "hang_up"),
        ],
    )
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "callee_hold",
        "warm_transfer_initiated",
        "warm_transfer_cancelled",
        "callee_unhold",
        "caller_ended",
        "callee_ended",
        *RECORDS,
    ]
    [history] = objects(events, "callee_call_history_completed")[0]["call_logs"]
    assert history["hold_time"] == 20


def test_a_blind_transfer_rings_the_recipient_on_the_same_call(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[step(3, "answer"), step(20, "blind_transfer", to="1003"), step(26, "answer"), step(80, "hang_up")],
    )
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "blind_transfer_initiated",
        "transfer_recipient_updated",
        "callee_ended",
        "callee_ringing",
        "callee_answered",
        "caller_ended",
        "callee_ended",
        *WITH_RECIPIENT,
    ]
    assert objects(events, "callee_ringing")[1]["callee"]["extension_number"] == 1003
    assert objects(events, "blind_transfer_initiated")[0]["owner"]["extension_number"] == 1002


def test_park_transfer_to_voicemail_conference_and_meeting(phone):
    server, _ = phone
    parked = place(server, "1001", "1002", steps=[step(3, "answer"), step(20, "park"), step(60, "hang_up")])
    to_mailbox = place(
        server, "1001", "1002", steps=[step(3, "answer"), step(10, "transfer_to_voicemail", to="1004", seconds=9)]
    )
    merged = place(
        server,
        "1001",
        "1002",
        steps=[
            step(3, "answer"),
            step(10, "conference", to="+14155550199"),
            step(15, "elevate", by="callee"),
            step(30, "hang_up"),
        ],
    )
    server.advance(200)
    park_events = call_events(server, parked["call_id"])
    assert names(park_events) == [*ANSWERED, "callee_parked", "callee_ended", "caller_ended", *RECORDS]
    assert objects(park_events, "callee_parked")[0]["park_code"].startswith("*8")
    assert objects(park_events, "callee_call_log_completed")[0]["call_logs"][0]["result"] == "Park"
    mailbox_events = call_events(server, to_mailbox["call_id"])
    assert names(mailbox_events) == [
        *ANSWERED,
        "transfer_call_to_voicemail_initiated",
        "callee_ended",
        "caller_ended",
        *WITH_RECIPIENT,
        "voicemail_received",
    ]
    assert objects(mailbox_events, "caller_ended")[0]["handup_result"] == "Voicemail"
    [voicemail] = objects(mailbox_events, "voicemail_received")
    assert voicemail["id"] == to_mailbox["voicemail_id"] and voicemail["duration"] == 9
    assert voicemail["callee_number"] == "1004"
    merge_events = call_events(server, merged["call_id"])
    assert names(merge_events) == [
        *ANSWERED,
        "conference_started",
        "callee_meeting_inviting",
        "caller_ended",
        "callee_ended",
        *RECORDS,
    ]
    assert objects(merge_events, "callee_meeting_inviting")[0]["meeting_id"].isdigit()
    path = server.api.get(f"/phone/call_history/{merged['call_history_id']}").json()["call_path"]
    assert [(leg["event"], leg["result"]) for leg in path] == [("outgoing", "answered"), ("merge", "succeeded")]


def test_a_failed_recording_keeps_what_was_recorded(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[step(2, "answer"), step(5, "record"), step(17, "fail_recording"), step(30, "hang_up")],
    )
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "recording_started",
        "recording_failed",
        "caller_ended",
        "callee_ended",
        *RECORDS,
        "recording_completed",
    ]
    assert objects(events, "recording_completed")[0]["recordings"][0]["duration"] == 12


def test_a_caller_who_gives_up_and_a_script_that_makes_no_sense(phone):
    server, _ = phone
    gave_up = place(server, "1001", "1002", steps=[step(12, "hang_up")])
    server.advance(100)
    events = call_events(server, gave_up["call_id"])
    assert names(events)[:4] == ["caller_ringing", "callee_ringing", "callee_missed", "caller_ended"]
    assert objects(events, "callee_missed")[0]["handup_result"] == "Call Cancel"
    before = len(server.outbox())
    for steps in (
        [step(1, "hold")],
        [step(3, "answer"), step(1, "hang_up")],
        [step(1, "dance")],
        [],
        [step(1, "answer"), step(2, "resume")],
        [step(1, "answer"), step(2, "blind_transfer")],
        [step(1, "answer"), step(2, "hang_up"), step(3, "hold")],
        [step(1, "complete_transfer")],
        "answer",
        [step(1, "answer", by="someone@nowhere.example")],
    ):
        answer = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "1002", "steps": steps})
        assert answer.status_code == 400 and answer.json()["code"] == 300, steps
    answer = server.control.post(
        "/zemu/phone/calls", json={"from": "1001", "to": "1002", "outcome": "missed", "steps": [step(1, "answer")]}
    )
    assert answer.status_code == 400
    server.advance(100)
    assert len(server.outbox()) == before


def test_a_parked_call_retrieved_by_another_user_shows_the_pick_up_in_the_records(phone):
    server, _ = phone
    placed = place(
        server,
        "1001",
        "1002",
        steps=[step(3, "answer"), step(20, "park"), step(40, "retrieve", by="1003"), step(70, "hang_up", by="callee")],
    )
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        *ANSWERED,
        "callee_parked",
        "callee_ended",
        "callee_ended",
        "caller_ended",
        *WITH_RECIPIENT,
    ]
    assert objects(events, "callee_ended")[1]["callee"]["extension_number"] == 1003
    path = server.api.get(f"/phone/call_history/{placed['call_history_id']}").json()["call_path"]
    assert [(leg["event"], leg["result"]) for leg in path] == [
        ("outgoing", "answered"),
        ("park", "succeeded"),
        ("park_pick_up", "picked_up"),
    ]
