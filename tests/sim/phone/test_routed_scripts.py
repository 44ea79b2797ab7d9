"""Scripts on calls to a call queue or an auto receptionist: the keys the caller presses route the
call through the receptionist's menu, the member who answers is the one the queue's distribution
rings at that moment, and the rest of the script (hold, record, transfer, hang up) plays on the
answered call, with its records naming that member (phone-events.md §7.8–7.12)."""

from __future__ import annotations

from typing import Any

from call_helpers import billing_queue, call_events, names, step

Doc = dict[str, Any]
RECEPTIONIST = "200"  # the demo's main receptionist: 1 Sales, 2 Support, 3 Billing, 0 the operator


def call(server, caller: str, callee: str, steps: list[Doc]):
    return server.control.post("/zemu/phone/calls", json={"from": caller, "to": callee, "steps": steps})


def timeline(events: list[Doc]) -> list[tuple[str, Any, int]]:
    """(event, callee extension, seconds after the first event) for each live event."""
    start = events[0]["event_ts"]
    return [
        (
            e["event"].removeprefix("phone."),
            e["payload"]["object"].get("callee", {}).get("extension_number"),
            (e["event_ts"] - start) // 1000,
        )
        for e in events
        if "callee" in e["payload"]["object"]
    ]


def history_of(server, call_id: str) -> list[Doc]:
    return [h for h in server.api.get("/phone/call_history").json()["call_logs"] if h["call_id"] == call_id]


def test_keys_pressed_at_the_receptionist_reach_the_queue_and_the_member_ringing_then_answers(phone):
    server, _ = phone
    billing_queue(server, "sequential")
    placed = call(
        server,
        "1004",
        RECEPTIONIST,
        [
            step(4, "press", keys="3"),
            step(20, "answer"),
            step(30, "hold", by="callee"),
            step(40, "unhold", by="callee"),
            step(70, "hang_up", by="callee"),
        ],
    )
    assert placed.status_code == 201, placed.text
    made = placed.json()
    server.advance(300)
    events = call_events(server, made["call_id"])
    assert timeline(events) == [
        ("caller_ringing", 200, 0),
        ("callee_ringing", 1007, 4),
        ("callee_missed", 1007, 14),
        ("callee_ringing", 1008, 14),
        ("callee_answered", 1008, 20),
        ("caller_connected", 1008, 20),
        ("callee_hold", 1008, 30),
        ("callee_unhold", 1008, 40),
        ("callee_ended", 1008, 70),
        ("caller_ended", 1008, 70),
    ]
    answered = next(e["payload"]["object"] for e in events if e["event"] == "phone.callee_answered")
    assert answered["forwarded_by"]["extension_type"] == "callQueue"
    assert answered["redirect_forwarded_by"]["extension_number"] == RECEPTIONIST
    ended = next(e["payload"]["object"] for e in events if e["event"] == "phone.callee_ended")
    assert ended["forwarded_by"]["name"] == "Billing" and ended["answer_start_time"] == answered["answer_start_time"]
    [history] = history_of(server, made["call_id"])
    assert history["callee_ext_number"] == "1008" and history["call_result"] == "answered"
    assert history["duration"] == 50
    path = server.api.get(f"/phone/call_history/{history['id']}").json()
    assert path["call_path"][0]["hold_time"] == 10
    elements = {(x["callee_ext_number"], x["event"], x["result"]) for x in path["call_elements"]}
    assert ("1007", "ring_to_member", "ring_timeout") in elements
    logs = [e["payload"]["object"]["call_logs"][0] for e in events if e["event"] == "phone.callee_call_log_completed"]
    assert [(log["callee_number"], log["result"]) for log in logs] == [
        ("1008", "Call connected"),
        ("1007", "No Answer"),
    ]


def test_a_queue_member_answers_records_and_transfers_the_call_on(phone):
    server, _ = phone
    queue = billing_queue(server, "simultaneous")
    refused = call(server, "+14155550150", str(queue["extension_number"]), [step(5, "answer", by="1008")])
    assert refused.status_code == 400 and "1007" in refused.json()["message"]  # 1007 is the first to pick up
    placed = call(
        server,
        "+14155550150",
        str(queue["extension_number"]),
        [
            step(5, "answer", by="1007"),
            step(8, "record"),
            step(15, "blind_transfer", to="1002"),
            step(19, "answer"),
            step(40, "hang_up", by="caller"),
        ],
    )
    assert placed.status_code == 201, placed.text
    made = placed.json()
    assert made["recording_id"]
    server.advance(300)
    events = call_events(server, made["call_id"])
    live = [n for n in names(events) if not n.endswith("_completed") and "recording" not in n]
    assert live == [
        "callee_ringing",
        "callee_ringing",
        "callee_ringing",
        "callee_answered",
        "callee_missed",
        "callee_missed",
        "blind_transfer_initiated",
        "transfer_recipient_updated",
        "callee_ended",
        "callee_ringing",
        "callee_answered",
        "callee_ended",
    ]
    started = next(e["payload"]["object"] for e in events if e["event"] == "phone.recording_started")
    assert started["owner"]["extension_number"] == 1007
    [recording] = next(e for e in events if e["event"] == "phone.recording_completed")["payload"]["object"][
        "recordings"
    ]
    assert recording["id"] == made["recording_id"] and recording["duration"] == 7
    assert made["recording_id"] in [r["id"] for r in server.api.get("/phone/recordings").json()["recordings"]]
    [history] = history_of(server, made["call_id"])
    path = server.api.get(f"/phone/call_history/{history['id']}").json()
    assert ("1007", "direct_transfer", "succeeded") in {
        (x.get("callee_ext_number"), x["event"], x["result"]) for x in path["call_elements"]
    }


def test_a_caller_who_hangs_up_while_the_queue_rings_stops_every_ring(phone):
    server, _ = phone
    queue = billing_queue(server, "simultaneous")
    placed = call(server, "1004", str(queue["extension_number"]), [step(8, "hang_up")])
    assert placed.status_code == 201, placed.text
    made = placed.json()
    server.advance(300)
    events = call_events(server, made["call_id"])
    assert [(n, ext, t) for n, ext, t in timeline(events) if n != "callee_ringing"] == [
        ("caller_ringing", int(queue["extension_number"]), 0),
        ("callee_missed", 1007, 8),
        ("callee_missed", 1008, 8),
        ("callee_missed", 1009, 8),
        ("caller_ended", int(queue["extension_number"]), 8),
    ]
    missed = [e["payload"]["object"]["handup_result"] for e in events if e["event"] == "phone.callee_missed"]
    assert missed == ["Call Cancel"] * 3
    assert "voicemail_received" not in names(events)
    [history] = history_of(server, made["call_id"])
    assert history["call_result"] != "answered"


def test_scripts_that_cannot_happen_on_a_route_are_refused_and_change_nothing(phone):
    server, _ = phone
    queue = billing_queue(server, "simultaneous")
    before = len(server.outbox())
    at_queue = call(server, "1004", str(queue["extension_number"]), [step(2, "press", keys="1")])
    too_late = call(server, "1004", RECEPTIONIST, [step(60, "press", keys="3")])
    after_overflow = call(server, "1004", str(queue["extension_number"]), [step(90, "answer")])
    held_first = call(server, "1004", str(queue["extension_number"]), [step(3, "hold", by="callee")])
    keys_later = call(
        server, "1004", RECEPTIONIST, [step(1, "press", keys="0"), step(9, "answer"), step(12, "press", keys="1")]
    )
    for answer in (at_queue, too_late, after_overflow, held_first, keys_later):
        assert answer.status_code == 400, answer.text
        assert answer.json()["code"] == 300
    assert "keys" in at_queue.json()["message"] and "voicemail" in after_overflow.json()["message"]
    server.advance(60)
    assert len(server.outbox()) == before
