"""Recordings and voicemails: lists, by-call reads, downloads that exist only once a file does."""

from __future__ import annotations

from history_helpers import recording_shapes, voicemail_shapes

from zemu.services.phone_history import records
from zemu.sim.artifacts import render


def test_recordings_are_listed_per_account_and_user_and_found_by_call(zemu, write, now, member):
    item, detail, user_item = recording_shapes(now - 60, member, call_id="7001", call_log_id="log-1")
    write(lambda tx, account: records.record_recording(tx, account, item, detail=detail, owner_item=user_item))
    account = zemu.api.get("/phone/recordings").json()
    assert [r["id"] for r in account["recordings"]] == [item["id"]] and account["total_records"] == 1
    on_demand = zemu.api.get("/phone/recordings", params={"recording_type": "OnDemand"}).json()
    assert on_demand["recordings"] == []
    assert zemu.api.get(f"/phone/users/{member['id']}/recordings").json()["recordings"] == [user_item]
    for ref in ("7001", "log-1", item["id"]):
        body = zemu.api.get(f"/phone/call_logs/{ref}/recordings").json()
        assert body["days_left_auto_permantely_delete"] == 30 and body["id"] == item["id"]
    missing = zemu.api.get("/phone/call_logs/nope/recordings")
    assert missing.status_code == 404
    assert missing.json() == {"code": 1001, "message": 'Recording does not exist: "nope".'}


def test_recording_downloads_answer_file_does_not_exist_until_the_file_is_there(zemu, write, now, member):
    item, detail, user_item = recording_shapes(now - 60, member, call_id="7002", call_log_id="log-2")
    file_id = records.file_id_of(item["download_url"])
    write(lambda tx, account: records.record_recording(tx, account, item, detail=detail, owner_item=user_item))
    for path in (f"/phone/recording/download/{file_id}", f"/phone/recording_transcript/download/{item['id']}"):
        answer = zemu.api.get(path)
        assert answer.status_code == 400 and answer.json() == {"code": 404, "message": "File does not exist."}
    recipe = render.audio_recipe(item["id"], 60, speakers=2)
    write(
        lambda tx, account: records.register_file(
            tx, account, file_id, kind="recording", recipe=recipe, name="call.mp3"
        )
    )
    download = zemu.api.get(f"/phone/recording/download/{file_id}")
    assert download.status_code == 200 and download.content == render.render(recipe)
    assert download.headers["content-type"] == "audio/mpeg"


def test_call_queue_recordings_need_an_existing_queue(zemu):
    answer = zemu.api.get("/phone/call_queues/nope/recordings")
    assert answer.status_code == 404 and answer.json()["code"] == 404


def test_voicemails_filter_by_status_and_are_read_one_by_one(zemu, write, now, member):
    unread, detail_a, user_a = voicemail_shapes(now - 120, member, call_id="8001")
    read, detail_b, user_b = voicemail_shapes(now - 60, member, call_id="8002", status="read")
    write(
        lambda tx, account: (
            records.record_voicemail(tx, account, unread, detail=detail_a, owner_item=user_a),
            records.record_voicemail(tx, account, read, detail=detail_b, owner_item=user_b),
        )
    )
    everything = zemu.api.get("/phone/voice_mails").json()
    assert [v["id"] for v in everything["voice_mails"]] == [read["id"], unread["id"]]
    assert everything["voice_mails"][0]["days_left_auto_permantely_delete"] == 30
    only_unread = zemu.api.get(f"/phone/users/{member['id']}/voice_mails", params={"status": "unread"}).json()
    assert only_unread["voice_mails"] == [user_a]
    assert zemu.api.get(f"/phone/voice_mails/{read['id']}").json() == detail_b
    by_call = zemu.api.get(f"/phone/users/{member['id']}/call_logs/8001/voice_mail").json()
    assert by_call["id"] == unread["id"] and by_call["transcription"]["content"] == "Call me back."
    missing = zemu.api.get("/phone/voice_mails/nope")
    assert missing.status_code == 400 and missing.json() == {"code": 300, "message": "Voice mail does not exist: nope."}
    download = zemu.api.get(f"/phone/voice_mails/download/{records.file_id_of(read['download_url'])}")
    assert download.status_code == 400 and download.json()["code"] == 404
