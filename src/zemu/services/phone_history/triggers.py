"""``zemu trigger phone.*`` for the history writes: the REST write that causes the event, on the
newest item a simulated call (or fax) left in the account. With none there yet the trigger says
so: place one first (``zemu call --record`` and advance the clock past its end)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context, Trigger
from zemu.services.phone_history import records as r
from zemu.services.phone_history import trash, writes
from zemu.services.resource import Collection

Doc = dict[str, Any]


def _newest(ctx: Context, collection: Collection, what: str, scope: str | None = None) -> Doc:
    doc = collection.first(ctx.tx, scope or ctx.account_id)
    if doc is None:
        raise NotFound(404, f"No {what} to delete yet: place a simulated call (or fax) first.")
    return doc


def _run(ctx: Context, handler: Callable[[Context], None], **path: str) -> None:
    ctx.path = dict(path)
    handler(ctx)


def recording_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    doc = _newest(ctx, r.RECORDINGS, "recording")
    _run(ctx, writes.delete_recording, recordingId=doc["id"])
    return {"recording_id": doc["id"]}


def voicemail_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    doc = r.VOICEMAILS.first(ctx.tx, ctx.account_id, {"trashed": False})
    if doc is None:
        raise NotFound(404, "No voicemail to delete yet: place a simulated call to voicemail first.")
    _run(ctx, writes.delete_voicemail, voicemailId=doc["id"])
    return {"voicemail_id": doc["id"]}


def call_log_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """The newest call log still in its user's list."""
    for log in r.CALL_LOGS.each(ctx.tx, ctx.account_id):
        user_id = str(log["view"].get("user_id") or "")
        if r.USER_CALL_LOGS.get(ctx.tx, f"{user_id}:{log['id']}") is not None:
            _run(ctx, writes.delete_call_log, userId=user_id, callLogId=log["id"])
            return {"user_id": user_id, "call_log_id": log["id"]}
    raise NotFound(404, "No call log to delete yet: place a simulated call first.")


def call_history_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    """The newest call still in one of its users' history."""
    for call in r.CALLS.each(ctx.tx, ctx.account_id):
        for user_id in call.get("user_ids") or []:
            doc = r.USER_CALLS.get(ctx.tx, f"{user_id}:{call['id']}")
            if doc is not None:
                log_id = doc["logs"][0]["id"]
                _run(ctx, writes.delete_user_call_history, userId=user_id, callLogId=log_id)
                return {"user_id": user_id, "call_log_id": log_id}
    raise NotFound(404, "No user's call history to delete yet: place a simulated call first.")


def fax_log_deleted(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
    doc = _newest(ctx, r.FAXES, "fax log")
    _run(ctx, writes.delete_fax_log, faxLogId=doc["id"])
    return {"fax_log_id": doc["id"]}


def _and_purge(family: str, delete: Trigger) -> Trigger:
    """The delete, then the purge that Zoom's trash makes 30 days later, at once."""

    def trigger(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        done = delete(ctx, params)
        item = {
            "recording": done.get("recording_id"),
            "voicemail": done.get("voicemail_id"),
            "fax_log": done.get("fax_log_id"),
            "call_log": f"{done.get('user_id')}:{done.get('call_log_id')}",
        }[family]
        entry = trash.in_trash(ctx, family, str(item))
        if entry is not None:
            trash.purge(ctx, entry)
        return {**done, "purged": True}

    return trigger


TRIGGERS: dict[str, Trigger] = {
    "phone.recording_deleted": recording_deleted,
    "phone.recording_permanently_deleted": _and_purge("recording", recording_deleted),
    "phone.voicemail_deleted": voicemail_deleted,
    "phone.voicemail_permanently_deleted": _and_purge("voicemail", voicemail_deleted),
    "phone.call_log_deleted": call_log_deleted,
    "phone.call_log_permanently_deleted": _and_purge("call_log", call_log_deleted),
    "phone.call_history_deleted": call_history_deleted,
    "phone.call_element_deleted": call_history_deleted,
    "phone.fax_log_deleted": fax_log_deleted,
    "phone.fax_log_permanently_deleted": _and_purge("fax_log", fax_log_deleted),
}
