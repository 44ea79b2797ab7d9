"""Call recordings and voicemails: account, owner and by-call reads, and their downloads.

A download answers Zoom's "File does not exist." until the simulator has registered the file
(``records.register_file``), and then the file rendered from its recipe.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ValidationFailed, ZoomError
from zemu.services.context import Context, FileBody
from zemu.services.phone_history import records as r
from zemu.services.phone_history.common import documented, owned, path_user
from zemu.services.phone_history.scan import DAY, DateRule, page
from zemu.services.phone_routing.model import account_call_queue

Doc = dict[str, Any]
RULE = DateRule(default_span=30 * DAY)
QUEUE_RULE = DateRule()
ALL_SITES, ALL_GROUPS = "All sites", "All groups"
# owner_type "sharedOffice" is the deprecated name of commonArea
OWNER_ALIASES = {"sharedOffice": "commonArea"}


def _recording_filters(ctx: Context) -> Doc:
    query = ctx.query
    filters: Doc = {}
    owner_type = query.get("owner_type") or "all"
    if owner_type not in ("all", "null"):
        filters["owner_type"] = OWNER_ALIASES.get(owner_type, owner_type)
    if query.get("recording_type") not in (None, "", "null"):
        filters["recording_type"] = query["recording_type"]
    if query.get("site_id") not in (None, "", ALL_SITES):
        filters["site_id"] = query["site_id"]
    if query.get("query_date_type") not in (None, "", "start_time", "end_time"):
        raise documented(
            ctx, "Validation failed", ValidationFailed([{"field": "query_date_type", "message": "Invalid field."}])
        )
    return filters


def account_recordings(ctx: Context) -> Doc:
    items, fields = page(ctx, r.RECORDINGS, ctx.account_id, RULE, where=_recording_filters(ctx))
    return {
        "next_page_token": fields["next_page_token"],
        "page_size": fields["page_size"],
        "total_records": fields["total_records"],
        "from": fields["from"],
        "to": fields["to"],
        "recordings": items,
    }


def user_recordings(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = page(ctx, r.OWNER_RECORDINGS, user["id"], RULE)
    return {**fields, "recordings": items}


def call_queue_recordings(ctx: Context) -> Doc:
    queue_id = ctx.path["callQueueId"]
    if account_call_queue(ctx.tx, ctx.account_id, queue_id) is None:
        raise NotFound(404, f"Call Queue does not exist: {queue_id}.")
    items, fields = page(ctx, r.OWNER_RECORDINGS, queue_id, QUEUE_RULE)
    return {**fields, "recordings": items}


def recording_by_call(ctx: Context) -> Doc:
    ref = ctx.path["id"]
    recording_id = ctx.tx.holder(r.RECORDING_REF_KEY, ref) or ref
    doc = owned(ctx, r.RECORDINGS, recording_id)
    if doc is None:
        raise documented(
            ctx,
            "Recording does not exist",
            NotFound(1001, f'Recording does not exist: "{ref}".'),
            **{"callId or callLogId": ref},
        )
    return doc["detail"]


def download_file(ctx: Context) -> FileBody:
    file_id = ctx.path.get("fileId") or ctx.path.get("recordingId") or ""
    return r.file_body(_existing_file(ctx, file_id))


def download_transcript(ctx: Context) -> FileBody:
    recording_id = ctx.path["recordingId"]
    doc = owned(ctx, r.RECORDINGS, recording_id)
    return r.file_body(_existing_file(ctx, doc.get("transcript", "") if doc else ""))


def _existing_file(ctx: Context, file_id: str) -> Doc:
    doc = owned(ctx, r.FILES, file_id)
    if doc is None:
        raise documented(ctx, "File does not exist", ZoomError(404, "File does not exist.", 400))
    return doc


# voicemails ----------------------------------------------------------------------------------------
def _status_filter(ctx: Context) -> Doc:
    status = ctx.query.get("status") or "all"
    return {} if status == "all" else {"status": status}


def _voicemail_filters(ctx: Context) -> Doc:
    filters = _status_filter(ctx)
    for name in ("site_id", "owner_type", "voicemail_type"):
        if ctx.query.get(name):
            filters[name] = OWNER_ALIASES.get(ctx.query[name], ctx.query[name])
    filters["trashed"] = bool(ctx.query.get("trashed") or ctx.query.get("trash") or False)
    return filters


def account_voicemails(ctx: Context) -> Doc:
    items, fields = page(ctx, r.VOICEMAILS, ctx.account_id, RULE, where=_voicemail_filters(ctx))
    return {**fields, "voice_mails": items}


def user_voicemails(ctx: Context) -> Doc:
    user = path_user(ctx)
    items, fields = page(ctx, r.OWNER_VOICEMAILS, user["id"], RULE, where=_voicemail_filters(ctx))
    return {**fields, "voice_mails": items}


def voicemail(ctx: Context) -> Doc:
    voicemail_id = ctx.path["voicemailId"]
    doc = owned(ctx, r.VOICEMAILS, voicemail_id)
    if doc is None:
        raise documented(
            ctx,
            "Voice mail does not exist",
            ZoomError(300, f"Voice mail does not exist: {voicemail_id}.", 400),
            voicemailId=voicemail_id,
        )
    return doc["detail"]


def voicemail_by_call(ctx: Context) -> Doc:
    user = path_user(ctx)
    ref = ctx.path["id"]
    voicemail_id = ctx.tx.holder(r.VOICEMAIL_REF_KEY, f"{user['id']}:{ref}")
    doc = owned(ctx, r.VOICEMAILS, voicemail_id or "")
    if doc is None:
        raise documented(ctx, "Voice mail does not exist", NotFound(404, f"Voice mail does not exist: {ref}."), id=ref)
    detail = doc["detail"]
    return {
        k: v
        for k, v in detail.items()
        if k
        not in (
            "deleted_time",
            "days_left_auto_permantely_delete",
            "soft_deleted_type",
            "intent_detect_status",
            "intent_results",
            "voice_mail_task",
        )
    }
