"""Sites (create, update, delete with transfer) and desk phones (add, assign, filters, delete)."""

from __future__ import annotations

from typing import Any

from phone_core_helpers import events

from zemu.testing import ZemuServer

ADDRESS = {"address_line1": "1 Main St", "city": "Denver", "state_code": "CO", "zip": "80202", "country": "US"}


def test_create_update_and_delete_a_site_moving_its_members(
    zemu: ZemuServer, phone_users: list[dict[str, Any]], demo_sites: list[dict[str, Any]]
) -> None:
    api = zemu.api
    made = api.post(
        "/phone/sites",
        json={"name": "Denver", "auto_receptionist_name": "Denver AR", "default_emergency_address": ADDRESS},
    )
    assert made.status_code == 201
    site = made.json()
    detail = api.get(f"/phone/sites/{site['id']}").json()
    assert detail["name"] == "Denver" and detail["main_auto_receptionist"]["name"] == "Denver AR"
    assert "voicemail" in detail["policy"]
    assert api.patch(f"/phone/sites/{site['id']}", json={"name": "Denver Tech"}).status_code == 204
    assert api.get(f"/phone/sites/{site['id']}").json()["name"] == "Denver Tech"
    user = phone_users[0]
    assert api.patch(f"/phone/users/{user['id']}", json={"site_id": site["id"]}).status_code == 204
    main = next(s for s in demo_sites if s["name"] == "San Jose HQ")

    same = api.delete(f"/phone/sites/{site['id']}", params={"transfer_site_id": site["id"]})
    assert same.status_code == 400 and same.json() == {"code": 400, "message": "Unable to transfer to the same site."}
    assert api.get(f"/phone/sites/{site['id']}").status_code == 200
    assert api.delete(f"/phone/sites/{site['id']}", params={"transfer_site_id": main["id"]}).status_code == 204
    gone = api.get(f"/phone/sites/{site['id']}")
    assert gone.status_code == 400 and gone.json() == {"code": 400, "message": "The site does not exist."}
    assert api.get(f"/phone/users/{user['id']}").json()["site_id"] == main["id"]
    assert (
        api.delete(f"/phone/sites/{main['id']}", params={"transfer_site_id": demo_sites[1]["id"]}).status_code == 400
    )  # the main site stays


def test_add_assign_list_and_delete_a_desk_phone(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    api = zemu.api
    user = phone_users[5]
    count = len(zemu.outbox())
    made = api.post(
        "/phone/devices",
        json={
            "display_name": "Desk 5",
            "mac_address": "AA:BB:CC:00:11:22",
            "type": "yealink",
            "assignee_extension_ids": [user["extension_id"]],
        },
    )
    assert made.status_code == 201
    device_id = made.json()["id"]
    provisioned = events(zemu, "phone.generic_device_provision", count)
    assert provisioned[-1]["object"]["id"] == device_id and provisioned[-1]["object"]["provision"]["sip_accounts"]
    got = api.get(f"/phone/devices/{device_id}").json()
    assert got["assignee"]["id"] == user["id"] and got["mac_address"] == "aabbcc001122"
    clash = api.post("/phone/devices", json={"display_name": "Dup", "mac_address": "aabbcc001122", "type": "poly"})
    assert clash.status_code == 400
    assigned = api.get("/phone/devices", params={"type": "assigned", "keyword": "desk 5"}).json()["devices"]
    assert [d["id"] for d in assigned] == [device_id]
    assert api.delete(f"/phone/devices/{device_id}/extensions/{user['extension_id']}").status_code == 204
    unassigned = api.get("/phone/devices", params={"type": "unassigned"}).json()["devices"]
    assert device_id in [d["id"] for d in unassigned]
    assert (
        api.patch(
            f"/phone/devices/{device_id}", json={"assigned_to": user["email"], "display_name": "Desk Five"}
        ).status_code
        == 204
    )
    assert api.get(f"/phone/devices/{device_id}").json()["display_name"] == "Desk Five"
    assert api.delete(f"/phone/devices/{device_id}").status_code == 204
    missing = api.get(f"/phone/devices/{device_id}")
    assert missing.status_code == 400 and missing.json()["message"] == "Device does not exist in the system."
