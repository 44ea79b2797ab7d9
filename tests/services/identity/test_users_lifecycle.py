"""Users through the API: the pending → active ⇄ inactive lifecycle, removal, and what each
change sends; refused requests change nothing and send nothing."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer

OWNER = "owner@zemu-demo.example"


def events(zemu: ZemuServer, name: str) -> list[dict[str, Any]]:
    return [e for e in zemu.outbox() if e["event"] == name]


def owner_id(zemu: ZemuServer) -> str:
    return zemu.api.get("/users/me").json()["id"]


def test_created_user_is_pending_until_the_invitation_is_accepted_then_can_be_deactivated_and_deleted(
    zemu: ZemuServer,
) -> None:
    api = zemu.api
    answer = api.post(
        "/users",
        json={
            "action": "create",
            "user_info": {"email": "Rae.Lind@example.com", "type": 2, "first_name": "Rae", "last_name": "Lind"},
        },
    )
    assert answer.status_code == 201, answer.text
    user = answer.json()
    assert user == {
        "id": user["id"],
        "first_name": "Rae",
        "last_name": "Lind",
        "email": "Rae.Lind@example.com",
        "type": 2,
    }
    created = events(zemu, "user.created")[-1]["payload"]
    assert created["creation_type"] == "create"
    assert created["operator"] == OWNER and created["operator_id"] == owner_id(zemu)
    assert created["object"]["id"] == user["id"] and created["object"]["email"] == "Rae.Lind@example.com"

    assert api.get("/users/rae.lind@example.com").json()["status"] == "pending"
    pending = api.get("/users", params={"status": "pending"}).json()["users"]
    assert user["id"] in [u["id"] for u in pending]
    # an invitation still pending is no reason to refuse (1120 is for a lapsed one: test_invitations.py)
    assert api.get(f"/users/{user['id']}/settings").status_code == 200

    accepted = zemu.control.post("/zemu/trigger/user.invitation_accepted", json={"user": user["email"]})
    assert accepted.status_code == 200, accepted.text
    assert events(zemu, "user.invitation_accepted")[-1]["payload"]["object"]["id"] == user["id"]
    assert "operator" not in events(zemu, "user.invitation_accepted")[-1]["payload"]
    assert api.get(f"/users/{user['id']}").json()["status"] == "active"

    assert api.put(f"/users/{user['id']}/status", json={"action": "deactivate"}).status_code == 200  # as documented
    assert api.get(f"/users/{user['id']}").json()["status"] == "inactive"
    inactive = api.get("/users", params={"status": "inactive"}).json()["users"]
    assert user["id"] in [u["id"] for u in inactive]
    deactivated = events(zemu, "user.deactivated")[-1]["payload"]
    assert deactivated["object"] == {
        "id": user["id"],
        "email": "Rae.Lind@example.com",
        "type": 2,
        "first_name": "Rae",
        "last_name": "Lind",
    }
    assert api.put(f"/users/{user['id']}/status", json={"action": "activate"}).status_code == 200
    assert events(zemu, "user.activated")[-1]["payload"]["operator"] == OWNER

    assert api.delete(f"/users/{user['id']}", params={"action": "delete"}).status_code == 204
    assert events(zemu, "user.deleted")[-1]["payload"]["object"]["id"] == user["id"]
    gone = api.get(f"/users/{user['id']}")
    assert gone.status_code == 404
    assert gone.json() == {"code": 1001, "message": f"User does not exist: {user['id']}."}
    # the email is free again
    again = api.post("/users", json={"action": "custCreate", "user_info": {"email": "rae.lind@example.com", "type": 1}})
    assert again.status_code == 201 and api.get("/users/rae.lind@example.com").json()["status"] == "active"


def test_disassociate_is_the_default_removal_and_admins_cannot_be_disassociated(zemu: ZemuServer) -> None:
    api = zemu.api
    user = api.post(
        "/users",
        json={
            "action": "autoCreate",
            "user_info": {
                "email": "kai@example.com",
                "type": 1,
                "first_name": "Kai",
                "last_name": "Moe",
                "password": "Secr3t!pw",
            },
        },
    ).json()
    assert api.delete(f"/users/{user['id']}").status_code == 204
    assert events(zemu, "user.disassociated")[-1]["payload"]["object"]["email"] == "kai@example.com"
    assert api.get(f"/users/{user['id']}").status_code == 404

    admin = next(u for u in api.get("/users", params={"role_id": "1"}).json()["users"])
    before = len(zemu.outbox())
    refused = api.delete(f"/users/{admin['id']}")
    assert refused.status_code == 400 and refused.json()["code"] == 1117
    assert api.get(f"/users/{admin['id']}").status_code == 200
    assert len(zemu.outbox()) == before


def test_refused_creations_change_nothing_and_send_nothing(zemu: ZemuServer) -> None:
    api = zemu.api
    total = api.get("/users").json()["total_records"]
    before = len(zemu.outbox())
    taken = api.post("/users", json={"action": "create", "user_info": {"email": OWNER.upper(), "type": 1}})
    assert taken.status_code == 409
    assert taken.json() == {"code": 1005, "message": f'Email "{OWNER.upper()}" has already been used.'}
    bad = api.post("/users", json={"action": "create", "user_info": {"email": "not-an-email", "type": 1}})
    assert bad.status_code == 400 and bad.json()["code"] == 300
    unknown_action = api.post("/users", json={"action": "invite", "user_info": {"email": "x@example.com", "type": 1}})
    assert unknown_action.status_code == 400
    assert api.get("/users").json()["total_records"] == total
    assert len(zemu.outbox()) == before
    assert api.get("/users/nobody@example.com").json() == {
        "code": 1001,
        "message": "User does not exist: nobody@example.com.",
    }


def test_profile_email_and_password_changes_send_user_updated_with_only_what_changed(zemu: ZemuServer) -> None:
    api = zemu.api
    dana = api.get("/users/dana.okafor@zemu-demo.example").json()
    assert (
        api.patch(
            f"/users/{dana['id']}", json={"first_name": "Danielle", "dept": "Sales", "job_title": "AE"}
        ).status_code
        == 204
    )
    updated = events(zemu, "user.updated")[-1]["payload"]
    assert updated["object"] == {"id": dana["id"], "first_name": "Danielle", "display_name": "Danielle Okafor"}
    assert updated["old_object"] == {"id": dana["id"], "first_name": "Dana", "display_name": "Dana Okafor"}
    assert updated["operator"] == OWNER and updated["time_stamp"] == events(zemu, "user.updated")[-1]["event_ts"]
    read = api.get(f"/users/{dana['id']}").json()
    assert (read["first_name"], read["job_title"]) == ("Danielle", "AE")

    count = len(zemu.outbox())
    assert api.patch(f"/users/{dana['id']}", json={"first_name": "Danielle"}).status_code == 204
    assert len(zemu.outbox()) == count  # nothing changed, nothing sent

    assert api.put(f"/users/{dana['id']}/email", json={"email": "dani@zemu-demo.example"}).status_code == 204
    changed = events(zemu, "user.updated")[-1]["payload"]
    assert changed["object"] == {"id": dana["id"], "email": "dani@zemu-demo.example"}
    assert changed["old_object"] == {"id": dana["id"], "email": "dana.okafor@zemu-demo.example"}
    assert api.get("/users/dani@zemu-demo.example").json()["id"] == dana["id"]
    assert api.get("/users/dana.okafor@zemu-demo.example").status_code == 404
    group = api.get(f"/groups/{read['group_ids'][0]}/members").json()["members"]
    assert "dani@zemu-demo.example" in [m["email"] for m in group]
    taken = api.put(f"/users/{dana['id']}/email", json={"email": OWNER})
    assert taken.status_code == 409

    weak = api.put(f"/users/{dana['id']}/password", json={"password": "onlyletters"})
    assert weak.json() == {"code": 1126, "message": "Have at least 1 number (1, 2, 3…)"}
    assert api.put(f"/users/{dana['id']}/password", json={"password": "Sunny-day-42"}).status_code == 204
    password = events(zemu, "user.updated")[-1]["payload"]
    assert password["operation"] == "change_password" and password["object"] == {"id": dana["id"]}
    same = api.put(f"/users/{dana['id']}/password", json={"password": "Sunny-day-42"})
    assert same.json()["message"] == "Your new password can not match the old password."


def test_user_lists_page_by_token_and_page_number_and_filter_by_status_and_role(zemu: ZemuServer) -> None:
    api = zemu.api
    everyone = api.get("/users", params={"page_size": 300}).json()
    assert everyone["total_records"] == len(everyone["users"]) == 23  # active only, the default
    assert [u["email"] for u in everyone["users"]] == sorted(u["email"] for u in everyone["users"])
    seen: list[str] = []
    page = api.get("/users", params={"page_size": 10}).json()
    while True:
        seen += [u["id"] for u in page["users"]]
        if not page["next_page_token"]:
            break
        page = api.get("/users", params={"next_page_token": page["next_page_token"]}).json()
    assert seen == [u["id"] for u in everyone["users"]]
    third = api.get("/users", params={"page_size": 10, "page_number": 3}).json()
    assert (third["page_number"], third["page_count"]) == (3, 3)
    assert [u["id"] for u in third["users"]] == seen[20:]
    admins = api.get("/users", params={"role_id": "1"}).json()["users"]
    assert {u["role_id"] for u in admins} == {"1"} and len(admins) == 2
    bad = api.get("/users", params={"next_page_token": "forged"})
    assert bad.json() == {"code": 300, "message": "The next page token is invalid or expired."}
    assert api.get("/users", params={"status": "gone"}).status_code == 400
    with_keys = api.get("/users", params={"include_fields": "host_key", "page_size": 1}).json()["users"][0]
    assert len(with_keys["host_key"]) == 6


def test_master_account_path_addresses_a_sub_account_users(zemu: ZemuServer) -> None:
    api = zemu.api
    sub = next(a for a in api.get("/accounts").json()["accounts"] if a["account_name"] == "Zemu Demo East")
    listed = api.get(f"/accounts/{sub['id']}/users").json()["users"]
    assert [u["email"] for u in listed] == ["sub-owner@zemu-demo-east.example"]
    made = api.post(
        f"/accounts/{sub['id']}/users",
        json={"action": "custCreate", "user_info": {"email": "east@example.com", "type": 1}},
    )
    assert made.status_code == 201
    assert events(zemu, "user.created")[-1]["payload"]["account_id"] == sub["id"]
    assert api.get(f"/users/{made.json()['id']}").status_code == 404  # not in the master's own account
    assert api.get(f"/accounts/{sub['id']}/users/{made.json()['id']}").json()["email"] == "east@example.com"


def test_changing_the_type_of_a_user_the_events_cannot_name_sends_the_type_as_events_see_it(zemu: ZemuServer) -> None:
    """Events know Basic (1) and Licensed (2) only; a user of type 4 or 99 is shown as 2 in them."""
    api = zemu.api
    created = api.post(
        "/users",
        json={"action": "create", "user_info": {"email": "unassigned@zemu-demo.example", "type": 4}},
    )
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]
    assert api.patch(f"/users/{user_id}", json={"type": 1}).status_code == 204
    assert api.get(f"/users/{user_id}").json()["type"] == 1
    updated = events(zemu, "user.updated")[-1]["payload"]
    assert updated["object"] == {"id": user_id, "type": 1}
    assert updated["old_object"] == {"id": user_id, "type": 2}

    count = len(zemu.outbox())
    assert api.patch(f"/users/{user_id}", json={"type": 99}).status_code == 204
    assert api.get(f"/users/{user_id}").json()["type"] == 99
    back = events(zemu, "user.updated")[-1]["payload"]
    assert len(zemu.outbox()) == count + 1
    assert back["object"] == {"id": user_id, "type": 2} and back["old_object"] == {"id": user_id, "type": 1}
