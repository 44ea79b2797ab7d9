"""Plain helpers of the phone history tests: record shapes and times (a module of its own,
since conftest modules share one name)."""

from __future__ import annotations

import uuid
from typing import Any

from zemu.sim.clock import zulu

Doc = dict[str, Any]


def at(moment: float) -> str:
    return zulu(moment)


def history_uuid(moment: float) -> str:
    return zulu(moment)[:10].replace("-", "") + "-" + str(uuid.uuid4())


def make_call(
    start: float,
    *,
    direction: str = "outbound",
    callee_name: str = "Ada Lovelace",
    result: str = "answered",
    recording_id: str = "",
    call_id: str | None = None,
) -> Doc:
    """A getCallPath body of one two-leg call."""
    uid = history_uuid(start)
    call_id = call_id or str(7_000_000_000_000_000_000 + int(start))
    common = {
        "call_id": call_id,
        "connect_type": "external",
        "call_type": "general",
        "direction": direction,
        "hide_caller_id": False,
        "end_to_end": False,
        "caller_ext_id": "ext-caller",
        "caller_name": "Caller One",
        "caller_did_number": "+12092080933",
        "caller_ext_number": "1001",
        "caller_email": "caller@example.com",
        "caller_ext_type": "user",
        "callee_ext_id": "",
        "callee_name": callee_name,
        "callee_did_number": "+14155550100",
        "callee_ext_number": "",
        "callee_ext_type": "external_contact",
        "department": "Sales",
        "cost_center": "CC1",
        "site_id": "site-1",
        "group_id": "",
        "site_name": "Main Site",
        "start_time": at(start),
        "answer_time": at(start + 5),
        "end_time": at(start + 65),
    }
    leg = {
        **common,
        "id": uid,
        "caller_number_type": "zoom_pstn",
        "callee_number_type": "external_pstn",
        "event": "outgoing",
        "result": result,
        "segment": 1,
        "node": 0,
        "is_node": 1,
    }
    if recording_id:
        leg.update(recording_id=recording_id, recording_type="automatic")
    element = {**{k: v for k, v in leg.items() if k != "id"}, "call_element_id": uid}
    return {
        **common,
        "id": uid,
        "call_history_uuid": uid,
        "international": False,
        "call_path": [leg],
        "caller_acconut_code": "A1",
        "callee_account_code": "B2",
        "call_elements": [element],
    }


def recording_shapes(moment: float, owner: Doc, *, call_id: str, call_log_id: str) -> tuple[Doc, Doc, Doc]:
    rec_id = uuid.uuid4().hex
    base = {
        "call_id": call_id,
        "call_log_id": call_log_id,
        "caller_name": "Caller One",
        "caller_number": "+12092080933",
        "caller_number_type": 1,
        "callee_name": "Ada Lovelace",
        "callee_number": "+14155550100",
        "callee_number_type": 2,
        "date_time": at(moment),
        "direction": "outbound",
        "download_url": f"https://zoom.us/v2/phone/recording/download/{rec_id}F",
        "duration": 60,
        "id": rec_id,
    }
    owner_ref = {
        "id": owner["id"],
        "name": owner.get("display_name", "Member"),
        "type": "user",
        "extension_number": 1001,
    }
    account_item = {
        **base,
        "owner": owner_ref,
        "recording_type": "Automatic",
        "end_time": at(moment + 60),
        "site": {"id": "site-1", "name": "Main Site"},
        "transcript_download_url": f"https://zoom.us/v2/phone/recording_transcript/download/{rec_id}",
    }
    detail = {
        **base,
        "owner": owner_ref,
        "recording_type": "Automatic",
        "end_time": at(moment + 60),
        "days_left_auto_permantely_delete": 30,
    }
    return account_item, detail, dict(base)


def voicemail_shapes(moment: float, owner: Doc, *, call_id: str, status: str = "unread") -> tuple[Doc, Doc, Doc]:
    vm_id = uuid.uuid4().hex
    base = {
        "call_id": call_id,
        "call_log_id": str(uuid.uuid4()),
        "caller_name": "Caller One",
        "caller_number": "+12092080933",
        "caller_number_type": 2,
        "callee_name": "Member",
        "callee_number": "1001",
        "callee_number_type": 1,
        "date_time": at(moment),
        "download_url": f"https://zoom.us/v2/phone/voice_mails/download/{vm_id}F",
        "duration": 12,
        "id": vm_id,
        "status": status,
    }
    owner_ref = {"id": owner["id"], "name": "Member", "type": "user", "extension_number": 1001}
    account_item = {**base, "owner": owner_ref, "days_left_auto_permantely_delete": 30}
    detail = {
        **base,
        "transcription": {"content": "Call me back.", "status": 1, "engine": "zoom"},
        "days_left_auto_permantely_delete": 30,
    }
    return account_item, detail, dict(base)
