"""Policies of queues and receptionists, and their voicemail-access sub-settings."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_queue_policy_update_and_reset(zemu: ZemuServer, queues: dict) -> None:
    path = f"/phone/call_queues/{queues['Sales']['id']}/policies"
    fresh = zemu.api.get(path).json()
    assert fresh["voicemail_transcription"]["enable"] is False
    answer = zemu.api.patch(
        path,
        json={
            "voicemail_transcription": {"enable": True},
            "auto_call_recording": {"enable": True, "recording_calls": "inbound"},
        },
    )
    assert answer.status_code == 204, answer.text
    changed = zemu.api.get(path).json()
    assert changed["voicemail_transcription"] == {**fresh["voicemail_transcription"], "enable": True, "modified": True}
    assert changed["auto_call_recording"]["recording_calls"] == "inbound"
    assert zemu.api.patch(path, json={"voicemail_transcription": {"reset": True}}).status_code == 204
    assert zemu.api.get(path).json()["voicemail_transcription"] == fresh["voicemail_transcription"]


def test_queue_voicemail_access_members(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    queue = queues["Support"]["id"]
    user = world["users"][-1]
    added = zemu.api.post(
        f"/phone/call_queues/{queue}/policies/voice_mail",
        json={
            "voicemail_access_members": [
                {"access_user_id": user["id"], "access_user_type": "user", "allow_download": True}
            ]
        },
    )
    assert added.status_code == 201, added.text
    shared = added.json()["voicemail_access_members"][0]["shared_id"]
    access = zemu.api.get(f"/phone/call_queues/{queue}").json()["policy"]["voicemail_access_members"]
    assert [(a["access_user_id"], a["allow_download"]) for a in access] == [(user["id"], True)]
    assert (
        zemu.api.patch(
            f"/phone/call_queues/{queue}/policies/voice_mail",
            json={"voicemail_access_members": [{"shared_id": shared, "allow_delete": True}]},
        ).status_code
        == 204
    )
    access = zemu.api.get(f"/phone/call_queues/{queue}").json()["policy"]["voicemail_access_members"]
    assert access[0]["allow_delete"] is True
    wrong_type = zemu.api.post(f"/phone/call_queues/{queue}/policies/fax", json={"voicemail_access_members": []})
    assert wrong_type.json() == {"code": 13001, "message": "Invalid value for parameter fax."}
    assert (
        zemu.api.delete(f"/phone/call_queues/{queue}/policies/voice_mail", params={"shared_ids": shared}).status_code
        == 204
    )
    assert zemu.api.get(f"/phone/call_queues/{queue}").json()["policy"]["voicemail_access_members"] == []


def test_receptionist_policy_and_access(zemu: ZemuServer, world: dict[str, Any]) -> None:
    created = zemu.api.post("/phone/auto_receptionists", json={"name": "Policy AR"}).json()
    path = f"/phone/auto_receptionists/{created['id']}/policies"
    assert zemu.api.get(path).json()["sms"]["enable"] is False
    assert zemu.api.patch(path, json={"sms": {"enable": True, "international_sms": True}}).status_code == 204
    sms = zemu.api.get(path).json()["sms"]
    assert sms["enable"] is True and sms["international_sms"] is True and sms["modified"] is True
    user = world["users"][1]
    added = zemu.api.post(
        f"{path}/voice_mail",
        json={"voicemail_access_member": {"access_user_id": user["id"], "access_user_type": "user", "download": True}},
    )
    assert added.status_code == 201, added.text
    shared = added.json()["voicemail_access_member"]["shared_id"]
    assert zemu.api.get(path).json()["voicemail_access_members"][0]["shared_id"] == shared
    assert zemu.api.delete(f"{path}/voice_mail", params={"shared_ids": shared}).status_code == 204
    assert zemu.api.get(path).json()["voicemail_access_members"] == []
    ghost = zemu.api.post(f"{path}/voice_mail", json={"voicemail_access_member": {"access_user_id": "ghost"}})
    assert ghost.status_code == 400 and zemu.api.get(path).json()["voicemail_access_members"] == []


def test_the_unconfigured_main_receptionist_of_another_site_has_default_policy(
    zemu: ZemuServer, world: dict[str, Any]
) -> None:
    listed = zemu.api.get("/phone/auto_receptionists").json()["auto_receptionists"]
    for receptionist in listed:
        answer = zemu.api.get(f"/phone/auto_receptionists/{receptionist['id']}/policies")
        assert answer.status_code == 200 and "voicemail_transcription" in answer.json()
