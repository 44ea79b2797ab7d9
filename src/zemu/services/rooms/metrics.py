"""The Zoom Rooms dashboards (``/metrics/zoomrooms…``, ``/metrics/issues/zoomrooms…``), read from
the same rooms, devices and alerts the Rooms API and the control plane write.

A room's health follows its open alerts; the issue summaries count the alerts raised in the
date range asked for (at most a month), grouped by issue or by room."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.rooms.access import account, target_room
from zemu.services.rooms.model import ALERTS, DEVICES, LOCATIONS, ROOMS, newest_first

Doc = dict[str, Any]
MAX_DAYS = 31


def _range(ctx: Context) -> tuple[str, str, int, int]:
    """``from`` and ``to`` as dates, and the milliseconds they span (``to`` inclusive)."""
    try:
        start, end = date.fromisoformat(str(ctx.query["from"])), date.fromisoformat(str(ctx.query["to"]))
    except (KeyError, ValueError):
        raise ZoomError(300, "Invalid parameter: from/to.", 400) from None
    if end < start or (end - start).days >= MAX_DAYS:
        raise ZoomError(300, "The date range must be within one month, from before to.", 400)
    lo = int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp() * 1000)
    hi = int(datetime(end.year, end.month, end.day, tzinfo=UTC).timestamp() * 1000) + 86_400_000 - 1
    return start.isoformat(), end.isoformat(), lo, hi


def _dashboard_room(ctx: Context, room: Doc) -> Doc:
    issues = sorted({a["issue"] for a in ALERTS.each(ctx.tx, room["id"], {"open": True})})
    devices = list(DEVICES.each(ctx.tx, room["id"]))
    location = LOCATIONS.get(ctx.tx, room["location_id"]) if room["location_id"] else None
    computer = next((d for d in devices if d["device_type"] == "Zoom Rooms Computer"), None)
    return {
        "account_type": "Work Email",
        "calender_name": "",
        "camera": "Default camera",
        "device_ip": f"Computer : {computer['ip_address']}" if computer else "",
        "email": "",
        "health": "critical" if issues else "",
        "id": room["id"],
        "issues": issues,
        "last_start_time": "",
        "location": location["name"] if location else "",
        "location_id": room["location_id"],
        "microphone": "Default microphone",
        "room_name": room["name"],
        "speaker": "Default speaker",
        "status": room["status"],
    }


def dashboard_rooms(ctx: Context) -> Doc:
    page = ROOMS.page(ctx, scope=account(ctx), shape=lambda room: _dashboard_room(ctx, room))
    return {**page.fields(), "zoom_rooms": page.items}


def dashboard_room(ctx: Context) -> Doc:
    start, end, _, _ = _range(ctx)
    room = target_room(ctx, "zoomroomId")
    view = _dashboard_room(ctx, room)
    view.pop("location_id")
    return {
        **view,
        "past_meetings": {
            "from": start,
            "to": end,
            "next_page_token": "",
            "page_count": 0,
            "page_size": 30,
            "total_records": 0,
            "meetings": [],
        },
    }


def _alerts_in(ctx: Context, lo: int, hi: int) -> list[tuple[Doc, Doc]]:
    """Each room's alerts raised in the range: a summary over the account, not a list page."""
    found = []
    for room in ROOMS.each(ctx.tx, account(ctx)):
        for alert in ALERTS.each(ctx.tx, room["id"]):
            if lo <= alert["alert_time"] <= hi:
                found.append((room, alert))
    return found


def dashboard_issues(ctx: Context) -> Doc:
    start, end, lo, hi = _range(ctx)
    rooms_by_issue: dict[str, set[str]] = {}
    for room, alert in _alerts_in(ctx, lo, hi):
        rooms_by_issue.setdefault(alert["issue"], set()).add(room["id"])
    issues = [{"issue_name": name, "zoom_rooms_count": len(rooms)} for name, rooms in sorted(rooms_by_issue.items())]
    return {"from": start, "to": end, "total_records": len(issues), "issues": issues}


def dashboard_issue_rooms(ctx: Context) -> Doc:
    start, end, lo, hi = _range(ctx)
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for room, _ in _alerts_in(ctx, lo, hi):
        counts[room["id"]] += 1
        names[room["id"]] = room["name"]
    rooms = [{"id": room_id, "issues_count": n, "room_name": names[room_id]} for room_id, n in counts.most_common()]
    return {"from": start, "to": end, "total_records": len(rooms), "zoom_rooms": rooms}


def dashboard_issue_detail(ctx: Context) -> Doc:
    start, end, lo, hi = _range(ctx)
    room = target_room(ctx, "zoomroomId")
    page = ALERTS.page(
        ctx,
        scope=room["id"],
        lo=newest_first(hi),
        hi=newest_first(lo),
        shape=lambda a: {"issue": a["issue"], "time": _zulu_ms(a["alert_time"])},
    )
    return {"from": start, "to": end, **page.fields(), "issue_details": page.items}


def _zulu_ms(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
