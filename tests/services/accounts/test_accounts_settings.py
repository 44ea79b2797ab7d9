"""Account settings and locked settings: complete default trees, PATCH changes exactly what it sent."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_settings_hold_the_full_default_tree(zemu: ZemuServer) -> None:
    settings = zemu.api.get("/accounts/me/settings").json()
    assert {"schedule_meeting", "in_meeting", "recording", "security", "telephony"} <= set(settings)
    assert settings["schedule_meeting"]["audio_type"] == "both"  # a documented default


def test_patch_changes_exactly_what_was_sent_and_emits_the_change(zemu: ZemuServer) -> None:
    before = zemu.api.get("/accounts/me/settings").json()
    answer = zemu.api.patch("/accounts/me/settings", json={"schedule_meeting": {"host_video": True}})
    assert answer.status_code == 204
    after = zemu.api.get("/accounts/me/settings").json()
    assert after["schedule_meeting"]["host_video"] is True
    after["schedule_meeting"]["host_video"] = before["schedule_meeting"]["host_video"]
    assert after == before
    event = [e for e in zemu.outbox() if e["event"] == "account.settings_updated"][-1]
    assert event["payload"]["object"]["settings"] == {"schedule_meeting": {"host_video": True}}
    assert event["payload"]["old_object"]["settings"] == {"schedule_meeting": {"host_video": False}}


def test_custom_query_fields_and_the_security_option_filter_the_tree(zemu: ZemuServer) -> None:
    picked = zemu.api.get("/accounts/me/settings", params={"custom_query_fields": "host_video,participant_video"})
    assert picked.json() == {"schedule_meeting": {"host_video": False, "participant_video": False}}
    security = zemu.api.get("/accounts/me/settings", params={"option": "security"}).json()
    assert list(security) == ["security"]


def test_meeting_authentication_options_can_be_added(zemu: ZemuServer) -> None:
    params = {"option": "meeting_authentication"}
    body = {
        "meeting_authentication": True,
        "authentication_option": {"action": "add", "name": "Staff only", "type": "enforce_login"},
    }
    assert zemu.api.patch("/accounts/me/settings", params=params, json=body).status_code == 204
    view = zemu.api.get("/accounts/me/settings", params=params).json()
    assert view["meeting_authentication"] is True
    assert [o["name"] for o in view["authentication_options"]] == ["Staff only"]


def test_sub_account_settings_are_its_own(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    zemu.api.patch(f"/accounts/{demo_sub['id']}/settings", json={"recording": {"cloud_recording": True}})
    assert zemu.api.get(f"/accounts/{demo_sub['id']}/settings").json()["recording"]["cloud_recording"] is True
    assert zemu.api.get("/accounts/me/settings").json()["recording"]["cloud_recording"] is False


def test_a_free_sub_account_has_no_settings_api(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    answer = zemu.api.get(f"/accounts/{sub}/settings")
    assert answer.status_code == 400 and answer.json() == {"code": 200, "message": "Only available for paid accounts."}


def test_settings_of_an_unknown_account_are_404(zemu: ZemuServer) -> None:
    answer = zemu.api.patch("/accounts/UnknownAccount000000000/settings", json={"recording": {"cloud_recording": True}})
    assert answer.status_code == 404 and answer.json()["code"] == 2001


def test_lock_settings_patch_is_visible_and_emitted(zemu: ZemuServer) -> None:
    assert zemu.api.get("/accounts/me/lock_settings").json()["schedule_meeting"]["host_video"] is False
    answer = zemu.api.patch("/accounts/me/lock_settings", json={"schedule_meeting": {"host_video": True}})
    assert answer.status_code == 200  # as documented, with an empty body
    assert zemu.api.get("/accounts/me/lock_settings").json()["schedule_meeting"]["host_video"] is True
    event = [e for e in zemu.outbox() if e["event"] == "account.lock_settings_updated"][-1]
    assert event["payload"]["object"]["settings"] == {"schedule_meeting": {"host_video": True}}


def test_lock_settings_meeting_security_view(zemu: ZemuServer) -> None:
    view = zemu.api.get("/accounts/me/lock_settings", params={"option": "meeting_security"}).json()
    assert list(view) == ["meeting_security"] and view["meeting_security"]["waiting_room"] is False


def test_a_lock_the_read_tree_cannot_hold_is_ignored(zemu: ZemuServer) -> None:
    """Zoom documents the locked ``encryption_type`` as a string to PATCH and a boolean to GET
    (and its event): what the read tree cannot hold is ignored, and the rest of the change applies."""
    answer = zemu.api.patch(
        "/accounts/me/lock_settings",
        json={"meeting_security": {"encryption_type": "e2ee"}, "schedule_meeting": {"host_video": True}},
    )
    assert answer.status_code == 200, answer.text
    assert zemu.api.get("/accounts/me/lock_settings").json()["schedule_meeting"]["host_video"] is True
    event = [e for e in zemu.outbox() if e["event"] == "account.lock_settings_updated"][-1]
    assert event["payload"]["object"]["settings"] == {"schedule_meeting": {"host_video": True}}
