"""The meeting simulator: an instance played on the emulated clock fills past meetings,
participants, poll answers and cloud recordings, and its events agree with them; recording
files are real and need an access token."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

import av
import httpx

from zemu.testing import ZemuServer


def events(zemu: ZemuServer, name: str) -> list[dict[str, Any]]:
    return [e["payload"] for e in zemu.outbox() if e["event"] == name]


def meeting(zemu: ZemuServer) -> dict[str, Any]:
    made = zemu.api.post(
        "/users/me/meetings", json={"topic": "Weekly sync", "type": 2, "start_time": zemu.now(), "duration": 30}
    )
    return made.json()


def test_a_simulated_meeting_fills_past_meetings_and_its_events_agree(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    poll = {"title": "Mood", "questions": [{"name": "How is it?", "type": "single", "answers": ["Good", "Bad"]}]}
    assert zemu.api.post(f"/meetings/{m['id']}/polls", json=poll).status_code == 201
    people = [
        {"name": "Ann Guest", "email": "ann@example.com", "join_minute": 2, "leave_minute": 10},
        {"name": "Bo Guest", "email": "bo@example.com", "join_minute": 0, "leave_minute": 20},
    ]
    answer = zemu.control.post(
        f"/zemu/meetings/{m['id']}/simulate", json={"participants": people, "duration_minutes": 20, "polls": True}
    )
    assert answer.status_code == 201, answer.text
    run = answer.json()
    assert run["uuid"] == m["uuid"] and run["participants"] == 3
    assert events(zemu, "meeting.started")[-1]["object"]["uuid"] == run["uuid"]
    assert zemu.api.get(f"/meetings/{m['id']}").json()["status"] == "started"
    live = zemu.api.get("/users/me/meetings", params={"type": "live"}).json()["meetings"]
    assert [x["id"] for x in live] == [m["id"]]

    zemu.advance(20 * 60 + 5)
    api = zemu.api
    joined = [e["object"]["participant"]["user_name"] for e in events(zemu, "meeting.participant_joined")]
    left = [e["object"]["participant"] for e in events(zemu, "meeting.participant_left")]
    assert sorted(joined) == sorted(["Avery Owner", "Ann Guest", "Bo Guest"]) or len(joined) == 3
    assert len(left) == 3
    ended = events(zemu, "meeting.ended")[-1]["object"]
    assert ended["uuid"] == run["uuid"] and ended["end_time"] == run["ends_at"]

    instances = api.get(f"/past_meetings/{m['id']}/instances").json()["meetings"]
    assert instances == [{"uuid": run["uuid"], "start_time": run["starts_at"]}]
    details = api.get(f"/past_meetings/{quote(quote(run['uuid'], safe=''), safe='')}").json()
    assert details["participants_count"] == 3 and details["end_time"] == run["ends_at"]
    assert details["duration"] == 20 and details["id"] == m["id"]
    participants = api.get(f"/past_meetings/{m['id']}/participants").json()
    ann = next(p for p in participants["participants"] if p["name"] == "Ann Guest")
    assert ann["duration"] == 8 * 60 - 1 and participants["total_records"] == 3
    polls = api.get(f"/past_meetings/{m['id']}/polls").json()
    assert len(polls["questions"]) == 3 and polls["questions"][0]["question_details"][0]["question"] == "How is it?"
    assert api.get(f"/meetings/{m['id']}").json()["status"] == "waiting"


def test_recordings_list_download_trash_recover_and_delete(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    run = zemu.control.post(
        f"/zemu/meetings/{m['id']}/simulate", json={"participants": 3, "duration_minutes": 2, "record": True}
    ).json()
    zemu.advance(125)
    api = zemu.api
    completed = events(zemu, "recording.completed")[-1]["object"]
    assert completed["uuid"] == run["uuid"] and completed["recording_count"] == 4
    listed = api.get("/users/me/recordings").json()
    assert [r["uuid"] for r in listed["meetings"]] == [run["uuid"]]
    got = api.get(f"/meetings/{m['id']}/recordings").json()
    files = {f["file_type"]: f for f in got["recording_files"]}
    assert set(files) == {"MP4", "M4A", "TRANSCRIPT", "CHAT"}

    refused = httpx.get(files["MP4"]["download_url"])
    assert refused.status_code == 401 and refused.json()["code"] == 124
    token = zemu.token()
    video = httpx.get(files["MP4"]["download_url"], params={"access_token": token})
    assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
    with av.open(io.BytesIO(video.content)) as container:
        assert sorted(s.type for s in container.streams) == ["audio", "video"]
        assert abs(container.duration / 1e6 - 120) < 2
    audio = httpx.get(files["M4A"]["download_url"], headers={"Authorization": f"Bearer {token}"})
    with av.open(io.BytesIO(audio.content)) as container:
        assert [s.type for s in container.streams] == ["audio"]
    vtt = httpx.get(files["TRANSCRIPT"]["download_url"], params={"access_token": token}).text
    assert vtt.startswith("WEBVTT") and "-->" in vtt
    chat = httpx.get(files["CHAT"]["download_url"], params={"access_token": token}).text
    sent = [
        e["object"]["chat_message"]["message_content"]
        for e in events(zemu, "meeting.chat_message_sent")
        if e["object"]["uuid"] == run["uuid"]
    ]
    assert sent and [line.split("\t")[1] for line in chat.strip().splitlines()] == sent
    assert events(zemu, "meeting.sharing_started")[-1]["object"]["uuid"] == run["uuid"]
    assert events(zemu, "meeting.sharing_ended")[-1]["object"]["uuid"] == run["uuid"]

    assert api.delete(f"/meetings/{m['id']}/recordings").status_code == 204
    assert events(zemu, "recording.trashed")
    assert api.get("/users/me/recordings").json()["meetings"] == []
    assert [r["uuid"] for r in api.get("/users/me/recordings", params={"trash": "true"}).json()["meetings"]] == [
        run["uuid"]
    ]
    assert api.put(
        f"/meetings/{quote(quote(run['uuid'], safe=''), safe='')}/recordings/status", json={"action": "recover"}
    ).status_code in (200, 204)
    assert api.get(f"/meetings/{m['id']}/recordings").status_code == 200
    assert api.delete(f"/meetings/{m['id']}/recordings", params={"action": "delete"}).status_code == 204
    gone = api.get(f"/meetings/{m['id']}/recordings")
    assert gone.status_code == 404 and gone.json()["code"] == 3301
    assert httpx.get(files["CHAT"]["download_url"], params={"access_token": token}).status_code == 404


def test_simulate_refuses_bad_input_and_changes_nothing(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    count = len(zemu.outbox())
    for body in (
        {"participants": 0},
        {"participants": [{"email": "x@example.com"}]},
        {"duration_minutes": -3},
        {"participants": "many"},
        {"at": "yesterday"},
        {"record": "yes"},
        {"participants": [{"name": "A", "join_minute": "x"}]},
        {"participants": [{"name": "A", "join_minute": 5, "leave_minute": 2}]},
    ):
        answer = zemu.control.post(f"/zemu/meetings/{m['id']}/simulate", json=body)
        assert answer.status_code == 400 and answer.json()["code"] == 300, body
    assert zemu.control.post("/zemu/meetings/99999999999/simulate", json={}).status_code == 404
    assert (
        zemu.control.post(
            f"/zemu/meetings/{m['id']}/simulate", content=b"[", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert len(zemu.outbox()) == count
    assert zemu.api.get(f"/past_meetings/{m['id']}/instances").json()["meetings"] == []


def test_ending_a_meeting_through_the_api_ends_the_instance(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    run = zemu.control.post(
        f"/zemu/meetings/{m['id']}/simulate", json={"participants": 2, "duration_minutes": 30}
    ).json()
    zemu.advance(300)
    assert zemu.api.put(f"/meetings/{m['id']}/status", json={"action": "end"}).status_code == 204
    ended = events(zemu, "meeting.ended")[-1]["object"]
    assert ended["uuid"] == run["uuid"] and ended["duration"] == 5
    zemu.advance(3000)
    assert len(events(zemu, "meeting.ended")) == 1
    assert zemu.api.get(f"/past_meetings/{m['id']}").json()["duration"] == 5


def test_triggers_cause_each_simulator_event(zemu: ZemuServer) -> None:
    for event in (
        "meeting.started",
        "meeting.ended",
        "meeting.participant_joined",
        "meeting.participant_left",
        "meeting.sharing_started",
        "meeting.sharing_ended",
        "meeting.chat_message_sent",
        "meeting.chat_message_file_sent",
        "webinar.started",
        "webinar.ended",
        "webinar.participant_joined",
        "webinar.participant_left",
        "webinar.sharing_started",
        "webinar.sharing_ended",
        "webinar.chat_message_sent",
        "webinar.chat_message_file_sent",
        "recording.completed",
        "recording.trashed",
        "recording.deleted",
        "recording.recovered",
    ):
        answer = zemu.control.post(f"/zemu/trigger/{event}")
        assert answer.status_code == 200, (event, answer.text)
        assert events(zemu, event), event


def test_the_cli_simulates_a_meeting(zemu: ZemuServer) -> None:
    from click.testing import CliRunner

    from zemu.cli import main

    m = meeting(zemu)
    result = CliRunner().invoke(
        main,
        [
            "meeting",
            "simulate",
            str(m["id"]),
            "--url",
            zemu.url,
            "--duration",
            "5",
            "--person",
            "Ann,ann@example.com,0,5",
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"uuid"' in result.output and events(zemu, "meeting.started")
    bad = CliRunner().invoke(main, ["meeting", "simulate", str(m["id"]), "--url", zemu.url, "--person", "x"])
    assert bad.exit_code != 0


def test_recording_viewers_register_and_are_approved(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    base = f"/meetings/{m['id']}/recordings/registrants"
    assert zemu.api.get(base).json()["code"] == 3301
    zemu.control.post(f"/zemu/meetings/{m['id']}/simulate", json={"duration_minutes": 1, "record": True})
    zemu.advance(65)
    assert zemu.api.patch(f"/meetings/{m['id']}/recordings/settings", json={"approval_type": 1}).status_code == 204
    assert zemu.api.get(f"/meetings/{m['id']}/recordings/settings").json()["approval_type"] == 1
    made = zemu.api.post(base, json={"email": "viewer@example.com", "first_name": "Vi"})
    assert made.status_code == 201 and made.json()["id"] == m["id"]
    assert zemu.api.get(base, params={"status": "pending"}).json()["total_records"] == 1
    assert (
        zemu.api.put(
            f"{base}/status", json={"action": "approve", "registrants": [{"id": made.json()["registrant_id"]}]}
        ).status_code
        == 204
    )
    assert zemu.api.get(base).json()["registrants"][0]["email"] == "viewer@example.com"
    assert events(zemu, "recording.registration_approved")
    questions = {"questions": [{"field_name": "org", "required": True}], "custom_questions": []}
    assert zemu.api.patch(f"{base}/questions", json=questions).status_code == 204
    assert zemu.api.get(f"{base}/questions").json() == questions
    for event in ("recording.registration_created", "recording.registration_denied"):
        assert zemu.control.post(f"/zemu/trigger/{event}").status_code == 200
        assert events(zemu, event)


def test_files_shared_in_the_chat_are_past_meeting_files_that_download(zemu: ZemuServer) -> None:
    import pypdf

    m = meeting(zemu)
    run = zemu.control.post(
        f"/zemu/meetings/{m['id']}/simulate", json={"participants": 3, "duration_minutes": 6, "files": 2}
    ).json()
    zemu.advance(6 * 60 + 5)
    sent = [e["object"]["chat_message_file"] for e in events(zemu, "meeting.chat_message_file_sent")]
    assert [s["file_name"] for s in sent] == ["Agenda.pdf", "Slides.pdf"]
    assert zemu.api.get(f"/past_meetings/{m['id']}/instances").json()["meetings"][0]["uuid"] == run["uuid"]
    listed = zemu.api.get(f"/past_meetings/{m['id']}/files").json()  # the latest instance's (the path takes a number)
    assert listed["total_records"] == 2
    assert [f["download_url"] for f in listed["in_meeting_files"]] == [s["download_url"] for s in sent]
    slides = listed["in_meeting_files"][1]
    assert httpx.get(slides["download_url"]).status_code == 401  # a token of the account opens it
    token = zemu.token()
    got = httpx.get(slides["download_url"], headers={"Authorization": f"Bearer {token}"})
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert len(got.content) == slides["file_size"] == sent[1]["file_size"]
    document = pypdf.PdfReader(io.BytesIO(got.content))
    assert len(document.pages) == 3 and "Slides" in document.pages[0].extract_text()
    again = httpx.get(slides["download_url"], params={"access_token": token})
    assert again.content == got.content


def test_a_webinar_lists_its_files_too_and_a_meeting_without_shares_none(zemu: ZemuServer) -> None:
    m = meeting(zemu)
    zemu.control.post(f"/zemu/meetings/{m['id']}/simulate", json={"participants": 2, "duration_minutes": 1})
    zemu.advance(65)
    assert zemu.api.get(f"/past_meetings/{m['id']}/files").json() == {"total_records": 0, "in_meeting_files": []}
    made = zemu.api.post("/users/me/webinars", json={"topic": "Talk", "type": 5, "start_time": zemu.now()})
    assert made.status_code == 201, made.text
    w = made.json()
    run = zemu.control.post(
        f"/zemu/meetings/{w['id']}/simulate", json={"participants": 2, "duration_minutes": 4, "files": 1}
    )
    assert run.status_code == 201
    zemu.advance(4 * 60 + 5)
    sent = events(zemu, "webinar.chat_message_file_sent")[-1]["object"]
    assert sent["webinar_id"] == w["id"]
    files = zemu.api.get(f"/past_webinars/{w['id']}/files").json()["in_meeting_files"]
    assert [f["file_name"] for f in files] == ["Agenda.pdf"]
    assert files[0]["download_url"] == sent["chat_message_file"]["download_url"]
