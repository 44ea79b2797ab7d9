"""An invited user (``action=create``) is pending for 30 emulated days: until then their settings
and status can be read and changed; after that Zoom's 1120 says the invitation is gone."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer

LAPSED = {"code": 1120, "message": "A valid invitation to join the Zoom account was not found for this user."}
DAY = 86400


def invite(zemu: ZemuServer, email: str) -> dict[str, Any]:
    answer = zemu.api.post(
        "/users",
        json={"action": "create", "user_info": {"email": email, "type": 2, "first_name": "Ina", "last_name": "Vite"}},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_pending_users_settings_and_status_can_be_read_and_changed(zemu: ZemuServer) -> None:
    api = zemu.api
    user = invite(zemu, "ina.vite@example.com")
    settings = api.get(f"/users/{user['id']}/settings")
    assert settings.status_code == 200 and "schedule_meeting" in settings.json()
    changed = api.patch(f"/users/{user['id']}/settings", json={"schedule_meeting": {"host_video": True}})
    assert changed.status_code == 204, changed.text
    assert api.get(f"/users/{user['id']}/settings").json()["schedule_meeting"]["host_video"] is True
    assert api.get(f"/users/{user['id']}").json()["status"] == "pending"
    assert api.put(f"/users/{user['id']}/status", json={"action": "deactivate"}).status_code == 200  # as documented
    assert api.get(f"/users/{user['id']}").json()["status"] == "inactive"


def test_an_invitation_lapses_after_thirty_emulated_days(zemu: ZemuServer) -> None:
    user = invite(zemu, "late.vite@example.com")
    zemu.advance(29 * DAY)
    api = zemu.client(zemu.token())  # tokens last an hour
    assert api.get(f"/users/{user['id']}/settings").status_code == 200
    zemu.advance(2 * DAY)
    api = zemu.client(zemu.token())
    for answer in (
        api.get(f"/users/{user['id']}/settings"),
        api.patch(f"/users/{user['id']}/settings", json={"schedule_meeting": {"host_video": True}}),
        api.put(f"/users/{user['id']}/status", json={"action": "activate"}),
    ):
        assert answer.status_code == 400 and answer.json() == LAPSED
    assert api.get(f"/users/{user['id']}").json()["status"] == "pending"
    accepted = zemu.control.post("/zemu/trigger/user.invitation_accepted", json={"user": user["email"]})
    assert accepted.status_code == 400 and accepted.json() == LAPSED
