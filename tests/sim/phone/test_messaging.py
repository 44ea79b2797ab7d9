"""Simulated text messages and faxes: each event from its real cause, signed and schema-valid
(strict mode), the same ids in the events and the REST reads, and refused input changing nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from call_helpers import delivered
from click.testing import CliRunner
from pypdf import PdfReader
from webhook_receivers import Receiver

from zemu.cli_calls import fax as fax_command
from zemu.cli_calls import sms as sms_command
from zemu.services.phone import account_settings
from zemu.sim.clock import parse_zulu, zulu
from zemu.sim.phone import fax, sms
from zemu.testing import ZemuServer

Doc = dict[str, Any]
OUTSIDE = "+14155550123"


@pytest.fixture(scope="module")
def messaging(zemu_server_session: ZemuServer) -> Iterator[tuple[ZemuServer, Receiver, Doc]]:
    """The shared server reset once, the message and fax events delivered to a receiver, and the
    demo's parties: ``texter`` (a user with a direct number), ``other`` (another), ``bare`` (none)."""
    server = zemu_server_session
    server.reset()
    receiver = Receiver(secret=server.credentials["webhook_secret_token"])
    server.subscribe(receiver.url, events=sorted(sms.EMITS | fax.EMITS))
    users = server.api.get("/phone/users", params={"page_size": 100}).json()["users"]
    numbered = [u for u in users if u.get("phone_numbers") and u.get("status") == "activate"]
    assert len(numbered) >= 3
    bare = numbered[-1]
    for number in bare["phone_numbers"]:
        gone = server.api.delete(f"/phone/users/{bare['id']}/phone_numbers/{number['id']}")
        assert gone.status_code == 204, gone.text
    yield server, receiver, {"texter": numbered[0], "other": numbered[1], "bare": bare}
    receiver.close()


def _send(server: ZemuServer, **body: Any) -> Doc:
    answer = server.control.post("/zemu/phone/sms", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def _events(server: ZemuServer, needle: str) -> list[Doc]:
    return [body for body in server.outbox() if needle in json.dumps(body)]


def _number(user: Doc) -> str:
    return str(user["phone_numbers"][0]["number"])


def test_an_internal_text_is_sent_and_received_with_one_session_and_message_id(messaging):
    server, receiver, who = messaging
    texter, other = who["texter"], who["other"]
    sent = _send(server, **{"from": texter["email"], "to": str(other["extension_number"]), "message": "Lunch?"})
    events = _events(server, sent["message_id"])
    assert [e["event"] for e in events] == ["phone.sms_sent", "phone.sms_received"]
    for e in events:
        obj = e["payload"]["object"]
        assert (obj["session_id"], obj["message_id"], obj["message"]) == (
            sent["session_id"],
            sent["message_id"],
            "Lunch?",
        )
    assert events[0]["payload"]["object"]["owner"]["id"] == texter["id"]
    assert events[1]["payload"]["object"]["owner"]["id"] == other["id"]
    assert events[0]["payload"]["object"]["sender"]["phone_number"] == _number(texter)
    delivered(server, receiver, sent["message_id"], 2)

    server.advance(60)
    again = _send(server, **{"from": other["email"], "to": texter["email"], "message": "Sure"})
    assert again["session_id"] == sent["session_id"] and again["message_id"] != sent["message_id"]
    sessions = server.api.get("/phone/sms/sessions").json()["sms_sessions"]
    assert sent["session_id"] in {s["session_id"] for s in sessions}
    details = server.api.get(f"/phone/sms/sessions/{sent['session_id']}").json()["sms_histories"]
    assert [m["message"] for m in details] == ["Sure", "Lunch?"]
    one = server.api.get(f"/phone/sms/sessions/{sent['session_id']}/messages/{sent['message_id']}").json()
    assert one["message_id"] == sent["message_id"] and one["delivery_status"] == "delivered"
    mine = server.api.get(f"/phone/users/{other['id']}/sms/sessions").json()["sms_sessions"]
    assert sent["session_id"] in {s["session_id"] for s in mine}


def test_a_text_to_an_outside_number_is_sent_and_charged(messaging):
    server, receiver, who = messaging
    texter = who["texter"]
    sent = _send(server, **{"from": _number(texter), "to": OUTSIDE, "message": "Your order shipped", "attachments": 1})
    [event] = _events(server, sent["message_id"])
    assert event["event"] == "phone.sms_sent"
    assert event["payload"]["object"]["to_members"][0]["phone_number"] == OUTSIDE
    assert len(event["payload"]["object"]["attachments"]) == 1
    delivered(server, receiver, sent["message_id"], 1)
    charges = server.api.get("/phone/reports/sms_charges").json()["sms_charges"]
    [charge] = [c for c in charges if c["message_id"] == sent["message_id"]]
    assert charge["session_id"] == sent["session_id"] and charge["message_type"] == "MMS"
    assert charge["to_number"] == OUTSIDE and charge["delivery_status"] == "Delivered"


def test_sends_that_cannot_go_out_emit_sms_sent_failed(messaging):
    server, _, who = messaging
    abroad = _send(server, **{"from": who["texter"]["email"], "to": "+442079460958", "message": "hello"})
    [failed] = _events(server, abroad["message_id"])
    assert failed["event"] == "phone.sms_sent_failed"
    assert "US and Canadian" in failed["payload"]["object"]["failure_reason"]
    bare = _send(server, **{"from": who["bare"]["email"], "to": OUTSIDE, "message": "hello"})
    [no_number] = _events(server, bare["message_id"])
    assert no_number["event"] == "phone.sms_sent_failed"
    assert "direct number" in no_number["payload"]["object"]["failure_reason"]


def test_an_inbound_keyword_opts_the_consumer_out_and_back_in_and_later_texts_follow_it(messaging):
    server, receiver, who = messaging
    texter = who["texter"]
    stop = _send(server, **{"from": OUTSIDE, "to": _number(texter), "message": "STOP"})
    outbox = server.outbox()
    received = [e for e in outbox if stop["message_id"] in json.dumps(e)]
    assert [e["event"] for e in received] == ["phone.sms_received"]
    assert received[0]["payload"]["object"]["owner"]["id"] == texter["id"]
    opt_out = [e for e in outbox if e["event"] == "phone.sms_campaign_number_opt_out"]
    assert opt_out[-1]["payload"]["object"]["phone_number_campaign_opt_statuses"] == [
        {"consumer_phone_number": OUTSIDE, "zoom_phone_user_number": _number(texter)}
    ]
    refused = _send(server, **{"from": _number(texter), "to": OUTSIDE, "message": "Sale today"})
    [failed] = _events(server, refused["message_id"])
    assert failed["event"] == "phone.sms_sent_failed" and "opted out" in failed["payload"]["object"]["failure_reason"]
    assert failed["payload"]["object"]["phone_number_campaign_opt_statuses"][0]["opt_status"] == "opt_out"
    _send(server, **{"from": OUTSIDE, "to": _number(texter), "message": " start "})
    assert server.outbox()[-1]["event"] == "phone.sms_campaign_number_opt_in"
    welcome = _send(server, **{"from": texter["email"], "to": OUTSIDE, "message": "Welcome back"})
    [sent] = _events(server, welcome["message_id"])
    assert sent["event"] == "phone.sms_sent"
    assert sent["payload"]["object"]["phone_number_campaign_opt_statuses"] == [
        {"consumer_phone_number": OUTSIDE, "zoom_phone_user_number": _number(texter), "opt_status": "opt_in"}
    ]
    _send(server, **{"from": OUTSIDE, "to": _number(texter), "message": "please stop by"})
    assert server.outbox()[-1]["event"] == "phone.sms_received"
    delivered(server, receiver, stop["message_id"], 1)


def _etiquette(server: ZemuServer, policies: list[Doc]) -> None:
    account_id = server.credentials["account_id"]

    def store(tx: Any) -> None:
        doc = account_settings.overrides(tx, account_id)
        doc["settings"]["sms_etiquette_tool"] = {"enable": True, "sms_etiquette_policy": policies}
        account_settings.save_overrides(tx, account_id, doc)

    server.transaction(store)


def test_etiquette_policies_warn_and_send_or_block_and_send_nothing(messaging):
    server, _, who = messaging
    texter = who["texter"]
    _etiquette(
        server,
        [
            {"id": "p1", "name": "No passwords", "rule": 1, "content": "password, pin", "action": 1, "active": True},
            {"id": "p2", "name": "Card numbers", "rule": 2, "content": r"\d{4}-\d{4}", "action": 2, "active": True},
        ],
    )
    try:
        blocked = _send(server, **{"from": texter["email"], "to": OUTSIDE, "message": "Your PIN is 1234"})
        assert _events(server, blocked["message_id"]) == []
        assert server.outbox()[-1]["event"] == "phone.sms_etiquette_block"
        assert server.outbox()[-1]["payload"]["object"] == {
            "email": texter["email"],
            "message": "Your PIN is 1234",
            "policy_name": "No passwords",
            "date_time": blocked["date_time"],
        }
        missing = server.api.get(f"/phone/sms/sessions/{blocked['session_id']}/messages/{blocked['message_id']}")
        assert missing.status_code == 404
        warned = _send(server, **{"from": texter["email"], "to": OUTSIDE, "message": "card 1234-5678"})
        tail = [e["event"] for e in server.outbox()[-2:]]
        assert tail == ["phone.sms_etiquette_warn", "phone.sms_sent"]
        assert server.outbox()[-1]["payload"]["object"]["message_id"] == warned["message_id"]
        spinning = _send(server, **{"from": texter["email"], "to": OUTSIDE, "message": "spinach"})
        assert [e["event"] for e in _events(server, spinning["message_id"])] == ["phone.sms_sent"]
    finally:
        _etiquette(server, [])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"from": "1001", "to": OUTSIDE},
        {"from": "1001", "to": OUTSIDE, "message": ""},
        {"from": OUTSIDE, "to": "+14155550199", "message": "hi"},
        {"from": "nobody@nowhere.example", "to": OUTSIDE, "message": "hi"},
        {"from": "1001", "to": OUTSIDE, "message": "hi", "attachments": 11},
        {"from": "1001", "to": OUTSIDE, "message": "hi", "at": "yesterday"},
        {"from": "1001", "to": OUTSIDE, "message": "hi", "colour": "red"},
    ],
)
def test_a_refused_text_is_a_zoom_400_that_changes_nothing(messaging, body):
    server, _, _ = messaging
    before = len(server.outbox())
    answer = server.control.post("/zemu/phone/sms", json=body)
    assert answer.status_code == 400 and answer.json()["code"] == 300 and answer.json()["message"]
    assert len(server.outbox()) == before


def test_the_rest_send_goes_through_the_same_service_with_zoom_errors(messaging):
    server, receiver, who = messaging
    texter = who["texter"]
    answer = server.api.post(
        "/phone/sms/messages",
        json={"sender": {"phone_number": _number(texter)}, "to_members": [{"phone_number": OUTSIDE}], "message": "Hi"},
    )
    assert answer.status_code == 201, answer.text
    sent = answer.json()
    assert set(sent) == {"date_time", "message_id", "session_id"}
    [event] = _events(server, sent["message_id"])
    assert event["event"] == "phone.sms_sent" and event["payload"]["object"]["session_id"] == sent["session_id"]
    delivered(server, receiver, sent["message_id"], 1)
    before = len(server.outbox())
    not_ours = server.api.post(
        "/phone/sms/messages",
        json={"sender": {"phone_number": "+14155550177"}, "to_members": [{"phone_number": OUTSIDE}], "message": "Hi"},
    )
    assert not_ours.status_code == 400 and not_ours.json()["code"] == 7001
    not_e164 = server.api.post(
        "/phone/sms/messages",
        json={
            "sender": {"phone_number": _number(texter)},
            "to_members": [{"phone_number": "4155550123"}],
            "message": "x",
        },
    )
    assert not_e164.status_code == 400 and not_e164.json()["code"] == 316
    bad_type = server.api.post(
        "/phone/sms/messages",
        json={
            "sender": {"phone_number": _number(texter)},
            "to_members": [{"phone_number": OUTSIDE}],
            "attachments": [{"base64_encoding": "AAAA", "type": "TIFF"}],
        },
    )
    assert bad_type.status_code == 400
    assert len(server.outbox()) == before


def test_the_sms_command_sends_through_a_running_server(messaging):
    server, _, who = messaging
    result = CliRunner().invoke(
        sms_command, ["--url", server.url, who["texter"]["email"], OUTSIDE, "From the command line", "--json"]
    )
    assert result.exit_code == 0, result.output
    sent = json.loads(result.output)
    assert [e["event"] for e in _events(server, sent["message_id"])] == ["phone.sms_sent"]


# faxes -------------------------------------------------------------------------------------------
def _fax(server: ZemuServer, **body: Any) -> Doc:
    answer = server.control.post("/zemu/phone/faxes", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_an_outbound_fax_is_sent_logged_charged_and_downloads_as_its_pages(messaging):
    server, receiver, who = messaging
    texter = who["texter"]
    sent = _fax(server, **{"from": texter["email"], "to": OUTSIDE, "pages": 3})
    [event] = _events(server, sent["fax_id"])
    obj = event["payload"]["object"]
    assert event["event"] == "phone.fax_sent"
    assert (obj["fax_log_id"], obj["file_id"], obj["file_pages_count"]) == (sent["fax_log_id"], sent["file_id"], 3)
    assert obj["direction"] == "outbound" and obj["status"] == "sent" and obj["receiver_number"] == OUTSIDE
    delivered(server, receiver, sent["fax_id"], 1)
    logs = server.api.get("/phone/fax/logs").json()["fax_logs"]
    assert sent["fax_log_id"] in {f["fax_log_id"] for f in logs}
    ext = server.api.get(f"/phone/extension/{texter['extension_id']}/fax/logs").json()["fax_logs"]
    assert [f["fax_id"] for f in ext if f["fax_log_id"] == sent["fax_log_id"]] == [sent["fax_id"]]
    [detail] = server.api.get(f"/phone/fax/logs/{sent['fax_log_id']}").json()
    assert detail["file_pages_count"] == 3
    pdf = server.api.get(f"/phone/fax/logs/{sent['fax_log_id']}/file/{sent['file_id']}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 3
    charges = server.api.get("/phone/reports/fax_charges", params={"fax_id": sent["fax_id"]}).json()
    assert [c["total_pages"] for c in charges["fax_charges"]] == [3]


def test_an_internal_fax_is_sent_and_received_under_one_fax_id(messaging):
    server, receiver, who = messaging
    sent = _fax(server, **{"from": str(who["texter"]["extension_number"]), "to": who["other"]["email"]})
    events = _events(server, sent["fax_id"])
    assert [e["event"] for e in events] == ["phone.fax_sent", "phone.fax_received"]
    inbound = events[1]["payload"]["object"]
    assert inbound["direction"] == "inbound" and inbound["status"] == "received"
    assert inbound["fax_log_id"] != sent["fax_log_id"] and set(sent["fax_log_ids"]) == {
        e["payload"]["object"]["fax_log_id"] for e in events
    }
    assert inbound["extension_id"] == who["other"]["extension_id"]
    delivered(server, receiver, sent["fax_id"], 2)
    pdf = server.api.get(f"/phone/fax/logs/{inbound['fax_log_id']}/file/{sent['file_id']}")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1


def test_an_inbound_fax_from_outside_is_received_only(messaging):
    server, _, who = messaging
    sent = _fax(server, **{"from": OUTSIDE, "to": _number(who["other"]), "pages": 2})
    assert [e["event"] for e in _events(server, sent["fax_id"])] == ["phone.fax_received"]
    assert server.api.get("/phone/reports/fax_charges", params={"fax_id": sent["fax_id"]}).json()["fax_charges"] == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"from": "1001", "to": OUTSIDE, "pages": 0},
        {"from": "1001", "to": OUTSIDE, "pages": "3"},
        {"from": OUTSIDE, "to": "+14155550199"},
        {"from": "1001", "to": "no-such-user@zemu-demo.example"},
    ],
)
def test_a_refused_fax_is_a_zoom_400_that_changes_nothing(messaging, body):
    server, _, _ = messaging
    before = (len(server.outbox()), server.api.get("/phone/fax/logs").json()["total_records"])
    answer = server.control.post("/zemu/phone/faxes", json=body)
    assert answer.status_code == 400 and answer.json()["code"] == 300
    assert (len(server.outbox()), server.api.get("/phone/fax/logs").json()["total_records"]) == before


def test_the_fax_command_sends_through_a_running_server(messaging):
    server, _, who = messaging
    result = CliRunner().invoke(
        fax_command, ["--url", server.url, who["texter"]["email"], OUTSIDE, "--pages", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [e["event"] for e in _events(server, json.loads(result.output)["fax_id"])] == ["phone.fax_sent"]


def test_send_efax_faxes_each_receiver_through_the_same_service(messaging):
    server, receiver, who = messaging
    texter = who["texter"]
    first = _fax(server, **{"from": OUTSIDE, "to": _number(texter), "pages": 4})  # a file the account holds
    answer = server.api.post(
        "/phone/fax/documents",
        json={
            "sender_number": _number(texter),
            "file_id": first["file_id"],
            "receivers": [{"receiver_number": "+14155550124"}, {"receiver_number": "not a number"}],
        },
    )
    assert answer.status_code == 201, answer.text
    sent = answer.json()
    ok, bad = sent["receivers"]
    assert ok["status"] == "success" and bad == {"receiver_number": "not a number", "status": "invalid_receiver_number"}
    [event] = _events(server, sent["fax_id"])
    assert event["event"] == "phone.fax_sent" and event["payload"]["object"]["fax_log_id"] == ok["fax_log_id"]
    assert event["payload"]["object"]["file_pages_count"] == 4
    delivered(server, receiver, sent["fax_id"], 1)
    [detail] = server.api.get(f"/phone/fax/logs/{ok['fax_log_id']}").json()
    assert detail["fax_id"] == sent["fax_id"] and detail["receiver_number"] == "+14155550124"
    before = len(server.outbox())
    outsider = server.api.post(
        "/phone/fax/documents",
        json={"sender_number": "+14155550177", "file_id": "f", "receivers": [{"receiver_number": OUTSIDE}]},
    ).json()
    assert outsider["receivers"] == [{"receiver_number": OUTSIDE, "status": "invalid_sender_number"}]
    missing = server.api.post("/phone/fax/documents", json={"sender_number": _number(texter), "file_id": "f"})
    assert missing.status_code == 400 and missing.json()["code"] == 300
    assert len(server.outbox()) == before


def test_a_later_text_and_fax_happen_at_their_emulated_time(messaging):
    server, _, who = messaging
    later = zulu(parse_zulu(server.now()) + 600)
    text = _send(server, **{"from": who["texter"]["email"], "to": OUTSIDE, "message": "later", "at": later})
    faxed = _fax(server, **{"from": who["texter"]["email"], "to": OUTSIDE, "at": later})
    assert text["date_time"] == later and _events(server, text["message_id"]) == []
    assert _events(server, faxed["fax_id"]) == []
    server.advance(900)
    [sent] = _events(server, text["message_id"])
    assert sent["event"] == "phone.sms_sent" and sent["payload"]["object"]["date_time"] == later
    assert [e["event"] for e in _events(server, faxed["fax_id"])] == ["phone.fax_sent"]
