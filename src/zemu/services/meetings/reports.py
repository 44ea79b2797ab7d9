"""Reports (``/report/...``) computed from what the simulator played: the same instances and
participants that past meetings and dashboards read, so counts and times agree everywhere."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.instances import INSTANCES, PARTICIPANTS, RECORDINGS, between, instance_of, public
from zemu.services.meetings.shapes import list_item_schema, response_of
from zemu.services.resource import Doc
from zemu.services.users.access import target_user
from zemu.services.users.model import USERS, find_user
from zemu.services.users.settings_tree import project
from zemu.sim.clock import zulu

MAX_RANGE_DAYS = 31


def day_range(ctx: Context, *, default_days: int = 1) -> tuple[str, str]:
    """``from`` and ``to`` as dates (default: the last ``default_days`` days), at most a month."""
    today = dt.date.fromisoformat(zulu(ctx.now)[:10])
    try:
        # a date-time (as some clients send) names its day
        end = dt.date.fromisoformat(str(ctx.query["to"])[:10]) if ctx.query.get("to") else today
        start = (
            dt.date.fromisoformat(str(ctx.query["from"])[:10])
            if ctx.query.get("from")
            else end - dt.timedelta(days=default_days - 1)
        )
    except ValueError:
        raise ValidationFailed([{"field": "from", "message": "Invalid field."}]) from None
    if end < start:
        raise ZoomError(300, "The 'to' date must not be earlier than the 'from' date.", 400)
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ZoomError(300, "The date range should not exceed one month.", 400)
    return start.isoformat(), end.isoformat()


def _lo_hi(start: str, end: str) -> tuple[str, str]:
    return f"{start}T00:00:00Z", f"{end}T23:59:59Z"


def daily(ctx: Context) -> Doc:
    today = dt.date.fromisoformat(zulu(ctx.now)[:10])
    year, month = int(ctx.query.get("year") or today.year), int(ctx.query.get("month") or today.month)
    if not 1 <= month <= 12 or (today - dt.date(year, month, 1)).days > 366:
        raise ctx.fail(300, "Daily report")
    days = calendar.monthrange(year, month)[1]
    first, last = f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{days:02d}"
    rows = {
        f"{year:04d}-{month:02d}-{d:02d}": {"meetings": 0, "participants": 0, "meeting_minutes": 0}
        for d in range(1, days + 1)
    }
    for instance in between(ctx.tx, ctx.account_id, *_lo_hi(first, last), {"state": "ended"}):
        row = rows[instance["start_time"][:10]]
        row["meetings"] += 1
        row["participants"] += instance["participants_count"]
        row["meeting_minutes"] += instance["total_minutes"]
    joined = _new_users(ctx, first, last)
    return {
        "year": year,
        "month": month,
        "dates": [{"date": day, "new_users": joined.get(day, 0), **counts} for day, counts in rows.items()],
    }


def _new_users(ctx: Context, first: str, last: str) -> dict[str, int]:
    """Users of the account created on each day from ``first`` to ``last`` (those still in it)."""
    out: dict[str, int] = {}
    for user in USERS.each(ctx.tx, ctx.account_id):
        day = str(user.get("created_at") or "")[:10]
        if first <= day <= last:
            out[day] = out.get(day, 0) + 1
    return out


def window_of(rows: list[tuple[tuple[str, str], Any]], window: Window) -> list[tuple[tuple[str, str], Any]]:
    """One page of a report's rows, already in (sort, id) order: the hosts of one month at most."""
    if window.after is not None:
        rows = [row for row in rows if row[0] > tuple(window.after)]
    return rows[window.offset : window.offset + window.limit]


def users(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    totals: dict[str, Doc] = {}
    for instance in between(ctx.tx, ctx.account_id, *_lo_hi(start, end), {"state": "ended"}):
        row = totals.setdefault(instance["host_id"], {"meetings": 0, "participants": 0, "meeting_minutes": 0})
        row["meetings"] += 1
        row["participants"] += instance["participants_count"]
        row["meeting_minutes"] += instance["total_minutes"]
    rows = []
    for host_id, counts in sorted(totals.items()):
        user = find_user(ctx.tx, host_id) or {"email": "", "display_name": "", "type": 1}
        rows.append(
            (
                (user["email"].lower(), host_id),
                {
                    "id": host_id,
                    "email": user["email"],
                    "user_name": user.get("display_name", ""),
                    "type": user.get("type", 1),
                    "dept": user.get("dept", ""),
                    "custom_attributes": [],
                    **counts,
                },
            )
        )
    rows.sort()
    page = ctx.paginate(lambda f, w: window_of(rows, w), filters={"from": start, "to": end}, count=lambda f: len(rows))
    return {
        "from": start,
        "to": end,
        **page.fields(),
        "total_meetings": sum(r[1]["meetings"] for r in rows),
        "total_participants": sum(r[1]["participants"] for r in rows),
        "total_meeting_minutes": sum(r[1]["meeting_minutes"] for r in rows),
        "users": page.items,
    }


def _row(instance: Doc, item: dict[str, Any]) -> Any:
    return project(
        {
            **public(instance),
            "user_email": instance["host_email"],
            "host_name": instance["host_email"],
            "has_recording": bool(instance.get("record")),
            "has_screen_share": True,
            "has_chat": True,
            "source": "Zoom",
            "schedule_time": instance["start_time"],
            "custom_keys": [],
        },
        item,
    )


def user_meetings(ctx: Context) -> Doc:
    user = target_user(ctx)
    start, end = day_range(ctx)
    item = list_item_schema("reportMeetings", "meetings")
    page = INSTANCES.page(
        ctx,
        where={"host": user["id"], "state": "ended"},
        lo=f"{start}T00:00:00Z",
        hi=f"{end}T23:59:59Z",
        shape=lambda d: _row(d, item),
    )
    return {"from": start, "to": end, **page.fields(), "meetings": page.items}


def _instance(ctx: Context, fam: m.Family) -> Doc:
    ref = str(ctx.path.get("meetingId") or ctx.path.get("webinarId") or "")
    found = instance_of(ctx.tx, ctx.account_id, ref)
    if found is None or found["family"] != fam.kind:
        raise ctx.fail(3001, "", meetingId=ref, MeetingId=ref, webinarId=ref)
    return found


def details(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    instance = _instance(ctx, fam)
    meeting = fam.collection.get(ctx.tx, instance["number"]) or {}
    return response_of(
        operation_id,
        {
            **public(instance),
            "user_email": instance["host_email"],
            "user_name": instance["host_email"],
            "dept": "",
            "custom_keys": [],
            "tracking_fields": [
                {"field": t["field"], "value": t["value"]} for t in meeting.get("tracking_fields") or []
            ],
        },
    )


def participants(ctx: Context, fam: m.Family, operation_id: str) -> Doc:
    instance = _instance(ctx, fam)
    item = list_item_schema(operation_id, "participants")
    page = PARTICIPANTS.page(
        ctx,
        scope=instance["uuid"],
        shape=lambda r: project(
            {**r, "id": r["user_id"], "participant_user_id": r["user_id"], "status": "in_meeting", "failover": False},
            item,
        ),
    )
    return {**page.fields(), "participants": page.items}


def polls(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    instance = _instance(ctx, fam)
    answers = [
        {**a, "first_name": a["name"].split(" ")[0], "last_name": " ".join(a["name"].split(" ")[1:])}
        for a in instance.get("poll_answers") or []
    ]
    return response_of(
        operation_id,
        {
            "id": int(instance["number"]),
            "uuid": instance["uuid"],
            "start_time": instance["start_time"],
            "questions": answers,
        },
    )


def webinar_qa(ctx: Context) -> Any:
    instance = _instance(ctx, m.WEBINAR)
    return response_of(
        "reportWebinarQA",
        {
            "id": int(instance["number"]),
            "uuid": instance["uuid"],
            "start_time": instance["start_time"],
            "questions": instance.get("qa") or [],
        },
    )


def cloud_recording(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    usage: dict[str, int] = {}
    for recording in between(ctx.tx, ctx.account_id, *_lo_hi(start, end), {"trash": False}, collection=RECORDINGS):
        day = recording["start_time"][:10]
        usage[day] = usage.get(day, 0) + int(recording["total_size"])
    rows, total = [], 0
    day = dt.date.fromisoformat(start)
    while day.isoformat() <= end:
        total += usage.get(day.isoformat(), 0)
        rows.append({"date": day.isoformat(), "usage": _size(total), "plan_usage": _size(total), "free_usage": "0 MB"})
        day += dt.timedelta(days=1)
    return {"from": start, "to": end, "cloud_recording_storage": rows}


def _size(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB"
