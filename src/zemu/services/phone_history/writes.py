"""The REST writes on phone history: deletes (to the trash, see ``trash``), recovery, read status,
auto-delete and client codes, each with the events phone-events.md §2 gives it.

Every handler finds what it changes first and answers Zoom's documented error before touching
anything, so bad input changes nothing.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.phone_history import trash
from zemu.services.phone_history.common import documented, owned, path_user
from zemu.services.resource import Collection
from zemu.sim.clock import zulu

Doc = dict[str, Any]


def _owner_doc(ctx: Context, collection: Collection, owner: str, item_id: str) -> list[tuple[Collection, Doc]]:
    doc = collection.get(ctx.tx, f"{owner}:{item_id}") if owner else None
    return [(collection, doc)] if doc is not None else []


# recordings ------------------------------------------------------------------------------------
def _recording(ctx: Context) -> Doc:
    recording_id = ctx.path["recordingId"]
    doc = owned(ctx, r.RECORDINGS, recording_id)
    if doc is None:
        raise ctx.fail(404, "Recording does not exist", recordingId=recording_id)
    return doc


def delete_recording(ctx: Context) -> None:
    doc = _recording(ctx)
    ref = {"id": doc["id"], "call_id": str(doc["view"].get("call_id", ""))}
    moved = [(r.RECORDINGS, doc), *_owner_doc(ctx, r.OWNER_RECORDINGS, doc.get("owner_id", ""), doc["id"])]
    trash.throw_away(
        ctx, "recording", doc["id"], moved=moved, event="phone.recording_permanently_deleted", obj={"recordings": [ref]}
    )
    ctx.emit("phone.recording_deleted", {"object": {"recordings": [ref]}})


def update_recording_status(ctx: Context) -> None:
    """``{"action": "recover"}``: the recording comes back from the trash to its lists."""
    recording_id = ctx.path["recordingId"]
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if body.get("action", "recover") != "recover":
        raise ValidationFailed([{"field": "action", "message": "Invalid field."}])
    entry = trash.in_trash(ctx, "recording", recording_id)
    if entry is not None:
        trash.recover(ctx, entry)
    else:
        _recording(ctx)  # a listed recording is recovered already; anything else does not exist


def update_auto_delete(ctx: Context) -> None:
    doc = _recording(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    enable = body.get("auto_delete_enable")
    if not isinstance(enable, bool):
        raise ValidationFailed([{"field": "auto_delete_enable", "message": "Invalid field."}])
    doc["view"]["auto_delete_enable"] = enable
    doc["detail"]["auto_delete_enable"] = enable
    r.RECORDINGS.save(ctx.tx, doc)


# voicemails ------------------------------------------------------------------------------------
def _voicemail(ctx: Context) -> Doc:
    """The listed (not trashed) voicemail the path names; else the operation's "does not exist"."""
    voicemail_id = ctx.path["voicemailId"]
    doc = owned(ctx, r.VOICEMAILS, voicemail_id)
    if doc is None or doc["view"].get("deleted_time"):
        missing = ZoomError(300, f"Voice mail does not exist: {voicemail_id}.", 404)
        raise documented(ctx, "Voice mail does not exist", missing, voicemailId=voicemail_id)
    return doc


def _mark_voicemail(ctx: Context, doc: Doc, **fields: Any) -> list[tuple[Collection, str]]:
    """Set ``fields`` on the voicemail's account and owner documents; answers them."""
    docs = [(r.VOICEMAILS, doc), *_owner_doc(ctx, r.OWNER_VOICEMAILS, doc.get("owner_id", ""), doc["id"])]
    for collection, each in docs:
        each["view"].update(fields)
        if "detail" in each:
            each["detail"].update(fields)
        collection.save(ctx.tx, each)
    return [(collection, each["id"]) for collection, each in docs]


def delete_voicemail(ctx: Context) -> None:
    """To the trash: it leaves the lists and shows where they ask for the trash (``trashed``)."""
    doc = _voicemail(ctx)
    kept = _mark_voicemail(
        ctx, doc, deleted_time=zulu(ctx.now), days_left_auto_permantely_delete=30, soft_deleted_type="Manual"
    )
    ref = {"voice_mails": [{"id": doc["id"]}]}
    trash.throw_away(
        ctx, "voicemail", doc["id"], moved=[], kept=kept, event="phone.voicemail_permanently_deleted", obj=ref
    )
    ctx.emit("phone.voicemail_deleted", {"object": ref})


READ_STATUSES = {"read": "read", "unread": "unread"}


def update_voicemail_read_status(ctx: Context) -> None:
    status = READ_STATUSES.get(str(ctx.query.get("read_status") or "").lower())
    if status is None:
        raise documented(ctx, "The read status is invalid", ZoomError(400, "The read status is invalid.", 400))
    _mark_voicemail(ctx, _voicemail(ctx), status=status)


# call history and call logs ----------------------------------------------------------------------
def _user_history(ctx: Context, user_id: str, log_id: str) -> Doc | None:
    """The user's call history document holding the log ``log_id`` (an element id or the call's uuid)."""
    holder = ctx.tx.holder(r.USER_LOG_KEY, log_id)
    for doc_id in (holder, f"{user_id}:{log_id}"):
        doc = r.USER_CALLS.get(ctx.tx, doc_id) if doc_id else None
        if doc is not None and doc["owner"] == user_id and doc["account_id"] == ctx.account_id:
            return doc
    return None


def delete_user_call_history(ctx: Context) -> None:
    """The call leaves the user's history; Zoom keeps no trash of history here, so the events say
    ``move_to_trash: false`` and nothing is purged later."""
    user = path_user(ctx)
    log_id = ctx.path["callLogId"]
    doc = _user_history(ctx, user["id"], log_id)
    if doc is None:
        raise documented(
            ctx, "Call history not found", NotFound(301, f"Call history not found: {log_id}."), callLogId=log_id
        )
    r.USER_CALLS.delete(ctx.tx, doc)
    common = {"user_id": user["id"], "delete_all": False, "execute_time": zulu(ctx.now), "move_to_trash": False}
    ctx.emit("phone.call_history_deleted", {"object": {**common, "call_log_ids": [log["id"] for log in doc["logs"]]}})
    elements = [e["call_element_id"] for e in doc.get("elements", []) if e.get("call_element_id")]
    if elements:
        ctx.emit("phone.call_element_deleted", {"object": {**common, "call_element_ids": elements}})


def delete_call_log(ctx: Context) -> None:
    user = path_user(ctx)
    log_id = ctx.path["callLogId"]
    doc = r.USER_CALL_LOGS.get(ctx.tx, f"{user['id']}:{log_id}")
    if doc is None or doc["account_id"] != ctx.account_id:
        raise documented(
            ctx,
            "Call log information was not found",
            NotFound(404, f"Call log information was not found for the following callLogId: {log_id}."),
            callLogId=log_id,
        )
    obj = {"user_id": user["id"], "call_logs": [{"id": log_id, "call_id": str(doc["view"].get("call_id", ""))}]}
    trash.throw_away(
        ctx,
        "call_log",
        f"{user['id']}:{log_id}",
        moved=[(r.USER_CALL_LOGS, doc)],
        event="phone.call_log_permanently_deleted",
        obj=obj,
    )
    ctx.emit("phone.call_log_deleted", {"object": obj})


# client codes --------------------------------------------------------------------------------------
def _client_code(ctx: Context) -> str:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    code = body.get("client_code")
    if not isinstance(code, str) or not code.strip():
        raise documented(
            ctx, "Invalid client code", ZoomError(301, f"Invalid client code: {code}", 400), client_code=str(code)
        )
    return code.strip()


def add_client_code_to_history(ctx: Context) -> None:
    """On the user's call history log: shows on the call path's leg of that log."""
    log_id = ctx.path["callLogId"]
    holder = ctx.tx.holder(r.USER_LOG_KEY, log_id)
    doc = r.USER_CALLS.get(ctx.tx, holder) if holder else None
    call = owned(ctx, r.CALLS, doc["view"]["call_history_uuid"]) if doc is not None else None
    if doc is None or call is None or doc["account_id"] != ctx.account_id:
        raise documented(
            ctx, "Call history not found", NotFound(300, f"Call history not found: {log_id}"), callLogId=log_id
        )
    code = _client_code(ctx)
    for leg in call["detail"].get("call_path", []):
        if leg.get("id") == log_id or leg.get("call_element_id") == log_id:
            leg["client_code"] = code
    for log in doc["logs"]:
        if log["id"] == log_id:
            log["client_code"] = code
    call["client_codes"] = {**call.get("client_codes", {}), log_id: code}
    r.CALLS.save(ctx.tx, call)
    r.USER_CALLS.save(ctx.tx, doc)


def add_client_code_to_log(ctx: Context) -> None:
    """On the legacy call log: the account's and its user's log lists show it."""
    log_id = ctx.path["callLogId"]
    doc = owned(ctx, r.CALL_LOGS, log_id)
    if doc is None:
        raise documented(ctx, "Validation Failed", NotFound(404, "Validation Failed."))
    code = _client_code(ctx)
    doc["view"]["client_code"] = code
    r.CALL_LOGS.save(ctx.tx, doc)
    user_id = str(doc["view"].get("user_id") or "")
    for _, user_doc in _owner_doc(ctx, r.USER_CALL_LOGS, user_id, log_id):
        user_doc["view"]["client_code"] = code
        r.USER_CALL_LOGS.save(ctx.tx, user_doc)


# faxes ---------------------------------------------------------------------------------------------
def _fax(ctx: Context, status: int) -> Doc:
    fax_log_id = ctx.path["faxLogId"]
    doc = owned(ctx, r.FAXES, fax_log_id)
    if doc is None:
        raise ctx.fail(400001, "Fax log not found", status=status)
    return doc


def _extension_docs(ctx: Context, doc: Doc) -> list[tuple[Collection, Doc]]:
    view = doc["view"]
    sides = ("extension_id", "sender_extension_id", "receiver_extension_id")
    extensions = sorted({str(view.get(k)) for k in sides if view.get(k)})
    return [pair for e in extensions for pair in _owner_doc(ctx, r.EXTENSION_FAXES, e, doc["id"])]


def delete_fax_log(ctx: Context) -> None:
    doc = _fax(ctx, 404)
    ref = {"fax_logs": [{"fax_log_id": doc["id"]}]}
    trash.throw_away(
        ctx,
        "fax_log",
        doc["id"],
        moved=[(r.FAXES, doc), *_extension_docs(ctx, doc)],
        event="phone.fax_log_permanently_deleted",
        obj=ref,
    )
    ctx.emit("phone.fax_log_deleted", {"object": ref})


def update_fax_read_status(ctx: Context) -> None:
    doc = _fax(ctx, 400)
    status = ctx.query.get("read_status")
    if status not in ("read", "unread"):
        raise ctx.fail(400201, "The read status is invalid")
    for collection, each in [(r.FAXES, doc), *_extension_docs(ctx, doc)]:
        each["view"]["read_status"] = status
        if "detail" in each:
            each["detail"]["read_status"] = status
        collection.save(ctx.tx, each)
