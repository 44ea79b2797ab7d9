"""Lists of users read through the index: a status, a role, a group's members and admins, the
users an assistant schedules for; each with its total, paged across pages with its filter kept."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def every_page(zemu: ZemuServer, path: str, key: str, **params: Any) -> tuple[list[dict[str, Any]], set[int]]:
    """All the items of a list, three a page; and the totals each page gave."""
    items: list[dict[str, Any]] = []
    totals: set[int] = set()
    query: dict[str, Any] = {"page_size": 3, **params}
    while True:
        page = zemu.api.get(path, params=query).json()
        items += page[key]
        totals.add(page.get("total_records", -1))
        if not page.get("next_page_token"):
            return items, totals
        query = {"next_page_token": page["next_page_token"]}


def test_users_by_status_and_role_page_with_their_totals(zemu: ZemuServer) -> None:
    api = zemu.api
    role = api.post("/roles", json={"name": "Auditors", "privileges": ["User:Read"]}).json()
    emails = [f"auditor{i}@zemu-demo.example" for i in range(7)]
    for i, email in enumerate(emails):
        made = api.post(
            "/users",
            json={"action": "create" if i % 3 == 0 else "custCreate", "user_info": {"email": email, "type": 1}},
        ).json()
        assert api.post(f"/roles/{role['id']}/members", json={"members": [{"id": made["id"]}]}).status_code == 201

    active, totals = every_page(zemu, "/users", "users", role_id=role["id"])
    assert [u["email"] for u in active] == [e for i, e in enumerate(emails) if i % 3]
    assert totals == {4} and all(u["role_id"] == role["id"] for u in active)
    pending, totals = every_page(zemu, "/users", "users", role_id=role["id"], status="pending")
    assert [u["email"] for u in pending] == [emails[0], emails[3], emails[6]] and totals == {3}

    holders, totals = every_page(zemu, f"/roles/{role['id']}/members", "members")
    assert sorted(m["email"] for m in holders) == emails and totals == {7}
    assert api.get(f"/roles/{role['id']}").json()["total_members"] == 7

    everyone, totals = every_page(zemu, "/users", "users")
    assert totals == {len(everyone)} and all(u["status"] == "active" for u in everyone)
    assert [u["email"] for u in everyone] == sorted(u["email"] for u in everyone)


def test_group_members_and_admins_page_and_follow_an_email_change(zemu: ZemuServer) -> None:
    api = zemu.api
    group = api.post("/groups", json={"name": "Night shift"}).json()
    users = api.get("/users", params={"page_size": 8}).json()["users"]
    body = {"members": [{"id": u["id"]} for u in users]}
    assert api.post(f"/groups/{group['id']}/members", json=body).status_code == 201
    assert api.post(f"/groups/{group['id']}/admins", json={"admins": [{"id": users[0]["id"]}]}).status_code == 201

    listed, totals = every_page(zemu, f"/groups/{group['id']}/members", "members")
    assert [m["id"] for m in listed] == [u["id"] for u in users] and totals == {8}
    assert api.get(f"/groups/{group['id']}").json()["total_members"] == 8
    assert group["id"] in api.get(f"/users/{users[1]['id']}").json()["group_ids"]

    # a new email re-sorts the member in every list that shows them
    assert api.put(f"/users/{users[0]['id']}/email", json={"email": "zz-night@zemu-demo.example"}).status_code == 204
    listed, _ = every_page(zemu, f"/groups/{group['id']}/members", "members")
    assert listed[-1]["email"] == "zz-night@zemu-demo.example"
    admins, totals = every_page(zemu, f"/groups/{group['id']}/admins", "admins")
    assert [a["email"] for a in admins] == ["zz-night@zemu-demo.example"] and totals == {1}

    assert api.delete(f"/groups/{group['id']}/members/{users[1]['id']}").status_code == 204
    assert api.get(f"/groups/{group['id']}").json()["total_members"] == 7
    assert group["id"] not in api.get(f"/users/{users[1]['id']}").json()["group_ids"]
    assert api.delete(f"/groups/{group['id']}").status_code == 204
    assert group["id"] not in api.get(f"/users/{users[2]['id']}").json()["group_ids"]


def test_schedulers_are_the_users_an_assistant_helps_and_leave_with_them(zemu: ZemuServer) -> None:
    api = zemu.api
    users = api.get("/users", params={"page_size": 4}).json()["users"]
    helper = users[3]
    for owner in users[:3]:
        made = api.post(f"/users/{owner['id']}/assistants", json={"assistants": [{"id": helper["id"]}]})
        assert made.status_code == 201
    schedulers = api.get(f"/users/{helper['id']}/schedulers").json()["schedulers"]
    assert [s["id"] for s in schedulers] == [u["id"] for u in users[:3]]
    assert api.delete(f"/users/{helper['id']}/schedulers/{users[0]['id']}").status_code == 204
    assert api.get(f"/users/{users[0]['id']}/assistants").json()["assistants"] == []
    assert api.delete(f"/users/{helper['id']}", params={"action": "delete"}).status_code == 204
    assert api.get(f"/users/{users[1]['id']}/assistants").json()["assistants"] == []


def test_a_users_recordings_are_a_date_range_with_the_trash_apart(zemu: ZemuServer) -> None:
    api = zemu.api
    for day in range(1, 8):  # one recorded meeting a day, played by the simulator
        made = api.post(
            "/users/me/meetings", json={"topic": f"Day {day}", "type": 2, "start_time": f"2026-01-0{day}T10:00:00Z"}
        ).json()
        zemu.control.post(
            f"/zemu/meetings/{made['id']}/simulate",
            json={"participants": 1, "duration_minutes": 1, "record": True, "at": f"2026-01-0{day}T10:00:00Z"},
        )
        if day == 4:
            assert api.delete(f"/meetings/{made['id']}/recordings").status_code == 204
    kept, totals = every_page(zemu, "/users/me/recordings", "meetings", **{"from": "2026-01-02", "to": "2026-01-06"})
    assert [m["topic"] for m in kept] == ["Day 2", "Day 3", "Day 5", "Day 6"] and totals == {4}
    trashed, totals = every_page(
        zemu, "/users/me/recordings", "meetings", **{"from": "2026-01-01", "to": "2026-01-07", "trash": "true"}
    )
    assert [m["topic"] for m in trashed] == ["Day 4"] and totals == {1}
