"""Who registered to view a meeting's cloud recording, their approval, and the questions asked.

    recording_registrant   id = uid, scope = meeting number, sort = creation time, unique email

Registration is open once the meeting has a recording; the recording settings' ``approval_type``
says whether a viewer is approved at once (0, the default) or waits for the host (1).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.meetings.instances import RECORDINGS, public
from zemu.services.meetings.shapes import defaults_of, list_item_schema, response_of
from zemu.services.resource import Collection, Doc, Unique
from zemu.services.users.access import operator
from zemu.services.users.settings_tree import event_schema, project
from zemu.sim.clock import zulu

_TAKEN = ZoomError(3000, "Registrant already exists.", 400)
VIEWERS = Collection(
    "recording_registrant",
    sort=lambda d: f"{d['create_time']}{d['id']}",
    scope=lambda d: str(d["number"]),
    filters={"status": lambda d: d["status"]},
    uniques=(Unique("email", lambda d: d["email"], _TAKEN, scope=lambda d: str(d["number"])),),
)
REGISTRANT_TEXT = (
    "first_name",
    "last_name",
    "address",
    "city",
    "country",
    "zip",
    "state",
    "phone",
    "industry",
    "org",
    "job_title",
    "purchasing_time_frame",
    "role_in_purchase_process",
    "no_of_employees",
    "comments",
)


def _recording(ctx: Context) -> Doc:
    ref = str(ctx.path["meetingId"])
    every = list(RECORDINGS.each(ctx.tx, ctx.account_id, {"meeting": ref}))
    if not every:
        raise (
            ctx.fail(3301)
            if ctx.op and any(e.code == 3301 for e in ctx.op.errors)
            else ZoomError(3301, "There is no recording for this meeting.", 404)
        )
    return every[-1]


def _emit(ctx: Context, event: str, recording: Doc, row: Doc) -> None:
    registrant = {
        **{k: str(row.get(k) or "") for k in REGISTRANT_TEXT},
        "id": row["id"],
        "email": row["email"],
        "status": row["status"],
    }
    room = event_schema(event).get("properties") or {}
    around = {k: v for k, v in operator(ctx).items() if k in room}
    ctx.emit(
        event,
        {
            **around,
            "object": {
                **project(public(recording), _object_schema(event)),
                "registrant": project(registrant, event_schema(event, "object", "registrant")),
            },
        },
        account_id=recording["account_id"],
    )


def _object_schema(event: str) -> dict[str, Any]:
    schema = dict(event_schema(event, "object"))
    schema["properties"] = {k: v for k, v in schema["properties"].items() if k != "registrant"}
    return schema


def create(ctx: Context) -> Doc:
    recording = _recording(ctx)
    body = dict(ctx.body or {})
    number = recording["number"]
    row = VIEWERS.find(ctx.tx, "email", str(body.get("email") or ""), scope=number)
    if row is None:
        manual = int((recording.get("settings") or {}).get("approval_type", 0)) == 1
        row = {
            **body,
            "id": ctx.ids.uid(),
            "number": number,
            "account_id": recording["account_id"],
            "status": "pending" if manual else "approved",
            "create_time": zulu(ctx.now),
        }
        VIEWERS.save(ctx.tx, row)
        _emit(ctx, "recording.registration_created", recording, row)
    return {
        "id": int(number),
        "registrant_id": row["id"],
        "topic": recording["topic"],
        "share_url": recording["share_url"],
    }


def list_viewers(ctx: Context) -> Doc:
    recording = _recording(ctx)
    item = list_item_schema("meetingRecordingRegistrants", "registrants")
    page = VIEWERS.page(
        ctx,
        scope=recording["number"],
        where={"status": ctx.query.get("status") or "approved"},
        shape=lambda r: project(r, item),
    )
    return {**page.fields(), "registrants": page.items}


def update_status(ctx: Context) -> None:
    recording = _recording(ctx)
    body = ctx.body or {}
    status, event = (
        ("approved", "recording.registration_approved")
        if body["action"] == "approve"
        else ("denied", "recording.registration_denied")
    )
    for who in body.get("registrants") or []:
        row = VIEWERS.get(ctx.tx, (who or {}).get("id"))
        if row is None or row["number"] != recording["number"] or row["status"] == status:
            continue
        row["status"] = status
        VIEWERS.save(ctx.tx, row)
        _emit(ctx, event, recording, row)


def get_questions(ctx: Context) -> Any:
    recording = _recording(ctx)
    return response_of(
        "recordingRegistrantsQuestionsGet",
        recording.get("viewer_questions") or defaults_of("recordingRegistrantsQuestionsGet"),
    )


def update_questions(ctx: Context) -> None:
    recording = _recording(ctx)
    current = recording.get("viewer_questions") or {"questions": [], "custom_questions": []}
    current.update({k: v for k, v in (ctx.body or {}).items() if k in ("questions", "custom_questions")})
    recording["viewer_questions"] = current
    RECORDINGS.save(ctx.tx, recording)
