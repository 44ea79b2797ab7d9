"""Roles, company contacts and TSP through the API."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def last(zemu: ZemuServer, name: str) -> dict[str, Any]:
    return [e for e in zemu.outbox() if e["event"] == name][-1]["payload"]


def test_roles_are_created_filled_emptied_and_deleted(zemu: ZemuServer) -> None:
    api = zemu.api
    roles = {r["name"]: r for r in api.get("/roles").json()["roles"]}
    assert {"Owner", "Admin", "Member", "Help Desk"} <= roles.keys()
    assert roles["Owner"]["id"] == "0" and roles["Owner"]["total_members"] == 1

    made = api.post(
        "/roles", json={"name": "Auditor", "description": "Reads reports", "privileges": ["Report:Read", "User:Read"]}
    )
    assert made.status_code == 200
    role_id = made.json()["id"]
    assert api.get(f"/roles/{role_id}").json()["privileges"] == ["Report:Read", "User:Read"]
    assert api.post("/roles", json={"name": "auditor"}).json()["code"] == 1224
    assert api.post("/roles", json={"name": "Admin"}).json()["code"] == 1224

    eli = api.get("/users/eli.petrov@zemu-demo.example").json()
    assert api.post(f"/roles/{role_id}/members", json={"members": [{"email": eli["email"]}]}).status_code == 201
    updated = last(zemu, "user.updated")
    assert updated["object"] == {"id": eli["id"], "role": "Auditor"}
    assert updated["old_object"] == {"id": eli["id"], "role": "Member"}
    assert api.get(f"/users/{eli['id']}").json()["role_id"] == role_id
    members = api.get(f"/roles/{role_id}/members").json()
    assert [m["id"] for m in members["members"]] == [eli["id"]] and members["page_number"] == 1
    assert api.get(f"/users/{eli['id']}/permissions").json()["permissions"] == ["Report:Read", "User:Read"]

    assert api.patch(f"/roles/{role_id}", json={"privileges": ["Report:Read"], "name": "Auditors"}).status_code == 200
    assert api.get(f"/roles/{role_id}").json()["name"] == "Auditors"
    assert api.patch("/roles/0", json={"description": "x"}).status_code == 400

    assert api.delete(f"/roles/{role_id}/members/{eli['id']}").status_code == 204
    assert api.get(f"/users/{eli['id']}").json()["role_id"] == "2"
    assert api.delete(f"/roles/{role_id}").status_code == 200  # as documented
    missing = api.get(f"/roles/{role_id}")
    assert missing.json() == {"code": 1034, "message": "Provided `role_id` does not exist."}
    assert api.delete("/roles/2").status_code == 400
    owner = api.get("/users/me").json()
    assert api.post("/roles/1/members", json={"members": [{"id": owner["id"]}]}).status_code == 400


def test_contacts_search_by_name_or_email_with_pages(zemu: ZemuServer) -> None:
    api = zemu.api
    # the key matches the start of a word of a name or email (here every demo address's domain)
    first = api.get("/contacts", params={"search_key": "zemu", "page_size": 5, "query_presence_status": "true"}).json()
    assert len(first["contacts"]) == 5 and first["next_page_token"]
    assert all(c["contact_type"] == 1 and c["presence_status"] == "Available" for c in first["contacts"])
    rest = api.get("/contacts", params={"search_key": "zemu", "next_page_token": first["next_page_token"]}).json()
    ids = [c["id"] for c in first["contacts"] + rest["contacts"]]
    assert len(ids) == len(set(ids))
    assert [c["email"] for c in api.get("/contacts", params={"search_key": "Okafor"}).json()["contacts"]] == [
        "dana.okafor@zemu-demo.example"
    ]
    assert [c["email"] for c in api.get("/contacts", params={"search_key": "oka"}).json()["contacts"]] == [
        "dana.okafor@zemu-demo.example"
    ]
    inactive = api.get("/contacts", params={"search_key": "yuri", "user_status": "inactive"}).json()["contacts"]
    assert [c["user_status"] for c in inactive] == ["inactive"]
    assert api.get("/contacts", params={"search_key": "xena"}).json()["contacts"] == []  # pending: not a contact
    assert api.get("/contacts").status_code == 400  # search_key is required


def test_account_tsp_and_user_tsp_accounts(zemu: ZemuServer) -> None:
    api = zemu.api
    assert api.get("/tsp").json()["tsp_enabled"] is True
    assert api.patch("/tsp", json={"tsp_provider": "Acme Audio"}).status_code == 204
    assert api.get("/tsp").json()["tsp_provider"] == "Acme Audio"
    assert api.patch("/tsp", json={"tsp_bridge": "MARS"}).status_code == 400

    assert [t["id"] for t in api.get("/users/me/tsp").json()["tsp_accounts"]] == ["1"]
    made = api.post("/users/me/tsp", json={"conference_code": "1234567", "leader_pin": "4321"})
    assert made.status_code == 201 and made.json()["id"] == "2"
    assert last(zemu, "user.tsp_created")["object"]["tsp_credentials"]["conference_code"] == "1234567"
    full = api.post("/users/me/tsp", json={"conference_code": "1", "leader_pin": "2"})
    assert full.json() == {"code": 300, "message": "You can add a maximum of two TSP configs."}
    assert api.patch("/users/me/tsp/2", json={"conference_code": "7654321", "leader_pin": "1"}).status_code == 204
    assert api.get("/users/me/tsp/2").json()["conference_code"] == "7654321"
    assert api.delete("/users/me/tsp/2").status_code == 204
    assert api.get("/users/me/tsp/2").json()["code"] == 300

    api.patch("/tsp", json={"tsp_enabled": False})
    assert api.get("/users/me/tsp").json()["code"] == 2024
