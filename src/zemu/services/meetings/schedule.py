"""Scheduling meetings and webinars: create, read, update, delete, end or recover, list by host.

Both families share this code (``Family`` says what differs). Creates and updates count toward
Zoom's limit of 100 per host per UTC day; a refused request changes nothing.
"""

from __future__ import annotations

import copy
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.shapes import emit, event_object, list_item_schema, response_of, settings_defaults
from zemu.services.meetings.tracking import resolve_fields
from zemu.services.resource import Doc
from zemu.services.users.access import target_user
from zemu.services.users.model import find_user
from zemu.services.users.settings import effective
from zemu.services.users.settings_tree import project
from zemu.sim.clock import zulu

QUOTA = "meeting_quota"
DAILY_LIMIT = (
    "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted "
    "for this particular user. You may resume these requests at GMT 00:00:00."
)
INSTANT, SCHEDULED, FLOATING, RECURRING = 1, 2, 3, 8
WEBINAR_TYPES = {5: SCHEDULED, 6: FLOATING, 9: RECURRING}
EDITABLE = ("topic", "agenda", "duration", "timezone", "pre_schedule", "template_id", "default_password")


def base_type(doc_type: int) -> int:
    """A webinar type read as the meeting type of the same shape (5→2, 6→3, 9→8)."""
    return WEBINAR_TYPES.get(doc_type, doc_type)


# access ---------------------------------------------------------------------------------------
def require_webinar_plan(ctx: Context, user: Doc) -> None:
    """Webinars need a webinar licence on the host: the ``feature.webinar`` setting."""
    if not (effective(ctx, user).get("feature") or {}).get("webinar"):
        raise ctx.fail(200, "Webinar plan is missing", userID=user["id"])


# Zoom's user types that hold no meeting licence at all: "Unassigned without Meetings Basic" and "None"
NO_HOSTING = (4, 99)


def require_hosting(ctx: Context, user: Doc | None) -> None:
    """A user of a type without meetings may neither host nor schedule: Zoom's 3161, on the
    operations that document it."""
    documents = ctx.op is not None and any(spec.code == 3161 for spec in ctx.op.errors)
    if documents and user is not None and user.get("type") in NO_HOSTING:
        raise ctx.fail(3161)


def lookup(ctx: Context, fam: m.Family, *, trash: bool = False) -> Doc:
    """The meeting or webinar in the path, of the caller's account (Zoom's 3001 otherwise)."""
    ref = str(ctx.path.get(fam.path_key) or ctx.path.get("meetingId") or "")
    doc = fam.collection.get(ctx.tx, ref)
    if doc is None or doc["account_id"] != ctx.account_id or (bool(doc.get("deleted_at")) and not trash):
        raise ctx.fail(3001, "", **{fam.path_key: ref, "meetingId": ref, "webinarId": ref})
    host = find_user(ctx.tx, doc["host_id"])
    if fam is m.WEBINAR and host is not None:
        require_webinar_plan(ctx, host)
    require_hosting(ctx, host)
    return doc


def _count_change(ctx: Context, host_id: str) -> None:
    key = f"{host_id}/{m.day_of(ctx.now)}"
    row = ctx.tx.get(QUOTA, key) or {"n": 0}
    if row["n"] >= m.DAILY_CREATES:
        raise ZoomError(429, DAILY_LIMIT, 429)
    row["n"] += 1
    ctx.tx.put(QUOTA, key, row, account_id=ctx.account_id, parent=host_id)


# create ---------------------------------------------------------------------------------------
def create(ctx: Context, fam: m.Family) -> Doc:
    body = dict(ctx.body or {})
    host = _host(ctx, fam, body)
    if fam is m.WEBINAR:
        require_webinar_plan(ctx, host)
    require_hosting(ctx, host)
    _count_change(ctx, host["id"])
    doc_type = int(body.get("type") or (5 if fam is m.WEBINAR else SCHEDULED))
    number = m.meeting_number(ctx.ids)
    while (
        fam.collection.get(ctx.tx, number) is not None
        or m.MEETING.collection.get(ctx.tx, number) is not None
        or m.WEBINAR.collection.get(ctx.tx, number) is not None
    ):
        number = m.meeting_number(ctx.ids)
    password = str(body["password"]) if body.get("password") else m.new_password(ctx.ids)
    doc: Doc = {
        "id": number,
        "uuid": m.instance_uuid(ctx.ids),
        "family": fam.kind,
        "account_id": host["account_id"],
        "host_id": host["id"],
        "host_email": host["email"],
        "topic": str(body.get("topic") or f"Zoom {fam.kind}"),
        "type": doc_type,
        "status": "waiting",
        "duration": int(body.get("duration") or 60),
        "timezone": str(body.get("timezone") or host.get("timezone") or "UTC"),
        "agenda": str(body.get("agenda") or ""),
        "created_at": zulu(ctx.now),
        "password": password,
        "h323_password": m.numeric_password(password),
        "pstn_password": m.numeric_password(password),
        "encrypted_password": m.encrypted(password, number),
        "pre_schedule": bool(body.get("pre_schedule", False)),
        "creation_source": "open_api",
        "settings": _merge(settings_defaults(fam.kind), body.get("settings") or {}),
        "tracking_fields": resolve_fields(ctx, body.get("tracking_fields") or []),
    }
    # the events' settings always name these two, whatever the family's own settings hold
    doc["settings"].setdefault("use_pmi", False)
    doc["settings"].setdefault("alternative_hosts", "")
    if body.get("schedule_for"):
        doc["assistant_id"] = ctx.user_id or ""
    _set_times(ctx, doc, body)
    _finish(doc)
    fam.collection.save(ctx.tx, doc)
    emit(ctx, f"{fam.kind}.created", doc, doc["account_id"], **({"operation": "all"} if fam is m.MEETING else {}))
    return doc


def _host(ctx: Context, fam: m.Family, body: Doc) -> Doc:
    user = target_user(ctx)
    wanted = body.get("schedule_for")
    if not wanted:
        return user
    if fam is m.MEETING and int(body.get("type") or SCHEDULED) == INSTANT:
        raise ctx.fail(3000, "Instant meetings do not support")
    other = find_user(ctx.tx, str(wanted))
    if other is None or other["account_id"] != user["account_id"]:
        raise ctx.fail(300, "schedule_for")
    return other


def _set_times(ctx: Context, doc: Doc, body: Doc) -> None:
    kind = base_type(doc["type"])
    if kind == FLOATING:
        doc.pop("start_time", None)
        doc["occurrences"] = []
        return
    if kind == INSTANT or not body.get("start_time") and not doc.get("start_time"):
        start = ctx.now
    elif body.get("start_time"):
        start = m.parse_start(body["start_time"], doc["timezone"])
    else:
        start = float(doc["start_ts"])
    doc["start_ts"] = start
    doc["start_time"] = zulu(start)
    if kind == RECURRING:
        doc["recurrence"] = {**(doc.get("recurrence") or {}), **(body.get("recurrence") or {})}
        doc["recurrence"].setdefault("type", 1)
        doc["recurrence"].setdefault("repeat_interval", 1)
        times = m.occurrence_times(start, doc["recurrence"], doc["timezone"])
        doc["occurrences"] = [
            {
                "occurrence_id": str(int(t * 1000)),
                "start_time": zulu(t),
                "duration": doc["duration"],
                "status": "available",
            }
            for t in times
        ]
    else:
        doc.pop("recurrence", None)
        doc["occurrences"] = []


def _finish(doc: Doc) -> None:
    """The fields that follow from the others: the join URL and the registration URL."""
    doc["join_url"] = m.join_url(doc)
    if int(doc["settings"].get("approval_type", 2)) in (0, 1) and base_type(doc["type"]) in (SCHEDULED, RECURRING):
        doc["registration_url"] = (
            f"{m.JOIN_HOST}/{'webinar' if doc['family'] == 'webinar' else 'meeting'}/register/{doc['id']}"
        )
    else:
        doc.pop("registration_url", None)


def _merge(base: Doc, changes: Doc) -> Doc:
    out = dict(base)
    for key, value in changes.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


# read -----------------------------------------------------------------------------------------
def shown(ctx: Context, doc: Doc, operation_id: str) -> Any:
    """The document as ``operation_id`` answers it, with a fresh start URL."""
    view = dict(doc)
    view["start_url"] = m.start_url(doc, ctx.now, doc["account_id"].encode())
    if doc.get("status") != "started":
        view["status"] = "waiting"
    if not view.get("occurrences"):
        view.pop("occurrences", None)
    return response_of(operation_id, view)


def get(ctx: Context, fam: m.Family) -> Any:
    doc = dict(lookup(ctx, fam))
    occurrences = doc.get("occurrences") or []
    wanted = ctx.query.get("occurrence_id")
    if wanted:
        one = next((o for o in occurrences if o["occurrence_id"] == str(wanted)), None)
        if one is None:
            raise ValidationFailed([{"field": "occurrence_id", "message": "Invalid field."}])
        doc["start_time"], doc["duration"] = one["start_time"], one["duration"]
    elif not _truthy(ctx.query.get("show_previous_occurrences")):
        doc["occurrences"] = [o for o in occurrences if o["start_time"] >= zulu(ctx.now)]
    return shown(ctx, doc, fam.kind if fam is m.WEBINAR else "meeting")


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


# update ---------------------------------------------------------------------------------------
def update(ctx: Context, fam: m.Family) -> None:
    doc = lookup(ctx, fam)
    body = dict(ctx.body or {})
    old = copy.deepcopy(doc)
    _count_change(ctx, doc["host_id"])
    occurrence = ctx.query.get("occurrence_id")
    if occurrence:
        _update_occurrence(ctx, doc, str(occurrence), body)
    else:
        _update_series(ctx, doc, body)
    _finish(doc)
    fam.collection.save(ctx.tx, doc)
    changed = {k: v for k, v in doc.items() if k in body or k in ("start_time", "occurrences") and old.get(k) != v}
    changed = {k: v for k, v in changed.items() if old.get(k) != v} | {"id": doc["id"], "uuid": doc["uuid"]}
    before = {k: old.get(k) for k in changed if k in old}
    extra: Doc = {"time_stamp": ctx.now_ms, "old_object": event_object(f"{fam.kind}.updated", before, "old_object")}
    if fam is m.MEETING:
        extra["scope"] = "single" if occurrence else "all"
    else:
        extra["operation"] = "single" if occurrence else "all"
    emit(ctx, f"{fam.kind}.updated", changed, doc["account_id"], **extra)


def _update_series(ctx: Context, doc: Doc, body: Doc) -> None:
    for key in EDITABLE:
        if key in body and key != "default_password":
            doc[key] = body[key]
    if body.get("password"):
        password = str(body["password"])
        doc.update(
            password=password,
            h323_password=m.numeric_password(password),
            pstn_password=m.numeric_password(password),
            encrypted_password=m.encrypted(password, doc["id"]),
        )
    if body.get("settings"):
        doc["settings"] = _merge(doc["settings"], body["settings"])
    if "tracking_fields" in body:
        doc["tracking_fields"] = resolve_fields(ctx, body["tracking_fields"] or [])
    if body.get("type") and int(body["type"]) != doc["type"]:
        if base_type(doc["type"]) == INSTANT:
            raise (
                ctx.fail(3000, "Prescheduling")
                if body.get("pre_schedule")
                else ZoomError(3000, "Instant meetings can not be changed to another type.", 400)
            )
        doc["type"] = int(body["type"])
    if any(k in body for k in ("start_time", "recurrence", "type", "timezone", "duration")):
        _set_times(ctx, doc, body)


def _update_occurrence(ctx: Context, doc: Doc, occurrence_id: str, body: Doc) -> None:
    one = next((o for o in doc.get("occurrences") or [] if o["occurrence_id"] == occurrence_id), None)
    if one is None or one["status"] == "deleted":
        raise ValidationFailed([{"field": "occurrence_id", "message": "Invalid field."}])
    if body.get("start_time"):
        one["start_time"] = zulu(m.parse_start(body["start_time"], doc["timezone"]))
    if body.get("duration"):
        one["duration"] = int(body["duration"])
    for key in ("topic", "agenda"):
        if key in body:
            doc[key] = body[key]
    if body.get("settings"):
        doc["settings"] = _merge(doc["settings"], body["settings"])


# delete, end, recover ----------------------------------------------------------------------------
def delete(ctx: Context, fam: m.Family) -> None:
    doc = lookup(ctx, fam)
    occurrence = ctx.query.get("occurrence_id")
    if occurrence:
        one = next((o for o in doc.get("occurrences") or [] if o["occurrence_id"] == str(occurrence)), None)
        if one is None or one["status"] == "deleted":
            raise ctx.fail(300, "occurrence_id") if fam is m.MEETING else ctx.fail(3000, "occurrence does not exist")
        one["status"] = "deleted"
        fam.collection.save(ctx.tx, doc)
        obj = {**doc, "occurrences": [one]}
        emit(ctx, f"{fam.kind}.deleted", obj, doc["account_id"], operation="single")
        return
    doc["deleted_at"] = zulu(ctx.now)
    fam.collection.save(ctx.tx, doc)
    emit(ctx, f"{fam.kind}.deleted", doc, doc["account_id"], operation="all")


def status(ctx: Context, fam: m.Family) -> None:
    action = (ctx.body or {}).get("action") or "end"
    if action == "recover":
        doc = lookup(ctx, fam, trash=True)
        if doc.get("deleted_at"):
            doc.pop("deleted_at")
            fam.collection.save(ctx.tx, doc)
            emit(ctx, f"{fam.kind}.recovered", doc, doc["account_id"], operation="all")
        return
    doc = lookup(ctx, fam)
    if doc.get("status") == "started":
        # the simulator builds on this module (polls, registrants): imported where it is used
        from zemu.services.meetings.simulate import end_now

        end_now(ctx, fam, doc)


# list -----------------------------------------------------------------------------------------
def list_for_user(ctx: Context, fam: m.Family, operation_id: str, key: str) -> Doc:
    user = target_user(ctx)
    if fam is m.WEBINAR:
        require_webinar_plan(ctx, user)
    require_hosting(ctx, user)
    kind = ctx.query.get("type") or "scheduled"
    where: Doc = {"state": "active", "listed": True}
    lo = hi = None
    if kind == "live":
        where = {"state": "active", "live": True}
    elif kind in ("upcoming", "upcoming_meetings"):
        lo = zulu(ctx.now)
    elif kind == "previous_meetings":
        hi = zulu(ctx.now)
    lo, hi = _date_range(ctx, lo, hi)
    item = list_item_schema(operation_id, key)
    page = fam.collection.page(
        ctx, scope=user["id"], where=where, lo=lo, hi=hi, shape=lambda d: project({**d, "status": None}, item)
    )
    fields = page.fields()
    if fam is m.WEBINAR:
        fields.pop("next_page_token", None)
    return {**fields, key: [{k: v for k, v in i.items() if v is not None} for i in page.items]}


def _date_range(ctx: Context, lo: str | None, hi: str | None) -> tuple[str | None, str | None]:
    start, end = str(ctx.query.get("from") or "")[:10], str(ctx.query.get("to") or "")[:10]
    if start and end and end < start:
        raise ZoomError(300, "The 'to' date must not be earlier than the 'from' date.", 400)
    if start:
        lo = max(lo or "", f"{start}T00:00:00Z")
    if end:
        hi = min(hi or "9999", f"{end}T23:59:59Z")
    return lo, hi
