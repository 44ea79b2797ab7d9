"""A desk phone registers after it is added (``phone.device_registration``, once), and a user
group's phone policy overrides the account's (``phone.group_settings_updated``), with Zoom's
errors changing nothing."""

from __future__ import annotations

from phone_core_helpers import events

from zemu.services.phone.devices import REGISTER_SECONDS
from zemu.testing import ZemuServer

POLICY = "/phone/groups/{}/policies/allow_emergency_calls"


def _add(zemu: ZemuServer, mac: str) -> str:
    added = zemu.api.post("/phone/devices", json={"display_name": "Lobby", "mac_address": mac, "type": "polycom"})
    assert added.status_code == 201, added.text
    return str(added.json()["id"])


def test_an_added_desk_phone_comes_online_and_registers_once(zemu: ZemuServer) -> None:
    count = len(zemu.outbox())
    device_id = _add(zemu, "00:04:f2:12:34:56")
    gone_id = _add(zemu, "00:04:f2:12:34:57")
    assert zemu.api.get(f"/phone/devices/{device_id}").json()["status"] == "offline"
    assert zemu.api.delete(f"/phone/devices/{gone_id}").status_code == 204  # removed before it came up
    zemu.advance(REGISTER_SECONDS - 5)
    assert events(zemu, "phone.device_registration", count) == []
    zemu.advance(10)
    assert zemu.api.get(f"/phone/devices/{device_id}").json()["status"] == "online"
    assert [e["object"] for e in events(zemu, "phone.device_registration", count)] == [
        {"device_id": device_id, "device_name": "Lobby", "mac_address": "0004f2123456"}
    ]
    rename = zemu.api.patch(f"/phone/devices/{device_id}", json={"display_name": "Lobby 2"})
    assert rename.status_code == 204
    zemu.advance(REGISTER_SECONDS * 2)
    assert len(events(zemu, "phone.device_registration", count)) == 1


def test_a_group_policy_overrides_the_account_and_reset_follows_it_again(zemu: ZemuServer) -> None:
    api = zemu.api
    group = api.get("/groups").json()["groups"][0]
    url = POLICY.format(group["id"])
    before = api.get(url).json()["allow_emergency_calls"]
    assert before["modified"] is False and before["allow_emergency_calls_from_clients"] is True
    count = len(zemu.outbox())
    flip = {"allow_emergency_calls": {"allow_emergency_calls_from_clients": False, "locked": True}}
    assert api.patch(url, json=flip).status_code == 204
    after = api.get(url).json()["allow_emergency_calls"]
    assert after["allow_emergency_calls_from_clients"] is False and after["modified"] is True
    assert after["locked_by"] == "user_group"
    account = api.get("/phone/policies/allow_emergency_calls").json()["allow_emergency_calls"]
    assert account["allow_emergency_calls_from_clients"] is True  # the account's own block is untouched
    [sent] = events(zemu, "phone.group_settings_updated", count)
    assert sent["object"] == {"group_id": group["id"], "settings": {"allow_emergency_calls": after}}
    assert sent["old_object"] == {"group_id": group["id"], "settings": {"allow_emergency_calls": before}}

    assert api.patch(url, json=flip).status_code == 204  # the same values again change nothing
    assert len(events(zemu, "phone.group_settings_updated", count)) == 1
    reset = api.patch(url, json={"allow_emergency_calls": {"reset": True}})
    assert reset.status_code == 204
    assert api.get(url).json()["allow_emergency_calls"] == before
    assert len(events(zemu, "phone.group_settings_updated", count)) == 2


def test_group_policy_errors_are_zoom_s_and_change_nothing(zemu: ZemuServer) -> None:
    api = zemu.api
    group = api.get("/groups").json()["groups"][0]
    url = POLICY.format(group["id"])
    count = len(zemu.outbox())
    missing = api.get(POLICY.format("nope"))
    assert missing.status_code == 404
    assert missing.json() == {"code": 2040, "message": "User group does not exist: nope."}
    both = api.patch(url, json={"allow_emergency_calls": {"reset": True, "locked": True}})
    assert both.status_code == 400 and both.json()["message"].startswith("Lock and reset")
    mixed = api.patch(url, json={"allow_emergency_calls": {"reset": True, "enable": False}})
    assert mixed.status_code == 400 and mixed.json()["message"].startswith("Reset cannot")
    assert api.get(f"/phone/groups/{group['id']}/policies/nonsense").status_code == 400
    assert api.get(url).json()["allow_emergency_calls"]["modified"] is False
    assert events(zemu, "phone.group_settings_updated", count) == []


def test_the_triggers_register_a_new_desk_phone_and_change_a_group_policy(zemu: ZemuServer) -> None:
    count = len(zemu.outbox())
    for event in ("phone.device_registration", "phone.group_settings_updated"):
        answer = zemu.control.post(f"/zemu/trigger/{event}", json={})
        assert answer.status_code == 200, answer.text
    [registered] = events(zemu, "phone.device_registration", count)
    device = zemu.api.get(f"/phone/devices/{registered['object']['device_id']}").json()
    assert device["status"] == "online"
    [changed] = events(zemu, "phone.group_settings_updated", count)
    assert zemu.api.get(POLICY.format(changed["object"]["group_id"])).json()["allow_emergency_calls"]["modified"]
