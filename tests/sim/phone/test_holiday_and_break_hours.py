"""A user's holiday and break hours (addUserProfileSetting, deleteUserProfileSetting, the
``holiday_hours`` and ``break_hours`` of updateUserSettings) with call handling of their own
(getUserCallHandlingSetting and its writes under ``holiday_hour_id`` / ``break_hour_id``), and
calls that meet them on the emulated clock: a holiday's handling, a break's, or, where they have
none of their own, the closed-hours handling (phone-events.md §7.4–7.7)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from call_helpers import call_events, place

Doc = dict[str, Any]
OPEN_ALL_WEEK = {"business_hour_type": 2, "business_hours": [{"weekday": d, "type": 1} for d in range(1, 8)]}


def user_at(api: httpx.Client, extension: int) -> Doc:
    users = api.get("/phone/users", params={"page_size": 100}).json()["users"]
    return next(u for u in users if u["extension_number"] == extension)


def zulu(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now(server) -> datetime:
    return datetime.strptime(server.now(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def handling(api: httpx.Client, user: Doc, **query: str):
    return api.get(f"/phone/users/{user['id']}/call_handling/settings", params=query)


def settings(api: httpx.Client, user: Doc) -> Doc:
    return api.get(f"/phone/users/{user['id']}/settings").json()


def add(api: httpx.Client, user: Doc, kind: str, body: Doc):
    return api.post(f"/phone/users/{user['id']}/profile_settings/{kind}", json=body)


def forward_to_extension(target: Doc) -> Doc:
    return {
        "call_not_answer_action": "forward_to_extension",
        "call_not_answer_action_setting": {"forward_to_extension": {"extension_id": target["extension_id"]}},
    }


def callees(events: list[Doc]) -> list[tuple[str, Any]]:
    return [
        (
            e["event"].removeprefix("phone."),
            e["payload"]["object"]["callee"].get("extension_number")
            or e["payload"]["object"]["callee"]["phone_number"],
        )
        for e in events
        if "callee" in e["payload"]["object"] and not e["event"].endswith("_completed")
    ]


def test_holidays_and_breaks_are_kept_with_their_own_handling_and_bad_input_changes_nothing(phone):
    server, _ = phone
    api = server.client(server.token())  # a token of its own: the tests move the clock by hours
    user, target = user_at(api, 1019), user_at(api, 1003)
    base = f"/phone/users/{user['id']}"
    made = add(
        api,
        user,
        "holiday_hours",
        {
            "holiday_hours": {
                "holidays": [{"name": "Thanksgiving", "from": "2030-11-28T00:00:00Z", "to": "2030-11-29T00:00:00Z"}]
            }
        },
    )
    assert made.status_code == 201, made.text
    [holiday] = made.json()["holiday_hours"]["holidays"]
    assert holiday["name"] == "Thanksgiving" and holiday["holiday_id"]
    holiday_id = holiday["holiday_id"]
    kept = settings(api, user)["holiday_hours"]
    assert kept == [
        {"holiday_id": holiday_id, "name": "Thanksgiving", "from": "2030-11-28T00:00:00Z", "to": "2030-11-29T00:00:00Z"}
    ]
    backwards = add(
        api,
        user,
        "holiday_hours",
        {"holiday_hours": {"holidays": [{"name": "x", "from": "2030-01-02T00:00:00Z", "to": "2030-01-01T00:00:00Z"}]}},
    )
    nameless = add(
        api,
        user,
        "holiday_hours",
        {"holiday_hours": {"holidays": [{"from": "2030-01-01T00:00:00Z", "to": "2030-01-02T00:00:00Z"}]}},
    )
    for answer in (backwards, nameless):
        assert answer.status_code == 400 and answer.json()["code"] == 300, answer.text
    assert settings(api, user)["holiday_hours"] == kept
    # the holiday's handling: the closed-hours one until it has its own
    for query in ({"hour_type": "holiday_hours"}, {"hour_type": "holiday_hours", "holiday_hour_id": "nope"}):
        missing = handling(api, user, **query)
        assert missing.status_code == 400 and missing.json()["code"] == 15102
    assert (
        handling(api, user, hour_type="holiday_hours", holiday_hour_id=holiday_id).json() == handling(api, user).json()
    )
    written = api.patch(
        f"{base}/call_handling/settings/holiday_hours",
        json={"holiday_hour_id": holiday_id, "call_handling_setting": forward_to_extension(target)},
    )
    assert written.status_code == 204, written.text
    read = handling(api, user, hour_type="holiday_hours", holiday_hour_id=holiday_id).json()
    assert (
        read["call_handling_setting"]["call_not_answer_action_setting"]["forward_to_extension"]["extension_number"]
        == 1003
    )
    assert handling(api, user).json()["call_handling_setting"]["call_not_answer_action"] != "forward_to_extension"
    wrong = api.patch(
        f"{base}/call_handling/settings/holiday_hours",
        json={"holiday_hour_id": "nope", "call_handling_setting": {"call_not_answer_action": "disconnect"}},
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == 15102
    added = api.post(
        f"{base}/call_forward_settings/holiday_hours",
        json={"holiday_hour_id": holiday_id, "call_forward_settings": [{"phone_number": "+14155550190"}]},
    )
    assert added.status_code == 201, added.text
    [forward] = added.json()["call_forward_settings"]
    read = handling(api, user, hour_type="holiday_hours", holiday_hour_id=holiday_id).json()
    assert [f["phone_number"] for f in read["call_forward_settings"]] == ["+14155550190"]
    dropped = api.delete(
        f"{base}/call_forward_settings/holiday_hours", params={"call_forward_id": forward["call_forward_id"]}
    )
    assert dropped.status_code == 204, dropped.text
    # renamed through the settings, an unknown id refused with nothing changed
    renamed = api.patch(
        f"{base}/settings",
        json={"holiday_hours": {"holidays": [{"holiday_id": holiday_id, "name": "Thanksgiving Day"}]}},
    )
    assert renamed.status_code == 204, renamed.text
    unknown = api.patch(
        f"{base}/settings",
        json={
            "holiday_hours": {
                "holidays": [
                    {"holiday_id": "nope", "name": "x"},
                    {"name": "New", "from": "2031-01-01T00:00:00Z", "to": "2031-01-02T00:00:00Z"},
                ]
            }
        },
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == 15102
    assert [h["name"] for h in settings(api, user)["holiday_hours"]] == ["Thanksgiving Day"]
    # breaks need custom business hours
    lunch = {
        "break_hours": {
            "break_hour_settings": [
                {
                    "break_hour_name": "Lunch",
                    "break_hour_type": "every_business_day",
                    "break_hour_setting": {"from": "12:00", "to": "13:00"},
                }
            ]
        }
    }
    always = add(api, user, "break_hours", lunch)
    assert always.status_code == 400 and always.json()["code"] == 15104
    opened = api.patch(f"{base}/settings", json={"business_hours_settings": OPEN_ALL_WEEK})
    assert opened.status_code == 204
    made = add(api, user, "break_hours", lunch)
    assert made.status_code == 201, made.text
    [pause] = made.json()["break_hours"]["break_hour_settings"]
    assert pause["break_hour_name"] == "Lunch"
    bad = {
        "break_hour_name": "Tea",
        "break_hour_type": "custom_hours",
        "break_hour_setting": {"days": [{"weekday": 9, "from": "15:00", "to": "15:15"}]},
    }
    refused = add(api, user, "break_hours", {"break_hours": {"break_hour_settings": [bad]}})
    assert refused.status_code == 400 and refused.json()["code"] == 300
    lunches = {"break_hours": {"break_hour_settings": lunch["break_hours"]["break_hour_settings"] * 5}}
    too_many = add(api, user, "break_hours", lunches)  # one kept already: a user keeps at most 5
    assert too_many.status_code == 400 and too_many.json()["code"] == 405
    assert [b["break_hour_id"] for b in settings(api, user)["break_hours"]] == [pause["break_hour_id"]]
    assert settings(api, user)["break_hours"][0]["break_hour_setting"] == {"from": "12:00", "to": "13:00"}
    assert handling(api, user, hour_type="break_hours", break_hour_id=pause["break_hour_id"]).status_code == 200
    assert handling(api, user, hour_type="break_hours", break_hour_id="nope").json()["code"] == 15101
    # deleting a holiday drops its handling with it
    gone = api.delete(f"{base}/profile_settings/holiday_hours", params={"holiday_hour_id": holiday_id})
    assert gone.status_code == 204, gone.text
    again = api.delete(f"{base}/profile_settings/holiday_hours", params={"holiday_hour_id": holiday_id})
    assert again.status_code == 400 and again.json()["code"] == 15102
    assert handling(api, user, hour_type="holiday_hours", holiday_hour_id=holiday_id).json()["code"] == 15102
    assert settings(api, user)["holiday_hours"] == []
    gone = api.delete(f"{base}/profile_settings/break_hours", params={"break_hour_id": pause["break_hour_id"]})
    assert gone.status_code == 204 and settings(api, user)["break_hours"] == []


def test_a_call_on_a_holiday_takes_the_holidays_handling_scripted_or_not(phone):
    server, _ = phone
    api = server.client(server.token())  # a token of its own: the tests move the clock by hours
    user, target = user_at(api, 1020), user_at(api, 1003)
    start = now(server)
    made = add(
        api,
        user,
        "holiday_hours",
        {
            "holiday_hours": {
                "holidays": [
                    {
                        "name": "Closing day",
                        "from": zulu(start - timedelta(hours=1)),
                        "to": zulu(start + timedelta(hours=2)),
                    }
                ]
            }
        },
    )
    holiday_id = made.json()["holiday_hours"]["holidays"][0]["holiday_id"]
    base = f"/phone/users/{user['id']}/call_handling/settings"
    assert (
        api.patch(
            f"{base}/business_hours", json={"call_handling_setting": {"call_not_answer_action": "disconnect"}}
        ).status_code
        == 204
    )
    written = api.patch(
        f"{base}/holiday_hours",
        json={
            "holiday_hour_id": holiday_id,
            "call_distribution_setting": {"simultaneous_ring_max_wait_time": 10},
            "call_handling_setting": forward_to_extension(target),
        },
    )
    assert written.status_code == 204, written.text
    on_holiday = place(server, "1001", "1020", outcome="missed", talk_seconds=30)
    scripted = server.control.post(
        "/zemu/phone/calls",
        json={
            "from": "1002",
            "to": "1020",
            "steps": [{"at_seconds": 14, "do": "answer"}, {"at_seconds": 40, "do": "hang_up"}],
        },
    )
    assert scripted.status_code == 201, scripted.text
    after = place(server, "1001", "1020", outcome="missed", at=zulu(start + timedelta(hours=3)))
    server.advance(4 * 3600)
    for call_id in (on_holiday["call_id"], scripted.json()["call_id"]):
        assert callees(call_events(server, call_id))[:5] == [
            ("caller_ringing", 1020),
            ("callee_ringing", 1020),
            ("callee_missed", 1020),
            ("callee_ringing", 1003),
            ("callee_answered", 1003),
        ]
    missed = next(e for e in call_events(server, on_holiday["call_id"]) if e["event"] == "phone.callee_missed")
    assert (
        missed["event_ts"] - call_events(server, on_holiday["call_id"])[0]["event_ts"] == 10_000
    )  # the holiday's ring time
    # after the holiday, the business-hours handling: the call just ends
    assert callees(call_events(server, after["call_id"])) == [
        ("caller_ringing", 1020),
        ("callee_ringing", 1020),
        ("callee_missed", 1020),
        ("caller_ended", 1020),
    ]


def test_a_break_and_a_holiday_without_handling_of_its_own_take_the_closed_hours_handling(phone):
    server, _ = phone
    api = server.client(server.token())  # a token of its own: the tests move the clock by hours
    user = user_at(api, 1021)
    base = f"/phone/users/{user['id']}"
    zone = ZoneInfo(api.get(f"/users/{user['id']}").json().get("timezone") or "UTC")
    assert api.patch(f"{base}/settings", json={"business_hours_settings": OPEN_ALL_WEEK}).status_code == 204
    closed = {
        "call_not_answer_action": "forward_to_external_number",
        "call_not_answer_action_setting": {"forward_phone_number": "+14155550991"},
    }
    assert (
        api.patch(f"{base}/call_handling/settings/closed_hours", json={"call_handling_setting": closed}).status_code
        == 204
    )
    assert (
        api.patch(
            f"{base}/call_handling/settings/business_hours",
            json={"call_handling_setting": {"call_not_answer_action": "disconnect"}},
        ).status_code
        == 204
    )
    tomorrow = (now(server).astimezone(zone) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    lunch = {
        "break_hour_name": "Lunch",
        "break_hour_type": "every_business_day",
        "break_hour_setting": {"from": "12:00", "to": "13:00"},
    }
    assert add(api, user, "break_hours", {"break_hours": {"break_hour_settings": [lunch]}}).status_code == 201
    day_after = tomorrow + timedelta(days=1)
    holiday = {"name": "Day off", "from": zulu(day_after), "to": zulu(day_after + timedelta(days=1))}
    assert add(api, user, "holiday_hours", {"holiday_hours": {"holidays": [holiday]}}).status_code == 201
    at_lunch = place(server, "1001", "1021", outcome="missed", at=zulu(tomorrow.replace(hour=12, minute=30)))
    after_lunch = place(server, "1001", "1021", outcome="missed", at=zulu(tomorrow.replace(hour=14)))
    day_off = place(server, "1001", "1021", outcome="missed", at=zulu(day_after.replace(hour=14)))
    server.advance(4 * 86400)
    forwarded = [
        ("caller_ringing", 1021),
        ("callee_ringing", 1021),
        ("callee_missed", 1021),
        ("caller_connected", "+14155550991"),
        ("caller_ended", "+14155550991"),
    ]
    assert callees(call_events(server, at_lunch["call_id"])) == forwarded
    assert callees(call_events(server, day_off["call_id"])) == forwarded
    assert callees(call_events(server, after_lunch["call_id"])) == [
        ("caller_ringing", 1021),
        ("callee_ringing", 1021),
        ("callee_missed", 1021),
        ("caller_ended", 1021),
    ]


def test_a_queue_on_a_holiday_rings_nobody_and_takes_the_holidays_handling(phone):
    server, _ = phone
    api = server.client(server.token())
    queue = next(q for q in api.get("/phone/call_queues").json()["call_queues"] if q["name"] == "Sales")
    base = f"/phone/call_queues/{queue['id']}"
    start = now(server)
    span = {"name": "Inventory day", "from": zulu(start - timedelta(hours=1)), "to": zulu(start + timedelta(hours=1))}
    assert (
        api.patch(f"{base}/settings/business_hours", json={"business_hours_settings": OPEN_ALL_WEEK}).status_code == 204
    )
    assert api.patch(f"{base}/settings/holiday_hours", json={"holiday_hours": {"holidays": [span]}}).status_code == 204
    [holiday] = api.get(f"{base}/settings", params={"setting_type": "holiday_hours"}).json()["holiday_hours"]
    written = api.patch(
        f"{base}/call_handling/settings/holiday_hours",
        json={"holiday_hour_id": holiday["id"], "call_handling_setting": {"overflow_action": "disconnect"}},
    )
    assert written.status_code == 204, written.text
    on_holiday = place(server, "1004", str(queue["extension_number"]), outcome="missed")
    after = place(server, "1004", str(queue["extension_number"]), outcome="missed", at=zulu(start + timedelta(hours=2)))
    server.advance(3 * 3600)
    assert callees(call_events(server, on_holiday["call_id"])) == [
        ("caller_ringing", int(queue["extension_number"])),
        ("caller_ended", int(queue["extension_number"])),
    ]
    rung = [ext for event, ext in callees(call_events(server, after["call_id"])) if event == "callee_ringing"]
    assert rung and int(queue["extension_number"]) not in rung  # its members ring after the holiday


def test_an_auto_receptionist_keeps_holidays_and_plays_the_closed_menu_on_one(phone):
    server, _ = phone
    api = server.client(server.token())
    receptionist = next(
        r for r in api.get("/phone/auto_receptionists").json()["auto_receptionists"] if r["extension_number"] == 200
    )
    base = f"/phone/auto_receptionists/{receptionist['id']}/settings"
    start = now(server)
    span = {"name": "Stocktake", "from": zulu(start - timedelta(hours=1)), "to": zulu(start + timedelta(hours=1))}
    lunch = {
        "break_hour_name": "Lunch",
        "break_hour_type": "every_business_day",
        "break_hour_setting": {"from": "12:00", "to": "13:00"},
    }
    always = api.post(f"{base}/break_hours", json={"break_hours": {"break_hour_settings": [lunch]}})
    assert always.status_code == 400 and always.json()["code"] == 15104
    backwards = {**span, "to": zulu(start - timedelta(hours=2))}
    refused = api.post(f"{base}/holiday_hours", json={"holiday_hours": {"holidays": [backwards]}})
    assert refused.status_code == 400 and refused.json()["code"] == 300
    assert api.get(base, params={"setting_type": "holiday_hours"}).json() == {"holiday_hours": []}
    made = api.post(f"{base}/holiday_hours", json={"holiday_hours": {"holidays": [span]}})
    assert made.status_code == 201, made.text
    [holiday] = made.json()["holiday_hours"]["holidays"]
    assert api.get(base, params={"setting_type": "holiday_hours"}).json() == {
        "holiday_hours": [{"holiday_id": holiday["holiday_id"], **span}]
    }
    details = api.get(f"/phone/auto_receptionists/{receptionist['id']}").json()
    assert [h["id"] for h in details["holiday_hours"]] == [holiday["holiday_id"]]
    assert api.patch(f"{base}/business_hours", json={"business_hours_settings": OPEN_ALL_WEEK}).status_code == 204
    assert api.get(base).json() == {"business_hours_settings": OPEN_ALL_WEEK}
    assert api.post(f"{base}/break_hours", json={"break_hours": {"break_hour_settings": [lunch]}}).status_code == 201
    unknown = api.delete(f"{base}/holiday_hours", params={"holiday_hour_id": "nope"})
    assert unknown.status_code == 400 and unknown.json()["code"] == 15102
    # on the holiday the closed-hours menu plays (the demo's has no keys: the call ends), after it the business one
    on_holiday = place(server, "1004", "200", keys="3")
    after = place(server, "1004", "200", keys="3", at=zulu(start + timedelta(hours=2)))
    server.advance(3 * 3600)
    assert [event for event, _ in callees(call_events(server, on_holiday["call_id"]))] == [
        "caller_ringing",
        "caller_ended",
    ]
    assert "callee_ringing" in [event for event, _ in callees(call_events(server, after["call_id"]))]
    api = server.client(server.token())  # the last one expired as the clock moved
    gone = api.delete(f"{base}/holiday_hours", params={"holiday_hour_id": holiday["holiday_id"]})
    assert gone.status_code == 204 and api.get(base, params={"setting_type": "holiday_hours"}).json() == {
        "holiday_hours": []
    }
