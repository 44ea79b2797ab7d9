"""The write side of Zoom Phone history: what the traffic simulator calls, and how it is stored.

Operations served from these records (``HANDLERS`` in ``__init__.py``):
  calls:      accountCallHistory, getCallPath, phoneUserCallHistory, syncUserCallHistory,
              getUserAICallSummary, accountCallLogs, phoneUserCallLogs
  metrics:    listCallLogsMetrics, getCallLogMetricsDetails, getCallQoS, listPastCallMetrics
  recordings: getPhoneRecordings, phoneUserRecordings, getPhoneRecordingsByCallIdOrCallLogId,
              getCallQueueRecordings, phoneDownloadRecordingFile, phoneDownloadRecordingTranscript
  voicemails: accountVoiceMails, phoneUserVoiceMails, getVoicemailDetails,
              getVoicemailDetailsByCallIdOrCallLogId, phoneDownloadVoicemailFile
  SMS:        accountSmsSession, smsSessionDetails, smsByMessageId, smsSessionSync, userSmsSession,
              GetSmsSessions
  faxes:      GetAccount'sFaxLogs, Getuser'sfaxlogs, GetFaxLogDetails, Downloadfaxfile
  reports:    GetCallChargesUsageReport, GetSMSChargesUsageReport, Getfaxchargesusagereport,
              getPSOperationLogs, callqueueanalytics

Storage. Each kind is a declared collection (``scan.history``) sorted by ``newest_first(ts)``:
the index's order is Zoom's newest-first order, a from/to range is its sort-key range and the
filters Zoom documents are its terms (declared below with each collection). A document is
``{"id", "account_id", "ts": epoch seconds, "view": <the list item exactly as the list shows it>,
...}`` (``owner`` too when an owner's list holds it) and ``view`` is its saved list view, so a
page embeds the views without parsing them.

  kind               id                       scope         view / other body fields
  ph_call            call_history_uuid        account       accountCallHistory item (id = call_history_uuid);
                                                            detail = getCallPath body; end; user_ids; voicemail
  ph_user_call       "{user}:{uuid}"          user          logs = phoneUserCallHistory call_logs items;
                                                            elements = its call_elements; match = account item
  ph_ai_summary      ai_call_summary_id       user          detail = getUserAICallSummary body
  ph_call_log        call log id (UUID)       account       accountCallLogs item; user_id
  ph_user_call_log   "{user}:{log id}"        user          phoneUserCallLogs item
  ph_recording       recording id             account       getPhoneRecordings item; detail = by-call body
  ph_owner_recording "{owner}:{recording}"    owner id      phoneUserRecordings item (users) or
                                                            getCallQueueRecordings item (call queues)
  ph_voicemail       voicemail id             account       accountVoiceMails item; detail = getVoicemailDetails
  ph_owner_voicemail "{owner}:{voicemail}"    owner id      phoneUserVoiceMails item
  ph_sms_session     session_id               account       accountSmsSession item; session_type;
                                                            numbers; sent/received ts; latest_message
  ph_user_sms        "{user}:{session}"       user          userSmsSession item; latest_message; unread
  ph_sms_message     message_id               session id    smsSessionDetails item (= smsByMessageId body)
  ph_fax             fax_log_id               account       fax log item; detail = GetFaxLogDetails element
  ph_ext_fax         "{extension}:{fax log}"  account/ext   fax log item
  ph_call_metrics    call_id                  account       listCallLogsMetrics item; detail =
                                                            getCallLogMetricsDetails body; qos = getCallQoS body
  ph_call_charge     charge_id                account       call_charges item
  ph_sms_charge      message_id               account       sms_charges item
  ph_fax_charge      fax_id                   account       fax_charges item
  ph_operation_log   generated id             account       operation_logs item
  ph_file            file id                  account       {kind, content_type, name, recipe}: what a download
                                                            renders; absent = "File does not exist."

Lookups by another id go through store unique keys: ``ph_call_id`` (call_id -> call_history_uuid),
``ph_rec_ref`` (call id / call log id -> recording id), ``ph_vm_ref`` ("{user}:{call id or call log
id}" -> voicemail id), ``ph_user_log_ref`` (a user's call history log id -> its ph_user_call id).
Each write function takes the documented response shapes (the simulator
makes the ids and times) and files them; none emits events: the simulator emits the live ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from zemu.services.context import FileBody
from zemu.services.phone_history.scan import history, owner_scope
from zemu.services.resource import Collection
from zemu.sim.artifacts import render
from zemu.sim.clock import parse_zulu
from zemu.store import Conflict, Tx

Doc = dict[str, Any]

CALL = "ph_call"
USER_CALL = "ph_user_call"
AI_SUMMARY = "ph_ai_summary"
CALL_LOG = "ph_call_log"
USER_CALL_LOG = "ph_user_call_log"
RECORDING = "ph_recording"
OWNER_RECORDING = "ph_owner_recording"
VOICEMAIL = "ph_voicemail"
OWNER_VOICEMAIL = "ph_owner_voicemail"
SMS_SESSION = "ph_sms_session"
USER_SMS = "ph_user_sms"
SMS_MESSAGE = "ph_sms_message"
FAX = "ph_fax"
EXT_FAX = "ph_ext_fax"
METRICS = "ph_call_metrics"
CALL_CHARGE = "ph_call_charge"
SMS_CHARGE = "ph_sms_charge"
FAX_CHARGE = "ph_fax_charge"
OPERATION_LOG = "ph_operation_log"
FILE = "ph_file"
CALL_ID_KEY = "ph_call_id"
RECORDING_REF_KEY = "ph_rec_ref"
VOICEMAIL_REF_KEY = "ph_vm_ref"
USER_LOG_KEY = "ph_user_log_ref"


def _view(field: str) -> Any:
    return lambda d: d["view"].get(field)


def _both(*fields: str) -> Any:
    return lambda d: [d["view"].get(f) for f in fields]


def _queue_sides(d: Doc) -> list[str]:
    """The call queue extensions a call rang or came from (queue analytics)."""
    item = d["view"]
    return [item.get(f"{side}_ext_id") for side in ("caller", "callee") if item.get(f"{side}_ext_type") == "call_queue"]


def _charged(value: Any) -> bool:
    try:
        return float(str(value or "0").lstrip("$")) > 0
    except ValueError:
        return False


KEYWORD_FIELDS = (
    "call_id",
    "caller_name",
    "callee_name",
    "caller_ext_number",
    "callee_ext_number",
    "caller_did_number",
    "callee_did_number",
    "caller_email",
    "callee_email",
)
CALL_FILTERS = {
    "direction": _view("direction"),
    "connect_type": _view("connect_type"),
    "call_type": _view("call_type"),
    "number_type": _both("caller_number_type", "callee_number_type"),
    "call_result": _view("call_result"),
    "extension_type": _both("caller_ext_type", "callee_ext_type"),
    "group_id": _view("group_id"),
    "site_id": _view("site_id"),
    "call_id": _view("call_id"),
    "department": _view("department"),
    "cost_center": _view("cost_center"),
    "recording_status": _view("recording_status"),
    "with_voicemail": lambda d: bool(d.get("voicemail")),
    "queue_ext": _queue_sides,
}


def _call_keywords(d: Doc) -> list[Any]:
    return [d["view"].get(f) for f in KEYWORD_FIELDS]


LOG_FILTERS = {
    "missed": lambda d: bool(d.get("missed")),
    "site_id": lambda d: (d["view"].get("site") or {}).get("id"),
    "path": _view("path"),
    "charged": lambda d: d["view"].get("charge") not in (None, "", "0", "$0", "0.00"),
    "phone_number": _both("caller_number", "callee_number", "caller_did_number", "callee_did_number"),
}
VOICEMAIL_FILTERS = {
    "status": _view("status"),
    "trashed": lambda d: bool(d["view"].get("deleted_time")),
    "owner_type": lambda d: (d["view"].get("owner") or {}).get("type"),
    "site_id": lambda d: d.get("site_id"),
    "voicemail_type": lambda d: d.get("voicemail_type", "normal"),
}
SMS_FILTERS = {"session_type": lambda d: d.get("session_type"), "phone_number": lambda d: d.get("numbers", [])}
FAX_FILTERS = {name: _view(name) for name in ("site_id", "sender_number", "receiver_number", "extension_type")}
GOOD_MOS = 3.5  # Zoom's baseline: a MOS of 3.5 or more is good quality
# listCallLogsMetrics' durations filter values -> [low, high) seconds
DURATIONS = {0: (60, 300), 1: (300, 600), 2: (600, 10**9), 3: (0, 60)}


def _quality(d: Doc) -> str:
    try:
        return "good" if float(d["view"].get("mos") or 0) >= GOOD_MOS else "bad"
    except ValueError:
        return "bad"


def _duration_bucket(d: Doc) -> list[int]:
    seconds = int(d["view"].get("duration") or 0)
    return [bucket for bucket, (low, high) in DURATIONS.items() if low <= seconds < high]


def _sides(field: str) -> Any:
    return lambda d: [(d["view"].get(side) or {}).get(field) for side in ("caller", "callee")]


METRICS_FILTERS = {
    "quality_type": _quality,
    "site_id": _sides("site_id"),
    "phone_number": _sides("phone_number"),
    "extension_number": _sides("extension_number"),
    "department": lambda d: d.get("department") or None,
    "cost_center": lambda d: d.get("cost_center") or None,
    "direction": _view("direction"),
    "duration": _duration_bucket,
}

CALLS = history(CALL, filters=CALL_FILTERS, keywords=_call_keywords)
USER_CALLS = history(USER_CALL, filters=CALL_FILTERS, keywords=_call_keywords, scope=owner_scope)
AI_SUMMARIES = history(AI_SUMMARY, scope=owner_scope)
CALL_LOGS = history(CALL_LOG, filters=LOG_FILTERS)
USER_CALL_LOGS = history(USER_CALL_LOG, filters=LOG_FILTERS, scope=owner_scope)
RECORDINGS = history(
    RECORDING,
    filters={
        "owner_type": lambda d: (d["view"].get("owner") or {}).get("type"),
        "recording_type": _view("recording_type"),
        "site_id": lambda d: (d["view"].get("site") or {}).get("id"),
    },
)
OWNER_RECORDINGS = history(OWNER_RECORDING, scope=owner_scope)
VOICEMAILS = history(VOICEMAIL, filters=VOICEMAIL_FILTERS)
OWNER_VOICEMAILS = history(OWNER_VOICEMAIL, filters=VOICEMAIL_FILTERS, scope=owner_scope)
SMS_SESSIONS = history(SMS_SESSION, filters=SMS_FILTERS)
USER_SMS_SESSIONS = history(USER_SMS, filters=SMS_FILTERS, scope=owner_scope)
SMS_MESSAGES = history(
    SMS_MESSAGE, filters={"delivery_status": _view("delivery_status")}, scope=lambda d: d["session_id"]
)
FAXES = history(FAX, filters=FAX_FILTERS)
EXTENSION_FAXES = history(EXT_FAX, filters=FAX_FILTERS, scope=lambda d: f"{d['account_id']}/{d['owner']}")
CALL_METRICS = history(METRICS, filters=METRICS_FILTERS)
CALL_CHARGES = history(
    CALL_CHARGE, filters={"charged": lambda d: _charged(d["view"].get("total_charge")), "call_id": _view("call_id")}
)
SMS_CHARGES = history(SMS_CHARGE, filters={"charged": lambda d: _charged(d["view"].get("total_charge"))})
FAX_CHARGES = history(FAX_CHARGE, filters={"fax_id": _view("fax_id")})
FILES = Collection(FILE, sort=lambda d: d["id"])
OPERATION_LOGS = history(
    OPERATION_LOG, filters={"category_type": lambda d: str(d["view"].get("category_type", "")).lower()}
)


def ts(text: str) -> int:
    """Epoch seconds of Zoom's ``yyyy-MM-ddTHH:mm:ssZ``."""
    return int(parse_zulu(text))


def _file(tx: Tx, collection: Collection, account_id: str, doc_id: str, view: Doc, at: int, **body: Any) -> None:
    collection.save(tx, {"id": doc_id, "account_id": account_id, "ts": at, "view": view, **body})


def _under(
    tx: Tx, collection: Collection, account_id: str, owner: str, key: str, view: Doc, at: int, **body: Any
) -> None:
    collection.save(
        tx, {"id": f"{owner}:{key}", "account_id": account_id, "owner": owner, "ts": at, "view": view, **body}
    )


def _index(tx: Tx, kind: str, value: str, owner: str) -> None:
    """A lookup key; the first record of a value keeps it (a call has one recording per lookup)."""
    if value:
        try:
            tx.claim(kind, value, owner)
        except Conflict:
            pass  # an earlier record keeps it


def register_file(
    tx: Tx, account_id: str, file_id: str, *, kind: str, recipe: Mapping[str, Any], name: str = ""
) -> None:
    """Make a download exist: its ``recipe`` (``zemu.sim.artifacts.render``) is what the file is
    rendered from when it is downloaded; no bytes are stored."""
    FILES.save(
        tx,
        {
            "id": file_id,
            "account_id": account_id,
            "kind": kind,
            "content_type": render.content_type(recipe),
            "name": name,
            "recipe": dict(recipe),
        },
    )


def file_body(doc: Doc) -> FileBody:
    """A registered file as the download answers it, rendered from its recipe."""
    return FileBody(doc["content_type"], render.render(doc["recipe"]), doc.get("name") or None)


def file_id_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


# calls ---------------------------------------------------------------------------------------
def record_call(
    tx: Tx,
    account_id: str,
    call: Doc,
    *,
    user_ids: Sequence[str] = (),
    user_logs: dict[str, list[Doc]] | None = None,
    voicemail: bool = False,
) -> None:
    """File one call: ``call`` is the getCallPath body (with ``call_path`` and ``call_elements``).
    ``user_ids`` are the zemu users the call belongs to; ``user_logs`` their phoneUserCallHistory
    ``call_logs`` items (default: one built from the call)."""
    uuid = call["call_history_uuid"]
    start = ts(call["start_time"])
    end = ts(call["end_time"]) if call.get("end_time") else start
    item = history_item(call)
    _file(tx, CALLS, account_id, uuid, item, start, end=end, detail=call, user_ids=list(user_ids), voicemail=voicemail)
    _index(tx, CALL_ID_KEY, call["call_id"], uuid)
    elements = [{**element, "call_history_uuid": uuid} for element in call.get("call_elements", [])]
    for user_id in user_ids:
        logs = (user_logs or {}).get(user_id) or [user_log(call)]
        _under(
            tx,
            USER_CALLS,
            account_id,
            user_id,
            uuid,
            item,
            start,
            end=end,
            logs=logs,
            elements=elements,
            voicemail=voicemail,
        )
        for log in logs:
            _index(tx, USER_LOG_KEY, log["id"], f"{user_id}:{uuid}")


HISTORY_FIELDS = (
    "call_id",
    "direction",
    "international",
    "start_time",
    "answer_time",
    "end_time",
    "connect_type",
    "call_type",
    "hide_caller_id",
    "end_to_end",
    "caller_ext_id",
    "caller_did_number",
    "caller_ext_number",
    "caller_name",
    "caller_email",
    "caller_ext_type",
    "callee_ext_id",
    "callee_did_number",
    "callee_ext_number",
    "callee_name",
    "callee_email",
    "callee_ext_type",
    "department",
    "cost_center",
    "site_id",
    "group_id",
    "site_name",
    "callee_account_code",
)
LEG_FIELDS = (
    "caller_number_type",
    "caller_device_type",
    "caller_country_iso_code",
    "caller_country_code",
    "callee_number_type",
    "callee_device_type",
    "callee_country_iso_code",
    "callee_country_code",
)


def history_item(call: Doc) -> Doc:
    """The accountCallHistory item of a call: its own fields, the first leg's number details, the
    last leg's result, and whether any leg recorded."""
    path = call.get("call_path") or []
    item: Doc = {"id": call["call_history_uuid"], "call_history_uuid": call["call_history_uuid"]}
    item.update({k: call[k] for k in HISTORY_FIELDS if k in call})
    if path:
        item.update({k: path[0][k] for k in LEG_FIELDS if k in path[0]})
        item["call_result"] = path[-1].get("result", "answered")
    if call.get("answer_time") and call.get("end_time"):
        item["duration"] = max(0, ts(call["end_time"]) - ts(call["answer_time"]))
    else:
        item["duration"] = 0
    recorded = any(leg.get("recording_id") for leg in path)
    item["recording_status"] = "recorded" if recorded else "non_recorded"
    if "caller_acconut_code" in call:
        item["caller_account_code"] = call["caller_acconut_code"]
    return item


USER_LOG_FIELDS = (
    "call_id",
    "group_id",
    "connect_type",
    "call_type",
    "direction",
    "hide_caller_id",
    "end_to_end",
    "caller_ext_id",
    "caller_name",
    "caller_email",
    "caller_did_number",
    "caller_ext_number",
    "caller_ext_type",
    "callee_ext_id",
    "callee_name",
    "callee_did_number",
    "callee_ext_number",
    "callee_email",
    "callee_ext_type",
    "start_time",
    "answer_time",
    "end_time",
    "callee_account_code",
)


def user_log(call: Doc) -> Doc:
    """A phoneUserCallHistory ``call_logs`` item built from the call and its last leg."""
    path = call.get("call_path") or [{}]
    log: Doc = {"id": call["call_history_uuid"], "call_path_id": call["call_history_uuid"]}
    log.update({k: call[k] for k in USER_LOG_FIELDS if k in call})
    last = path[-1]
    for key in ("event", "result", "recording_id", "recording_type", "voicemail_id", "hold_time"):
        if key in last:
            log[key] = last[key]
    if call.get("answer_time") and call.get("end_time"):
        log["talk_time"] = max(0, ts(call["end_time"]) - ts(call["answer_time"]))
    if "caller_acconut_code" in call:
        log["caller_account_code"] = call["caller_acconut_code"]
    return log


def record_ai_summary(tx: Tx, account_id: str, summary: Doc) -> None:
    """A getUserAICallSummary body (its ``user_id`` names the owner)."""
    created = ts(summary["created_time"]) if summary.get("created_time") else 0
    AI_SUMMARIES.save(
        tx,
        {
            "id": summary["ai_call_summary_id"],
            "account_id": account_id,
            "owner": summary["user_id"],
            "ts": created,
            "view": summary,
        },
    )


def record_call_log(
    tx: Tx, account_id: str, log: Doc, *, user_log_item: Doc | None = None, user_id: str | None = None
) -> None:
    """A legacy call log: ``log`` is the accountCallLogs item; ``user_log_item`` the phoneUserCallLogs
    item of the same log, filed under ``user_id`` (default: the log's ``user_id``)."""
    start = ts(log["date_time"])
    _file(tx, CALL_LOGS, account_id, log["id"], log, start, missed=_missed(log))
    owner = user_id or log.get("user_id")
    if owner and user_log_item is not None:
        _under(tx, USER_CALL_LOGS, account_id, owner, log["id"], user_log_item, start, missed=_missed(user_log_item))


MISSED_RESULTS = {"missed", "call missed", "no answer", "voicemail", "call cancel", "cancelled", "rejected", "busy"}


def _missed(log: Doc) -> bool:
    """Zoom's legacy results a caller did not get through on ("No Answer", "Missed", "Voicemail", ...)."""
    return str(log.get("result", "")).lower().replace("_", " ") in MISSED_RESULTS


# recordings and voicemails ---------------------------------------------------------------------
def record_recording(
    tx: Tx, account_id: str, recording: Doc, *, detail: Doc, owner_item: Doc | None = None, owner_id: str | None = None
) -> None:
    """``recording`` is the getPhoneRecordings item, ``detail`` the by-call body of the same
    recording, ``owner_item`` the owner's list item (phoneUserRecordings or getCallQueueRecordings
    shape) filed under ``owner_id`` (default: ``recording.owner.id``)."""
    start = ts(recording["date_time"])
    owner = owner_id or recording.get("owner", {}).get("id", "")
    _file(
        tx,
        RECORDINGS,
        account_id,
        recording["id"],
        recording,
        start,
        detail=detail,
        owner_id=owner,
        transcript=file_id_of(recording.get("transcript_download_url", "")),
    )
    if owner and owner_item is not None:
        _under(tx, OWNER_RECORDINGS, account_id, owner, recording["id"], owner_item, start)
    for ref in (recording.get("call_id"), recording.get("call_log_id"), detail.get("call_history_id")):
        _index(tx, RECORDING_REF_KEY, ref or "", recording["id"])


def record_voicemail(
    tx: Tx, account_id: str, voicemail: Doc, *, detail: Doc, owner_item: Doc | None = None, owner_id: str | None = None
) -> None:
    """``voicemail`` is the accountVoiceMails item, ``detail`` the getVoicemailDetails body,
    ``owner_item`` the phoneUserVoiceMails item filed under the owner."""
    start = ts(voicemail["date_time"])
    owner = owner_id or voicemail.get("owner", {}).get("id", "")
    _file(tx, VOICEMAILS, account_id, voicemail["id"], voicemail, start, detail=detail, owner_id=owner)
    if owner and owner_item is not None:
        _under(tx, OWNER_VOICEMAILS, account_id, owner, voicemail["id"], owner_item, start)
    for ref in (voicemail.get("call_id"), voicemail.get("call_log_id"), detail.get("call_history_id")):
        if ref and owner:
            _index(tx, VOICEMAIL_REF_KEY, f"{owner}:{ref}", voicemail["id"])


# SMS ---------------------------------------------------------------------------------------------
def record_sms(
    tx: Tx,
    account_id: str,
    session: Doc,
    message: Doc,
    *,
    user_ids: Sequence[str] = (),
    session_type: str = "user",
    outbound: bool = True,
    unread_for: Sequence[str] = (),
) -> None:
    """One message (a smsSessionDetails item) in its session (an accountSmsSession item, saved
    again with its latest access time); ``user_ids`` own the session, ``unread_for`` have not read it."""
    sent = ts(message["date_time"])
    session_id = session["session_id"]
    _file(tx, SMS_MESSAGES, account_id, message["message_id"], message, sent, session_id=session_id)
    previous = SMS_SESSIONS.get(tx, session_id) or {}
    times = {"sent": previous.get("sent", 0), "received": previous.get("received", 0)}
    times["sent" if outbound else "received"] = sent
    numbers = sorted({p.get("phone_number", "") for p in session.get("participants", [])} - {""})
    latest = {k: v for k, v in message.items() if k != "delivery_status"}
    latest["attachments"] = [{"id": a["id"], "type": a["type"]} for a in message.get("attachments", [])]
    _file(
        tx,
        SMS_SESSIONS,
        account_id,
        session_id,
        session,
        sent,
        session_type=session_type,
        numbers=numbers,
        latest_message=latest,
        **times,
    )
    for user_id in user_ids:
        old = USER_SMS_SESSIONS.get(tx, f"{user_id}:{session_id}") or {}
        unread = old.get("unread", 0) + (1 if user_id in unread_for else 0)
        view = {k: v for k, v in session.items()}
        view["participants"] = [
            {k: v for k, v in p.items() if k not in ("extension_status", "extension_deleted_time")}
            for p in session.get("participants", [])
        ]
        _under(
            tx,
            USER_SMS_SESSIONS,
            account_id,
            user_id,
            session_id,
            view,
            sent,
            session_type=session_type,
            numbers=numbers,
            latest_message=latest,
            unread=unread,
            **times,
        )


# faxes -------------------------------------------------------------------------------------------
def record_fax(tx: Tx, account_id: str, fax_log: Doc, *, detail: Doc | None = None) -> None:
    """A fax log item (GetAccount'sFaxLogs shape); ``detail`` is its GetFaxLogDetails element
    (default: the item). Filed under the account and under each extension it touches."""
    created = ts(fax_log["create_time"])
    _file(tx, FAXES, account_id, fax_log["fax_log_id"], fax_log, created, detail=detail or fax_log)
    extensions = {fax_log.get(k) for k in ("extension_id", "sender_extension_id", "receiver_extension_id")}
    for extension in sorted(e for e in extensions if e):
        _under(tx, EXTENSION_FAXES, account_id, extension, fax_log["fax_log_id"], fax_log, created)


# metrics, charges and operation logs ---------------------------------------------------------------
def record_call_metrics(
    tx: Tx, account_id: str, item: Doc, *, detail: Doc, qos: Doc, department: str = "", cost_center: str = ""
) -> None:
    """A listCallLogsMetrics item, its getCallLogMetricsDetails body and its getCallQoS body;
    ``department`` and ``cost_center`` (of the call's user) serve listPastCallMetrics' filters."""
    _file(
        tx,
        CALL_METRICS,
        account_id,
        item["call_id"],
        item,
        ts(item["date_time"]),
        detail=detail,
        qos=qos,
        department=department,
        cost_center=cost_center,
    )


def record_call_charge(tx: Tx, account_id: str, charge: Doc) -> None:
    _file(tx, CALL_CHARGES, account_id, charge["charge_id"], charge, ts(charge["start_time"]))


def record_sms_charge(tx: Tx, account_id: str, charge: Doc) -> None:
    _file(tx, SMS_CHARGES, account_id, charge["message_id"], charge, ts(charge["sent_time"]))


def record_fax_charge(tx: Tx, account_id: str, charge: Doc) -> None:
    _file(tx, FAX_CHARGES, account_id, charge["fax_id"], charge, ts(charge["end_time"]))


def record_operation_log(tx: Tx, account_id: str, entry_id: str, entry: Doc) -> None:
    """An operation_logs item ({action, category_type, operation_detail, operator, time})."""
    _file(tx, OPERATION_LOGS, account_id, entry_id, entry, ts(entry["time"]))
