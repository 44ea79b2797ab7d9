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
    answer = zemu.api.post(
        "/phone/call_queues",
        json={
            "name": "Escalations",
            "site_id": world["site"]["id"],
            "extension_number": 8800,
            "members": {"users": [{"email": user["email"]}]},
        },
    )
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert created["extension_number"] == 8800 and created["status"] == "active"
    detail = zemu.api.get(f"/phone/call_queues/{created['id']}").json()
    assert [u["id"] for u in detail["members"]["users"]] == [user["id"]]
    assert detail["site"] == {"id": world["site"]["id"], "name": world["site"]["name"]}

    patch = zemu.api.patch(
        f"/phone/call_queues/{created['id']}",
        json={"name": "Escalations 2", "extension_number": 8801, "status": "inactive"},
    )
    assert patch.status_code == 204, patch.text
    detail = zemu.api.get(f"/phone/call_queues/{created['id']}").json()
    assert (detail["name"], detail["extension_number"], detail["status"]) == ("Escalations 2", 8801, "inactive")

    # the old extension is free again: a new queue may take it
    again = zemu.api.post(
        "/phone/call_queues", json={"name": "Reuse", "site_id": world["site"]["id"], "extension_number": 8800}
    )
    assert again.status_code == 201, again.text

    assert zemu.api.delete(f"/phone/call_queues/{created['id']}").status_code == 204
    gone = zemu.api.get(f"/phone/call_queues/{created['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 13000
    assert zemu.api.delete(f"/phone/call_queues/{created['id']}").json() == {
        "code": 400,
        "message": f"The group does not exist, groupId:{created['id']}.",
    }


def test_an_extension_in_use_is_refused_and_nothing_is_created(
    zemu: ZemuServer, world: dict[str, Any], queues: dict
) -> None:
    taken = queues["Sales"]["extension_number"]
    answer = zemu.api.post(
        "/phone/call_queues", json={"name": "Clash", "site_id": world["site"]["id"], "extension_number": taken}
    )
    assert answer.status_code == 400
    assert answer.json() == {"code": 400, "message": f"Extension number {taken} is already used."}
    names = [q["name"] for q in zemu.api.get("/phone/call_queues").json()["call_queues"]]
    assert "Clash" not in names


def test_an_unknown_member_refuses_the_whole_create(zemu: ZemuServer, world: dict[str, Any]) -> None:
    before = zemu.api.get("/phone/call_queues").json()["total_records"]
    answer = zemu.api.post(
        "/phone/call_queues",
        json={
            "name": "Ghosts",
            "site_id": world["site"]["id"],
            "members": {"users": [{"id": "nobodyAtAll1234567890a"}]},
        },
    )
    assert answer.status_code == 404
    assert answer.json() == {"code": 1001, "message": "User not found: nobodyAtAll1234567890a"}
    assert zemu.api.get("/phone/call_queues").json()["total_records"] == before


def test_create_without_extension_picks_a_free_one_and_requires_a_site(zemu: ZemuServer, world: dict[str, Any]) -> None:
    answer = zemu.api.post("/phone/call_queues", json={"name": "Auto", "site_id": world["site"]["id"]})
    assert answer.status_code == 201
    numbers = {q["extension_number"] for q in zemu.api.get("/phone/call_queues").json()["call_queues"]}
    assert answer.json()["extension_number"] in numbers
    missing = zemu.api.post("/phone/call_queues", json={"name": "Nowhere"})
    assert missing.status_code == 400 and missing.json()["code"] == 300
    bad_site = zemu.api.post("/phone/call_queues", json={"name": "Nowhere", "site_id": "nosite"})
    assert bad_site.status_code == 400


def test_queues_filtered_by_site_page_across_pages_and_follow_a_renamed_site(
    zemu: ZemuServer, world: dict[str, Any]
) -> None:
    api = zemu.api
    site = api.post(
        "/phone/sites",
        json={
            "name": "Branch",
            "auto_receptionist_name": "Branch AR",
            "default_emergency_address": {
                "address_line1": "1 Main St",
                "city": "Reno",
                "zip": "89501",
                "state_code": "NV",
                "country": "US",
            },
        },
    ).json()
    made = [
        api.post("/phone/call_queues", json={"name": f"Branch {i}", "site_id": site["id"]}).json()["id"]
        for i in range(5)
    ]
    seen, totals, params = [], set(), {"site_id": site["id"], "page_size": 2}
    while True:
        page = api.get("/phone/call_queues", params=params).json()
        seen += [q["id"] for q in page["call_queues"]]
        totals.add(page["total_records"])
        if not page["next_page_token"]:
            break
        params = {"next_page_token": page["next_page_token"]}
    assert seen == made and totals == {5}
    receptionists = api.get("/phone/auto_receptionists", params={"page_size": 100}).json()["auto_receptionists"]
    assert "Branch AR" in [r["name"] for r in receptionists]
    assert api.patch(f"/phone/sites/{site['id']}", json={"name": "Branch West"}).status_code == 204
    assert api.get(f"/phone/call_queues/{made[0]}").json()["site"]["name"] == "Branch West"
    listed = api.get("/phone/call_queues", params={"site_id": site["id"]}).json()["call_queues"]
    assert {q["site"]["name"] for q in listed} == {"Branch West"}
