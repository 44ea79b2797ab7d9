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
from zemu.services.users.model import find_user
from zemu.services.users.settings import effective

POLL_FIELDS = ("title", "anonymous", "poll_type", "questions")
POLLS = Collection(
    "meeting_poll", sort=lambda d: f"{d['created']:020.3f}{d['id']}", scope=lambda d: str(d["meeting_id"])
)


def _missing(ctx: Context, fam: m.Family, doc: Doc) -> Exception:
    if fam is m.WEBINAR:
        return ctx.fail(3001, "", webinarId=doc["id"])
    return NotFound(404, "Meeting Poll not found")


# question types an ordinary poll has; any other (rank order, short answer, ...) makes it advanced
PLAIN_QUESTIONS = ("single", "multiple")


def _polling(ctx: Context, fam: m.Family, *, body: Any = None) -> Doc:
    """The meeting or webinar in the path, if its host's settings allow polls (Zoom's 4400
    otherwise): ``in_meeting.meeting_polling`` (or ``webinar_polling``) ``enable``, and, for an
    advanced poll or quiz in ``body``, ``advanced_polls``."""
    doc = lookup(ctx, fam)
    host = find_user(ctx.tx, doc["host_id"])
    tree = (effective(ctx, host).get("in_meeting") or {}) if host is not None else {}
    setting = tree.get("meeting_polling" if fam is m.MEETING else "webinar_polling") or {}
    if setting.get("enable") is False:
        raise ctx.fail(4400, f"{fam.noun} polls disabled")
    if fam is m.MEETING and _advanced(body) and setting.get("advanced_polls") is False:
        raise ctx.fail(4400, "Advanced meeting polls disabled")
    return doc


def _advanced(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    kinds = {q.get("type", "single") for q in body.get("questions") or [] if isinstance(q, dict)}
    return body.get("poll_type") in (2, 3) or bool(kinds - set(PLAIN_QUESTIONS))


def _poll(ctx: Context, fam: m.Family, *, body: Any = None) -> tuple[Doc, Doc]:
    doc = _polling(ctx, fam, body=body)
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
    doc = _polling(ctx, fam, body=ctx.body)
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
    doc = _polling(ctx, fam)
    rows = list(POLLS.each(ctx.tx, str(doc["id"])))
    return response_of(operation_id, {"total_records": len(rows), "polls": rows})


def get(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    return response_of(operation_id, _poll(ctx, fam)[1])


def update(ctx: Context, fam: m.Family) -> None:
    _, poll = _poll(ctx, fam, body=ctx.body)
    poll.update(_fields({**{k: poll[k] for k in POLL_FIELDS if k in poll}, **(ctx.body or {})}))
    POLLS.save(ctx.tx, poll)


def delete(ctx: Context, fam: m.Family) -> None:
    POLLS.delete(ctx.tx, _poll(ctx, fam)[1])


def of_meeting(tx: Any, meeting_id: Any) -> list[Doc]:
    return list(POLLS.each(tx, str(meeting_id)))
