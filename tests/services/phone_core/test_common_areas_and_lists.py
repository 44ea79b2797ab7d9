"""Common areas (official and the seed's legacy paths), shared line groups, blocked list,
external contacts and the dial-by-name directory."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_legacy_and_official_common_area_paths_share_state(zemu: ZemuServer) -> None:
    api = zemu.api
    made = api.post(
        "/phone/common_area_phones",
        json={"display_name": "Kitchen", "extension_number": 880, "mac_address": "001122334455", "type": "poly"},
    )
    assert made.status_code == 201
    area_id = made.json()["id"]
    legacy = api.get(f"/phone/common_area_phones/{area_id}").json()
    assert legacy["extension_number"] == 880 and legacy["mac_address"] == "001122334455"
    official = api.get(f"/phone/common_areas/{area_id}").json()
    assert official["display_name"] == "Kitchen" and official["desk_phones"][0]["device_type"] == "poly"
    assert api.patch(f"/phone/common_areas/{area_id}", json={"display_name": "Kitchenette"}).status_code == 204
    assert api.get(f"/phone/common_area_phones/{area_id}").json()["display_name"] == "Kitchenette"
    taken = api.post("/phone/common_areas", json={"display_name": "Dup", "extension_number": 880})
    assert taken.status_code == 400 and taken.json()["message"] == "Extension number 880 is already used."
    assert api.delete(f"/phone/common_area_phones/{area_id}").status_code == 204
    gone = api.get(f"/phone/common_areas/{area_id}")
    assert gone.status_code == 400
    assert gone.json() == {"code": 404, "message": f"Common area does not exist: {area_id}."}
    again = api.post("/phone/common_areas", json={"display_name": "Kitchen 2", "extension_number": 880})
    assert again.status_code == 201  # the extension was released
    listed = api.get("/phone/common_areas").json()["common_areas"]
    assert "Kitchen 2" in [a["display_name"] for a in listed]
    assert len(api.get("/phone/common_area_phones").json()["common_area_phones"]) == len(listed)


def test_shared_line_group_lifecycle(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    api = zemu.api
    made = api.post("/phone/shared_line_groups", json={"display_name": "Sales Line", "extension_number": 777})
    assert made.status_code == 201
    group_id = made.json()["id"]
    clash = api.post("/phone/shared_line_groups", json={"display_name": "Other", "extension_number": 777})
    assert clash.status_code == 400 and clash.json()["code"] == 400
    assert (
        api.post(
            f"/phone/shared_line_groups/{group_id}/members",
            json={"members": {"users": [{"id": phone_users[0]["id"]}, {"email": phone_users[1]["email"]}]}},
        ).status_code
        == 201
    )
    members = api.get(f"/phone/shared_line_groups/{group_id}").json()["members"]["users"]
    assert [m["id"] for m in members] == [phone_users[0]["id"], phone_users[1]["id"]]
    assert api.delete(f"/phone/shared_line_groups/{group_id}/members/{phone_users[0]['id']}").status_code == 204
    assert len(api.get(f"/phone/shared_line_groups/{group_id}").json()["members"]["users"]) == 1
    assert api.delete(f"/phone/shared_line_groups/{group_id}").status_code == 204
    gone = api.get(f"/phone/shared_line_groups/{group_id}")
    assert gone.status_code == 404 and gone.json()["message"] == f"Shared line group does not exist: {group_id}."


def test_blocked_list_and_external_contacts_crud(zemu: ZemuServer) -> None:
    api = zemu.api
    assert api.get("/phone/blocked_list").json()["total_records"] == 1
    made = api.post(
        "/phone/blocked_list",
        json={
            "phone_number": "+14155550000",
            "block_type": "outbound",
            "match_type": "phoneNumber",
            "status": "active",
        },
    )
    blocked_id = made.json()["id"]
    assert api.post("/phone/blocked_list", json={"phone_number": "123", "country": "USA"}).status_code == 400
    assert api.patch(f"/phone/blocked_list/{blocked_id}", json={"comment": "spam"}).status_code == 204
    assert api.get(f"/phone/blocked_list/{blocked_id}").json()["comment"] == "spam"
    assert api.delete(f"/phone/blocked_list/{blocked_id}").status_code == 204
    missing = api.get(f"/phone/blocked_list/{blocked_id}")
    assert missing.json() == {"code": 400, "message": f"Blocked number (Id: {blocked_id}) does not exist."}

    assert len(api.get("/phone/external_contacts").json()["external_contacts"]) >= 3
    contact = api.post("/phone/external_contacts", json={"name": "Zed", "phone_numbers": ["+15550001111"]}).json()
    contact_id = contact["external_contact_id"]
    assert api.patch(f"/phone/external_contacts/{contact_id}", json={"email": "z@x.example"}).status_code == 204
    assert api.get(f"/phone/external_contacts/{contact_id}").json()["email"] == "z@x.example"
    assert api.delete(f"/phone/external_contacts/{contact_id}").status_code == 204
    assert api.get(f"/phone/external_contacts/{contact_id}").status_code == 400


def test_dial_by_name_directory_by_site(zemu: ZemuServer, demo_sites: list[dict[str, Any]]) -> None:
    api = zemu.api
    site = demo_sites[0]
    listed = api.get(
        f"/phone/sites/{site['id']}/dial_by_name_directory/extensions", params={"in_directory": True}
    ).json()["result"]
    assert listed and {e["site"]["id"] for e in listed} == {site["id"]}
    ext = listed[0]["extension_id"]
    assert (
        api.delete(
            "/phone/dial_by_name_directory/extensions", params={"site_id": site["id"], "extension_ids": [ext]}
        ).status_code
        == 204
    )
    outside = api.get("/phone/dial_by_name_directory/extensions", params={"site_id": site["id"]}).json()["result"]
    assert [e["extension_id"] for e in outside] == [ext]
    assert (
        api.post(
            f"/phone/sites/{site['id']}/dial_by_name_directory/extensions", json={"extension_ids": [ext]}
        ).status_code
        == 201
    )
    assert api.get("/phone/dial_by_name_directory/extensions", params={"site_id": site["id"]}).json()["result"] == []


def test_account_settings_policy_and_phone_settings(zemu: ZemuServer) -> None:
    api = zemu.api
    picked = api.get("/phone/account_settings", params={"setting_types": "voicemail,sms"}).json()
    assert set(picked) == {"voicemail", "sms"}
    everything = api.get("/phone/account_settings").json()  # the answer saved with the settings
    assert len(everything) > 20 and everything["sms"] == picked["sms"]
    assert api.get("/phone/account_settings", params={"setting_types": ",".join(everything)}).json() == everything
    bad = api.get("/phone/account_settings", params={"setting_types": "nonsense"})
    assert bad.status_code == 400 and bad.json()["code"] == 400
    count = len(zemu.outbox())
    assert (
        api.patch(
            "/phone/policies/allow_emergency_calls", json={"allow_emergency_calls": {"enable": False, "locked": True}}
        ).status_code
        == 204
    )
    policy = api.get("/phone/policies/allow_emergency_calls").json()["allow_emergency_calls"]
    assert policy["enable"] is False and policy["locked"] is True
    updated = [e for e in zemu.outbox()[count:] if e["event"] == "phone.account_settings_updated"]
    assert updated and updated[0]["payload"]["object"]["settings"]["allow_emergency_calls"]["locked"] is True
    assert api.get("/phone/policies/nonsense").status_code == 400
    assert api.patch("/phone/settings", json={"multiple_sites": {"enabled": False}}).status_code == 412
    assert api.patch("/phone/settings", json={"byoc": {"enable": True}}).status_code == 204
    assert api.get("/phone/settings").json()["byoc"] == {"enable": True}


def test_triggers_cause_the_phone_core_events(zemu: ZemuServer) -> None:
    count = len(zemu.outbox())
    for event in ("phone.generic_device_provision", "phone.account_settings_updated"):
        answer = zemu.control.post(f"/zemu/trigger/{event}", json={})
        assert answer.status_code == 200, answer.text
    names = [e["event"] for e in zemu.outbox()[count:]]
    assert names == ["phone.generic_device_provision", "phone.account_settings_updated"]
