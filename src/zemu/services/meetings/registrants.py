"""Registrants of a meeting or webinar, their approval, and the registration questions.

    meeting_registrant   id = uid, scope = meeting number, sort = creation time, unique email
                         per meeting, filed by status (pending, approved, denied)

Registration exists only where the meeting asks for it (``approval_type`` 0 or 1) and has a
fixed time; automatic approval (0) approves at once, manual (1) leaves the registrant pending.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.schedule import FLOATING, INSTANT, base_type, lookup
from zemu.services.meetings.shapes import defaults_of, emit, list_item_schema, response_of
from zemu.services.resource import Collection, Doc, Unique
from zemu.services.users.settings_tree import project
from zemu.sim.clock import zulu

STATUS_EVENTS = {
    "approve": ("approved", "registration_approved"),
    "deny": ("denied", "registration_denied"),
    "cancel": ("cancelled", "registration_cancelled"),
}
_TAKEN = ZoomError(3000, "Registrant already exists.", 400)
REGISTRANTS = Collection(
    "meeting_registrant",
    sort=lambda d: f"{d['create_time']}{d['id']}",
    scope=lambda d: str(d["meeting_id"]),
    filters={"status": lambda d: d["status"]},
    uniques=(Unique("email", lambda d: d["email"], _TAKEN, scope=lambda d: str(d["meeting_id"])),),
)


def _open(ctx: Context, fam: m.Family, doc: Doc) -> None:
    if int(doc["settings"].get("approval_type", 2)) == 2 or base_type(doc["type"]) in (INSTANT, FLOATING):
        if fam is m.WEBINAR:
            raise ctx.fail(3000, "registration as required", webinarId=doc["id"])
        raise ZoomError(3000, f"Registration has not been enabled for this meeting: {doc['id']}.", 400)


def _event_meeting(doc: Doc, registrant: Doc) -> Doc:
    return {**doc, "registrant": registrant}


def create(ctx: Context, fam: m.Family) -> Doc:
    doc = lookup(ctx, fam)
    _open(ctx, fam, doc)
    body = dict(ctx.body or {})
    email = str(body.get("email") or "")
    if fam is m.WEBINAR and email.lower() == doc["host_email"].lower():
        raise ctx.fail(3027)
    found = REGISTRANTS.find(ctx.tx, "email", email, scope=str(doc["id"]))
    if found is None:
        auto = int(doc["settings"].get("approval_type", 2)) == 0
        found = {
            **{k: v for k, v in body.items() if k not in ("auto_approve", "language")},
            "id": ctx.ids.uid(),
            "meeting_id": doc["id"],
            "account_id": doc["account_id"],
            "email": email,
            "status": "approved" if auto or body.get("auto_approve") else "pending",
            "create_time": zulu(ctx.now),
            "participant_pin_code": int(ctx.ids.digits(6)),
        }
        found["join_url"] = f"{m.JOIN_HOST}/{'w' if fam is m.WEBINAR else 'j'}/{doc['id']}?tk={ctx.ids.secret(18)}"
        REGISTRANTS.save(ctx.tx, found)
        emit(ctx, f"{fam.kind}.registration_created", _event_meeting(doc, found), doc["account_id"])
    answer = {
        "id": doc["id"],
        "registrant_id": found["id"],
        "join_url": found["join_url"],
        "topic": doc["topic"],
        "start_time": doc.get("start_time"),
        "occurrences": doc.get("occurrences") or [],
        "participant_pin_code": found["participant_pin_code"],
    }
    return {k: v for k, v in answer.items() if v is not None}


def list_registrants(ctx: Context, fam: m.Family, operation_id: str) -> Doc:
    doc = lookup(ctx, fam)
    status = ctx.query.get("status") or "approved"
    item = _item_schema(operation_id)
    page = REGISTRANTS.page(ctx, scope=str(doc["id"]), where={"status": status}, shape=lambda r: _registrant(r, item))
    return {**page.fields(), "registrants": page.items}


def _item_schema(operation_id: str) -> dict[str, Any]:
    return list_item_schema(operation_id, "registrants")


def _registrant(row: Doc, schema: dict[str, Any]) -> Doc:
    return dict(project(row, schema))


def get_registrant(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    doc = lookup(ctx, fam)
    ref = str(ctx.path["registrantId"])
    row = REGISTRANTS.get(ctx.tx, ref)
    if row is None or str(row["meeting_id"]) != str(doc["id"]):
        raise (
            ctx.fail(3079, "", registrantId=ref)
            if fam is m.WEBINAR
            else ZoomError(3079, f"This registrant does not exist: {ref}.", 404)
        )
    return response_of(operation_id, row)


def update_status(ctx: Context, fam: m.Family) -> None:
    doc = lookup(ctx, fam)
    _open(ctx, fam, doc)
    body = ctx.body or {}
    status, event = STATUS_EVENTS[str(body["action"])]
    rows = [_find(ctx, doc, who) for who in body.get("registrants") or []]
    for row in rows:
        if row is None:
            continue
        if status == "cancelled":
            REGISTRANTS.delete(ctx.tx, row)
        elif row["status"] == status:
            continue
        else:
            row["status"] = status
            REGISTRANTS.save(ctx.tx, row)
        emit(ctx, f"{fam.kind}.{event}", _event_meeting(doc, row), doc["account_id"])


def _find(ctx: Context, doc: Doc, who: Any) -> Doc | None:
    if not isinstance(who, dict):
        raise ValidationFailed([{"field": "registrants", "message": "Invalid field."}])
    row = REGISTRANTS.get(ctx.tx, who.get("id")) if who.get("id") else None
    if row is None and who.get("email"):
        row = REGISTRANTS.find(ctx.tx, "email", who["email"], scope=str(doc["id"]))
    return row if row is not None and str(row["meeting_id"]) == str(doc["id"]) else None


def get_questions(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    doc = lookup(ctx, fam)
    if fam is m.WEBINAR:
        _open(ctx, fam, doc)
    return response_of(operation_id, doc.get("registrant_questions") or defaults_of(operation_id))


def update_questions(ctx: Context, fam: m.Family) -> None:
    doc = lookup(ctx, fam)
    if fam is m.WEBINAR:
        _open(ctx, fam, doc)
    current = doc.get("registrant_questions") or {"questions": [], "custom_questions": []}
    body = ctx.body or {}
    for key in ("questions", "custom_questions"):
        if key in body:
            current[key] = body[key]
    doc["registrant_questions"] = current
    fam.collection.save(ctx.tx, doc)


def on_meeting(tx: Any, meeting_id: Any) -> list[Doc]:
    """Every registrant of a meeting (a small list), for the simulator's attendance."""
    return list(REGISTRANTS.each(tx, str(meeting_id)))
