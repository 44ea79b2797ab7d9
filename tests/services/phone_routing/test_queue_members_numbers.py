"""Call queue members, the manager, and the queue's phone numbers."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def members(zemu: ZemuServer, queue_id: str) -> dict[str, str]:
    listed = zemu.api.get(f"/phone/call_queues/{queue_id}/members").json()["call_queue_members"]
    return {m["id"]: m["level"] for m in listed}


def detail_levels(zemu: ZemuServer, queue_id: str) -> dict[str, str]:
    detail = zemu.api.get(f"/phone/call_queues/{queue_id}").json()
    return {u["id"]: u["level"] for u in detail["members"]["users"]}


def test_add_users_and_a_common_area_then_remove_one(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    queue = queues["Billing"]["id"]
    user, area = world["users"][-1], world["common_areas"][0]
    answer = zemu.api.post(
        f"/phone/call_queues/{queue}/members",
        json={"members": {"users": [{"id": user["id"]}], "common_area_ids": [area["id"]]}},
    )
    assert answer.status_code == 201, answer.text
    listed = members(zemu, queue)
    assert listed[user["id"]] == "user" and listed[area["id"]] == "commonArea"
    assert zemu.api.delete(f"/phone/call_queues/{queue}/members/{user['id']}").status_code == 204
    assert user["id"] not in members(zemu, queue)


def test_the_manager_cannot_be_removed_alone_or_with_everyone(zemu: ZemuServer, queues: dict) -> None:
    queue = queues["Sales"]["id"]
    manager = next(i for i, level in detail_levels(zemu, queue).items() if level == "manager")
    refused = zemu.api.delete(f"/phone/call_queues/{queue}/members/{manager}")
    assert refused.status_code == 400 and refused.json() == {"code": 400, "message": "Unable to delete manager"}
    assert zemu.api.delete(f"/phone/call_queues/{queue}/members").status_code == 204
    assert members(zemu, queue) == {manager: "user"}


def test_change_manager_moves_the_role(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    queue = queues["Support"]["id"]
    before = detail_levels(zemu, queue)
    old = next(i for i, level in before.items() if level == "manager")
    newcomer = world["users"][-1]
    answer = zemu.api.put(f"/phone/call_queues/{queue}/manager", json={"member_id": newcomer["email"]})
    assert answer.status_code == 204, answer.text
    after = detail_levels(zemu, queue)
    assert after[newcomer["id"]] == "manager" and after[old] == "user"
    assert list(after.values()).count("manager") == 1
    missing = zemu.api.put(f"/phone/call_queues/{queue}/manager", json={"member_id": "ghost@example.com"})
    assert missing.status_code == 404 and detail_levels(zemu, queue) == after


def test_member_limit_and_unknown_queue(zemu: ZemuServer, world: dict[str, Any]) -> None:
    answer = zemu.api.post("/phone/call_queues/nope/members", json={"members": {"common_area_ids": ["x"]}})
    assert answer.status_code == 400
    assert answer.json() == {"code": 300, "message": "Validation Failed. The group does not exist, groupId:nope."}
    assert zemu.api.get("/phone/call_queues/nope/members").status_code == 404


def test_assign_then_unassign_one_number_and_all(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    queue = queues["Billing"]["id"]
    first, second = world["free_numbers"][:2]
    answer = zemu.api.post(
        f"/phone/call_queues/{queue}/phone_numbers",
        json={"phone_numbers": [{"id": first["id"]}, {"number": second["number"]}]},
    )
    assert answer.status_code == 204, answer.text
    held = {n["number"] for n in zemu.api.get(f"/phone/call_queues/{queue}").json()["phone_numbers"]}
    assert {first["number"], second["number"]} <= held and len(held) == 3

    # unAssignPhoneNumCallQueue (capital A) removes ONE number
    assert zemu.api.delete(f"/phone/call_queues/{queue}/phone_numbers/{first['id']}").status_code == 204
    held = {n["number"] for n in zemu.api.get(f"/phone/call_queues/{queue}").json()["phone_numbers"]}
    assert first["number"] not in held and second["number"] in held
    again = zemu.api.delete(f"/phone/call_queues/{queue}/phone_numbers/{first['id']}")
    assert again.status_code == 404 and again.json()["message"] == "Phone number not belong to call queue."

    # unassignAPhoneNumCallQueue removes ALL of them
    assert zemu.api.delete(f"/phone/call_queues/{queue}/phone_numbers").status_code == 204
    assert zemu.api.get(f"/phone/call_queues/{queue}").json()["phone_numbers"] == []


def test_a_number_held_elsewhere_refuses_the_whole_assignment(
    zemu: ZemuServer, world: dict[str, Any], queues: dict
) -> None:
    sales_number = zemu.api.get(f"/phone/call_queues/{queues['Sales']['id']}").json()["phone_numbers"][0]
    free = world["free_numbers"][0]
    billing = queues["Billing"]["id"]
    answer = zemu.api.post(
        f"/phone/call_queues/{billing}/phone_numbers",
        json={"phone_numbers": [{"id": free["id"]}, {"id": sales_number["id"]}]},
    )
    assert answer.status_code == 400
    held = [n["id"] for n in zemu.api.get(f"/phone/call_queues/{billing}").json()["phone_numbers"]]
    assert free["id"] not in held
    empty = zemu.api.post(f"/phone/call_queues/{billing}/phone_numbers", json={"phone_numbers": []})
    assert empty.json() == {"code": 400, "message": "Need to specify at least one phone number"}


def test_deleting_a_queue_frees_its_numbers_and_extension(zemu: ZemuServer, queues: dict) -> None:
    billing = zemu.api.get(f"/phone/call_queues/{queues['Billing']['id']}").json()
    assert zemu.api.delete(f"/phone/call_queues/{billing['id']}").status_code == 204
    other = queues["Support"]["id"]
    number = billing["phone_numbers"][0]
    assert (
        zemu.api.post(
            f"/phone/call_queues/{other}/phone_numbers", json={"phone_numbers": [{"id": number["id"]}]}
        ).status_code
        == 204
    )
    assert (
        zemu.api.patch(
            f"/phone/call_queues/{other}", json={"extension_number": billing["extension_number"]}
        ).status_code
        == 204
    )
