"""Routing: emergency numbers raise an alert, the blocked list refuses calls, call queues ring
their members by their distribution and overflow as their policy says."""

from __future__ import annotations

from call_helpers import call_events, names, place


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
    added = server.api.post("/phone/blocked_list", json={"block_type": "inbound", "match_type": "phoneNumber",
                                                         "phone_number": "+14155550666", "status": "active"})
    assert added.status_code == 201, added.text
    refused = place(server, "+14155550666", "1002")
    passed = place(server, "+14155550667", "1002", outcome="missed")
    assert refused["outcome"] == "blocked"
    server.advance(100)
    assert "callee_ringing" not in names(call_events(server, refused["call_id"]))
    assert [h["call_result"] for h in history_of(server, refused["call_id"])] == ["system_blocked"]
    assert names(call_events(server, passed["call_id"]))[0] == "callee_ringing"
