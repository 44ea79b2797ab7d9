"""Polls of a meeting or webinar, defined before it starts and answered during it.

meeting_poll   id = uid, scope = meeting number, sort = creation order
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.schedule import lookup
from zemu.services.meetings.shapes import response_of
from zemu.services.resource import Collection, Doc

POLL_FIELDS = ("title", "anonymous", "poll_type", "questions")
POLLS = Collection(
    "meeting_poll", sort=lambda d: f"{d['created']:020.3f}{d['id']}", scope=lambda d: str(d["meeting_id"])
)


def _missing(ctx: Context, fam: m.Family, doc: Doc) -> Exception:
    if fam is m.WEBINAR:
        return ctx.fail(3001, "", webinarId=doc["id"])
    return NotFound(404, "Meeting Poll not found")


def _poll(ctx: Context, fam: m.Family) -> tuple[Doc, Doc]:
    doc = lookup(ctx, fam)
    poll = POLLS.get(ctx.tx, ctx.path["pollId"])
    if poll is None or str(poll["meeting_id"]) != str(doc["id"]):
        raise _missing(ctx, fam, doc)
    return doc, poll


def _fields(body: Any) -> Doc:
    body = body or {}
    out = {k: body[k] for k in POLL_FIELDS if k in body}
    out.setdefault("poll_type", 1)
    out.setdefault("anonymous", False)
    out.setdefault("questions", [])
    return out


def create(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    doc = lookup(ctx, fam)
    poll = {
        "id": ctx.ids.uid(),
        "meeting_id": doc["id"],
        "account_id": doc["account_id"],
        "status": "notstart",
        "created": ctx.now,
        **_fields(ctx.body),
    }
    POLLS.save(ctx.tx, poll)
    return response_of(operation_id, poll)


def list_polls(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    doc = lookup(ctx, fam)
    rows = list(POLLS.each(ctx.tx, str(doc["id"])))
    return response_of(operation_id, {"total_records": len(rows), "polls": rows})


def get(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    return response_of(operation_id, _poll(ctx, fam)[1])


def update(ctx: Context, fam: m.Family) -> None:
    _, poll = _poll(ctx, fam)
    poll.update(_fields({**{k: poll[k] for k in POLL_FIELDS if k in poll}, **(ctx.body or {})}))
    POLLS.save(ctx.tx, poll)


def delete(ctx: Context, fam: m.Family) -> None:
    POLLS.delete(ctx.tx, _poll(ctx, fam)[1])


def of_meeting(tx: Any, meeting_id: Any) -> list[Doc]:
    return list(POLLS.each(tx, str(meeting_id)))
