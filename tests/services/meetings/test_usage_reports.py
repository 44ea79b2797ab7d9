"""Reports and dashboards that add up what simulated participants did: dial-in legs, room systems'
CRC ports, end-of-meeting feedback; and the account's own logs: operations, sign-ins, billing."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from zemu.services.meetings import audience
from zemu.testing import ZemuServer

PEOPLE = [
    {"name": "Dee Dial", "device": "phone", "phone_number": "+14155550111", "leave_minute": 10, "feedback": "good"},
    {"name": "Tom Free", "device": "phone", "leave_minute": 7, "feedback": "not_good", "feedback_reason": "2"},
    {"name": "Room One", "device": "h323", "feedback": "none"},
    {
        "name": "Rita Room",
        "device": "h323",
        "join_minute": 5,
        "leave_minute": 15,
        "feedback": "not_good",
        "feedback_reason": "2",
    },
]


def simulate(zemu: ZemuServer, body: dict[str, Any]) -> dict[str, Any]:
    made = zemu.api.post("/users/me/meetings", json={"topic": "Usage", "type": 2, "start_time": zemu.now()}).json()
    run = zemu.control.post(f"/zemu/meetings/{made['id']}/simulate", json=body)
    assert run.status_code == 201, run.text
    zemu.advance(int(body.get("duration_minutes", 30)) * 60 + 5)
    return {**run.json(), "meeting": made}


def today(zemu: ZemuServer) -> dict[str, str]:
    day = zemu.now()[:10]
    return {"from": day, "to": day}


def test_dial_in_participants_fill_the_telephone_report_by_line_type(zemu: ZemuServer) -> None:
    run = simulate(zemu, {"participants": PEOPLE, "duration_minutes": 20})
    toll_free = zemu.api.get("/report/telephone", params=today(zemu)).json()
    assert toll_free["total_records"] == 1
    leg = toll_free["telephony_usage"][0]
    assert leg["uuid"] == run["uuid"] and leg["meeting_id"] == run["meeting"]["id"]
    assert leg["type"] == "toll-free" and leg["duration"] == 7 and leg["rate"] == 0.06 and leg["total"] == 0.42
    assert leg["call_in_number"] == "+1 888 788 0099" and leg["meeting_type"] == "Meeting"
    toll = zemu.api.get("/report/telephone", params={**today(zemu), "type": "2"}).json()["telephony_usage"]
    assert [(x["phone_number"], x["type"], x["total"]) for x in toll] == [("+14155550111", "US toll-number", 0)]
    assert zemu.api.get("/report/telephone", params={**today(zemu), "type": "3"}).json()["telephony_usage"] == []
    yesterday = zemu.api.get("/report/telephone", params={"from": "2020-01-01", "to": "2020-01-02"}).json()
    assert yesterday["telephony_usage"] == []


def test_a_default_crowd_has_a_dial_in_and_a_room_system(zemu: ZemuServer) -> None:
    simulate(zemu, {"participants": 7, "duration_minutes": 10})
    legs = zemu.api.get("/report/telephone", params={**today(zemu), "type": "2"}).json()["telephony_usage"]
    legs += zemu.api.get("/report/telephone", params=today(zemu)).json()["telephony_usage"]
    assert len(legs) == 1 and legs[0]["phone_number"].startswith("+1415555")
    crc = zemu.api.get("/metrics/crc", params=today(zemu)).json()["crc_ports_usage"]
    assert sum(h["total_usage"] for d in crc for h in d["crc_ports_hour_usage"]) >= 1


def test_room_systems_fill_the_crc_ports_by_hour(zemu: ZemuServer) -> None:
    simulate(zemu, {"participants": PEOPLE, "duration_minutes": 20})
    days = zemu.api.get("/metrics/crc", params=today(zemu)).json()["crc_ports_usage"]
    assert [d["date_time"] for d in days] == [zemu.now()[:10]]
    hours = days[0]["crc_ports_hour_usage"]
    assert [h["hour"] for h in hours] == [f"{n:02d}" for n in range(24)]
    assert max(h["max_usage"] for h in hours) == 2  # the two room systems overlap
    assert sum(1 for h in hours if h["total_usage"]) in (1, 2)  # one hour, or two across its turn


def test_feedback_dashboards_agree_with_the_answers_given(zemu: ZemuServer) -> None:
    run = simulate(zemu, {"participants": PEOPLE, "duration_minutes": 20})
    feedback = zemu.api.get("/metrics/client/feedback", params=today(zemu)).json()
    counts = {row["feedback_id"]: row["participants_count"] for row in feedback["client_feedbacks"]}
    assert counts["2"] >= 2 and feedback["total_records"] == len(counts)
    detail = zemu.api.get("/metrics/client/feedback/2", params=today(zemu)).json()
    names = {row["participant_name"] for row in detail["client_feedback_details"]}
    assert {"Tom Free", "Rita Room"} <= names and len(names) == counts["2"]
    assert all(row["meeting_id"] == str(run["meeting"]["id"]) for row in detail["client_feedback_details"])
    assert all(row["email"] == "" for row in detail["client_feedback_details"] if row["participant_name"] != "Avery")
    days = zemu.api.get("/metrics/client/satisfaction", params=today(zemu)).json()["client_satisfaction"]
    day = days[0]
    assert day["good_count"] + day["not_good_count"] + day["none_count"] == 5  # everyone was asked
    assert day["not_good_count"] == sum(counts.values()) and day["good_count"] >= 1 and day["none_count"] >= 1
    kept = day["good_count"] + day["none_count"]
    assert day["satisfaction_percent"] == round(100 * kept / 5, 2)


def test_default_survey_answers_follow_the_instance_seed() -> None:
    """Who answers what is decided by the instance's seed: the same instance, the same answers;
    about half answer, mostly thumbs up."""

    def answers(seed: int) -> list[str]:
        out = []
        for n in range(200):
            row = {"n": n, "join_time": "2026-01-01T10:00:00Z", "leave_time": "2026-01-01T10:30:00Z"}
            audience.give_feedback({"seed": seed}, row, {})
            out.append(row["feedback"] + row.get("feedback_reason", ""))
        return out

    first = answers(11)
    assert answers(11) == first and answers(12) != first
    given = [a for a in first if a != "none"]
    assert 60 < len(given) < 140 and sum(a == "good" for a in given) > len(given) / 2


def test_a_participant_with_an_unknown_device_is_refused(zemu: ZemuServer) -> None:
    made = zemu.api.post("/users/me/meetings", json={"topic": "x", "type": 2, "start_time": zemu.now()}).json()
    bad = zemu.control.post(
        f"/zemu/meetings/{made['id']}/simulate", json={"participants": [{"name": "A", "device": "fax"}]}
    )
    assert bad.status_code == 400
    assert zemu.api.get(f"/past_meetings/{made['id']}/instances").json()["meetings"] == []


# operation logs ------------------------------------------------------------------------------------
def test_changes_through_the_api_are_in_the_operation_log_and_refusals_are_not(zemu: ZemuServer) -> None:
    api = zemu.api
    made = api.post(
        "/users", json={"action": "custCreate", "user_info": {"email": "ops@example.com", "type": 1}}
    ).json()
    zemu.advance(1)
    assert api.patch(f"/users/{made['id']}/settings", json={"feature": {"meeting_capacity": 100}}).status_code == 204
    assert api.patch("/users/nobody@example.com", json={"first_name": "X"}).status_code == 404
    zemu.advance(1)
    assert api.delete(f"/users/{made['id']}", params={"action": "delete"}).status_code == 204
    logs = api.get("/report/operationlogs", params=today(zemu)).json()["operation_logs"]
    owner = api.get("/users/me").json()["email"]
    mine = [
        (x["category_type"], x["action"], x["operation_detail"])
        for x in logs
        if "ops@example.com" in x["operation_detail"]
    ]
    assert [m[:2] for m in mine] == [("user", "add"), ("user_settings", "update"), ("user", "delete")]
    assert all(x["operator"] == owner for x in logs)
    assert not any("nobody@example.com" in x["operation_detail"] for x in logs)
    users_only = api.get("/report/operationlogs", params={**today(zemu), "category_type": "user"}).json()
    assert {x["category_type"] for x in users_only["operation_logs"]} == {"user"}


def test_the_operation_log_pages(zemu: ZemuServer) -> None:
    api = zemu.api
    for n in range(3):
        made = api.post("/users/me/meetings", json={"topic": f"t{n}", "type": 2, "start_time": zemu.now()})
        assert made.status_code == 201
    first = api.get("/report/operationlogs", params={**today(zemu), "page_size": 2}).json()
    assert len(first["operation_logs"]) == 2 and first["next_page_token"]
    rest = api.get("/report/operationlogs", params={**today(zemu), "next_page_token": first["next_page_token"]}).json()
    assert len(first["operation_logs"]) + len(rest["operation_logs"]) >= 3
    assert all(x["category_type"] == "meeting" for x in first["operation_logs"] + rest["operation_logs"])


# sign-in activity ---------------------------------------------------------------------------------
def test_an_authorization_code_login_and_its_revocation_are_sign_in_and_out(zemu: ZemuServer) -> None:
    app = zemu.control.post(
        "/zemu/apps",
        json={"type": "oauth", "name": "crm", "scopes": ["user:read"], "redirect_uris": ["http://127.0.0.1/cb"]},
    ).json()
    params = {"response_type": "code", "client_id": app["client_id"], "redirect_uri": "http://127.0.0.1/cb"}
    approved = zemu.control.post("/oauth/authorize", data=params)
    code = parse_qs(urlparse(approved.headers["location"]).query)["code"][0]
    auth = (app["client_id"], app["client_secret"])
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1/cb"}
    tokens = zemu.control.post("/oauth/token", data=data, auth=auth).json()
    zemu.advance(60)
    assert zemu.control.post("/oauth/revoke", data={"token": tokens["access_token"]}, auth=auth).status_code == 200
    logs = zemu.api.get("/report/activities", params=today(zemu)).json()["activity_logs"]
    browser = [(x["type"], x["client_type"]) for x in logs if x["client_type"] == "Browser"]
    assert browser == [("Sign in", "Browser"), ("Sign out", "Browser")]
    assert logs[0]["time"] < logs[-1]["time"] and logs[0]["ip_address"].startswith("192.0.2.")


def test_the_host_client_signs_in_to_start_a_meeting_and_out_at_its_end(zemu: ZemuServer) -> None:
    simulate(zemu, {"participants": 2, "duration_minutes": 5})
    logs = zemu.api.get("/report/activities", params=today(zemu)).json()["activity_logs"]
    owner = zemu.api.get("/users/me").json()["email"]
    assert [(x["type"], x["email"], x["client_type"]) for x in logs] == [
        ("Sign in", owner, "Windows"),
        ("Sign out", owner, "Windows"),
    ]


# billing ----------------------------------------------------------------------------------------------
def test_billing_reports_are_monthly_and_their_invoices_count_the_licences(zemu: ZemuServer) -> None:
    api = zemu.api
    reports = api.get("/report/billing").json()
    assert reports["currency"] == "USD" and reports["billing_reports"]
    current = reports["billing_reports"][0]
    assert current["id"] == f"bill-{zemu.now()[:4]}{zemu.now()[5:7]}" and current["start_date"].endswith("-01")
    lines = api.get("/report/billing/invoices", params={"billing_id": current["id"]}).json()["invoices"]
    licensed = sum(1 for u in _users(zemu) if u["type"] == 2 and u["status"] == "active")
    assert lines[0]["quantity"] == licensed
    phone_users = api.get("/phone/users", params={"page_size": 1}).json()["total_records"]
    assert [(x["invoice_charge_name"], x["quantity"]) for x in lines[1:]] == [("Zoom Phone Pro Monthly", phone_users)]
    assert sum(float(x["total_amount"]) for x in lines) == float(current["total_amount"])
    made = api.post("/users", json={"action": "custCreate", "user_info": {"email": "paid@example.com", "type": 2}})
    assert made.status_code == 201
    again = api.get("/report/billing/invoices", params={"billing_id": current["id"]}).json()["invoices"]
    assert again[0]["quantity"] == licensed + 1
    assert float(api.get("/report/billing").json()["billing_reports"][0]["total_amount"]) > float(
        current["total_amount"]
    )


def test_an_unknown_or_malformed_billing_id_is_refused(zemu: ZemuServer) -> None:
    api = zemu.api
    missing = api.get("/report/billing/invoices", params={"billing_id": "bill-199001"})
    assert missing.status_code == 404 and missing.json()["code"] == 5010
    malformed = api.get("/report/billing/invoices", params={"billing_id": "x"})
    assert malformed.status_code == 400 and malformed.json()["code"] == 300


def _users(zemu: ZemuServer) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    token = ""
    while True:
        page = zemu.api.get("/users", params={"page_size": 300, "next_page_token": token}).json()
        out += page["users"]
        token = page["next_page_token"]
        if not token:
            return out
