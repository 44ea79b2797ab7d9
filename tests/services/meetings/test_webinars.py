"""Webinars through the API: only for hosts with a webinar licence; panelists, registrants,
polls, tracking sources, and a simulated webinar's past reads (Q&A, polls, absentees)."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def events(zemu: ZemuServer, name: str) -> list[dict[str, Any]]:
    return [e["payload"] for e in zemu.outbox() if e["event"] == name]


def webinar(zemu: ZemuServer, **body: Any) -> dict[str, Any]:
    made = zemu.api.post(
        "/users/me/webinars",
        json={"topic": "Launch", "type": 5, "duration": 60, "start_time": "2030-05-01T16:00:00Z", **body},
    )
    assert made.status_code == 201, made.text
    return made.json()


def test_webinars_need_a_webinar_licence(zemu: ZemuServer) -> None:
    sami = zemu.api.get("/users/sami.diaz@zemu-demo.example").json()
    count = len(zemu.outbox())
    refused = zemu.api.post(f"/users/{sami['id']}/webinars", json={"topic": "No", "type": 5})
    assert refused.status_code == 400 and refused.json()["code"] == 200
    assert sami["id"] in refused.json()["message"] and len(zemu.outbox()) == count
    assert zemu.api.get(f"/users/{sami['id']}/webinars").status_code == 400


def test_a_webinar_is_created_listed_updated_and_deleted(zemu: ZemuServer) -> None:
    made = webinar(zemu)
    assert made["join_url"].startswith(f"https://zoom.us/w/{made['id']}") and made["type"] == 5
    assert events(zemu, "webinar.created")[-1]["object"]["id"] == made["id"]
    listed = zemu.api.get("/users/me/webinars").json()
    assert made["id"] in [w["id"] for w in listed["webinars"]] and "next_page_token" not in listed
    assert zemu.api.patch(f"/webinars/{made['id']}", json={"topic": "Big launch"}).status_code == 204
    assert events(zemu, "webinar.updated")[-1]["object"]["topic"] == "Big launch"
    assert zemu.api.get(f"/webinars/{made['id']}").json()["topic"] == "Big launch"
    assert zemu.api.delete(f"/webinars/{made['id']}").status_code == 204
    assert events(zemu, "webinar.deleted")[-1]["object"]["id"] == made["id"]
    gone = zemu.api.get(f"/webinars/{made['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 3001


def test_panelists_registrants_polls_and_tracking_sources(zemu: ZemuServer) -> None:
    made = webinar(zemu, settings={"approval_type": 1})
    base = f"/webinars/{made['id']}"
    added = zemu.api.post(
        f"{base}/panelists",
        json={"panelists": [{"name": "Pat", "email": "pat@example.com"}, {"name": "Kim", "email": "kim@example.com"}]},
    )
    assert added.status_code == 201 and added.json()["id"] == str(made["id"])
    panelists = zemu.api.get(f"{base}/panelists").json()
    assert panelists["total_records"] == 2
    assert zemu.api.delete(f"{base}/panelists/{panelists['panelists'][0]['id']}").status_code == 204
    assert zemu.api.get(f"{base}/panelists").json()["total_records"] == 1
    assert zemu.api.delete(f"{base}/panelists").status_code == 204
    assert zemu.api.get(f"{base}/panelists").json()["total_records"] == 0

    host = zemu.api.post(f"{base}/registrants", json={"email": "owner@zemu-demo.example", "first_name": "O"})
    assert host.status_code == 400 and host.json()["code"] == 3027
    reg = zemu.api.post(f"{base}/registrants", json={"email": "lu@example.com", "first_name": "Lu"})
    assert reg.status_code == 201, reg.text
    reg = reg.json()
    assert zemu.api.get(f"{base}/registrants/{reg['registrant_id']}").json()["status"] == "pending"
    assert (
        zemu.api.put(
            f"{base}/registrants/status", json={"action": "approve", "registrants": [{"id": reg["registrant_id"]}]}
        ).status_code
        == 204
    )
    assert events(zemu, "webinar.registration_approved")
    missing = zemu.api.get(f"{base}/registrants/nobody")
    assert missing.json()["code"] == 3079
    assert zemu.api.get(f"{base}/tracking_sources").json()["tracking_sources"][0]["registration_count"] == 1
    poll = zemu.api.post(
        f"{base}/polls",
        json={"title": "Q", "questions": [{"name": "Ready?", "type": "single", "answers": ["Yes", "No"]}]},
    ).json()
    assert zemu.api.get(f"{base}/polls/{poll['id']}").json()["title"] == "Q"
    assert zemu.api.get(f"{base}/polls").json()["total_records"] == 1
    assert zemu.api.put(f"{base}/polls/{poll['id']}", json={"title": "R"}).status_code == 204
    assert zemu.api.delete(f"{base}/polls/{poll['id']}").status_code == 204
    questions = {"questions": [{"field_name": "org", "required": True}], "custom_questions": []}
    assert zemu.api.patch(f"{base}/registrants/questions", json=questions).status_code == 204
    assert zemu.api.get(f"{base}/registrants/questions").json() == questions


def test_a_simulated_webinar_has_qa_polls_and_absentees(zemu: ZemuServer) -> None:
    made = webinar(zemu, start_time=zemu.now(), settings={"approval_type": 0})
    base = f"/webinars/{made['id']}"
    for email in ("came@example.com", "away@example.com"):
        zemu.api.post(f"{base}/registrants", json={"email": email, "first_name": email[:4]})
    zemu.api.post(
        f"{base}/polls",
        json={"title": "Q", "questions": [{"name": "Ready?", "type": "single", "answers": ["Yes", "No"]}]},
    )
    run = zemu.control.post(
        f"/zemu/meetings/{made['id']}/simulate",
        json={"participants": [{"name": "Came", "email": "came@example.com"}], "duration_minutes": 10, "polls": True},
    ).json()
    assert events(zemu, "webinar.started")[-1]["object"]["uuid"] == run["uuid"]
    zemu.advance(605)
    assert events(zemu, "webinar.ended")[-1]["object"]["uuid"] == run["uuid"]
    assert len(events(zemu, "webinar.participant_joined")) == 2
    assert zemu.api.get(f"/past_webinars/{made['id']}/instances").json()["webinars"][0]["uuid"] == run["uuid"]
    qa = zemu.api.get(f"/past_webinars/{made['id']}/qa").json()
    assert qa["questions"][0]["email"] == "came@example.com"
    assert len(zemu.api.get(f"/past_webinars/{made['id']}/polls").json()["questions"]) == 2
    absent = zemu.api.get(f"/past_webinars/{made['id']}/absentees").json()
    assert [r["email"] for r in absent["registrants"]] == ["away@example.com"]


def test_webinar_triggers(zemu: ZemuServer) -> None:
    for event in (
        "webinar.created",
        "webinar.updated",
        "webinar.deleted",
        "webinar.registration_created",
        "webinar.registration_approved",
        "webinar.registration_denied",
        "webinar.registration_cancelled",
    ):
        answer = zemu.control.post(f"/zemu/trigger/{event}")
        assert answer.status_code == 200, (event, answer.text)
        assert events(zemu, event), event
