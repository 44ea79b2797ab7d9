"""Groups through the API: the group itself, members, admins, and the events each change sends."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer

OWNER = "owner@zemu-demo.example"


def last(zemu: ZemuServer, name: str) -> dict[str, Any]:
    return [e for e in zemu.outbox() if e["event"] == name][-1]["payload"]


def test_create_rename_delete_a_group_and_refuse_duplicate_names(zemu: ZemuServer) -> None:
    api = zemu.api
    made = api.post("/groups", json={"name": "Legal"})
    assert made.status_code == 201
    group = made.json()
    assert group == {"id": group["id"], "name": "Legal", "total_members": 0}
    created = last(zemu, "group.created")
    assert created["object"] == {"id": group["id"], "name": "Legal"} and created["operator"] == OWNER
    assert "time_stamp" in created
    assert api.get(f"/groups/{group['id']}").json() == group

    before = len(zemu.outbox())
    clash = api.post("/groups", json={"name": "sales"})
    assert clash.status_code == 409 and clash.json()["code"] == 4132
    assert api.patch(f"/groups/{group['id']}", json={"name": "Sales"}).status_code == 409
    assert len(zemu.outbox()) == before
    assert api.get(f"/groups/{group['id']}").json()["name"] == "Legal"

    assert api.patch(f"/groups/{group['id']}", json={"name": "Legal & Compliance"}).status_code == 204
    renamed = last(zemu, "group.updated")
    assert renamed["object"] == {"id": group["id"], "name": "Legal & Compliance"}
    assert renamed["old_object"] == {"id": group["id"], "name": "Legal"}

    listed = api.get("/groups", params={"page_size": 2}).json()
    assert listed["total_records"] == 5 and len(listed["groups"]) == 2 and listed["next_page_token"]
    names = [g["name"] for g in listed["groups"]]
    while listed["next_page_token"]:
        listed = api.get("/groups", params={"next_page_token": listed["next_page_token"]}).json()
        names += [g["name"] for g in listed["groups"]]
    assert names == ["Engineering", "Legal & Compliance", "Marketing", "Sales", "Support"]

    sales = next(g for g in api.get("/groups").json()["groups"] if g["name"] == "Sales")
    count = len(zemu.outbox())
    assert api.delete(f"/groups/{sales['id']}").status_code == 204
    assert [e["event"] for e in zemu.outbox()[count:]] == ["group.deleted"]  # members are not announced
    gone = api.get(f"/groups/{sales['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 4130
    dana = api.get("/users/dana.okafor@zemu-demo.example").json()
    assert dana["status"] == "active" and sales["id"] not in dana["group_ids"]
    assert api.post("/groups", json={"name": "Sales"}).status_code == 201  # the name is free again


def test_members_join_leave_move_and_set_primary(zemu: ZemuServer) -> None:
    api = zemu.api
    groups = {g["name"]: g for g in api.get("/groups").json()["groups"]}
    marketing, support = groups["Marketing"]["id"], groups["Support"]["id"]
    sami = api.get("/users/sami.diaz@zemu-demo.example").json()
    tara = api.get("/users/tara.evans@zemu-demo.example").json()

    added = api.post(f"/groups/{marketing}/members", json={"members": [{"email": sami["email"]}, {"id": tara["id"]}]})
    assert added.status_code == 201 and set(added.json()["ids"].split(",")) == {sami["id"], tara["id"]}
    event = last(zemu, "group.member_added")
    assert event["object"]["id"] == marketing
    assert sorted(m["email"] for m in event["object"]["members"]) == [sami["email"], tara["email"]]
    members = api.get(f"/groups/{marketing}/members").json()
    assert members["total_records"] == 2 and members["page_number"] == 1
    assert api.get(f"/users/{sami['id']}").json()["group_ids"] == [marketing]

    count = len(zemu.outbox())
    assert (
        api.post(f"/groups/{marketing}/members", json={"members": [{"email": "ghost@example.com"}]}).status_code == 404
    )
    assert len(zemu.outbox()) == count

    assert (
        api.patch(
            f"/groups/{marketing}/members/{sami['id']}", json={"action": "move", "target_group_id": support}
        ).status_code
        == 204
    )
    names = [e["event"] for e in zemu.outbox()[count:]]
    assert names[:2] == ["group.member_added", "group.member_deleted"]
    assert api.get(f"/users/{sami['id']}").json()["group_ids"] == [support]
    assert last(zemu, "user.updated")["object"] == {"id": sami["id"], "primary_group_id": support}

    api.post(f"/groups/{marketing}/members", json={"members": [{"id": sami["id"]}]})
    assert api.patch(f"/groups/{marketing}/members/{sami['id']}", json={"action": "set_primary"}).status_code == 204
    primary = last(zemu, "user.updated")
    assert primary["object"]["primary_group_id"] == marketing and primary["old_object"]["primary_group_id"] == support
    no_target = api.patch(f"/groups/{marketing}/members/{sami['id']}", json={"action": "move"})
    assert no_target.json() == {"code": 300, "message": "The target_group_id can not be empty."}

    assert api.delete(f"/groups/{marketing}/members/{tara['id']}").status_code == 204
    assert last(zemu, "group.member_deleted")["object"]["members"] == [{"id": tara["id"], "email": tara["email"]}]
    missing = api.delete(f"/groups/{marketing}/members/{tara['id']}")
    assert missing.status_code == 404 and missing.json()["code"] == 4131

    second = api.get(f"/groups/{support}/members", params={"page_size": 3, "page_number": 2}).json()
    assert second["page_number"] == 2 and second["page_count"] == 3 and len(second["members"]) == 3


def test_group_admins(zemu: ZemuServer) -> None:
    api = zemu.api
    engineering = next(g for g in api.get("/groups").json()["groups"] if g["name"] == "Engineering")["id"]
    omar = api.get("/users/omar.zamora@zemu-demo.example").json()
    assert [a["email"] for a in api.get(f"/groups/{engineering}/admins").json()["admins"]] == [
        "nora.young@zemu-demo.example"
    ]
    assert api.post(f"/groups/{engineering}/admins", json={"admins": [{"email": omar["email"]}]}).status_code == 201
    assert last(zemu, "group.admin_added")["object"] == {
        "id": engineering,
        "admins": [{"id": omar["id"], "email": omar["email"]}],
    }
    assert api.get(f"/groups/{engineering}/admins").json()["total_records"] == 2
    assert api.delete(f"/groups/{engineering}/admins/{omar['email']}").status_code == 204
    assert last(zemu, "group.admin_deleted")["object"]["admins"][0]["id"] == omar["id"]
    refused = api.delete(f"/groups/{engineering}/admins/{omar['id']}")
    assert refused.status_code == 400 and refused.json()["code"] == 4138


def test_group_settings_start_from_the_account_and_send_only_changes(zemu: ZemuServer) -> None:
    api = zemu.api
    support = next(g for g in api.get("/groups").json()["groups"] if g["name"] == "Support")["id"]
    account = api.get("/accounts/me/settings").json()
    group = api.get(f"/groups/{support}/settings").json()
    assert group["schedule_meeting"]["host_video"] == account["schedule_meeting"]["host_video"]
    flipped = not group["in_meeting"]["chat"]
    count = len(zemu.outbox())
    assert api.patch(f"/groups/{support}/settings", json={"in_meeting": {"chat": flipped}}).status_code == 204
    event = last(zemu, "group.settings_updated")
    assert event["object"] == {"id": support, "settings": {"in_meeting": {"chat": flipped}}}
    assert event["old_object"] == {"id": support, "settings": {"in_meeting": {"chat": not flipped}}}
    assert api.get(f"/groups/{support}/settings").json()["in_meeting"]["chat"] is flipped
    assert api.patch(f"/groups/{support}/settings", json={"in_meeting": {"chat": flipped}}).status_code == 204
    assert len(zemu.outbox()) == count + 1
    assert api.get("/groups/nope/settings").json()["code"] == 4130
