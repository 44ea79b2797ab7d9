"""Calls between two accounts (phone-events.md §1 perspective): the caller's leg is told to the
caller's account and the callee's to the callee's, and each account files its own side of the
call under its own call history id, with the recording or the voicemail where its owner is."""

from __future__ import annotations

from typing import Any

import pytest
from call_helpers import place

from zemu.services.numbers import model as numbers
from zemu.services.phone.users import new_phone_user
from zemu.services.users.model import find_user

Doc = dict[str, Any]
SUB_OWNER = "sub-owner@zemu-demo-east.example"


@pytest.fixture(scope="module")
def sub(phone) -> Doc:
    """The demo's sub-account with the Zoom Phone add-on, its owner given a Zoom Phone extension
    (1001 of that account: no REST operation makes a phone user), and a client of an app there."""
    server, _ = phone
    account = server.api.get("/accounts").json()["accounts"][0]
    plan = {"type": "phone_pro_monthly", "hosts": 1}  # the Zoom Phone add-on turns Zoom Phone on
    assert server.api.post(f"/accounts/{account['id']}/plans/addons", json=plan).status_code == 201

    def enable(tx: Any) -> Doc:
        user = find_user(tx, SUB_OWNER)
        assert user is not None and user["account_id"] == account["id"]
        return new_phone_user(tx, server.runtime.ids, user, site_id="", extension_number=1001)

    phone_user = server.transaction(enable)
    client = server.client_with_scopes(["phone:read:admin", "phone:write:admin"], account_id=account["id"])
    return {"account_id": account["id"], "user": phone_user, "api": client}


def by_call(server, call_id: str) -> list[Doc]:
    return [e for e in server.outbox() if call_id in str(e)]


def sides(events: list[Doc]) -> list[tuple[str, str]]:
    return [(e["event"].removeprefix("phone."), e["payload"]["account_id"]) for e in events]


def history(api, call_id: str) -> list[Doc]:
    return [h for h in api.get("/phone/call_history").json()["call_logs"] if h["call_id"] == call_id]


def test_each_account_is_told_its_own_leg_and_files_its_own_side(phone, sub):
    server, _ = phone
    demo = server.credentials["account_id"]
    other = sub["account_id"]
    placed = place(server, "1001", SUB_OWNER, ring_seconds=5, talk_seconds=40, record=True)
    assert set(placed["call_history_ids"]) == {demo, other}
    assert placed["call_history_ids"][demo] == placed["call_history_id"] != placed["call_history_ids"][other]
    server.advance(300)
    events = by_call(server, placed["call_id"])
    assert sides(events) == [
        ("caller_ringing", demo),
        ("callee_ringing", other),
        ("callee_answered", other),
        ("caller_connected", demo),
        ("recording_started", demo),
        ("recording_stopped", demo),
        ("caller_ended", demo),
        ("callee_ended", other),
        ("caller_call_log_completed", demo),
        ("callee_call_log_completed", other),
        ("caller_call_history_completed", demo),
        ("callee_call_history_completed", other),
        ("caller_call_element_completed", demo),
        ("callee_call_element_completed", other),
        ("recording_completed", demo),
    ]
    told = {e["event"]: e["payload"]["object"] for e in events}
    assert told["phone.callee_ringing"]["callee"]["user_id"] == sub["user"]["id"]
    assert (
        told["phone.callee_call_history_completed"]["call_logs"][0]["call_path_id"]
        == (placed["call_history_ids"][other])
    )
    [ours] = history(server.api, placed["call_id"])
    [theirs] = history(sub["api"], placed["call_id"])
    assert ours["id"] == placed["call_history_id"] and ours["direction"] == "outbound"
    assert theirs["id"] == placed["call_history_ids"][other] and theirs["direction"] == "inbound"
    assert ours["connect_type"] == theirs["connect_type"] == "external"
    users_history = sub["api"].get(f"/phone/users/{sub['user']['id']}/call_history").json()["call_logs"]
    assert placed["call_id"] in [h["call_id"] for h in users_history]
    logs = sub["api"].get(f"/phone/users/{sub['user']['id']}/call_logs").json()["call_logs"]
    assert [log["direction"] for log in logs if log["call_id"] == placed["call_id"]] == ["inbound"]
    assert placed["recording_id"] in [r["id"] for r in server.api.get("/phone/recordings").json()["recordings"]]
    assert placed["recording_id"] not in [r["id"] for r in sub["api"].get("/phone/recordings").json()["recordings"]]


def test_a_voicemail_left_across_accounts_is_kept_by_the_mailbox_account(phone, sub):
    server, _ = phone
    demo = server.credentials["account_id"]
    other = sub["account_id"]
    placed = place(server, "1002", SUB_OWNER, outcome="voicemail", ring_seconds=10, talk_seconds=8)
    server.advance(300)
    events = by_call(server, placed["call_id"])
    assert sides(events)[:4] == [
        ("caller_ringing", demo),
        ("callee_ringing", other),
        ("callee_missed", other),
        ("caller_ended", demo),
    ]
    assert sides(events)[-1] == ("voicemail_received", other)
    theirs = sub["api"].get("/phone/voice_mails").json()["voice_mails"]
    assert placed["voicemail_id"] in [v["id"] for v in theirs]
    ours = server.api.get("/phone/voice_mails", params={"page_size": 100}).json()["voice_mails"]
    assert placed["voicemail_id"] not in [v["id"] for v in ours]
    [record] = history(sub["api"], placed["call_id"])
    assert record["call_result"] == "voicemail"


def test_a_call_from_the_other_account_tells_its_caller_there(phone, sub):
    server, _ = phone
    demo = server.credentials["account_id"]
    other = sub["account_id"]
    placed = place(server, SUB_OWNER, "1003", outcome="missed", ring_seconds=12)
    server.advance(300)
    assert sides(by_call(server, placed["call_id"]))[:4] == [
        ("caller_ringing", other),
        ("callee_ringing", demo),
        ("callee_missed", demo),
        ("caller_ended", other),
    ]
    [theirs] = history(sub["api"], placed["call_id"])
    [ours] = history(server.api, placed["call_id"])
    assert (theirs["direction"], ours["direction"]) == ("outbound", "inbound")
    assert theirs["id"] == placed["call_history_id"] and ours["id"] == placed["call_history_ids"][demo]


def test_a_number_of_the_other_account_rings_the_user_it_is_assigned_to_there(phone, sub):
    server, _ = phone
    demo = server.credentials["account_id"]
    other = sub["account_id"]
    api = sub["api"]

    def number_for_the_sub_account(tx: Any) -> None:  # the sub-account has no carrier to add one through
        numbers.add_number(tx, server.runtime.ids, 0.0, account_id=other, number="+14155550190")

    server.transaction(number_for_the_sub_account)
    assigned = api.post(
        f"/phone/users/{sub['user']['id']}/phone_numbers", json={"phone_numbers": [{"number": "+14155550190"}]}
    )
    assert assigned.status_code == 200, assigned.text
    placed = place(server, "1004", "+14155550190", outcome="missed", ring_seconds=6)
    server.advance(300)
    events = by_call(server, placed["call_id"])
    assert sides(events)[:4] == [
        ("caller_ringing", demo),
        ("callee_ringing", other),
        ("callee_missed", other),
        ("caller_ended", demo),
    ]
    assert events[1]["payload"]["object"]["callee"]["phone_number"] == "+14155550190"
    [theirs] = history(api, placed["call_id"])
    assert theirs["callee_did_number"] == "+14155550190" and theirs["direction"] == "inbound"
