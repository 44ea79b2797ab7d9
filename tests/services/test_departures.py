"""A user or common area that leaves the account leaves Zoom Phone and its call queues too."""

from __future__ import annotations

from zemu.testing import ZemuServer


def queue_member_ids(zemu: ZemuServer) -> set[str]:
    found: set[str] = set()
    for queue in zemu.api.get("/phone/call_queues").json()["call_queues"]:
        members = zemu.api.get(f"/phone/call_queues/{queue['id']}/members").json()["call_queue_members"]
        found |= {m["id"] for m in members}
    return found


def test_deleting_a_user_removes_their_phone_profile_numbers_and_queue_seats(zemu: ZemuServer) -> None:
    members = queue_member_ids(zemu)
    phone_users = zemu.api.get("/phone/users", params={"page_size": 100}).json()["users"]
    leaver = next(u for u in phone_users if u["id"] in members and u.get("phone_numbers"))
    owner_id = zemu.api.get("/users/me").json()["id"]
    assert leaver["id"] != owner_id
    number = leaver["phone_numbers"][0]["number"]

    assert zemu.api.delete(f"/users/{leaver['id']}", params={"action": "delete"}).status_code == 204

    assert zemu.api.get(f"/phone/users/{leaver['id']}").status_code in (400, 404)
    assert leaver["id"] not in queue_member_ids(zemu)
    freed = zemu.api.get("/phone/numbers", params={"type": "unassigned", "page_size": 100}).json()["phone_numbers"]
    assert number in {n["number"] for n in freed}
