"""Routing: emergency numbers raise an alert, the blocked list refuses calls, call queues ring
their members by their distribution and overflow as their policy says."""

from __future__ import annotations

from call_helpers import billing_queue, call_events, names, place


def history_of(server, call_id):
    return [h for h in server.api.get("/phone/call_history").json()["call_logs"] if h["call_id"] == call_id]


def test_an_emergency_call_raises_the_alert_as_it_rings(phone):
    server, _ = phone
    placed = place(server, "1001", "911", talk_seconds=30)
    server.advance(100)
    events = call_events(server, placed["call_id"])
    assert names(events)[:4] == ["caller_ringing", "emergency_alert", "caller_connected", "caller_ended"]
    alert = events[1]["payload"]["object"]
    assert alert["callee"] == {"phone_number": "911"} and alert["caller"]["extension_number"] == "1001"
    assert alert["emergency_address"]["city"] and events[1]["event_ts"] == events[0]["event_ts"]
    [history] = history_of(server, placed["call_id"])
    assert history["call_type"] == "emergency"


def test_the_blocked_list_refuses_inbound_calls_from_a_blocked_number(phone):
    server, _ = phone
    added = server.api.post(
        "/phone/blocked_list",
        json={"block_type": "inbound", "match_type": "phoneNumber", "phone_number": "+14155550666", "status": "active"},
    )
    assert added.status_code == 201, added.text
    refused = place(server, "+14155550666", "1002")
    passed = place(server, "+14155550667", "1002", outcome="missed")
    assert refused["outcome"] == "blocked"
    server.advance(100)
    assert "callee_ringing" not in names(call_events(server, refused["call_id"]))
    assert [h["call_result"] for h in history_of(server, refused["call_id"])] == ["system_blocked"]
    assert names(call_events(server, passed["call_id"]))[0] == "callee_ringing"


def queue_calls(server, mode, **body):
    queue = billing_queue(server, mode)
    return queue, place(server, "+14155550123", str(queue["extension_number"]), **body)


def rings(events):
    return [
        (e["event"].removeprefix("phone."), e["payload"]["object"]["callee"]["extension_number"])
        for e in events
        if "callee" in e["payload"]["object"]
    ]


def test_a_simultaneous_queue_rings_every_member_and_the_others_stop_when_one_answers(phone):
    server, _ = phone
    queue, placed = queue_calls(server, "simultaneous", ring_seconds=8, talk_seconds=30)
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert rings(events) == [
        ("callee_ringing", 1007),
        ("callee_ringing", 1008),
        ("callee_ringing", 1009),
        ("callee_answered", 1007),
        ("callee_missed", 1008),
        ("callee_missed", 1009),
        ("callee_ended", 1007),
    ]
    ringing = events[0]["payload"]["object"]
    assert ringing["forwarded_by"] == {
        "name": "Billing",
        "extension_number": str(queue["extension_number"]),
        "extension_type": "callQueue",
    }
    assert [e["payload"]["object"]["handup_result"] for e in events if e["event"] == "phone.callee_missed"] == [
        "Call Cancel",
        "Call Cancel",
    ]
    [history] = history_of(server, placed["call_id"])
    assert history["callee_ext_number"] == "1007" and history["call_result"] == "answered"
    logs = [e["payload"]["object"]["call_logs"][0] for e in events if e["event"] == "phone.callee_call_log_completed"]
    assert [(log["callee_number"], log["result"]) for log in logs] == [
        ("1007", "Call connected"),
        ("1008", "Answered by another Member"),
        ("1009", "Answered by another Member"),
    ]
    elements = [
        e["payload"]["object"]["call_elements"][0]
        for e in events
        if e["event"] == "phone.callee_call_element_completed"
    ]
    assert [(x["event"], x["result"], x.get("result_reason")) for x in elements] == [
        ("incoming", "answered", None),
        ("ring_to_member", "canceled", "answered_by_other"),
        ("ring_to_member", "canceled", "answered_by_other"),
    ]


def test_a_sequential_queue_rings_one_member_at_a_time_and_overflows_to_its_mailbox(phone):
    server, _ = phone
    _, answered = queue_calls(server, "sequential", ring_seconds=25)
    _, missed = queue_calls(server, "sequential", outcome="missed", talk_seconds=10)
    server.advance(300)
    assert rings(call_events(server, answered["call_id"])) == [
        ("callee_ringing", 1007),
        ("callee_missed", 1007),
        ("callee_ringing", 1008),
        ("callee_missed", 1008),
        ("callee_ringing", 1009),
        ("callee_answered", 1009),
        ("callee_ended", 1009),
    ]
    events = call_events(server, missed["call_id"])
    assert len([e for e in events if e["event"] == "phone.callee_ringing"]) == 6  # 60 s in 10 s turns
    [voicemail] = [e["payload"]["object"] for e in events if e["event"] == "phone.voicemail_received"]
    assert voicemail["callee_extension_type"] == "callQueue" and voicemail["id"] == missed["voicemail_id"]


def test_rotating_and_longest_idle_queues_start_with_a_different_member(phone):
    server, _ = phone
    _, first = queue_calls(server, "rotating", ring_seconds=5)
    _, second = queue_calls(server, "rotating", ring_seconds=5)
    server.advance(300)
    starts = [rings(call_events(server, p["call_id"]))[0][1] for p in (first, second)]
    assert starts[0] != starts[1]
    _, idle = queue_calls(server, "longest_idle", ring_seconds=5)
    server.advance(300)
    answered_last = rings(call_events(server, second["call_id"]))[1][1]
    assert rings(call_events(server, idle["call_id"]))[0][1] != answered_last


def test_an_auto_receptionist_routes_by_the_key_pressed(phone):
    server, _ = phone
    to_user = place(server, "+14155550123", "200", keys="0", talk_seconds=20)
    nothing = place(server, "1004", "200")
    server.advance(200)
    events = call_events(server, to_user["call_id"])
    assert rings(events) == [("callee_ringing", 1001), ("callee_answered", 1001), ("callee_ended", 1001)]
    assert events[0]["payload"]["object"]["forwarded_by"]["extension_type"] == "autoReceptionist"
    assert events[0]["payload"]["object"]["redirect_forwarded_by"]["extension_number"] == "200"
    quiet = call_events(server, nothing["call_id"])
    assert names(quiet)[:2] == ["caller_ringing", "caller_ended"]
    assert quiet[1]["payload"]["object"]["handup_result"] == "Call Cancel"
    refused = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "200", "keys": "12a"})
    assert refused.status_code == 400


def test_a_closed_queue_rings_nobody_and_takes_the_call_to_its_mailbox(phone):
    server, _ = phone
    queue = next(q for q in server.api.get("/phone/call_queues").json()["call_queues"] if q["name"] == "Billing")
    path = f"/phone/call_queues/{queue['id']}/settings/business_hours"
    closed = [{"weekday": day, "type": 0} for day in range(1, 8)]
    answer = server.api.patch(
        path, json={"business_hours_settings": {"business_hour_type": 2, "business_hours": closed}}
    )
    assert answer.status_code == 204, answer.text
    try:
        placed = place(server, "+14155550123", str(queue["extension_number"]), talk_seconds=10)
        server.advance(200)
        events = call_events(server, placed["call_id"])
        assert names(events) == ["voicemail_received"]
        assert placed["outcome"] == "voicemail"  # the answer names what the route will do
        assert events[0]["payload"]["object"]["id"] == placed["voicemail_id"]
    finally:
        server.api.patch(path, json={"business_hours_settings": {"business_hour_type": 1}})


def test_a_user_whose_voicemail_is_on_takes_missed_and_rejected_calls_in_the_mailbox(phone):
    server, _ = phone
    user = server.api.get("/phone/users").json()["users"][10]
    answer = server.api.patch(f"/phone/users/{user['id']}", json={"policy": {"voicemail": {"enable": True}}})
    assert answer.status_code == 204, answer.text
    missed = place(server, "1001", str(user["extension_number"]), outcome="missed", ring_seconds=20)
    rejected = place(server, "1001", str(user["extension_number"]), outcome="rejected", talk_seconds=7)
    assert missed["outcome"] == rejected["outcome"] == "voicemail" and missed["voicemail_id"]
    server.advance(200)
    assert names(call_events(server, missed["call_id"]))[:4] == [
        "caller_ringing",
        "callee_ringing",
        "callee_missed",
        "caller_ended",
    ]
    declined = call_events(server, rejected["call_id"])
    assert names(declined)[2] == "callee_rejected" and declined[3]["payload"]["object"]["handup_result"] == "Voicemail"
    [voicemail] = [e["payload"]["object"] for e in declined if e["event"] == "phone.voicemail_received"]
    assert voicemail["id"] == rejected["voicemail_id"] and voicemail["duration"] == 7
