"""Sub-accounts: list, create, get, disassociate, options, owner change, moving users between accounts."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_list_shows_the_demo_sub_account_with_paging_fields(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    body = zemu.api.get("/accounts").json()
    assert body["total_records"] == 1 and body["page_number"] == 1 and body["next_page_token"] == ""
    assert demo_sub["account_type"] == "Business" and demo_sub["seats"] == 10


def test_create_makes_the_sub_account_and_its_owner(zemu: ZemuServer, new_sub: Any) -> None:
    created = new_sub("nia@example.com")
    assert set(created) == {"id", "owner_id", "owner_email", "created_at"}
    details = zemu.api.get(f"/accounts/{created['id']}").json()
    assert details["owner_email"] == "nia@example.com" and details["account_name"] == "New Sub"
    assert details["options"]["pay_mode"] == "master"
    listed = zemu.api.get("/accounts").json()
    assert created["id"] in [a["id"] for a in listed["accounts"]] and listed["total_records"] == 2
    assert zemu.api.get("/accounts", params={"email": "nia@example.com"}).json()["accounts"][0]["id"] == created["id"]
    event = [e for e in zemu.outbox() if e["event"] == "account.created"][-1]
    assert event["payload"]["object"] == {
        "id": created["id"],
        "owner_id": created["owner_id"],
        "email": "nia@example.com",
    }
    assert event["payload"]["operator"] == "owner@zemu-demo.example"


def test_create_with_a_used_owner_email_is_409_and_creates_nothing(zemu: ZemuServer) -> None:
    answer = zemu.api.post(
        "/accounts",
        json={"email": "owner@zemu-demo.example", "first_name": "A", "last_name": "B", "password": "Str0ng!pass"},
    )
    assert answer.status_code == 409
    assert answer.json() == {"code": 1005, "message": 'Email "owner@zemu-demo.example" has already been used.'}
    assert zemu.api.get("/accounts").json()["total_records"] == 1


def test_create_refuses_a_password_of_repeated_characters(zemu: ZemuServer) -> None:
    answer = zemu.api.post(
        "/accounts", json={"email": "x@example.com", "first_name": "A", "last_name": "B", "password": "aaaaaa12"}
    )
    assert answer.status_code == 400 and answer.json()["code"] == 1111


def test_pages_by_token_and_by_page_number(zemu: ZemuServer, new_sub: Any) -> None:
    ids = [new_sub(f"owner{i}@example.com")["id"] for i in range(3)]
    first = zemu.api.get("/accounts", params={"page_size": 2}).json()
    second = zemu.api.get("/accounts", params={"next_page_token": first["next_page_token"]}).json()
    assert len(first["accounts"]) == 2 and len(second["accounts"]) == 2 and second["next_page_token"] == ""
    assert {a["id"] for a in first["accounts"] + second["accounts"]} >= set(ids)
    assert zemu.api.get("/accounts", params={"page_size": 2, "page_number": 2}).json()["accounts"] == second["accounts"]


def test_unknown_account_is_404_2001(zemu: ZemuServer) -> None:
    answer = zemu.api.get("/accounts/NoSuchAccount123456789")
    assert answer.status_code == 404
    # without a full stop, as GetSubAccountDetails documents it
    assert answer.json() == {"code": 2001, "message": "Account does not exist: NoSuchAccount123456789"}


def test_disassociate_removes_the_sub_account_from_its_master(zemu: ZemuServer, new_sub: Any) -> None:
    created = new_sub()
    assert zemu.api.delete(f"/accounts/{created['id']}").status_code == 204
    assert zemu.api.get(f"/accounts/{created['id']}").json()["code"] == 2001
    assert created["id"] not in [a["id"] for a in zemu.api.get("/accounts").json()["accounts"]]
    event = [e for e in zemu.outbox() if e["event"] == "account.disassociated"][-1]
    assert event["payload"]["object"]["id"] == created["id"]


def test_a_paid_sub_account_cannot_be_disassociated(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.delete(f"/accounts/{demo_sub['id']}")
    assert answer.status_code == 404 and answer.json()["code"] == 2000
    assert zemu.api.get(f"/accounts/{demo_sub['id']}").status_code == 200


def test_options_update_is_visible_in_the_details(zemu: ZemuServer, new_sub: Any) -> None:
    created = new_sub()
    answer = zemu.api.patch(f"/accounts/{created['id']}/options", json={"share_rc": True, "pay_mode": "sub"})
    assert answer.status_code == 200  # as documented, with an empty body
    options = zemu.api.get(f"/accounts/{created['id']}").json()["options"]
    assert options["share_rc"] is True and options["pay_mode"] == "sub" and options["share_mc"] is False


def test_pay_mode_cannot_change_once_the_sub_account_has_a_plan(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.patch(f"/accounts/{demo_sub['id']}/options", json={"pay_mode": "sub"})
    assert answer.status_code == 400 and answer.json()["code"] == 200
    assert zemu.api.get(f"/accounts/{demo_sub['id']}").json()["options"]["pay_mode"] == "master"


def test_a_sub_account_token_reaches_neither_its_master_nor_its_siblings(
    zemu: ZemuServer, demo_sub: dict[str, Any], new_sub: Any, client_of: Any
) -> None:
    sibling = new_sub()
    details = zemu.api.get(f"/accounts/{demo_sub['id']}").json()
    sub_client = client_of(demo_sub["id"], details["owner_id"])
    master_id = zemu.credentials["account_id"]
    assert sub_client.get(f"/accounts/{sibling['id']}/settings").json()["code"] == 2001
    assert sub_client.get(f"/accounts/{master_id}/trusted_domains").json()["code"] == 2001
    assert sub_client.get("/accounts").status_code == 400
    assert sub_client.get("/accounts/me/trusted_domains").json() == {"trusted_domains": []}


def test_owner_change_makes_the_old_owner_an_admin(zemu: ZemuServer, demo_sub: dict[str, Any], add_user: Any) -> None:
    new_owner = add_user(demo_sub["id"], "next-owner@zemu-demo-east.example")
    old_owner_id = zemu.api.get(f"/accounts/{demo_sub['id']}").json()["owner_id"]
    answer = zemu.api.put(f"/accounts/{demo_sub['id']}/owner", json={"email": new_owner["email"]})
    assert answer.status_code == 204
    details = zemu.api.get(f"/accounts/{demo_sub['id']}").json()
    assert details["owner_id"] == new_owner["id"] and details["owner_email"] == new_owner["email"]
    roles = zemu.transaction(
        lambda tx: (tx.get("user", old_owner_id)["role_name"], tx.get("user", new_owner["id"])["role_name"])
    )
    assert roles == ("Admin", "Owner")


def test_owner_must_be_a_user_of_that_account(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.put("/accounts/me/owner", json={"email": "sub-owner@zemu-demo-east.example"})
    assert answer.status_code == 400
    assert answer.json() == {"code": 200, "message": "Cannot make a user outside of your account an owner."}
    same = zemu.api.put(f"/accounts/{demo_sub['id']}/owner", json={"email": "sub-owner@zemu-demo-east.example"})
    assert same.json() == {"code": 200, "message": "Cannot update the role of an account owner."}


def test_switching_the_owner_of_an_account_is_refused(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.put("/accounts/me/users/owner@zemu-demo.example/account", json={"account_id": demo_sub["id"]})
    assert answer.status_code == 400 and answer.json() == {"code": 1117, "message": "Can not disassociate Admin user"}


def test_switching_an_unknown_user_is_404_1001(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.put("/accounts/me/users/nobody@example.com/account", json={"account_id": demo_sub["id"]})
    assert answer.status_code == 404 and answer.json()["code"] == 1001


def test_switching_a_member_moves_them_to_the_sub_account(
    zemu: ZemuServer, demo_sub: dict[str, Any], add_user: Any
) -> None:
    master_id = zemu.credentials["account_id"]
    member = add_user(master_id, "mover@zemu-demo.example")
    usage = f"/accounts/{demo_sub['id']}/plans/usage"
    assert zemu.api.get(usage).json()["plan_base"]["usage"] == 1
    answer = zemu.api.put(f"/accounts/me/users/{member['id']}/account", json={"account_id": demo_sub["id"]})
    assert answer.status_code == 204
    assert zemu.api.get(usage).json()["plan_base"]["usage"] == 2
    again = zemu.api.put(f"/accounts/me/users/{member['id']}/account", json={"account_id": demo_sub["id"]})
    assert again.status_code == 404 and again.json()["code"] == 1001


def test_switching_to_an_account_outside_the_master_changes_nothing(zemu: ZemuServer, add_user: Any) -> None:
    member = add_user(zemu.credentials["account_id"], "stayer@zemu-demo.example")
    answer = zemu.api.put(f"/accounts/me/users/{member['id']}/account", json={"account_id": "ElsewhereAcct1234567890"})
    assert answer.status_code == 404 and answer.json()["code"] == 2001
    assert zemu.api.get(f"/users/{member['id']}").json()["account_id"] == zemu.credentials["account_id"]
