"""Call queues: list, details, create, update, delete."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_demo_has_three_queues_with_a_manager_members_and_a_number(zemu: ZemuServer, queues: dict) -> None:
    assert {"Sales", "Support", "Billing"} <= set(queues)
    for queue in queues.values():
        detail = zemu.api.get(f"/phone/call_queues/{queue['id']}").json()
        levels = [u["level"] for u in detail["members"]["users"]]
        assert levels.count("manager") == 1 and len(levels) >= 2
        assert len(detail["phone_numbers"]) == 1 and detail["phone_numbers"][0]["number"].startswith("+")
        assert detail["extension_number"] == queue["extension_number"]


def test_list_pages_with_a_token_and_filters_by_site(zemu: ZemuServer, world: dict[str, Any]) -> None:
    first = zemu.api.get("/phone/call_queues", params={"page_size": 2}).json()
    assert first["page_size"] == 2 and first["total_records"] >= 3 and first["next_page_token"]
    second = zemu.api.get("/phone/call_queues", params={"next_page_token": first["next_page_token"]}).json()
    names = [q["name"] for q in first["call_queues"] + second["call_queues"]]
    assert names == sorted(names, key=str.lower) and len(set(names)) == len(names)
    elsewhere = zemu.api.get("/phone/call_queues", params={"site_id": "no-such-site"}).json()
    assert elsewhere["call_queues"] == [] and elsewhere["total_records"] == 0


def test_create_then_read_update_and_delete(zemu: ZemuServer, world: dict[str, Any]) -> None:
    user = world["users"][-1]
    answer = zemu.api.post("/phone/call_queues", json={
        "name": "Escalations", "site_id": world["site"]["id"], "extension_number": 8800,
        "members": {"users": [{"email": user["email"]}]}})
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created["extension_number"] == 8800 and created["status"] == "active"
    detail = zemu.api.get(f"/phone/call_queues/{created['id']}").json()
    assert [u["id"] for u in detail["members"]["users"]] == [user["id"]]
    assert detail["site"] == {"id": world["site"]["id"], "name": world["site"]["name"]}

    patch = zemu.api.patch(f"/phone/call_queues/{created['id']}",
                           json={"name": "Escalations 2", "extension_number": 8801, "status": "inactive"})
    assert patch.status_code == 204, patch.text
    detail = zemu.api.get(f"/phone/call_queues/{created['id']}").json()
    assert (detail["name"], detail["extension_number"], detail["status"]) == ("Escalations 2", 8801, "inactive")

    # the old extension is free again: a new queue may take it
    again = zemu.api.post("/phone/call_queues", json={"name": "Reuse", "site_id": world["site"]["id"],
                                                      "extension_number": 8800})
    assert again.status_code == 201, again.text

    assert zemu.api.delete(f"/phone/call_queues/{created['id']}").status_code == 204
    gone = zemu.api.get(f"/phone/call_queues/{created['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 13000
    assert zemu.api.delete(f"/phone/call_queues/{created['id']}").json() == {
        "code": 400, "message": f"The group does not exist, groupId:{created['id']}."}


def test_an_extension_in_use_is_refused_and_nothing_is_created(zemu: ZemuServer, world: dict[str, Any],
                                                                queues: dict) -> None:
    taken = queues["Sales"]["extension_number"]
    answer = zemu.api.post("/phone/call_queues", json={"name": "Clash", "site_id": world["site"]["id"],
                                                       "extension_number": taken})
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": f"Extension number {taken} is already used."}
    names = [q["name"] for q in zemu.api.get("/phone/call_queues").json()["call_queues"]]
    assert "Clash" not in names


def test_an_unknown_member_refuses_the_whole_create(zemu: ZemuServer, world: dict[str, Any]) -> None:
    before = zemu.api.get("/phone/call_queues").json()["total_records"]
    answer = zemu.api.post("/phone/call_queues", json={"name": "Ghosts", "site_id": world["site"]["id"],
                                                       "members": {"users": [{"id": "nobodyAtAll1234567890a"}]}})
    assert answer.status_code == 404
    assert answer.json() == {"code": 1001, "message": "User not found: nobodyAtAll1234567890a"}
    assert zemu.api.get("/phone/call_queues").json()["total_records"] == before


def test_create_without_extension_picks_a_free_one_and_requires_a_site(zemu: ZemuServer,
                                                                         world: dict[str, Any]) -> None:
    answer = zemu.api.post("/phone/call_queues", json={"name": "Auto", "site_id": world["site"]["id"]})
    assert answer.status_code == 201
    numbers = {q["extension_number"] for q in zemu.api.get("/phone/call_queues").json()["call_queues"]}
    assert answer.json()["extension_number"] in numbers
    missing = zemu.api.post("/phone/call_queues", json={"name": "Nowhere"})
    assert missing.status_code == 400 and missing.json()["code"] == 300
    bad_site = zemu.api.post("/phone/call_queues", json={"name": "Nowhere", "site_id": "nosite"})
    assert bad_site.status_code == 400
