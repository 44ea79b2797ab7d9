"""What the simulated participants' devices and survey answers add up to: the telephone report
(dial-in legs), the CRC dashboard (H.323/SIP room systems' ports by hour) and the client feedback
and satisfaction dashboards. Each reads the ended instances of its date range and their
participants (``audience`` decides who joins from what and who answers what)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from zemu.services.context import Context
from zemu.services.meetings import audience
from zemu.services.meetings.instances import PARTICIPANTS, between
from zemu.services.meetings.reports import day_range, window_of
from zemu.services.resource import Doc
from zemu.services.users.model import find_user
from zemu.sim.clock import parse_zulu

# the report's ``type``: 1 toll-free call-in and call-out, 2 toll, 3 SIP connected audio
LINE_TYPES = {"1": ("toll-free", "call-out"), "2": ("US toll-number", "global toll-number", "Toll"), "3": ()}


def _days(start: str, end: str) -> Iterator[str]:
    day = dt.date.fromisoformat(start)
    while day.isoformat() <= end:
        yield day.isoformat()
        day += dt.timedelta(days=1)


def _legs(ctx: Context, start: str, end: str, device: str | None) -> Iterator[tuple[Doc, Doc]]:
    """(instance, participant) for each participant on ``device`` (any: ``None``) of the instances that started
    from the day before ``start`` (a meeting lasts a day at most) to the end of ``end``."""
    before = (dt.date.fromisoformat(start) - dt.timedelta(days=1)).isoformat()
    for instance in between(ctx.tx, ctx.account_id, f"{before}T00:00:00Z", f"{end}T23:59:59Z", {"state": "ended"}):
        for row in PARTICIPANTS.each(ctx.tx, instance["uuid"]):
            if device is None or row.get("device", audience.COMPUTER) == device:
                yield instance, row


# telephone report ---------------------------------------------------------------------------------
def telephone(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    kinds = LINE_TYPES[str(ctx.query.get("type") or "1")]
    when = str(ctx.query.get("query_date_type") or "start_time")
    hosts: dict[str, Doc] = {}
    rows = []
    for instance, row in _legs(ctx, start, end, audience.PHONE):
        number, kind, rate = audience.dial_in_line(row["n"])
        moment = {
            "start_time": row["join_time"],
            "end_time": row["leave_time"],
            "meeting_start_time": instance["start_time"],
            "meeting_end_time": instance["end_time"],
        }[when]
        if kind not in kinds or not start <= moment[:10] <= end:
            continue
        host = hosts.setdefault(instance["host_id"], find_user(ctx.tx, instance["host_id"]) or {})
        minutes = math.ceil(int(row.get("duration", 0)) / 60)
        leg = {
            "uuid": instance["uuid"],
            "meeting_id": int(instance["number"]),
            "meeting_type": instance["family"].capitalize(),
            "host_id": instance["host_id"],
            "host_email": instance["host_email"],
            "host_name": host.get("display_name", instance["host_email"]),
            "dept": host.get("dept", ""),
            "call_in_number": number,
            "signaled_number": number,
            "phone_number": row["phone_number"],
            "country_name": "United States",
            "type": kind,
            "start_time": row["join_time"],
            "end_time": row["leave_time"],
            "duration": minutes,
            "rate": rate,
            "total": round(rate * minutes, 2),
        }
        rows.append(((row["join_time"], row["id"]), leg))
    rows.sort(key=lambda r: r[0])
    filters = {"from": start, "to": end, "t": kinds, "q": when}
    page = ctx.paginate(lambda f, w: window_of(rows, w), filters=filters, count=lambda f: len(rows))
    return {"from": start, "to": end, **page.fields(), "telephony_usage": page.items}


# CRC ports ---------------------------------------------------------------------------------------
def crc(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    spans = [
        (parse_zulu(row["join_time"]), parse_zulu(row["leave_time"]))
        for _, row in _legs(ctx, start, end, audience.H323)
    ]
    days = []
    for day in _days(start, end):
        hours = []
        for hour in range(24):
            lo = parse_zulu(f"{day}T{hour:02d}:00:00Z")
            inside = [(max(a, lo), min(b, lo + 3600)) for a, b in spans if a < lo + 3600 and b > lo]
            hours.append({"hour": f"{hour:02d}", "max_usage": _most_at_once(inside), "total_usage": len(inside)})
        days.append({"date_time": day, "crc_ports_hour_usage": hours})
    return {"from": start, "to": end, "crc_ports_usage": days}


def _most_at_once(spans: list[tuple[float, float]]) -> int:
    """The most connections open at one moment: the count at the latest start of any overlap."""
    return max((sum(1 for a, b in spans if a <= t < b) for t, _ in spans), default=0)


# client feedback -------------------------------------------------------------------------------
def _answers(ctx: Context, start: str, end: str) -> Iterator[tuple[Doc, Doc]]:
    """(instance, participant) for every participant's survey answer given within the range."""
    for instance, row in _legs(ctx, start, end, None):
        if row.get("feedback") and start <= row["feedback_time"][:10] <= end:
            yield instance, row


def client_feedback(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    counts = dict.fromkeys(audience.REASONS, 0)
    for _, row in _answers(ctx, start, end):
        if row["feedback"] == audience.NOT_GOOD:
            counts[row["feedback_reason"]] += 1
    rows = [
        {"feedback_id": key, "feedback_name": name, "participants_count": counts[key]}
        for key, name in audience.REASONS.items()
    ]
    return {"from": start, "to": end, "total_records": len(rows), "client_feedbacks": rows}


def client_feedback_detail(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    reason = str(ctx.path["feedbackId"])
    rows = []
    for instance, row in _answers(ctx, start, end):
        if row["feedback"] == audience.NOT_GOOD and row.get("feedback_reason") == reason:
            detail = {
                # Zoom shows the email of a participant of the host's account only
                "email": row["user_email"] if row.get("internal_user") else "",
                "meeting_id": str(instance["number"]),
                "participant_name": row["name"],
                "time": row["feedback_time"],
            }
            rows.append(((row["feedback_time"], row["id"]), detail))
    rows.sort(key=lambda r: r[0])
    page = ctx.paginate(lambda f, w: window_of(rows, w), filters={"from": start, "to": end, "id": reason})
    return {"from": start, "to": end, **page.fields(), "client_feedback_details": page.items}


def satisfaction(ctx: Context) -> Doc:
    start, end = day_range(ctx)
    by_day = {day: dict.fromkeys(audience.FEEDBACK, 0) for day in _days(start, end)}
    for _, row in _answers(ctx, start, end):
        by_day[row["feedback_time"][:10]][row["feedback"]] += 1
    rows = [_satisfaction_row(day, counts) for day, counts in by_day.items()]
    return {"from": start, "to": end, "total_records": len(rows), "client_satisfaction": rows}


def _satisfaction_row(day: str, counts: dict[str, int]) -> dict[str, Any]:
    """Zoom's percentage: (thumbs up + no answer) / everyone asked; a day nobody was asked
    has no thumbs down, so it is 100."""
    total = sum(counts.values())
    kept = counts[audience.GOOD] + counts[audience.NONE]
    return {
        "date": day,
        "good_count": counts[audience.GOOD],
        "not_good_count": counts[audience.NOT_GOOD],
        "none_count": counts[audience.NONE],
        "satisfaction_percent": round(100 * kept / total, 2) if total else 100,
    }
