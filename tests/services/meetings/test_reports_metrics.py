"""Reports and dashboards agree with past meetings: one simulated meeting read every way shows
the same ids, times and counts."""

from __future__ import annotations

from zemu.testing import ZemuServer


def test_one_meeting_reads_the_same_in_past_meetings_reports_and_dashboards(zemu: ZemuServer) -> None:
    api = zemu.api
    m = api.post("/users/me/meetings", json={"topic": "Audit", "type": 2, "start_time": zemu.now()}).json()
    run = zemu.control.post(
        f"/zemu/meetings/{m['id']}/simulate", json={"participants": 4, "duration_minutes": 30, "record": True}
    ).json()
    zemu.advance(30 * 60 + 5)
    api = zemu.client(zemu.token())
    day = run["starts_at"][:10]
    past = api.get(f"/past_meetings/{m['id']}").json()
    report = api.get(f"/report/meetings/{m['id']}").json()
    dashboard = api.get(f"/metrics/meetings/{m['id']}").json()
    assert past["uuid"] == report["uuid"] == dashboard["uuid"] == run["uuid"]
    assert past["start_time"] == report["start_time"] == dashboard["start_time"] == run["starts_at"]
    assert past["end_time"] == report["end_time"] == dashboard["end_time"] == run["ends_at"]
    assert past["participants_count"] == report["participants_count"] == dashboard["participants"] == 4

    listed = api.get("/metrics/meetings", params={"type": "past", "from": day, "to": day}).json()
    assert run["uuid"] in [x["uuid"] for x in listed["meetings"]]
    mine = api.get("/report/users/me/meetings", params={"from": day, "to": day}).json()
    row = next(x for x in mine["meetings"] if x["uuid"] == run["uuid"])
    assert row["participants_count"] == 4 and row["duration"] == 30
    daily = api.get("/report/daily", params={"year": day[:4], "month": day[5:7]}).json()
    today = next(d for d in daily["dates"] if d["date"] == day)
    assert today["meetings"] >= 1 and today["participants"] >= 4
    people = api.get(f"/report/meetings/{m['id']}/participants").json()
    dash_people = api.get(f"/metrics/meetings/{m['id']}/participants", params={"type": "past"}).json()
    assert people["total_records"] == dash_people["total_records"] == 4
    qos = api.get(f"/metrics/meetings/{m['id']}/participants/qos", params={"type": "past", "page_size": 10}).json()
    assert len(qos["participants"]) == 4 and qos["participants"][0]["user_qos"]
    one = qos["participants"][0]["user_id"]
    assert api.get(f"/metrics/meetings/{m['id']}/participants/{one}/qos", params={"type": "past"}).status_code == 200
    share = api.get(f"/metrics/meetings/{m['id']}/participants/sharing", params={"type": "past"}).json()
    assert share["total_records"] == 1
    users = api.get("/report/users", params={"from": day, "to": day}).json()
    assert users["total_meetings"] >= 1
    storage = api.get("/report/cloud_recording", params={"from": day, "to": day}).json()
    assert storage["cloud_recording_storage"][-1]["usage"] != "0.00 MB"
    missing = api.get("/metrics/meetings/12345678901")
    assert missing.status_code == 404 and missing.json()["code"] == 3001


def test_the_other_reports_and_dashboards_answer_their_shapes(zemu: ZemuServer) -> None:
    for path in ("/metrics/webinars", "/metrics/im"):
        day = zemu.now()[:10]
        answer = zemu.api.get(path, params={"from": day, "to": day})
        assert answer.status_code == 200, (path, answer.text)


def test_a_report_range_with_to_before_from_is_refused(zemu: ZemuServer) -> None:
    bad = zemu.api.get("/report/users", params={"from": "2026-01-20", "to": "2026-01-01"})
    assert bad.status_code == 400


def test_the_daily_report_counts_the_users_created_each_day(zemu: ZemuServer) -> None:
    api = zemu.api
    day = zemu.now()[:10]

    def new_users() -> int:
        dates = api.get("/report/daily", params={"year": day[:4], "month": day[5:7]}).json()["dates"]
        return next(d["new_users"] for d in dates if d["date"] == day)

    before = new_users()
    for n in range(2):
        made = api.post("/users", json={"action": "custCreate", "user_info": {"email": f"n{n}@example.com", "type": 1}})
        assert made.status_code == 201
    assert new_users() == before + 2
