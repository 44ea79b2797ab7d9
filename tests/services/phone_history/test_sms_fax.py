"""SMS sessions and messages (lists, details, syncs) and fax logs."""

from __future__ import annotations

import io
import uuid

from history_helpers import at
from pypdf import PdfReader

from zemu.services.phone_history import records
from zemu.sim.artifacts import render


def _session(member: dict) -> dict:
    return {
        "session_id": uuid.uuid4().hex,
        "session_type": "user",
        "last_access_time": "",
        "participants": [
            {
                "display_name": "Member",
                "owner": {"id": member["id"], "type": "user"},
                "phone_number": "+12092080933",
                "is_session_owner": True,
            },
            {"display_name": "Customer", "phone_number": "+14155550100", "is_session_owner": False},
        ],
    }


def _message(member: dict, moment: float, text: str) -> dict:
    return {
        "message_id": str(uuid.uuid4()),
        "date_time": at(moment),
        "direction": "outbound",
        "message": text,
        "delivery_status": "delivered",
        "message_type": 1,
        "attachments": [],
        "sender": {
            "display_name": "Member",
            "owner": {"id": member["id"], "type": "user"},
            "phone_number": "+12092080933",
        },
        "to_members": [{"display_name": "Customer", "phone_number": "+14155550100"}],
    }


def test_sms_sessions_messages_and_syncs(zemu, write, now, member):
    session = _session(member)
    messages = [_message(member, now - 300 + i * 60, f"hello {i}") for i in range(3)]

    def send(tx, account):
        for m in messages:
            records.record_sms(
                tx,
                account,
                {**session, "last_access_time": m["date_time"]},
                m,
                user_ids=[member["id"]],
                unread_for=[member["id"]],
            )

    write(send)
    sessions = zemu.api.get("/phone/sms/sessions").json()["sms_sessions"]
    assert [s["session_id"] for s in sessions] == [session["session_id"]]
    by_number = zemu.api.get("/phone/sms/sessions", params={"phone_number": "+10000000000"}).json()
    assert by_number["sms_sessions"] == []
    sid = session["session_id"]
    details = zemu.api.get(f"/phone/sms/sessions/{sid}", params={"page_size": 2}).json()
    assert [m["message"] for m in details["sms_histories"]] == ["hello 2", "hello 1"] and details["next_page_token"]
    one = zemu.api.get(f"/phone/sms/sessions/{sid}/messages/{messages[0]['message_id']}").json()
    assert one == messages[0]
    full = zemu.api.get(f"/phone/sms/sessions/{sid}/sync", params={"sync_type": "FSync", "count": 2}).json()
    assert [m["message"] for m in full["sms_histories"]] == ["hello 2", "hello 1"]
    mine = zemu.api.get(f"/phone/users/{member['id']}/sms/sessions").json()["sms_sessions"]
    assert mine[0]["session_id"] == sid
    synced = zemu.api.get(f"/phone/users/{member['id']}/sms/sessions/sync", params={"sync_type": "FSync"}).json()
    assert synced["sms_sessions"][0]["unread_message_count"] == 3
    assert synced["sms_sessions"][0]["latest_message"]["message"] == "hello 2"
    missing = zemu.api.get("/phone/sms/sessions/nope/sync", params={"count": 1})
    assert missing.status_code == 404 and missing.json()["code"] == 12004


def test_sms_session_sync_refuses_more_new_messages_than_the_count(zemu, write, now, member):
    session = _session(member)
    first = _message(member, now - 600, "first")
    write(lambda tx, account: records.record_sms(tx, account, session, first, user_ids=[member["id"]]))
    url = f"/phone/sms/sessions/{session['session_id']}/sync"
    token = zemu.api.get(url, params={"count": 1}).json()["sync_token"]
    later = [_message(member, now - 60 * i, f"later {i}") for i in (3, 2)]
    write(lambda tx, account: [records.record_sms(tx, account, session, m) for m in later])
    answer = zemu.api.get(url, params={"sync_type": "ISync", "sync_token": token, "count": 1})
    assert answer.status_code == 400 and answer.json()["code"] == 7035
    fine = zemu.api.get(url, params={"sync_type": "ISync", "sync_token": token, "count": 5}).json()
    assert [m["message"] for m in fine["sms_histories"]] == ["later 2", "later 3"]


def _fax(moment: float, extension_id: str) -> dict:
    return {
        "fax_log_id": uuid.uuid4().hex,
        "fax_id": uuid.uuid4().hex,
        "site_id": "site-1",
        "site_name": "Main",
        "direction": "outbound",
        "extension_id": extension_id,
        "extension_type": "user",
        "sender_extension_id": extension_id,
        "sender_name": "Member",
        "sender_number": "+12092080933",
        "sender_type": "client",
        "receiver_number": "+14155550100",
        "receiver_type": "pstn",
        "file_id": "file-" + uuid.uuid4().hex[:8],
        "file_pages_count": 2,
        "status": "sent",
        "read_status": "read",
        "create_time": at(moment),
    }


def test_fax_logs_per_account_and_extension_and_details_as_an_array(zemu, write, now):
    faxes = [_fax(now - 120, "ext-a"), _fax(now - 60, "ext-b")]
    write(lambda tx, account: [records.record_fax(tx, account, f) for f in faxes])
    account = zemu.api.get("/phone/fax/logs").json()
    assert [f["fax_log_id"] for f in account["fax_logs"]] == [faxes[1]["fax_log_id"], faxes[0]["fax_log_id"]]
    assert account["total_records"] == 2
    assert zemu.api.get("/phone/extension/ext-a/fax/logs").json()["fax_logs"] == [faxes[0]]
    details = zemu.api.get(f"/phone/fax/logs/{faxes[0]['fax_log_id']}").json()
    assert details == [faxes[0]]
    missing = zemu.api.get("/phone/fax/logs/nope")
    assert missing.status_code == 404 and missing.json() == {"code": 40401, "message": "Fax log not found"}
    file_path = f"/phone/fax/logs/{faxes[0]['fax_log_id']}/file/{faxes[0]['file_id']}"
    no_file = zemu.api.get(file_path)
    assert no_file.status_code == 404 and no_file.json()["code"] == 40402
    recipe = render.fax_recipe(pages=2, sender="+14155550100", recipient="+14155550101", at=now)
    write(
        lambda tx, account: records.register_file(
            tx, account, faxes[0]["file_id"], kind="fax", recipe=recipe, name="fax.pdf"
        )
    )
    fetched = zemu.api.get(file_path)
    assert fetched.status_code == 200 and fetched.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(fetched.content)).pages) == 2
    assert fetched.headers["content-type"] == "application/pdf"
