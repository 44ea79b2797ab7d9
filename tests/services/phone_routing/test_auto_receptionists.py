"""Auto receptionists: list, details, create, update, delete, numbers, IVR."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def receptionists(zemu: ZemuServer) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in zemu.api.get("/phone/auto_receptionists").json()["auto_receptionists"]}


def main_receptionist(zemu: ZemuServer, world: dict[str, Any]) -> dict[str, Any]:
    ref = world["site"]["main_auto_receptionist"]
    return next(r for r in receptionists(zemu).values() if r["id"] == ref["id"])


def test_the_demo_ivr_routes_keys_to_the_queues_and_the_operator(
    zemu: ZemuServer, world: dict[str, Any], queues: dict
) -> None:
    main = main_receptionist(zemu, world)
    assert len(main["phone_numbers"]) == 1
    ivr = zemu.api.get(f"/phone/auto_receptionists/{main['id']}/ivr").json()
    routes = {k["key"]: (k["action"], k["target"]["display_name"]) for k in ivr["key_actions"]}
    assert routes["1"] == (7, "Sales") and routes["2"] == (7, "Support") and routes["3"] == (7, "Billing")
    assert routes["0"][0] == 2 and routes["0"][1]
    closed = zemu.api.get(f"/phone/auto_receptionists/{main['id']}/ivr", params={"hours_type": "closed_hours"})
    assert closed.status_code == 200 and closed.json()["key_actions"] == []


def test_create_get_update_and_delete(zemu: ZemuServer, world: dict[str, Any]) -> None:
    answer = zemu.api.post("/phone/auto_receptionists", json={"name": "After Hours", "site_id": world["site"]["id"]})
    assert answer.status_code == 201, answer.text
    created = answer.json()
    detail = zemu.api.get(f"/phone/auto_receptionists/{created['id']}").json()
    assert detail["name"] == "After Hours" and detail["extension_number"] == created["extension_number"]
    assert detail["site"]["id"] == world["site"]["id"]
    patch = zemu.api.patch(
        f"/phone/auto_receptionists/{created['id']}",
        json={"name": "Night Desk", "extension_number": 2990, "timezone": "America/Chicago"},
    )
    assert patch.status_code == 204, patch.text
    detail = zemu.api.get(f"/phone/auto_receptionists/{created['id']}").json()
    assert (detail["name"], detail["extension_number"], detail["timezone"]) == ("Night Desk", 2990, "America/Chicago")
    assert zemu.api.delete(f"/phone/auto_receptionists/{created['id']}").status_code == 204
    assert "Night Desk" not in receptionists(zemu)
    again = zemu.api.delete(f"/phone/auto_receptionists/{created['id']}")
    assert again.status_code == 400 and again.json()["code"] == 404


def test_the_main_receptionist_cannot_be_deleted(zemu: ZemuServer, world: dict[str, Any]) -> None:
    main = main_receptionist(zemu, world)
    refused = zemu.api.delete(f"/phone/auto_receptionists/{main['id']}")
    assert refused.json() == {"code": 400, "message": "Unable to delete main Auto receptionist."}
    assert main["name"] in receptionists(zemu)


def test_renaming_the_main_receptionist_shows_on_its_site(zemu: ZemuServer, world: dict[str, Any]) -> None:
    main = main_receptionist(zemu, world)
    assert zemu.api.patch(f"/phone/auto_receptionists/{main['id']}", json={"name": "Front Desk"}).status_code == 204
    site = zemu.api.get(f"/phone/sites/{world['site']['id']}")
    if site.status_code == 200:  # the phone package serves sites
        assert site.json()["main_auto_receptionist"]["name"] == "Front Desk"


def test_numbers_assign_and_unassign(zemu: ZemuServer, world: dict[str, Any]) -> None:
    created = zemu.api.post("/phone/auto_receptionists", json={"name": "Numbers AR"}).json()
    first, second = world["free_numbers"][:2]
    path = f"/phone/auto_receptionists/{created['id']}/phone_numbers"
    assert zemu.api.post(path, json={"phone_numbers": [{"id": first["id"]}, {"id": second["id"]}]}).status_code == 204
    assert len(zemu.api.get(f"/phone/auto_receptionists/{created['id']}").json()["phone_numbers"]) == 2
    assert zemu.api.delete(f"{path}/{first['id']}").status_code == 204
    not_ours = zemu.api.delete(f"{path}/{first['id']}")
    assert not_ours.json() == {"code": 400, "message": "Phone number does not belong to auto receptionist."}
    assert zemu.api.delete(path).status_code == 204
    assert zemu.api.get(f"/phone/auto_receptionists/{created['id']}").json()["phone_numbers"] == []
    missing = zemu.api.delete("/phone/auto_receptionists/nope/phone_numbers")
    assert missing.status_code == 404 and missing.json()["code"] == 404


def test_ivr_key_update_and_refusals(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    created = zemu.api.post("/phone/auto_receptionists", json={"name": "IVR AR"}).json()
    path = f"/phone/auto_receptionists/{created['id']}/ivr"
    support = queues["Support"]
    ok = zemu.api.patch(
        path,
        json={
            "hours_type": "closed_hours",
            "key_action": {"key": "5", "action": 7, "target": {"extension_id": support["extension_id"]}},
        },
    )
    assert ok.status_code == 204, ok.text
    closed = zemu.api.get(path, params={"hours_type": "closed_hours"}).json()
    assert closed["key_actions"] == [
        {
            "action": 7,
            "key": "5",
            "target": {
                "display_name": "Support",
                "extension_id": support["extension_id"],
                "extension_number": str(support["extension_number"]),
                "id": support["id"],
            },
        }
    ]
    assert zemu.api.get(path).json()["key_actions"] == []
    # a queue extension is not a user: forward-to-user refuses it, and nothing changes
    wrong = zemu.api.patch(
        path,
        json={
            "hours_type": "closed_hours",
            "key_action": {"key": "5", "action": 2, "target": {"extension_id": support["extension_id"]}},
        },
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == 300
    bad_key = zemu.api.patch(path, json={"key_action": {"key": "5", "action": 21}})
    assert bad_key.status_code == 400
    assert zemu.api.get(path, params={"hours_type": "closed_hours"}).json() == closed
    no_holiday = zemu.api.get(path, params={"hours_type": "holiday_hours", "holiday_id": "h1"})
    assert no_holiday.json() == {"code": 400, "message": "Holiday hours handling does not exist: h1."}


def test_deleting_a_queue_drops_the_ivr_keys_to_it(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    main = main_receptionist(zemu, world)
    assert zemu.api.delete(f"/phone/call_queues/{queues['Billing']['id']}").status_code == 204
    keys = [k["key"] for k in zemu.api.get(f"/phone/auto_receptionists/{main['id']}/ivr").json()["key_actions"]]
    assert "3" not in keys and "1" in keys


def test_list_pages(zemu: ZemuServer, world: dict[str, Any]) -> None:
    first = zemu.api.get("/phone/auto_receptionists", params={"page_size": 1}).json()
    assert len(first["auto_receptionists"]) == 1 and first["next_page_token"] and first["total_records"] >= 2
    rest = zemu.api.get("/phone/auto_receptionists", params={"next_page_token": first["next_page_token"]}).json()
    assert first["auto_receptionists"][0]["id"] not in {r["id"] for r in rest["auto_receptionists"]}
