"""Past meetings and webinars: the instances the simulator played, their participants, poll
answers, Q&A, absentees and in-meeting files."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.instances import INSTANCES, PARTICIPANTS, ended_instances, instance_of, public
from zemu.services.meetings.registrants import on_meeting
from zemu.services.meetings.shapes import list_item_schema, response_of
from zemu.services.resource import Doc
from zemu.services.users.settings_tree import project


def _key(fam: m.Family) -> str:
    return "webinarId" if fam is m.WEBINAR else "meetingId"


def _instance(ctx: Context, fam: m.Family) -> Doc:
    ref = str(ctx.path.get(_key(fam)) or ctx.path.get("meetingUUID") or ctx.path.get("webinarUUID") or "")
    found = instance_of(ctx.tx, ctx.account_id, ref)
    if found is None or found["family"] != fam.kind:
        if fam is m.WEBINAR:
            raise ctx.fail(3001, "", webinarId=ref, webinarUUID=ref)
        raise ctx.fail(3001, "", meetingId=ref)
    return found


def instances(ctx: Context, fam: m.Family) -> Doc:
    ref = str(ctx.path.get(_key(fam)))
    rows = ended_instances(ctx.tx, ctx.account_id, ref)
    if not rows and fam.collection.get(ctx.tx, ref) is None:
        raise ctx.fail(3001, "", meetingId=ref) if fam is m.MEETING else ctx.fail(300, "Invalid webinar ID")
    return {
        "meetings" if fam is m.MEETING else "webinars": [
            {"uuid": r["uuid"], "start_time": r["start_time"]} for r in reversed(rows)
        ]
    }


def details(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    instance = _instance(ctx, fam)
    return response_of(
        operation_id,
        {
            **public(instance),
            "user_name": instance["host_email"],
            "user_email": instance["host_email"],
            "source": "Zoom",
            "has_meeting_summary": False,
        },
    )


def participants(ctx: Context, fam: m.Family, operation_id: str) -> Doc:
    instance = _instance(ctx, fam)
    item = list_item_schema(operation_id, "participants")
    page = PARTICIPANTS.page(
        ctx,
        scope=instance["uuid"],
        shape=lambda r: project({**r, "id": r["user_id"], "status": "in_meeting", "failover": False}, item),
    )
    return {**page.fields(), "participants": page.items}


def poll_results(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    instance = _instance(ctx, fam)
    return response_of(
        operation_id,
        {
            "id": int(instance["number"]),
            "uuid": instance["uuid"],
            "start_time": instance["start_time"],
            "questions": instance.get("poll_answers") or [],
        },
    )


def qa(ctx: Context, operation_id: str) -> Any:
    instance = _instance(ctx, m.WEBINAR)
    return response_of(
        operation_id,
        {
            "id": int(instance["number"]),
            "uuid": instance["uuid"],
            "start_time": instance["start_time"],
            "questions": instance.get("qa") or [],
        },
    )


def absentees(ctx: Context) -> Doc:
    """Registrants who did not join, matched by email."""
    instance = _instance(ctx, m.WEBINAR)
    came = {r["user_email"].lower() for r in PARTICIPANTS.each(ctx.tx, instance["uuid"])}
    missing = [
        r
        for r in on_meeting(ctx.tx, instance["number"])
        if r["status"] == "approved" and r["email"].lower() not in came
    ]
    item = list_item_schema("webinarAbsentees", "registrants")
    rows = [project(r, item) for r in missing]
    return {"page_size": len(rows), "total_records": len(rows), "next_page_token": "", "registrants": rows}


def files(ctx: Context, fam: m.Family) -> Doc:
    """The files participants shared in the chat (``files`` in a simulation), in the order shared."""
    from zemu.services.meetings.simulate import shared_file_url  # the simulator builds on this module

    shared = _instance(ctx, fam).get("files") or []
    rows = [
        {
            "file_name": f["file_name"],
            "file_size": f["file_size"],
            "download_url": shared_file_url(ctx.origin, f["file_id"]),
        }
        for f in shared
    ]
    return {"total_records": len(rows), "in_meeting_files": rows}


def latest_instances(tx: Any, account_id: str) -> list[Doc]:
    return list(INSTANCES.each(tx, account_id, {"state": "ended"}))
