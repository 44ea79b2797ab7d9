"""IM groups over the account's users, and chatbot messages sent with a chatbot app's client
credentials token: visible in the channel's history, editable and deletable only by that bot."""

from __future__ import annotations

from typing import Any

import httpx

from zemu.testing import ZemuServer

DANA = "dana.okafor@zemu-demo.example"


def test_im_groups_create_rename_fill_empty_and_delete(zemu: ZemuServer) -> None:
    api = zemu.api
    assert [g["name"] for g in api.get("/im/groups").json()["groups"]] == ["Everyone", "Support Desk"]
    made = api.post("/im/groups", json={"name": "Field Team", "type": "restricted", "search_by_domain": True})
    assert made.status_code == 200 and not made.content, made.text  # documented: 200, no body
    group = next(g for g in api.get("/im/groups").json()["groups"] if g["name"] == "Field Team")
    assert group["type"] == "restricted" and group["total_members"] == 0 and group["search_by_domain"] is True
    clash = api.post("/im/groups", json={"name": "everyone"})
    assert clash.status_code == 409 and clash.json()["code"] == 4132
    assert api.patch(f"/im/groups/{group['id']}", json={"name": "Support Desk"}).status_code == 409
    assert api.patch(f"/im/groups/{group['id']}", json={"name": "Field Crew"}).status_code == 204
    assert api.get(f"/im/groups/{group['id']}").json()["name"] == "Field Crew"

    dana = api.get(f"/users/{DANA}").json()
    added = api.post(f"/im/groups/{group['id']}/members", json={"members": [{"email": DANA}, {"id": dana["id"]}]})
    assert added.status_code == 201 and added.json()["ids"] == dana["id"]
    assert (
        api.post(
            f"/im/groups/{group['id']}/members", json={"members": [{"email": "ghost@zemu-demo.example"}]}
        ).status_code
        == 404
    )
    members = api.get(f"/im/groups/{group['id']}/members").json()
    assert [m["email"] for m in members["members"]] == [DANA] and members["total_records"] == 1
    assert api.delete(f"/im/groups/{group['id']}/members/{dana['id']}").status_code == 204
    assert api.delete(f"/im/groups/{group['id']}/members/{dana['id']}").status_code == 404
    assert api.get(f"/im/groups/{group['id']}").json()["total_members"] == 0
    assert api.delete(f"/im/groups/{group['id']}").status_code == 204
    gone = api.get(f"/im/groups/{group['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 4130
    assert api.post("/im/groups", json={"name": "Field Crew"}).status_code == 200  # the name is free again


def chatbot(zemu: ZemuServer) -> tuple[httpx.Client, dict[str, Any]]:
    """The demo chatbot, and a client holding its client-credentials token."""
    bot = zemu.transaction(lambda tx: tx.list("chatbot", limit=1)[0].body)
    app = zemu.transaction(lambda tx: tx.get("app", bot["id"]))
    token = (
        zemu.control.post(
            "/oauth/token", params={"grant_type": "client_credentials"}, auth=(app["client_id"], app["client_secret"])
        )
        .raise_for_status()
        .json()
    )
    return zemu.client(token["access_token"]), bot


def test_a_chatbot_posts_edits_and_deletes_its_messages_in_a_channel(zemu: ZemuServer) -> None:
    api = zemu.api
    client, bot = chatbot(zemu)
    general = next(
        c
        for c in api.get("/chat/users/me/channels", params={"page_size": 50}).json()["channels"]
        if c["name"] == "general"
    )
    base = {"robot_jid": bot["robot_jid"], "account_id": bot["account_id"]}
    sent = client.post(
        "/im/chat/messages",
        json={
            **base,
            "to_jid": general["jid"],
            "is_markdown_support": True,
            "content": '{"head": {"text": "Build"}, "body": [{"type": "message", "text": "green"}]}',
        },
    )
    assert sent.status_code == 200, sent.text
    answer = sent.json()
    assert answer["robot_jid"] == bot["robot_jid"] and answer["to_jid"] == general["jid"] and answer["sent_time"]
    history = api.get("/chat/users/me/messages", params={"to_channel": general["id"]}).json()["messages"]
    posted = next(m for m in history if m["id"] == answer["message_id"])
    assert posted["bot_message"]["head"] == {"text": "Build"}

    assert client.put(f"/im/chat/messages/{answer['message_id']}", json={**base, "content": "red"}).status_code == 200
    history = api.get("/chat/users/me/messages", params={"to_channel": general["id"]}).json()["messages"]
    edited = next(m for m in history if m["id"] == answer["message_id"])
    assert edited["bot_message"]["body"][0]["text"] == "red" and edited["status"] == "Edited"

    # the s2s app is no chatbot; a wrong robot JID or account is refused; nothing changes
    assert api.request("DELETE", f"/im/chat/messages/{answer['message_id']}", json=base).status_code == 401
    wrong = client.request(
        "DELETE", f"/im/chat/messages/{answer['message_id']}", json={**base, "robot_jid": "x@xmpp.zoom.us"}
    )
    assert wrong.status_code == 400
    assert (
        client.post("/im/chat/messages", json={**base, "to_jid": "nobody@xmpp.zoom.us", "content": "x"}).status_code
        == 400
    )
    deleted = client.request("DELETE", f"/im/chat/messages/{answer['message_id']}", json=base)
    assert deleted.status_code == 200 and deleted.json()["deleted_time"]
    history = api.get("/chat/users/me/messages", params={"to_channel": general["id"]}).json()["messages"]
    assert answer["message_id"] not in [m["id"] for m in history]
    assert client.request("DELETE", f"/im/chat/messages/{answer['message_id']}", json=base).status_code == 400


def test_a_chatbot_writes_to_a_user_by_jid(zemu: ZemuServer) -> None:
    client, bot = chatbot(zemu)
    dana = zemu.api.get(f"/users/{DANA}").json()
    sent = client.post(
        "/im/chat/messages",
        json={
            "robot_jid": bot["robot_jid"],
            "account_id": bot["account_id"],
            "to_jid": f"{dana['id']}@xmpp.zoom.us",
            "user_jid": f"{dana['id']}@xmpp.zoom.us",
            "content": "Your report is ready",
        },
    )
    assert sent.status_code == 200 and sent.json()["user_jid"] == f"{dana['id']}@xmpp.zoom.us"


def test_only_a_client_credentials_token_of_the_chatbot_speaks_as_it(zemu: ZemuServer) -> None:
    _, bot = chatbot(zemu)

    def user_token(tx: Any) -> str:
        from zemu.ids import Ids
        from zemu.services import oauth

        app = tx.get("app", bot["id"])
        return oauth.issue(
            tx,
            Ids(),
            4_000_000_000.0,
            app=app,
            account_id=app["account_id"],
            user_id=app["owner_id"],
            scope_set=app["scope_set"],
            grant="authorization_code",
            with_refresh=False,
        )["access_token"]

    as_user = zemu.client(zemu.transaction(user_token))
    dana = zemu.api.get(f"/users/{DANA}").json()
    refused = as_user.post(
        "/im/chat/messages",
        json={
            "robot_jid": bot["robot_jid"],
            "account_id": bot["account_id"],
            "to_jid": f"{dana['id']}@xmpp.zoom.us",
            "content": "hi",
        },
    )
    assert refused.status_code == 401 and refused.json()["code"] == 124
