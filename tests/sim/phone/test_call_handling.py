"""A user's call handling (getUserCallHandlingSetting and its writes) decides what happens to a
call they do not take: their phones ring for the time it says, then the call goes to voicemail,
on to another extension or an outside number, or ends; closed hours (the user's business hours
on the emulated clock) and a busy line have their own handling (phone-events.md §7.4–7.7)."""

from __future__ import annotations

from typing import Any

from call_helpers import call_events, names, place

Doc = dict[str, Any]


def user_at(server, extension: int) -> Doc:
    users = server.api.get("/phone/users", params={"page_size": 100}).json()["users"]
    return next(u for u in users if u["extension_number"] == extension)


def handling_path(user: Doc, hour_type: str = "business_hours") -> str:
    return f"/phone/users/{user['id']}/call_handling/settings/{hour_type}"


def set_handling(server, user: Doc, body: Doc, hour_type: str = "business_hours") -> None:
    answer = server.api.patch(handling_path(user, hour_type), json=body)
    assert answer.status_code == 204, answer.text


def read_handling(server, user: Doc, hour_type: str = "business_hours") -> Doc:
    answer = server.api.get(f"/phone/users/{user['id']}/call_handling/settings", params={"hour_type": hour_type})
    assert answer.status_code == 200, answer.text
    return answer.json()


def timeline(events: list[Doc]) -> list[tuple[str, Any, int]]:
    start = events[0]["event_ts"]
    return [
        (
            e["event"].removeprefix("phone."),
            e["payload"]["object"]["callee"].get("extension_number")
            or e["payload"]["object"]["callee"]["phone_number"],
            (e["event_ts"] - start) // 1000,
        )
        for e in events
        if "callee" in e["payload"]["object"]
    ]


def history_of(server, call_id: str) -> Doc:
    [found] = [h for h in server.api.get("/phone/call_history").json()["call_logs"] if h["call_id"] == call_id]
    return found


def test_the_settings_read_back_as_written_and_bad_writes_change_nothing(phone):
    server, _ = phone
    user, target = user_at(server, 1011), user_at(server, 1003)
    default = read_handling(server, user)
    assert default["call_handling_setting"]["call_not_answer_action"] == "disconnect"
    assert default["call_handling_setting"]["busy_on_another_call_action"] == "play_busy_signal"
    turned_on = server.api.patch(f"/phone/users/{user['id']}", json={"policy": {"voicemail": {"enable": True}}})
    assert turned_on.status_code == 204
    assert read_handling(server, user)["call_handling_setting"]["call_not_answer_action"] == "forward_to_voicemail"
    set_handling(
        server,
        user,
        {
            "call_distribution_setting": {"ring_mode": "simultaneous", "simultaneous_ring_max_wait_time": 15},
            "call_handling_setting": {
                "call_not_answer_action": "forward_to_extension",
                "call_not_answer_action_setting": {"forward_to_extension": {"extension_id": target["extension_id"]}},
            },
        },
    )
    written = read_handling(server, user)
    assert written["call_distribution_setting"]["simultaneous_ring_max_wait_time"] == 15
    assert written["call_handling_setting"]["call_not_answer_action_setting"]["forward_to_extension"] == {
        "extension_id": target["extension_id"],
        "extension_number": 1003,
        "extension_name": target["name"],
        "extension_type": "user",
    }
    unknown = server.api.patch(
        handling_path(user),
        json={
            "call_handling_setting": {
                "call_not_answer_action": "forward_to_extension",
                "call_not_answer_action_setting": {"forward_to_extension": {"extension_id": "NoSuchExtension"}},
            }
        },
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == 13808
    assert read_handling(server, user) == written
    added = server.api.post(
        f"/phone/users/{user['id']}/call_forward_settings/business_hours",
        json={"call_forward_settings": [{"phone_number": "+14155550777", "enable": True}]},
    )
    assert added.status_code == 201, added.text
    [made] = added.json()["call_forward_settings"]
    assert [f["call_forward_id"] for f in read_handling(server, user)["call_forward_settings"]] == [
        made["call_forward_id"]
    ]
    gone = server.api.delete(
        f"/phone/users/{user['id']}/call_forward_settings/business_hours", params={"call_forward_id": "nope"}
    )
    assert gone.status_code == 400 and gone.json()["code"] == 15103
    closed = server.api.patch(handling_path(user, "closed_hours"), json={"call_distribution_setting": {}})
    assert closed.status_code == 400 and closed.json()["code"] == 15104  # the user's hours are 24/7
    holiday = server.api.get(f"/phone/users/{user['id']}/call_handling/settings", params={"hour_type": "holiday_hours"})
    assert holiday.status_code == 400 and holiday.json()["code"] == 15102
    removed = server.api.delete(
        f"/phone/users/{user['id']}/call_forward_settings/business_hours",
        params={"call_forward_id": made["call_forward_id"]},
    )
    assert removed.status_code == 204 and read_handling(server, user)["call_forward_settings"] == []


def test_an_unanswered_call_rings_for_the_users_time_then_goes_on_to_the_extension(phone):
    server, _ = phone
    user, target = user_at(server, 1012), user_at(server, 1003)
    set_handling(
        server,
        user,
        {
            "call_distribution_setting": {"ring_mode": "simultaneous", "simultaneous_ring_max_wait_time": 15},
            "call_handling_setting": {
                "call_not_answer_action": "forward_to_extension",
                "call_not_answer_action_setting": {"forward_to_extension": {"extension_id": target["extension_id"]}},
            },
        },
    )
    placed = place(server, "1001", "1012", outcome="missed", talk_seconds=40)
    server.advance(300)
    events = call_events(server, placed["call_id"])
    assert timeline(events)[:8] == [
        ("caller_ringing", 1012, 0),
        ("callee_ringing", 1012, 0),
        ("callee_missed", 1012, 15),
        ("callee_ringing", 1003, 15),
        ("callee_answered", 1003, 21),
        ("caller_connected", 1003, 21),
        ("caller_ended", 1003, 61),
        ("callee_ended", 1003, 61),
    ]
    forwarded = next(e for e in events if e["event"] == "phone.callee_ringing" and e is not events[1])
    assert forwarded["payload"]["object"]["forwarded_by"]["extension_number"] == "1012"
    history = history_of(server, placed["call_id"])
    assert history["callee_ext_number"] == "1003" and history["call_result"] == "answered"
    path = server.api.get(f"/phone/call_history/{history['id']}").json()
    assert ("1012", "forward", "succeeded") in {
        (x.get("callee_ext_number"), x["event"], x["result"]) for x in path["call_elements"]
    }
    logs = [e["payload"]["object"]["call_logs"][0] for e in events if e["event"] == "phone.callee_call_log_completed"]
    assert sorted((log["callee_number"], log["result"]) for log in logs) == [
        ("1003", "Call connected"),
        ("1012", "No Answer"),
    ]


def test_voicemail_after_the_users_ring_time_unless_the_caller_hangs_up_first(phone):
    server, _ = phone
    user = user_at(server, 1013)
    set_handling(
        server,
        user,
        {
            "call_distribution_setting": {"ring_mode": "simultaneous", "simultaneous_ring_max_wait_time": 20},
            "call_handling_setting": {"call_not_answer_action": "forward_to_voicemail"},
        },
    )
    left = place(server, "+14155550160", "1013", outcome="missed", talk_seconds=9)
    gave_up = place(server, "+14155550161", "1013", outcome="missed", ring_seconds=10)
    assert left["outcome"] == "voicemail" and left["voicemail_id"] and "voicemail_id" not in gave_up
    server.advance(300)
    events = call_events(server, left["call_id"])
    assert timeline(events)[:2] == [("callee_ringing", 1013, 0), ("callee_missed", 1013, 20)]
    assert names(events)[-1] == "voicemail_received"
    mailbox = server.api.get(f"/phone/users/{user['id']}/voice_mails").json()["voice_mails"]
    assert left["voicemail_id"] in [v["id"] for v in mailbox]
    quick = call_events(server, gave_up["call_id"])
    assert timeline(quick) == [("callee_ringing", 1013, 0), ("callee_missed", 1013, 10)]
    assert quick[1]["payload"]["object"]["handup_result"] == "Call Cancel"
    assert history_of(server, gave_up["call_id"])["call_result"] == "canceled"


def test_closed_hours_and_a_busy_line_follow_their_own_handling(phone):
    server, _ = phone
    user = user_at(server, 1014)
    closed_all_week = {"business_hour_type": 2, "business_hours": [{"weekday": d, "type": 0} for d in range(1, 8)]}
    answer = server.api.patch(f"/phone/users/{user['id']}/settings", json={"business_hours_settings": closed_all_week})
    assert answer.status_code == 204, answer.text
    set_handling(
        server,
        user,
        {
            "call_handling_setting": {
                "call_not_answer_action": "forward_to_external_number",
                "call_not_answer_action_setting": {"forward_phone_number": "+14155550999"},
                "busy_on_another_call_action": "forward_to_voicemail",
            }
        },
        hour_type="closed_hours",
    )
    set_handling(server, user, {"call_handling_setting": {"call_not_answer_action": "disconnect"}})
    away = place(server, "1002", "1014", outcome="missed", talk_seconds=25)
    busy = place(server, "1002", "1014", outcome="busy", talk_seconds=6)
    passed_on = place(server, "+14155550170", "1014", outcome="missed", talk_seconds=5)
    assert busy["outcome"] == "voicemail"
    server.advance(300)
    events = call_events(server, away["call_id"])
    assert timeline(events) == [
        ("caller_ringing", 1014, 0),
        ("callee_ringing", 1014, 0),
        ("callee_missed", 1014, 30),
        ("caller_connected", "+14155550999", 36),
        ("caller_ended", "+14155550999", 61),
    ]
    history = history_of(server, away["call_id"])
    assert history["callee_did_number"] == "+14155550999" and history["call_result"] == "answered"
    # from outside to outside: only the user's leg is told, and the user's history keeps the call
    outside = call_events(server, passed_on["call_id"])
    assert timeline(outside)[:2] == [("callee_ringing", 1014, 0), ("callee_missed", 1014, 30)]
    kept = server.api.get(f"/phone/users/{user['id']}/call_history").json()["call_logs"]
    assert passed_on["call_id"] in [h["call_id"] for h in kept]
    engaged = call_events(server, busy["call_id"])
    assert names(engaged)[:3] == ["caller_ringing", "callee_missed", "caller_ended"]
    assert engaged[1]["payload"]["object"]["handup_result"] == "Busy"
    assert engaged[2]["payload"]["object"]["handup_result"] == "Voicemail"
    assert "voicemail_received" in names(engaged)


def test_a_forwarded_outcome_outside_the_list_is_refused(phone):
    server, _ = phone
    answer = server.control.post(
        "/zemu/phone/calls", json={"from": "1001", "to": "1012", "outcome": "missed", "forwarded_outcome": "busy"}
    )
    assert answer.status_code == 400 and "forwarded_outcome" in answer.json()["message"]


def test_the_users_call_forwarding_rings_their_other_phones_along(phone):
    server, _ = phone
    user = user_at(server, 1015)
    other = next(
        u
        for u in server.api.get("/phone/users", params={"page_size": 100}).json()["users"]
        if u["phone_numbers"] and u["extension_number"] not in (1001, 1015)
    )
    number = other["phone_numbers"][0]["number"]
    added = server.api.post(
        f"/phone/users/{user['id']}/call_forward_settings/business_hours",
        json={"call_forward_settings": [{"phone_number": number}, {"phone_number": "+14155550888"}]},
    )
    assert added.status_code == 201, added.text
    answered = place(server, "1001", "1015", ring_seconds=7, talk_seconds=20)
    missed = place(server, "1001", "1015", outcome="missed")
    server.advance(300)
    events = call_events(server, answered["call_id"])
    assert timeline(events)[:6] == [
        ("caller_ringing", 1015, 0),
        ("callee_ringing", 1015, 0),
        ("callee_ringing", other["extension_number"], 0),
        ("callee_answered", 1015, 7),
        ("callee_missed", other["extension_number"], 7),
        ("caller_connected", 1015, 7),
    ]
    assert events[4]["payload"]["object"]["handup_result"] == "Call Cancel"
    assert history_of(server, answered["call_id"])["callee_ext_number"] == "1015"
    gone = call_events(server, missed["call_id"])
    # nobody answers: every phone stops when the user's ring time (30 s by default) ends
    assert timeline(gone)[:5] == [
        ("caller_ringing", 1015, 0),
        ("callee_ringing", 1015, 0),
        ("callee_ringing", other["extension_number"], 0),
        ("callee_missed", other["extension_number"], 30),
        ("callee_missed", 1015, 30),
    ]
    logs = [e["payload"]["object"]["call_logs"][0] for e in gone if e["event"] == "phone.callee_call_log_completed"]
    assert sorted(log["callee_number"] for log in logs) == sorted(["1015", str(other["extension_number"])])


def test_a_script_nobody_answers_in_time_meets_the_users_call_handling(phone):
    server, _ = phone
    user = user_at(server, 1016)
    set_handling(
        server,
        user,
        {
            "call_distribution_setting": {"ring_mode": "simultaneous", "simultaneous_ring_max_wait_time": 20},
            "call_handling_setting": {"call_not_answer_action": "forward_to_voicemail"},
        },
    )
    steps = [{"at_seconds": 45, "do": "hang_up", "by": "caller"}]
    placed = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "1016", "steps": steps})
    assert placed.status_code == 201, placed.text
    made = placed.json()
    assert made["voicemail_id"]
    late = server.control.post(
        "/zemu/phone/calls",
        json={"from": "1001", "to": "1016", "steps": [{"at_seconds": 25, "do": "answer"}]},
    )
    assert late.status_code == 400 and "voicemail" in late.json()["message"]
    server.advance(300)
    events = call_events(server, made["call_id"])
    assert timeline(events)[:4] == [
        ("caller_ringing", 1016, 0),
        ("callee_ringing", 1016, 0),
        ("callee_missed", 1016, 20),
        ("caller_ended", 1016, 45),
    ]
    assert events[3]["payload"]["object"]["handup_result"] == "Voicemail"
    [voicemail] = [e["payload"]["object"] for e in events if e["event"] == "phone.voicemail_received"]
    assert voicemail["id"] == made["voicemail_id"] and voicemail["duration"] == 25
    assert history_of(server, made["call_id"])["call_result"] == "voicemail"
    # a reject meets the same handling: the caller leaves a message (§7.5)
    steps = [{"at_seconds": 3, "do": "reject"}, {"at_seconds": 13, "do": "hang_up"}]
    rejected = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "1016", "steps": steps})
    assert rejected.status_code == 201, rejected.text
    assert rejected.json()["voicemail_id"]
    server.advance(300)
    turned = call_events(server, rejected.json()["call_id"])
    assert timeline(turned)[:4] == [
        ("caller_ringing", 1016, 0),
        ("callee_ringing", 1016, 0),
        ("callee_rejected", 1016, 3),
        ("caller_ended", 1016, 13),
    ]
    assert turned[3]["payload"]["object"]["handup_result"] == "Voicemail"


def forward_to(server, user: Doc, target: Doc, wait: int = 15) -> None:
    set_handling(
        server,
        user,
        {
            "call_distribution_setting": {"ring_mode": "simultaneous", "simultaneous_ring_max_wait_time": wait},
            "call_handling_setting": {
                "call_not_answer_action": "forward_to_extension",
                "call_not_answer_action_setting": {"forward_to_extension": {"extension_id": target["extension_id"]}},
            },
        },
    )


def script_call(server, caller: str, callee: str, steps: list[Doc]):
    return server.control.post("/zemu/phone/calls", json={"from": caller, "to": callee, "steps": steps})


def elements_of(server, call_id: str) -> set[tuple[Any, str, str]]:
    path = server.api.get(f"/phone/call_history/{history_of(server, call_id)['id']}").json()
    return {(x.get("callee_ext_number"), x["event"], x["result"]) for x in path["call_elements"]}


def test_a_script_nobody_answers_in_time_is_forwarded_as_an_outcome_call_is(phone):
    server, _ = phone
    user, target = user_at(server, 1017), user_at(server, 1003)
    forward_to(server, user, target)
    steps = [
        {"at_seconds": 24, "do": "answer"},
        {"at_seconds": 30, "do": "hold", "by": "callee"},
        {"at_seconds": 35, "do": "unhold", "by": "callee"},
        {"at_seconds": 50, "do": "hang_up", "by": "callee"},
    ]
    placed = script_call(server, "1001", "1017", steps)
    assert placed.status_code == 201, placed.text
    scripted = placed.json()
    outcome = place(server, "1001", "1017", outcome="missed", talk_seconds=26, forwarded_outcome="answered")
    server.advance(300)
    events = call_events(server, scripted["call_id"])
    assert timeline(events) == [
        ("caller_ringing", 1017, 0),
        ("callee_ringing", 1017, 0),
        ("callee_missed", 1017, 15),
        ("callee_ringing", 1003, 15),
        ("callee_answered", 1003, 24),
        ("caller_connected", 1003, 24),
        ("callee_hold", 1003, 30),
        ("callee_unhold", 1003, 35),
        ("callee_ended", 1003, 50),
        ("caller_ended", 1003, 50),
    ]
    assert events[2]["payload"]["object"]["handup_result"] == "No Answer"
    ringing = events[3]["payload"]["object"]
    assert ringing["forwarded_by"] == {"name": user["name"], "extension_number": "1017", "extension_type": "user"}
    ended = next(e for e in events if e["event"] == "phone.callee_ended")["payload"]["object"]
    assert ended["forwarded_by"]["extension_number"] == "1017"
    # the same records as the call with an outcome: the user's forward, the target's answered leg
    history = history_of(server, scripted["call_id"])
    assert history["callee_ext_number"] == "1003" and history["call_result"] == "answered"
    assert ("1017", "forward", "succeeded") in elements_of(server, scripted["call_id"])
    assert elements_of(server, scripted["call_id"]) == elements_of(server, outcome["call_id"])
    logs = [e["payload"]["object"]["call_logs"][0] for e in events if e["event"] == "phone.callee_call_log_completed"]
    assert sorted((log["callee_number"], log["result"]) for log in logs) == [
        ("1003", "Call connected"),
        ("1017", "No Answer"),
    ]
    path = server.api.get(f"/phone/call_history/{history['id']}").json()
    assert path["call_path"][0]["hold_time"] == 5


def test_a_scripted_reject_or_a_late_hang_up_meets_the_forward_and_an_answer_in_time_does_not(phone):
    server, _ = phone
    user, target = user_at(server, 1018), user_at(server, 1003)
    forward_to(server, user, target, wait=20)
    rejected = script_call(
        server,
        "+14155550180",
        "1018",
        [{"at_seconds": 4, "do": "reject"}, {"at_seconds": 9, "do": "answer"}, {"at_seconds": 30, "do": "hang_up"}],
    )
    gave_up = script_call(server, "+14155550181", "1018", [{"at_seconds": 28, "do": "hang_up", "by": "caller"}])
    in_time = script_call(
        server, "+14155550182", "1018", [{"at_seconds": 12, "do": "answer"}, {"at_seconds": 40, "do": "hang_up"}]
    )
    wrong = script_call(server, "+14155550183", "1018", [{"at_seconds": 25, "do": "answer", "by": "1018"}])
    assert wrong.status_code == 400 and "1003" in wrong.json()["message"]  # the target answers by then
    for placed in (rejected, gave_up, in_time):
        assert placed.status_code == 201, placed.text
    server.advance(300)
    turned = call_events(server, rejected.json()["call_id"])
    # from outside: only the callee legs are told
    assert timeline(turned) == [
        ("callee_ringing", 1018, 0),
        ("callee_rejected", 1018, 4),
        ("callee_ringing", 1003, 4),
        ("callee_answered", 1003, 9),
        ("callee_ended", 1003, 30),
    ]
    assert turned[1]["payload"]["object"]["handup_result"] == "Rejected"
    assert ("1018", "forward", "succeeded") in elements_of(server, rejected.json()["call_id"])
    left = call_events(server, gave_up.json()["call_id"])
    assert timeline(left) == [
        ("callee_ringing", 1018, 0),
        ("callee_missed", 1018, 20),
        ("callee_ringing", 1003, 20),
        ("callee_missed", 1003, 28),
    ]
    assert [e["payload"]["object"]["handup_result"] for e in left if e["event"] == "phone.callee_missed"] == [
        "No Answer",
        "Call Cancel",
    ]
    assert history_of(server, gave_up.json()["call_id"])["call_result"] != "answered"
    kept = call_events(server, in_time.json()["call_id"])
    assert [ext for _, ext, _ in timeline(kept)] == [1018] * len(timeline(kept))
    assert history_of(server, in_time.json()["call_id"])["callee_ext_number"] == "1018"


def test_a_script_nobody_answers_meets_the_default_handling_of_a_user_without_their_own(phone):
    """No handling of their own: their phones ring Zoom's default 30 seconds, then the default
    action ends the call (the demo's users have no voicemail), as the handling read says."""
    server, _ = phone
    user = user_at(server, 1002)
    default = read_handling(server, user)
    assert default["call_distribution_setting"]["simultaneous_ring_max_wait_time"] == 30
    assert default["call_handling_setting"]["call_not_answer_action"] == "disconnect"
    before = len(server.outbox())
    late = [{"at_seconds": 45, "do": "answer"}, {"at_seconds": 60, "do": "hang_up"}]
    refused = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "1002", "steps": late})
    assert refused.status_code == 400
    assert "ring time (30 s)" in refused.json()["message"]
    server.advance(60)
    assert len(server.outbox()) == before  # nothing was placed

    steps = [{"at_seconds": 45, "do": "hang_up", "by": "caller"}]  # the caller would wait: the call ends first
    placed = server.control.post("/zemu/phone/calls", json={"from": "1001", "to": "1002", "steps": steps})
    assert placed.status_code == 201, placed.text
    server.advance(300)
    events = call_events(server, placed.json()["call_id"])
    assert timeline(events)[:4] == [
        ("caller_ringing", 1002, 0),
        ("callee_ringing", 1002, 0),
        ("callee_missed", 1002, 30),
        ("caller_ended", 1002, 30),
    ]
    assert history_of(server, placed.json()["call_id"])["call_result"] == "no_answer"
