"""What a call leaves behind, as flat models: the call's history, each party's element and legacy
log, the recording, the voicemail, the call's quality metrics, its charge and its AI summary.

Each model holds every field the REST reads and the record events name; ``shapes.document`` and
``shapes.event_object`` cut each documented shape from it, so a REST read and an event about the
same record agree field for field.
"""

from __future__ import annotations

from typing import Any

from zemu.sim.artifacts.render import seed_of, spoken_text
from zemu.sim.clock import zulu
from zemu.sim.phone.parties import HISTORY_EXT_TYPE, PSTN, USER

Doc = dict[str, Any]
SIDES = ("caller", "callee")
HISTORY_RESULT = {
    "answered": "answered",
    "missed": "no_answer",
    "rejected": "rejected",
    "busy": "busy",
    "voicemail": "voicemail",
    "blocked": "system_blocked",
    "canceled": "canceled",
}
LOG_RESULT = {
    "answered": "Call connected",
    "missed": "No Answer",
    "rejected": "Rejected",
    "busy": "Busy",
    "voicemail": "Voicemail",
    "blocked": "Blocked",
    "canceled": "Call Cancel",
}
RATE_PER_MINUTE = 0.02  # a metered outside call, in US dollars
RETENTION_DAYS = 30


def _time(moment: float | None) -> str | None:
    return zulu(moment) if moment is not None else None


def direction_of(side: str) -> str:
    return "outbound" if side == "caller" else "inbound"


def account_side(call: Doc) -> str:
    """The side whose view the account's own records take: the caller when it is ours, else the
    callee, else the party who sent the call on (for a call between two accounts, the side of
    the account ``seen_by`` names)."""
    viewer = call.get("viewer")
    for side in sides(call):
        party = call[side]
        if party["internal"] and side in call["legs"] and viewer in (None, party.get("account_id")):
            return side  # a forwarded call between two outside numbers: the user who forwarded it
    return "callee"


def accounts(call: Doc) -> list[str]:
    """The accounts with a party in the call, the caller's first: each keeps its own records."""
    found: list[str] = []
    for side in sides(call):
        party = call[side]
        if party["internal"] and party.get("account_id") and party["account_id"] not in found:
            found.append(party["account_id"])
    return found


def seen_by(call: Doc, account_id: str) -> Doc:
    """The call as ``account_id`` files it: under its own call history id, from its own side."""
    history = (call.get("history_ids") or {}).get(account_id, call["history_id"])
    return {**call, "viewer": account_id, "history_id": history}


def same_account(call: Doc) -> bool:
    """Whether both ends are extensions of one account (an internal call, not a call between companies)."""
    caller, callee = call["caller"], call["callee"]
    return bool(caller["internal"] and callee["internal"] and caller.get("account_id") == callee.get("account_id"))


def sides(call: Doc) -> tuple[str, ...]:
    """The parties of the call: a transfer adds its recipient, a queue the members it rang."""
    extra = ("recipient",) if call.get("recipient") else ()
    return (*SIDES, *extra, *call.get("member_sides", ()))


def event_side(side: str) -> str:
    """The side a record event names: a transfer's recipient is a callee."""
    return "caller" if side == "caller" else "callee"


def talk_seconds(call: Doc) -> int:
    return int(call["talk"]) if call["answer"] is not None else 0


# call history and elements -------------------------------------------------------------------
def _history_party(side: str, party: Doc) -> Doc:
    fields = {
        "ext_id": party.get("extension_id"),
        "name": party.get("name"),
        "email": party.get("email"),
        "did_number": party.get("did_number"),
        "ext_number": party.get("extension_number") or None,
        "ext_type": HISTORY_EXT_TYPE.get(party["kind"]),
        "number_type": party.get("number_type"),
        "device_type": "MAC_Client(6.2.0.45678)" if party["internal"] else None,
        "country_iso_code": party.get("country_iso_code"),
        "country_code": party.get("country_code"),
        "site_id": party.get("site_id"),
        "department": party.get("department"),
        "cost_center": party.get("cost_center"),
    }
    return {f"{side}_{k}": v for k, v in fields.items() if v not in (None, "")}


def call_facts(call: Doc) -> Doc:
    """The fields every history shape of this call shares."""
    own = call[account_side(call)]
    both_internal = same_account(call)
    facts: Doc = {
        "call_id": call["call_id"],
        "call_history_uuid": call["history_id"],
        "id": call["history_id"],
        "call_path_id": call["history_id"],
        "connect_type": "internal" if both_internal else "external",
        "call_type": "emergency" if call["callee"].get("emergency") else "general",
        "direction": direction_of(account_side(call)),
        "international": False,
        "hide_caller_id": False,
        "end_to_end": False,
        "group_id": "",
        "site_id": own.get("site_id"),
        "site_name": own.get("site_name"),
        "department": own.get("department"),
        "cost_center": own.get("cost_center"),
        "start_time": zulu(call["start"]),
        "answer_time": _time(call["answer"]),
        "end_time": zulu(call["end"]),
        "result": HISTORY_RESULT[call["outcome"]],
        "talk_time": talk_seconds(call),
        "hold_time": int(call.get("hold_time", 0)),
        "wait_time": int((call["answer"] or call["end"]) - call["start"]),
        "waiting_time": int((call["answer"] or call["end"]) - call["start"]),
        "segment": 1,
        "node": 0,
        "is_node": 1,
    }
    for side in SIDES:
        facts.update(_history_party(side, call[side]))
    if call["recording"]:
        facts["recording_id"] = call["recording"]["id"]
        facts["recording_type"] = "automatic" if call["recording"]["type"] == "Automatic" else "ad-hoc"
    if call["voicemail"]:
        facts["voicemail_id"] = call["voicemail"]["id"]
    return {k: v for k, v in facts.items() if v is not None}


def element(call: Doc, side: str, facts: Doc | None = None) -> Doc:
    """One party's call element (and its history item: the same record, ``id`` = element id);
    ``facts``: the call's ``call_facts``, when the caller has them already."""
    leg = call["legs"][side]
    out = {
        **(call_facts(call) if facts is None else facts),
        "id": leg["element_id"],
        "call_element_id": leg["element_id"],
        "event": "outgoing" if side == "caller" else "incoming",
        "direction": direction_of(event_side(side)),
    }
    handed = call.get("transfer")
    if side == "callee" and call.get("parked"):
        out.update(event="park", result="succeeded", end_time=zulu(call["parked"]["at"]))
    elif side == "callee" and handed and handed["kind"] in ("warm_transfer", "direct_transfer"):
        out.update(event=handed["kind"], result="succeeded", end_time=zulu(handed["at"]))
    if call[side].get("ring_result") == "forwarded":  # the user's call handling sent the call on
        out.update(
            event="forward", result="succeeded", answer_time=None, talk_time=0, **_history_party("callee", call[side])
        )
    elif call[side].get("ring_result"):  # a queue member who rang and did not take the call
        answered_by_other = call[side]["ring_result"] == "answered_by_other"
        out.update(
            event="ring_to_member",
            result="canceled" if answered_by_other else "ring_timeout",
            answer_time=None,
            talk_time=0,
            **_history_party("callee", call[side]),
        )
        if answered_by_other:
            out["result_reason"] = "answered_by_other"
        else:
            out.pop("result_reason", None)
    if side == "recipient" and handed and handed["kind"] == "park_pick_up":
        out.update(
            event="park_pick_up",
            result="picked_up",
            answer_time=zulu(handed["at"]),
            **_history_party("callee", call["recipient"]),
        )
    elif side == "recipient" and handed:
        by = call[handed["by"]]
        out.update(
            operator_ext_id=by.get("extension_id"),
            operator_ext_number=str(by.get("extension_number", "")),
            operator_ext_type=HISTORY_EXT_TYPE.get(by["kind"]),
            operator_name=by.get("name"),
            **_history_party("callee", call["recipient"]),
        )
    return out


def call_path(call: Doc, facts: Doc | None = None) -> Doc:
    """The getCallPath body: the call, its one leg and its elements."""
    facts = call_facts(call) if facts is None else facts  # worked out once for all the elements
    side = account_side(call)
    leg = {**element(call, side, facts), "id": call["legs"][side]["element_id"]}
    path = [leg]
    if (call.get("transfer") or call.get("parked")) and side == "caller" and "callee" in call["legs"]:
        path.append({**element(call, "callee", facts), "segment": len(path) + 1})  # what the callee did with the call
    if "recipient" in call["legs"]:
        path.append({**element(call, "recipient", facts), "segment": len(path) + 1})
    merged = call.get("conference")
    if merged and merged["by"] in call["legs"]:  # the party who merged a third one in (§7.16)
        merging = element(call, merged["by"], facts)
        path.append({**merging, "event": "merge", "result": "succeeded", "segment": len(path) + 1})
    return {
        **facts,
        "call_path": path,
        "call_elements": [element(call, s, facts) for s in sides(call) if s in call["legs"]],
    }


def users(call: Doc) -> list[tuple[str, Doc]]:
    """The sides that are Zoom Phone users of the account, with their party: they own records."""
    return [(side, call[side]) for side in sides(call) if call[side]["kind"] == USER and side in call["legs"]]


# legacy call logs ------------------------------------------------------------------------------
def _log_party(side: str, party: Doc) -> Doc:
    internal = party["internal"]
    return {
        f"{side}_number": str(party["extension_number"]) if internal else party["phone_number"],
        f"{side}_number_type": 1 if internal else 2,
        f"{side}_name": party.get("name"),
        f"{side}_did_number": party.get("did_number") or None,
        f"{side}_user_id": party.get("user_id"),
        f"{side}_country_code": party.get("country_code"),
        f"{side}_country_iso_code": party.get("country_iso_code"),
        f"{side}_number_source": "internal" if internal else None,
    }


def owner_ref(party: Doc) -> Doc:
    return {
        "id": party["id"],
        "name": party.get("name", ""),
        "type": party["kind"],
        "extension_number": party.get("extension_number"),
    }


def call_log(call: Doc, side: str) -> Doc:
    """One party's legacy call log."""
    party = call[side]
    external = not same_account(call)
    result = "Park" if side == "callee" and call.get("parked") else LOG_RESULT[call["outcome"]]
    if party.get("ring_result") == "forwarded":
        result = party.get("forward_reason", "No Answer")
    elif party.get("ring_result"):
        result = "Answered by another Member" if party["ring_result"] == "answered_by_other" else "No Answer"
    log: Doc = {
        "id": call["legs"][side]["log_id"],
        "call_id": call["call_id"],
        "user_id": party["id"],
        "date_time": zulu(call["start"]),
        "direction": direction_of(event_side(side)),
        "duration": talk_seconds(call),
        "result": result,
        "path": "pstn" if external else "extension",
        "call_type": "pstn" if external else "voip",
        "answer_start_time": _time(call["answer"]),
        "call_end_time": zulu(call["end"]),
        "hold_time": 0,
        "waiting_time": int((call["answer"] or call["end"]) - call["start"]),
        "has_recording": bool(call["recording"]),
        "has_voicemail": bool(call["voicemail"]) and side == call["voicemail"].get("mailbox", "callee"),
        "site": {"id": party.get("site_id", ""), "name": party.get("site_name", "")},
        "owner": owner_ref(party),
        "department": party.get("department"),
        "cost_center": party.get("cost_center"),
    }
    if call["recording"]:
        log["recording_id"] = call["recording"]["id"]
        log["recording_type"] = call["recording"]["type"]
    for s in SIDES:
        log.update(_log_party(s, call[s]))
    if side not in SIDES:  # a transfer's recipient or a queue member is the callee of its own log
        log.update(_log_party("callee", party))
    return {k: v for k, v in log.items() if v is not None}


# recordings and voicemails -------------------------------------------------------------------
def _file_party(side: str, party: Doc) -> Doc:
    internal = party["internal"]
    return {
        f"{side}_number": str(party["extension_number"]) if internal else party["phone_number"],
        f"{side}_number_type": 1 if internal else 2,
        f"{side}_name": party.get("name", ""),
        f"{side}_did_number": party.get("did_number") or None,
    }


def recording(call: Doc, origin: str) -> Doc:
    rec = call["recording"]
    side = rec["owner"]
    owner = call[side]
    leg = call["legs"].get(side) or call["legs"]["callee"]  # a queue's recording: the member who took it
    model: Doc = {
        "id": rec["id"],
        "call_id": call["call_id"],
        "call_log_id": leg["log_id"],
        "call_history_id": call["history_id"],
        "call_element_id": leg["element_id"],
        "date_time": zulu(rec["start"]),
        "end_time": zulu(rec["start"] + rec["duration"]),
        "duration": int(rec["duration"]),
        "direction": direction_of(side),
        "recording_type": rec["type"],
        "download_url": f"{origin}/v2/phone/recording/download/{rec['file_id']}",
        "owner": owner_ref(owner),
        "site": {"id": owner.get("site_id", ""), "name": owner.get("site_name", "")},
        "user_id": owner["id"],
        "days_left_auto_permantely_delete": RETENTION_DAYS,
        "auto_delete_enable": False,
        "disclaimer_status": 0,
    }
    if rec["transcribe"]:
        model["transcript_download_url"] = f"{origin}/v2/phone/recording_transcript/download/{rec['id']}"
    for s in SIDES:
        model.update(_file_party(s, call[s]))
    return {k: v for k, v in model.items() if v is not None}


def live_recording(call: Doc) -> Doc:
    """The recording as the live ``recording_*`` events describe it."""
    rec = call["recording"]
    side = rec["owner"]
    return {
        "id": rec["id"],
        "call_id": call["call_id"],
        "user_id": call[side]["id"],
        "caller_number": call["caller"]["phone_number"],
        "callee_number": call["callee"]["phone_number"],
        "direction": direction_of(side),
        "recording_type": rec["type"],
        "channel_id": rec["channel_id"],
        "sip_id": rec["sip_id"],
        "owner": owner_ref(call[side]),
    }


def voicemail_text(call: Doc) -> str:
    vm = call["voicemail"]
    return spoken_text(seed_of(vm["id"]), vm["duration"], 1)


def voicemail(call: Doc, origin: str) -> Doc:
    vm = call["voicemail"]
    box = vm.get("mailbox", "callee")
    mailbox = call[box]
    model: Doc = {
        "id": vm["id"],
        "call_id": call["call_id"],
        "call_log_id": call["legs"][box]["log_id"],
        "call_history_id": call["history_id"],
        "call_element_id": call["legs"][box]["element_id"],
        "date_time": zulu(vm["start"]),
        "duration": int(vm["duration"]),
        "status": "unread",
        "download_url": f"{origin}/v2/phone/voice_mails/download/{vm['file_id']}",
        "owner": owner_ref(mailbox),
        "callee_extension_type": mailbox["kind"],
        "callee_id": mailbox["id"],
        "callee_user_id": mailbox["id"],
        "caller_user_id": call["caller"].get("user_id"),
        "days_left_auto_permantely_delete": RETENTION_DAYS,
        "transcription": {
            "content": voicemail_text(call) if vm["transcribe"] else "",
            "status": 2 if vm["transcribe"] else 4,
            "engine": "zoom",
        },
    }
    model.update(_file_party("caller", call["caller"]))
    model.update(_file_party("callee", mailbox))
    return {k: v for k, v in model.items() if v is not None}


# quality, charges, summaries -------------------------------------------------------------------
def _quality_party(party: Doc, index: int) -> Doc:
    return {
        "id": party.get("id"),
        "display_name": party.get("name"),
        "extension_type": party["kind"],
        "extension_number": str(party["extension_number"]) if party["internal"] else None,
        "phone_number": party["phone_number"],
        "site_id": party.get("site_id"),
        "device_type": "MAC_Client(6.2.0.45678)" if party["internal"] else "PSTN",
        "codec": "OPUS" if party["internal"] else "G.711",
        "isp": "Zemu Telecom",
        "device_private_ip": f"10.0.0.{10 + index}",
        "device_public_ip": f"203.0.113.{10 + index}",
        "headset": "Built-in" if party["internal"] else "",
        "microphone": "Built-in" if party["internal"] else "",
    }


def metrics(call: Doc) -> Doc:
    return {
        "call_id": call["call_id"],
        "date_time": zulu(call["start"]),
        "direction": direction_of(account_side(call)),
        "duration": talk_seconds(call),
        "mos": "4.3",
        "caller": _quality_party(call["caller"], 1),
        "callee": _quality_party(call["callee"], 2),
    }


def qos(call: Doc) -> Doc:
    def stream(at: float) -> Doc:
        return {
            "date_time": zulu(at),
            "qos": {
                "avg_loss": "0.1%",
                "bitrate": "40.2 kbps",
                "jitter": "3 ms",
                "max_loss": "0.6%",
                "mos": "4.3",
                "network_delay": "24 ms",
            },
        }

    at = call["answer"] or call["start"]
    sides = {}
    for index, side in enumerate(SIDES, 1):
        party = _quality_party(call[side], index)
        sides[f"{side}_qos"] = {
            "device_private_ip": party["device_private_ip"],
            "device_public_ip": party["device_public_ip"],
            "receiving": [stream(at)],
            "sending": [stream(at)],
        }
    return {"call_id": call["call_id"], **sides}


def charge(call: Doc, charge_id: str) -> Doc | None:
    """An outside call's charge; calls inside the account cost nothing and have none."""
    if call["caller"]["internal"] and call["callee"]["internal"]:
        return None
    side = account_side(call)
    minutes = -(-talk_seconds(call) // 60)
    return {
        "charge_id": charge_id,
        "call_log_id": call["legs"][side]["log_id"],
        "call_id": call["call_id"],
        "direction": direction_of(side),
        "caller_number": call["caller"]["phone_number"],
        "callee_number": call["callee"]["phone_number"],
        "call_type": "pstn",
        "service_type": "Zoom Phone",
        "calling_party_name": call[side].get("name", ""),
        "department": call[side].get("department", ""),
        "cost_center": call[side].get("cost_center", ""),
        "start_time": zulu(call["start"]),
        "answer_time": _time(call["answer"]),
        "end_time": zulu(call["end"]),
        "duration": talk_seconds(call),
        "charge_mode": "per_min",
        "rate": f"{RATE_PER_MINUTE:.2f}",
        "currency": "USD",
        "total_charge": f"${minutes * RATE_PER_MINUTE:.2f}",
    }


def ai_summary(call: Doc, at: float) -> Doc:
    summary = call["ai_summary"]
    side = summary["owner"]
    said = spoken_text(
        seed_of(call["recording"]["id"] if call["recording"] else call["call_id"]), max(5.0, float(call["talk"])), 2
    )
    return {
        "ai_call_summary_id": summary["id"],
        "account_id": call.get("viewer") or call["account_id"],
        "call_id": call["call_id"],
        "user_id": call[side]["id"],
        "call_log_ids": [call["legs"][side]["log_id"]],
        "transcript_language": "English",
        "call_summary": said[:200],
        "detailed_summary": said[:1000],
        "next_steps": "Follow up by email.",
        "call_summary_rate": "",
        "created_time": zulu(at),
        "modified_time": zulu(at),
        "edited": False,
        "deleted": False,
    }


def emergency_alert(call: Doc) -> Doc:
    """What the safety team is told as an emergency call starts, from the caller's site."""
    caller = call["caller"]
    kind = {"user": "user", "commonArea": "commonAreaPhone"}.get(caller["kind"], "user")
    return {
        "call_id": call["call_id"],
        "ringing_start_time": zulu(call["start"]),
        "router": "ZOOM",
        "deliver_to": "PSAP",
        "callee": {"phone_number": call["callee"]["phone_number"]},
        "caller": {
            "id": caller["id"],
            "extension_type": kind,
            "display_name": caller.get("name"),
            "extension_number": str(caller.get("extension_number", "")),
            "phone_number": caller["phone_number"],
            "site_id": caller.get("site_id"),
            "site_name": caller.get("site_name"),
            "timezone": caller.get("timezone"),
        },
        "location": {"gps": [], "ip": ["203.0.113.11"], "bssid": []},
        "emergency_address": caller.get("emergency_address") or {},
    }


def is_pstn(party: Doc) -> bool:
    return bool(party["kind"] == PSTN)
