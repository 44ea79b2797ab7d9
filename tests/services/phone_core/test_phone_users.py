"""Phone users: list filters, profile, extension changes (unique per account), calling plans, settings."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_list_phone_users_filters_and_pages(
    zemu: ZemuServer, phone_users: list[dict[str, Any]], demo_sites: list[dict[str, Any]]
) -> None:
    api = zemu.api
    assert len(phone_users) == 25
    assert phone_users[0]["extension_number"] >= 1001 and phone_users[0]["site"]["name"]
    austin = next(s for s in demo_sites if s["name"] == "Austin")
    at_austin = api.get("/phone/users", params={"site_id": austin["id"]}).json()
    assert at_austin["total_records"] == sum(1 for u in phone_users if u["site"]["id"] == austin["id"]) > 0
    assert {u["site"]["id"] for u in at_austin["users"]} == {austin["id"]}
    metered = api.get("/phone/users", params={"calling_type": 100}).json()["users"]
    assert metered and all(any(p["type"] == 100 for p in u["calling_plans"]) for u in metered)
    target = phone_users[3]
    by_ext = api.get("/phone/users", params={"keyword": str(target["extension_number"])}).json()["users"]
    assert [u["id"] for u in by_ext] == [target["id"]]
    first = api.get("/phone/users", params={"page_size": 10}).json()
    second = api.get("/phone/users", params={"next_page_token": first["next_page_token"]}).json()
    assert len(first["users"]) == 10 and second["users"][0]["id"] == phone_users[10]["id"]


def test_get_phone_user_and_unknown_user(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    user = zemu.api.get(f"/phone/users/{phone_users[0]['id']}").json()
    assert user["extension_number"] == phone_users[0]["extension_number"]
    assert user["emergency_address"]["country"] == "US" and "voicemail" in user["policy"]
    by_email = zemu.api.get(f"/phone/users/{phone_users[0]['email']}")
    assert by_email.status_code == 200 and by_email.json()["id"] == user["id"]
    missing = zemu.api.get("/phone/users/nobody1234567890123456")
    assert missing.status_code == 404
    assert missing.json() == {"code": 1001, "message": "User does not exist: nobody1234567890123456."}


def test_extension_change_is_unique_in_the_account(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    api = zemu.api
    a, b = phone_users[0], phone_users[1]
    taken = api.patch(f"/phone/users/{a['id']}", json={"extension_number": str(b["extension_number"])})
    assert taken.status_code == 400
    assert taken.json() == {"code": 400, "message": f"Extension number {b['extension_number']} is already used."}
    assert api.get(f"/phone/users/{a['id']}").json()["extension_number"] == a["extension_number"]
    changed = api.patch(
        f"/phone/users/{a['id']}", json={"extension_number": "2999", "policy": {"voicemail": {"allow_delete": True}}}
    )
    assert changed.status_code == 204
    again = api.get(f"/phone/users/{a['id']}").json()
    assert again["extension_number"] == 2999 and again["policy"]["voicemail"]["allow_delete"] is True
    # the old extension is free again
    freed = api.patch(f"/phone/users/{b['id']}", json={"extension_number": str(a["extension_number"])})
    assert freed.status_code == 204


def test_assign_and_unassign_calling_plans(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    api = zemu.api
    user = phone_users[1]
    before = {p["type"]: p for p in api.get("/phone/calling_plans").json()["calling_plans"]}
    assert (
        api.post(f"/phone/users/{user['id']}/calling_plans", json={"calling_plans": [{"type": 300}]}).status_code == 200
    )  # as documented
    plans = {p["type"] for p in api.get(f"/phone/users/{user['id']}").json()["calling_plans"]}
    assert 300 in plans
    after = {p["type"]: p for p in api.get("/phone/calling_plans").json()["calling_plans"]}
    assert after[300]["assigned"] == before[300]["assigned"] + 1
    assert (
        api.post(f"/phone/users/{user['id']}/calling_plans", json={"calling_plans": [{"type": 999}]}).status_code == 400
    )
    assert api.delete(f"/phone/users/{user['id']}/calling_plans/300").status_code == 204
    assert api.delete(f"/phone/users/{user['id']}/calling_plans/300").status_code == 400
    plans = {p["type"] for p in api.get(f"/phone/users/{user['id']}").json()["calling_plans"]}
    assert 300 not in plans


def test_user_settings_delegation_and_voicemail_sharing(zemu: ZemuServer, phone_users: list[dict[str, Any]]) -> None:
    api = zemu.api
    boss, assistant = phone_users[0], phone_users[1]
    settings = api.get(f"/phone/users/{boss['id']}/settings").json()
    assert settings["extension_number"] == boss["extension_number"] and settings["desk_phone"]["devices"]
    added = api.post(
        f"/phone/users/{boss['id']}/settings/delegation",
        json={"delegation_assistant_extension_id": assistant["extension_id"]},
    )
    assert added.status_code == 201
    assert added.json()["delegation"]["assistants"][0]["id"] == assistant["id"]
    shared = api.post(
        f"/phone/users/{boss['id']}/settings/voice_mail",
        json={"voice_mail": {"access_user_id": assistant["id"], "delete": False, "download": True}},
    )
    assert shared.status_code == 201
    twice = api.post(
        f"/phone/users/{boss['id']}/settings/voice_mail", json={"voice_mail": {"access_user_id": assistant["id"]}}
    )
    assert twice.status_code == 400 and twice.json()["message"] == "Voicemail has already been shared to the user."
    settings = api.get(f"/phone/users/{boss['id']}/settings").json()
    assert settings["delegation"]["assistants"][0]["extension_number"] == assistant["extension_number"]
    assert settings["voice_mail"][0]["access_user_id"] == assistant["id"]
    assert (
        api.delete(
            f"/phone/users/{boss['id']}/settings/delegation",
            params={"assistant_extension_id": assistant["extension_id"]},
        ).status_code
        == 204
    )
    assert api.get(f"/phone/users/{boss['id']}/settings").json()["delegation"]["assistants"] == []
    assert api.patch(f"/phone/users/{boss['id']}/settings", json={"audio_prompt_language": "en-GB"}).status_code == 204
    assert api.get(f"/phone/users/{boss['id']}/settings").json()["audio_prompt_language"] == "en-GB"
