"""Simulated calls: each outcome's events arrive in phone-events.md's order, signed and
schema-valid (strict mode), to the perspective's account, and the REST reads answer the same ids."""

from __future__ import annotations

import json

import httpx
from call_helpers import call_events, decoded, delivered, names, place, seconds
from click.testing import CliRunner

from zemu.cli_calls import call
from zemu.sim.clock import parse_zulu, zulu

RECORDS = [
    "caller_call_log_completed",
    "callee_call_log_completed",
    "caller_call_history_completed",
    "callee_call_history_completed",
    "caller_call_element_completed",
    "callee_call_element_completed",
]


def test_an_answered_recorded_internal_call_plays_its_events_in_order_and_leaves_the_same_ids(phone):
    server, receiver = phone
    placed = place(
        server,
        "1001",
        "casey.nguyen@zemu-demo.example",
        ring_seconds=5,
        talk_seconds=42,
        record=True,
        transcribe=True,
        ai_summary=True,
    )
    call_id = placed["call_id"]
    assert names(call_events(server, call_id)) == ["caller_ringing", "callee_ringing"]
    server.advance(300)
    events = call_events(server, call_id)
    assert names(events) == [
        "caller_ringing",
        "callee_ringing",
        "callee_answered",
        "caller_connected",
        "recording_started",
        "recording_stopped",
        "caller_ended",
        "callee_ended",
        *RECORDS,
        "recording_completed",
        "recording_transcript_completed",
        "ai_call_summary_changed",
    ]
    assert len({e["payload"]["account_id"] for e in events}) == 1
    by_name = {e["event"].removeprefix("phone."): e for e in events}
    ringing, answered = by_name["caller_ringing"], by_name["callee_answered"]
    assert ringing["payload"]["object"]["caller"]["extension_number"] == 1001
    assert answered["event_ts"] - ringing["event_ts"] == 5000
    assert by_name["caller_ended"]["payload"]["object"]["handup_result"] == "Call connected"
    assert by_name["caller_ended"]["event_ts"] - answered["event_ts"] == 42000
    for e in (by_name["recording_started"], by_name["recording_stopped"]):
        assert e["payload"]["object"]["id"] == placed["recording_id"]
    elements = {
        e["payload"]["object"]["call_elements"][0]["call_element_id"]
        for e in events
        if e["event"].endswith("call_element_completed")
    }
    assert elements == set(placed["call_element_ids"].values())
    for e in events:
        if e["event"].endswith("call_history_completed"):
            assert e["payload"]["object"]["call_logs"][0]["call_path_id"] == placed["call_history_id"]
    logs = {e["payload"]["object"]["call_logs"][0]["id"] for e in events if e["event"].endswith("call_log_completed")}
    assert logs == set(placed["call_log_ids"].values())
    [recording] = by_name["recording_completed"]["payload"]["object"]["recordings"]
    assert recording["call_id"] == call_id and recording["call_history_id"] == placed["call_history_id"]

    received = delivered(server, receiver, call_id, len(events))
    assert sorted(r.event for r in received) == sorted(e["event"] for e in events)

    history = server.api.get("/phone/call_history").json()["call_logs"]
    [item] = [h for h in history if h["call_id"] == call_id]
    assert item["id"] == placed["call_history_id"] and item["recording_status"] == "recorded"
    path = server.api.get(f"/phone/call_history/{placed['call_history_id']}").json()
    assert {e["call_element_id"] for e in path["call_elements"]} == elements
    caller_id = ringing["payload"]["object"]["caller"]["user_id"]
    user_logs = server.api.get(f"/phone/users/{caller_id}/call_logs").json()["call_logs"]
    assert placed["call_log_ids"]["caller"] in {log["id"] for log in user_logs}
    user_history = server.api.get(f"/phone/users/{caller_id}/call_history").json()["call_logs"]
    assert placed["call_element_ids"]["caller"] in {h["id"] for h in user_history}
    by_call = server.api.get(f"/phone/call_logs/{call_id}/recordings").json()
    assert by_call["id"] == placed["recording_id"] and by_call["duration"] == 42
    assert server.api.get(f"/phone/metrics/call_logs/{call_id}").json()["call_id"] == call_id
    assert server.api.get(f"/phone/metrics/call_logs/{call_id}/qos").json()["call_id"] == call_id
    summary = server.api.get(f"/phone/user/{caller_id}/ai_call_summary/{placed['ai_call_summary_id']}").json()
    assert summary["call_id"] == call_id

    audio = server.api.get(recording["download_url"].removeprefix(server.base_url))
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    sound = decoded(audio.content)
    assert abs(seconds(sound) - 42) <= 0.5 and max(abs(s) for s in sound.samples) > 1000
    assert httpx.get(recording["download_url"]).status_code == 401  # the access token is needed, as on Zoom
    [transcribed] = by_name["recording_transcript_completed"]["payload"]["object"]["recordings"]
    transcript = server.api.get(transcribed["transcript_download_url"].removeprefix(server.base_url))
    assert transcript.status_code == 200 and json.loads(transcript.content)["recording_id"] == placed["recording_id"]


def test_an_outside_caller_leaves_a_voicemail_with_only_the_callee_side_events(phone):
    server, receiver = phone
    placed = place(
        server, "+14155550123", "1003", outcome="voicemail", ring_seconds=20, talk_seconds=12, transcribe=True
    )
    server.advance(120)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        "callee_ringing",
        "callee_missed",
        "callee_call_log_completed",
        "callee_call_history_completed",
        "callee_call_element_completed",
        "voicemail_received",
        "voicemail_transcript_completed",
    ]
    assert events[0]["payload"]["object"]["caller"] == {
        "phone_number": "+14155550123",
        "extension_type": "pstn",
        "name": "+14155550123",
        "connection_type": "pstn_off_net",
    }
    received = events[-2]["payload"]["object"]
    assert received["id"] == placed["voicemail_id"] and received["call_id"] == placed["call_id"]
    assert events[-1]["payload"]["object"]["transcription"]["status"] == 2
    detail = server.api.get(f"/phone/voice_mails/{placed['voicemail_id']}").json()
    assert detail["call_history_id"] == placed["call_history_id"] and detail["duration"] == 12
    audio = server.api.get(received["download_url"].removeprefix(server.base_url))
    assert audio.headers["content-type"] == "audio/mpeg" and abs(seconds(decoded(audio.content)) - 12) <= 0.5
    history = server.api.get("/phone/call_history").json()["call_logs"]
    assert [h["call_result"] for h in history if h["call_id"] == placed["call_id"]] == ["voicemail"]
    delivered(server, receiver, placed["call_id"], len(events))


def test_missed_rejected_and_busy_calls_end_as_phone_events_says(phone):
    server, _ = phone
    expected = {
        "missed": (["caller_ringing", "callee_ringing", "callee_missed", "caller_ended"], "No Answer"),
        "rejected": (["caller_ringing", "callee_ringing", "callee_rejected", "caller_ended"], "Rejected"),
        "busy": (["caller_ringing", "callee_missed", "caller_ended"], "Busy"),
    }
    placed = {outcome: place(server, "1004", "1005", outcome=outcome) for outcome in expected}
    server.advance(200)
    for outcome, (live, handup) in expected.items():
        events = call_events(server, placed[outcome]["call_id"])
        assert names(events) == [*live, *RECORDS]
        objects = {e["event"].removeprefix("phone."): e["payload"]["object"] for e in events}
        assert objects[live[-2]]["handup_result"] == handup
        assert objects["caller_ended"]["handup_result"] == "Call Cancel"
        assert "answer_start_time" not in objects["caller_ended"]
        [log] = objects["callee_call_log_completed"]["call_logs"]
        assert log["result"] == {"missed": "No Answer", "rejected": "Rejected", "busy": "Busy"}[outcome]


def test_an_answered_call_to_the_outside_has_caller_events_and_a_charge(phone):
    server, _ = phone
    placed = place(server, "1006", "+442071838750", talk_seconds=125)
    server.advance(200)
    events = call_events(server, placed["call_id"])
    assert names(events) == [
        "caller_ringing",
        "caller_connected",
        "caller_ended",
        "caller_call_log_completed",
        "caller_call_history_completed",
        "caller_call_element_completed",
    ]
    charges = server.api.get("/phone/reports/call_charges").json()["call_charges"]
    [charge] = [c for c in charges if c["call_id"] == placed["call_id"]]
    assert charge["total_charge"] == "$0.06" and charge["duration"] == 125


def test_refused_calls_answer_a_zoom_400_and_change_nothing(phone):
    server, _ = phone
    before = len(server.outbox())
    bad = [
        {"from": "1001"},
        {"from": "1001", "to": "9999"},
        {"from": "nobody@example.com", "to": "1001"},
        {"from": "+14155550123", "to": "+14155550124"},
        {"from": "1001", "to": "1001"},
        {"from": "1001", "to": "1002", "outcome": "lost"},
        {"from": "1001", "to": "1002", "ring_seconds": -1},
        {"from": "1001", "to": "1002", "talk_seconds": "long"},
        {"from": "1001", "to": "1002", "at": "tomorrow"},
        {"from": "1001", "to": "1002", "at": "2001-01-01T00:00:00Z"},
        {"from": "1001", "to": "1002", "x": 1},
        {"from": "1001", "to": "+14155550123", "outcome": "voicemail"},
        {"from": "1001", "to": "1002", "outcome": "missed", "record": True},
        ["not", "an", "object"],
    ]
    for body in bad:
        answer = server.control.post("/zemu/phone/calls", json=body)
        assert answer.status_code == 400, body
        assert answer.json()["code"] == 300 and answer.json()["message"]
    garbled = server.control.post(
        "/zemu/phone/calls", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert garbled.status_code == 400
    untyped = server.control.post("/zemu/phone/calls", content=b'{"from": "1001", "to": "1002"}')
    assert untyped.status_code == 415  # the guard: a JSON body must say it is JSON
    server.advance(300)
    assert len(server.outbox()) == before


def test_a_call_placed_later_happens_at_its_time(phone):
    server, _ = phone
    later = zulu(parse_zulu(server.now()) + 600)
    placed = place(server, "1001", "1002", at=later, ring_seconds=3, talk_seconds=10)
    assert placed["starts_at"] == later and placed["ends_at"] == zulu(parse_zulu(later) + 13)
    server.advance(300)
    assert call_events(server, placed["call_id"]) == []
    server.advance(400)
    events = call_events(server, placed["call_id"])
    assert names(events)[:2] == ["caller_ringing", "callee_ringing"]
    assert events[0]["event_ts"] == parse_zulu(later) * 1000


def test_zemu_call_places_a_call_on_the_running_server(phone):
    server, _ = phone
    result = CliRunner().invoke(call, ["1001", "1002", "--talk", "30", "--record", "--json", "--url", server.url])
    assert result.exit_code == 0, result.output
    placed = json.loads(result.output)
    assert placed["recording_id"] and placed["call_id"]
    assert names(call_events(server, placed["call_id"])) == ["caller_ringing", "callee_ringing"]
    script = '[{"at_seconds": 3, "do": "answer"}, {"at_seconds": 9, "do": "hold", "by": "caller"}]'
    scripted = CliRunner().invoke(call, ["1001", "1002", "--steps", script, "--url", server.url])
    assert scripted.exit_code == 0 and scripted.output.startswith("call ")
    server.advance(30)
    scripted_id = scripted.output.split()[1]
    assert "caller_hold" in names(call_events(server, scripted_id))
    refused = CliRunner().invoke(call, ["1001", "nobody", "--url", server.url])
    assert refused.exit_code != 0 and "400" in refused.output


def test_access_members_of_the_owner_get_their_own_recording_and_voicemail_events(phone):
    server, _ = phone
    users = server.api.get("/phone/users").json()["users"]
    owner, member = users[7], users[8]
    shared = [{"access_user_id": member["id"], "allow_download": True}]
    answer = server.api.patch(
        f"/phone/users/{owner['id']}",
        json={"policy": {"voicemail_access_members": shared, "ad_hoc_call_recording_access_members": shared}},
    )
    assert answer.status_code == 204, answer.text
    recorded = place(server, str(owner["extension_number"]), "802", record=True, talk_seconds=20)
    left = place(server, "802", owner["email"], outcome="voicemail", talk_seconds=8)
    server.advance(200)
    recording_events = call_events(server, recorded["call_id"])
    assert names(recording_events)[-2:] == ["recording_completed", "recording_completed_for_access_member"]
    assert "callee_call_log_completed" not in names(recording_events)  # a common area keeps no user records
    voicemail_events = call_events(server, left["call_id"])
    assert names(voicemail_events)[-2:] == ["voicemail_received", "voicemail_received_for_access_member"]
    for_member = voicemail_events[-1]["payload"]["object"]
    assert for_member["access_member_id"] == member["id"] and for_member["id"] == left["voicemail_id"]
