"""Team Chat through the API: channels and their members, messages and threads, contacts, with
Zoom's rules (who may see, change, invite, post and edit) and the events each change sends."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from zemu.testing import ZemuServer

OWNER = "owner@zemu-demo.example"
DANA = "dana.okafor@zemu-demo.example"
SAMI = "sami.diaz@zemu-demo.example"


def events(zemu: ZemuServer, since: int) -> list[dict[str, Any]]:
    return zemu.outbox()[since:]


def as_user(zemu: ZemuServer, email: str) -> httpx.Client:
    """A client acting as ``email``: a token of the demo user OAuth app as that user's approval
    would give (issued by the OAuth service itself, at the server's emulated time)."""
    now = datetime.fromisoformat(zemu.now().replace("Z", "+00:00")).timestamp()
    token = zemu.transaction(lambda tx: _user_token(tx, email, now))
    return zemu.client(token)


def _user_token(tx: Any, email: str, now: float) -> str:
    from zemu.ids import Ids
    from zemu.services import oauth
    from zemu.services.apps import get_app
    from zemu.services.users.model import find_user

    user = find_user(tx, email)
    app_id = tx.meta("demo_oauth_app_id")
    app = get_app(tx, app_id)
    return oauth.issue(
        tx,
        Ids(),
        now,
        app=app,
        account_id=user["account_id"],
        user_id=user["id"],
        scope_set=app["scope_set"],
        grant="authorization_code",
        with_refresh=False,
    )["access_token"]


def channel_named(api: httpx.Client, name: str) -> dict[str, Any]:
    return next(
        c for c in api.get("/chat/users/me/channels", params={"page_size": 50}).json()["channels"] if c["name"] == name
    )


def test_create_a_channel_with_members_then_rename_and_delete_it_everywhere(zemu: ZemuServer) -> None:
    api = zemu.api
    before = len(zemu.outbox())
    made = api.post("/chat/users/me/channels", json={"name": "Launch", "type": 1, "members": [{"email": DANA}]})
    assert made.status_code == 201, made.text
    channel = made.json()
    assert channel["jid"] == f"{channel['id']}@conference.xmpp.zoom.us" and channel["type"] == 1
    created = [e for e in events(zemu, before) if e["event"] == "chat_channel.created"][0]["payload"]
    assert created["operator"] == OWNER and {m["display_name"] for m in created["object"]["members"]} == {
        "Avery Owner",
        "Dana Okafor",
    }
    members = api.get(f"/chat/channels/{channel['id']}/members").json()
    assert {(m["email"], m["role"]) for m in members["members"]} == {(OWNER, "owner"), (DANA, "member")}
    assert members["total_records"] == 2

    assert (
        api.patch(
            f"/chat/channels/{channel['id']}",
            json={"name": "Launch Room", "channel_settings": {"posting_permissions": 2}},
        ).status_code
        == 204
    )
    got = api.get(f"/chat/channels/{channel['id']}").json()
    assert got["name"] == "Launch Room" and got["channel_settings"]["posting_permissions"] == 2
    dana = as_user(zemu, DANA)
    assert channel_named(dana, "Launch Room")["id"] == channel["id"]  # her list follows the rename

    refused = dana.patch(f"/chat/channels/{channel['id']}", json={"name": "Mine now"})
    assert refused.status_code == 403 and refused.json()["code"] == 200
    assert dana.delete(f"/chat/channels/{channel['id']}").json()["code"] == 200

    count = len(zemu.outbox())
    assert api.delete(f"/chat/channels/{channel['id']}").status_code == 204
    assert [e["event"] for e in events(zemu, count)] == ["chat_channel.deleted"]
    gone = api.get(f"/chat/channels/{channel['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 4130
    for client in (api, dana):
        names = [c["name"] for c in client.get("/chat/users/me/channels", params={"page_size": 50}).json()["channels"]]
        assert "Launch Room" not in names
    everywhere = api.get("/chat/channels", params={"page_size": 20}).json()
    assert "Launch Room" not in [c["name"] for c in everywhere["channels"]] and everywhere["total_records"] == 3


def test_private_channels_are_for_members_and_public_ones_can_be_joined_and_left(zemu: ZemuServer) -> None:
    api = zemu.api
    engineering, general = channel_named(api, "engineering"), channel_named(api, "general")
    outsider = as_user(zemu, "sami.diaz@zemu-demo.example")
    hidden = outsider.get(f"/chat/channels/{engineering['id']}")
    assert hidden.status_code == 400 and hidden.json()["code"] == 200
    assert outsider.post(f"/chat/channels/{engineering['id']}/members/me").json()["code"] == 5301

    made = api.post("/chat/users/me/channels", json={"name": "Open Floor", "type": 3}).json()
    count = len(zemu.outbox())
    joined = outsider.post(f"/chat/channels/{made['id']}/members/me")
    assert joined.status_code == 201 and joined.json()["member_id"]
    assert outsider.post(f"/chat/channels/{made['id']}/members/me").status_code == 400  # already in
    assert outsider.delete(f"/chat/channels/{made['id']}/members/me").status_code == 204
    assert [e["event"] for e in events(zemu, count)] == ["chat_channel.member_joined", "chat_channel.member_left"]
    assert api.delete(f"/chat/channels/{made['id']}/members/me").json()["code"] == 5301  # the owner stays
    assert general["type"] == 3


def test_inviting_follows_the_channel_setting_and_only_managers_remove(zemu: ZemuServer) -> None:
    api = zemu.api
    made = api.post(
        "/chat/users/me/channels",
        json={
            "name": "Managers Only",
            "type": 1,
            "members": [{"email": DANA}],
            "channel_settings": {"add_member_permissions": 2},
        },
    ).json()
    dana = as_user(zemu, DANA)
    count = len(zemu.outbox())
    refused = dana.post(f"/chat/channels/{made['id']}/members", json={"members": [{"email": SAMI}]})
    assert refused.status_code == 400 and refused.json()["code"] == 200
    assert (
        api.post(
            f"/chat/channels/{made['id']}/members", json={"members": [{"email": "nobody@zemu-demo.example"}]}
        ).status_code
        == 404
    )
    assert len(zemu.outbox()) == count
    assert api.get(f"/chat/channels/{made['id']}/members").json()["total_records"] == 2

    invited = api.post(f"/chat/channels/{made['id']}/members", json={"members": [{"email": SAMI}]})
    assert invited.status_code == 201 and invited.json()["ids"]
    assert [e["event"] for e in events(zemu, count)] == ["chat_channel.member_invited"]
    sami = invited.json()["ids"]
    assert dana.delete(f"/chat/channels/{made['id']}/members/{sami}").json()["code"] == 200
    assert api.delete(f"/chat/channels/{made['id']}/members/{sami}").status_code == 204
    assert api.get(f"/chat/channels/{made['id']}/members").json()["total_records"] == 2


def test_messages_threads_reactions_and_only_the_sender_edits(zemu: ZemuServer) -> None:
    api = zemu.api
    channel = api.post(
        "/chat/users/me/channels", json={"name": "Threads", "type": 1, "members": [{"email": DANA}]}
    ).json()
    count = len(zemu.outbox())
    main = api.post("/chat/users/me/messages", json={"to_channel": channel["id"], "message": "Ship it?"}).json()
    dana = as_user(zemu, DANA)
    reply = dana.post(
        "/chat/users/me/messages",
        json={"to_channel": channel["id"], "message": "Yes", "reply_main_message_id": main["id"]},
    )
    assert reply.status_code == 201
    nested = api.post(
        "/chat/users/me/messages",
        json={"to_channel": channel["id"], "message": "x", "reply_main_message_id": reply.json()["id"]},
    )
    assert nested.status_code == 400 and nested.json()["code"] == 5402
    sent = events(zemu, count)
    assert [e["event"] for e in sent] == ["chat_message.sent", "chat_message.replied"]
    assert sent[1]["payload"]["object"]["parent_msg_id"] == main["id"]
    assert sent[1]["payload"]["object"]["channel_name"] == "Threads"

    assert (
        api.patch(
            f"/chat/users/me/messages/{main['id']}/emoji_reactions",
            json={"action": "add", "emoji": "rocket", "to_channel": channel["id"]},
        ).status_code
        == 204
    )
    reacted = zemu.outbox()[-1]
    assert reacted["event"] == "team_chat.channel_reaction_added"
    assert reacted["payload"]["object"]["msg_id"] == main["id"] and reacted["payload"]["object"]["emoji"] == "rocket"
    listed = api.get("/chat/users/me/messages", params={"to_channel": channel["id"]}).json()
    assert [m["message"] for m in listed["messages"]] == ["Yes", "Ship it?"]  # newest first
    assert listed["messages"][0]["reply_main_message_id"] == main["id"]
    assert listed["messages"][1]["reactions"][0]["emoji"] == "rocket"
    only_main = api.get(
        "/chat/users/me/messages", params={"to_channel": channel["id"], "exclude_child_message": "true"}
    ).json()
    assert [m["id"] for m in only_main["messages"]] == [main["id"]]

    refused = dana.put(f"/chat/users/me/messages/{main['id']}", json={"message": "hijack", "to_channel": channel["id"]})
    assert refused.status_code == 400 and refused.json()["code"] == 200
    assert (
        api.put(
            f"/chat/users/me/messages/{main['id']}", json={"message": "Ship it!", "to_channel": channel["id"]}
        ).status_code
        == 204
    )
    edited = api.get("/chat/users/me/messages", params={"to_channel": channel["id"]}).json()["messages"][1]
    assert edited["message"] == "Ship it!" and edited["status"] == "Edited"
    assert api.delete(f"/chat/users/me/messages/{main['id']}").json()["code"] == 300  # no session named
    assert api.delete(f"/chat/users/me/messages/{main['id']}", params={"to_channel": channel["id"]}).status_code == 204
    assert api.get("/chat/users/me/messages", params={"to_channel": channel["id"]}).json()["messages"] == []
    assert zemu.outbox()[-1]["event"] == "chat_message.deleted"


def test_direct_messages_files_date_ranges_and_paging(zemu: ZemuServer) -> None:
    api = zemu.api
    dana = api.get(f"/users/{DANA}").json()
    sent = api.post(
        "/chat/users/me/messages", json={"to_contact": DANA, "message": "Agenda attached", "file_ids": ["demo-agenda"]}
    )
    assert sent.status_code == 201
    assert (
        api.post("/chat/users/me/messages", json={"to_contact": DANA, "message": "x", "file_ids": ["nope"]}).json()[
            "code"
        ]
        == 5404
    )
    assert api.post("/chat/users/me/messages", json={"message": "nowhere"}).json()["code"] == 5301
    assert api.post("/chat/users/me/messages", json={"to_channel": "nope", "message": "x"}).status_code == 404
    theirs = as_user(zemu, DANA).get("/chat/users/me/messages", params={"to_contact": OWNER}).json()
    got = next(m for m in theirs["messages"] if m["id"] == sent.json()["id"])
    assert got["files"][0]["file_name"] == "agenda.pdf" and got["sender"] == OWNER
    assert zemu.outbox()[-1]["payload"]["object"]["contact_id"] == dana["id"]

    general = channel_named(api, "general")
    now = datetime.fromisoformat(zemu.now().replace("Z", "+00:00"))
    since = (now - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    too_old = (now - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (
        api.get("/chat/users/me/messages", params={"to_channel": general["id"], "from": too_old}).json()["code"] == 300
    )
    first = api.get(
        "/chat/users/me/messages", params={"to_channel": general["id"], "page_size": 4, "from": since}
    ).json()
    seen = [m["timestamp"] for m in first["messages"]]
    token = first["next_page_token"]
    while token:
        page = api.get("/chat/users/me/messages", params={"to_channel": general["id"], "next_page_token": token}).json()
        seen += [m["timestamp"] for m in page["messages"]]
        token = page["next_page_token"]
    assert len(seen) >= 12 and seen == sorted(seen, reverse=True)
    assert api.get("/chat/users/me/messages", params={"page_size": 4}).json()["code"] == 300


def test_contacts_are_the_account_users_and_one_contact_has_phone_details(zemu: ZemuServer) -> None:
    api = zemu.api
    page = api.get("/chat/users/me/contacts", params={"page_size": 5}).json()
    assert len(page["contacts"]) == 5 and page["next_page_token"]
    emails = [c["email"] for c in page["contacts"]]
    assert emails == sorted(emails)
    one = api.get(f"/chat/users/me/contacts/{DANA}", params={"query_presence_status": "true"}).json()
    assert one["email"] == DANA and one["presence_status"] and one["extension_number"]
    missing = api.get("/chat/users/me/contacts/ghost@zemu-demo.example")
    assert missing.status_code == 404 and missing.json()["code"] == 1001


def test_an_uploaded_file_is_attached_and_a_thread_is_read_back(zemu: ZemuServer) -> None:
    api = zemu.api
    uploaded = api.post("/chat/users/me/files", files={"file": ("notes.txt", b"minutes of the sync")})
    assert uploaded.status_code == 201, uploaded.text
    file_id = uploaded.json()["id"]
    channel = api.post(
        "/chat/users/me/channels", json={"name": "Files", "type": 1, "members": [{"email": DANA}]}
    ).json()
    main = api.post(
        "/chat/users/me/messages",
        json={"to_channel": channel["id"], "message": "Notes attached", "file_ids": [file_id]},
    ).json()
    got = api.get(f"/chat/users/me/messages/{main['id']}", params={"to_channel": channel["id"]}).json()
    assert got["files"][0]["file_id"] == file_id and got["files"][0]["file_size"] == 19
    assert (
        as_user(zemu, DANA)
        .post("/chat/users/me/messages", json={"to_channel": channel["id"], "message": "x", "file_ids": [file_id]})
        .json()["code"]
        == 5404
    )  # not hers
    for text in ("first", "second"):
        assert (
            api.post(
                "/chat/users/me/messages",
                json={"to_channel": channel["id"], "message": text, "reply_main_message_id": main["id"]},
            ).status_code
            == 201
        )
    thread = api.get(
        f"/chat/users/me/messages/{main['id']}/thread", params={"to_channel": channel["id"], "from": "0", "sort": "asc"}
    ).json()
    assert thread["total"] == 3
    assert [(m["message"], m["is_reply"]) for m in thread["messages"]] == [
        ("Notes attached", False),
        ("first", True),
        ("second", True),
    ]
    missing = api.get(
        f"/chat/users/me/messages/{thread['messages'][1]['msg_id']}/thread",
        params={"to_channel": channel["id"], "from": "0"},
    )
    assert missing.status_code == 404  # a reply has no thread of its own


def test_the_chat_dashboard_counts_what_each_user_sent(zemu: ZemuServer) -> None:
    api = zemu.api
    today = zemu.now()[:10]
    span = {"from": today, "to": today, "page_size": 300}

    def mine(path: str) -> dict[str, Any]:
        return next(u for u in api.get(path, params=span).json()["users"] if u["email"] == OWNER)

    before = mine("/metrics/im")
    assert mine("/metrics/chat") == before  # Zoom's current name of the same dashboard
    general = channel_named(api, "general")
    api.post("/chat/users/me/messages", json={"to_channel": general["id"], "message": "one"})
    api.post("/chat/users/me/messages", json={"to_contact": DANA, "message": "two"})
    after = mine("/metrics/im")
    assert after["total_sent"] == before["total_sent"] + 2
    assert after["group_sent"] == before["group_sent"] + 1 and after["p2p_sent"] == before["p2p_sent"] + 1
    assert api.get("/metrics/im", params={"from": today, "to": "2020-01-01"}).status_code == 400
