"""User settings (inheritance, locks, the settings event), pictures, assistants, presence and
the user-scoped lists."""

from __future__ import annotations

import base64
from typing import Any

from zemu.testing import ZemuServer

OWNER = "owner@zemu-demo.example"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def last(zemu: ZemuServer, name: str) -> dict[str, Any]:
    return [e for e in zemu.outbox() if e["event"] == name][-1]


def test_user_settings_inherit_from_the_group_and_locked_settings_follow_the_group(zemu: ZemuServer) -> None:
    api = zemu.api
    nora = api.get("/users/nora.young@zemu-demo.example").json()
    group_id = nora["group_ids"][0]
    tree = api.get(f"/users/{nora['id']}/settings").json()
    assert {"schedule_meeting", "in_meeting", "recording", "feature"} <= tree.keys()
    start = tree["schedule_meeting"]["host_video"]

    assert (
        api.patch(f"/groups/{group_id}/settings", json={"schedule_meeting": {"host_video": not start}}).status_code
        == 204
    )
    assert api.get(f"/users/{nora['id']}/settings").json()["schedule_meeting"]["host_video"] is (not start)

    assert (
        api.patch(f"/users/{nora['id']}/settings", json={"schedule_meeting": {"host_video": start}}).status_code == 204
    )
    event = last(zemu, "user.settings_updated")
    assert event["operator"] == event["payload"]["operator"] == OWNER  # the root copy of this event
    assert event["payload"]["object"] == {"id": nora["id"], "settings": {"schedule_meeting": {"host_video": start}}}
    assert event["payload"]["old_object"]["settings"] == {"schedule_meeting": {"host_video": not start}}
    assert api.get(f"/users/{nora['id']}/settings").json()["schedule_meeting"]["host_video"] is start

    # the group locks it: the member sees the group's value again, whatever they set
    assert (
        api.patch(f"/groups/{group_id}/lock_settings", json={"schedule_meeting": {"host_video": True}}).status_code
        == 204
    )
    lock = last(zemu, "group.lock_settings_updated")["payload"]
    assert lock["object"]["settings"] == {"schedule_meeting": {"host_video": True}}
    assert api.get(f"/groups/{group_id}/lock_settings").json()["schedule_meeting"]["host_video"] is True
    assert api.get(f"/users/{nora['id']}/settings").json()["schedule_meeting"]["host_video"] is (not start)

    only = api.get(f"/users/{nora['id']}/settings", params={"custom_query_fields": "host_video"}).json()
    assert only == {"schedule_meeting": {"host_video": not start}}
    security = api.get(f"/users/{nora['id']}/settings", params={"option": "meeting_security"}).json()
    assert "meeting_security" in security

    basic = api.get("/users/sami.diaz@zemu-demo.example").json()
    refused = api.patch(f"/users/{basic['id']}/settings", json={"feature": {"webinar": True}})
    assert refused.json()["code"] == 1122


def test_picture_upload_stores_the_image_and_points_pic_url_at_it(zemu: ZemuServer) -> None:
    upload = zemu.api.post("/users/me/picture", files={"pic_file": ("me.png", PNG, "image/png")})
    assert upload.status_code == 201, upload.text
    me = zemu.api.get("/users/me").json()
    assert me["pic_url"] == f"{zemu.url}/zemu/users/{me['id']}/picture?v=1"
    served = zemu.control.get(me["pic_url"])
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png" and served.content == PNG
    assert last(zemu, "user.updated")["payload"]["object"] == {"id": me["id"], "pic_url": me["pic_url"]}


def test_the_user_list_shows_the_picture_at_this_servers_address(zemu: ZemuServer) -> None:
    """The list is served from views saved without the origin: each item's ``pic_url`` must
    still name this server, with or without ``include_fields``, and only the picture's owner
    has one, however its text fields look."""
    api = zemu.api
    me = api.get("/users/me").json()
    looks_like_a_view = 'x","pic_url":"/zemu/users/evil'
    assert (
        api.patch("/users/me", json={"job_title": looks_like_a_view, "last_name": looks_like_a_view}).status_code == 204
    )
    assert api.post("/users/me/picture", files={"pic_file": ("me.png", PNG, "image/png")}).status_code == 201
    expected = f"{zemu.url}/zemu/users/{me['id']}/picture?v=1"
    for query in ({}, {"include_fields": "host_key"}, {"include_fields": "custom_attributes"}):
        users = api.get("/users", params={"page_size": 300, **query}).json()["users"]
        pictured = {u["id"]: u["pic_url"] for u in users if "pic_url" in u}
        assert pictured == {me["id"]: expected}, query
        assert next(u for u in users if u["id"] == me["id"])["last_name"] == looks_like_a_view


def test_a_picture_that_is_not_an_image_is_refused_and_changes_nothing(zemu: ZemuServer) -> None:
    before = zemu.api.get("/users/me").json().get("pic_url")
    refused = zemu.api.post("/users/me/picture", files={"pic_file": ("me.png", b"plain text", "image/png")})
    assert refused.status_code == 400 and refused.json()["code"] == 300
    assert zemu.api.get("/users/me").json().get("pic_url") == before


def test_assistants_schedulers_and_permissions(zemu: ZemuServer) -> None:
    api = zemu.api
    casey = api.get("/users/casey.nguyen@zemu-demo.example").json()
    added = api.post("/users/me/assistants", json={"assistants": [{"email": casey["email"]}]})
    assert added.status_code == 201 and added.json()["ids"] == casey["id"]
    assert api.get("/users/me/assistants").json()["assistants"] == [
        {"id": casey["id"], "email": casey["email"], "can_manage_host_private_event": False}
    ]
    me = api.get("/users/me").json()
    assert api.get(f"/users/{casey['id']}/schedulers").json()["schedulers"] == [
        {"id": me["id"], "email": me["email"], "pmi": me["pmi"]}
    ]
    assert api.delete(f"/users/{casey['id']}/schedulers/{me['id']}").status_code == 204
    assert api.get("/users/me/assistants").json()["assistants"] == []
    assert api.post("/users/me/assistants", json={"assistants": [{"email": "ghost@example.com"}]}).status_code == 404
    assert "User:Edit" in api.get("/users/me/permissions").json()["permissions"]
    member = api.get("/users/eli.petrov@zemu-demo.example/permissions").json()
    assert member == {"permissions": []}


def test_presence_sign_in_out_and_notes(zemu: ZemuServer) -> None:
    api = zemu.api
    eli = api.get("/users/eli.petrov@zemu-demo.example").json()
    assert api.put(f"/users/{eli['id']}/presence_status", json={"status": "On_A_Call"}).status_code == 204
    assert api.get(f"/users/{eli['id']}/presence_status").json() == {"status": "On_A_Call"}
    presence = last(zemu, "user.presence_status_updated")["payload"]["object"]
    assert presence["presence_status"] == "On_Phone_Call" and presence["app"]["presence_status"] == "On_Phone_Call"
    api.put(f"/users/{eli['id']}/presence_status", json={"status": "Do_No_Disturb", "duration": 30})
    dnd = api.get(f"/users/{eli['id']}/presence_status").json()
    assert dnd["status"] == "Do_No_Disturb" and 1790 <= dnd["remaining_time"] <= 1800
    zemu.advance(31 * 60)
    assert api.get(f"/users/{eli['id']}/presence_status").json() == {"status": "Available"}

    signed = zemu.control.post("/zemu/trigger/user.signed_in", json={"user": eli["email"]})
    assert signed.status_code == 200
    login = last(zemu, "user.signed_in")["payload"]["object"]
    assert login["id"] == eli["id"] and login["login_type"] == 100
    assert api.get(f"/users/{eli['id']}").json()["last_login_time"] == login["date_time"]
    assert api.delete(f"/users/{eli['id']}/token").status_code == 204  # revoking SSO signs out
    assert last(zemu, "user.signed_out")["payload"]["object"]["id"] == eli["id"]

    zemu.control.post("/zemu/trigger/user.personal_notes_updated", json={"user": eli["email"], "notes": "At lunch"})
    notes = last(zemu, "user.personal_notes_updated")["payload"]
    assert notes["object"]["personal_notes"] == "At lunch" and notes["old_object"] == {"personal_notes": ""}


def test_user_scoped_lists_and_existence_checks(zemu: ZemuServer) -> None:
    api = zemu.api
    meetings = api.get(
        "/users/tara.evans@zemu-demo.example/meetings", params={"type": "upcoming", "page_size": 5}
    ).json()
    assert meetings["meetings"] == [] and meetings["total_records"] == 0 and meetings["page_size"] == 5
    assert api.get("/users/me/meetings", params={"type": "bogus"}).status_code == 400
    recordings = api.get("/users/me/recordings", params={"from": "2026-01-01", "to": "2026-01-20"}).json()
    assert (recordings["from"], recordings["to"], recordings["meetings"]) == ("2026-01-01", "2026-01-20", [])
    backwards = api.get("/users/me/recordings", params={"from": "2026-01-20", "to": "2026-01-01"})
    assert backwards.status_code == 400
    assert api.get("/users/me/webinars").json()["webinars"][0]["topic"] == "Product launch webinar"
    assert api.get("/users/nobody@example.com/meetings").status_code == 404
    assert api.get("/users/email", params={"email": OWNER}).json() == {"existed_email": True}
    assert api.get("/users/email", params={"email": "no@example.com"}).json() == {"existed_email": False}
    assert api.patch("/users/me", json={"vanity_name": "avery.owner"}).status_code == 204
    assert api.get("/users/vanity_name", params={"vanity_name": "avery.owner"}).json() == {"existed": True}
    clash = api.patch("/users/eli.petrov@zemu-demo.example", json={"vanity_name": "Avery.Owner"})
    assert clash.json()["code"] == 4100
    assert api.get("/users/me/token", params={"type": "zak"}).json()["token"]
