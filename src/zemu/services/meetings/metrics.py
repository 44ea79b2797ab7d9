"""Dashboards (``/metrics/...``) computed from the simulator's instances and participants: the
same rows the reports and past meetings read. Quality of service is a deterministic function of
the participant (every simulated participant has a good connection); CRC, chat and client
feedback have no simulated traffic here and answer their empty shapes (the Zoom Rooms dashboards
are the rooms product's)."""

from __future__ import annotations

import hashlib
from typing import Any

from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.instances import INSTANCES, PARTICIPANTS, instance_any, public
from zemu.services.meetings.reports import day_range
from zemu.services.meetings.shapes import list_item_schema, response_of
from zemu.services.resource import Doc
from zemu.services.users.settings_tree import project


def _flags(instance: Doc) -> Doc:
    return {
        "has_pstn": False,
        "has_voip": True,
        "has_3rd_party_audio": False,
        "has_video": True,
        "has_screen_share": True,
        "has_recording": bool(instance.get("record")),
        "has_sip": False,
        "has_archiving": False,
        "has_manual_captions": False,
        "has_automated_captions": False,
        "has_poll": bool(instance.get("poll_answers")),
        "has_qa": bool(instance.get("qa")),
        "has_survey": False,
        "has_meeting_summary": False,
    }


def _summary(instance: Doc) -> Doc:
    live = instance["state"] == "live"
    return {
        **public(instance),
        **_flags(instance),
        "host": instance["host_email"],
        "email": instance["host_email"],
        "user_type": "Licensed",
        "participants": instance.get("participants_count", 0),
        "dept": "",
        "duration": _clock(int(instance.get("duration") or 0) * 60),
        "end_time": None if live else instance.get("end_time"),
        "custom_keys": [],
        "in_room_participants": 0,
        "audio_quality": "good",
        "video_quality": "good",
        "screen_share_quality": "good",
    }


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def list_instances(ctx: Context, fam: m.Family, operation_id: str, key: str) -> Doc:
    start, end = day_range(ctx)
    live = ctx.query.get("type") == "live"
    item = list_item_schema(operation_id, key)
    page = INSTANCES.page(
        ctx,
        where={"family": fam.kind, "state": "live" if live else "ended"},
        lo=f"{start}T00:00:00Z",
        hi=f"{end}T23:59:59Z",
        shape=lambda d: {k: v for k, v in project(_summary(d), item).items() if v is not None},
    )
    return {"from": start, "to": end, **page.fields(), key: page.items}


def _instance(ctx: Context, fam: m.Family) -> Doc:
    ref = str(ctx.path.get("meetingId") or ctx.path.get("webinarId") or "")
    found = instance_any(ctx.tx, ctx.account_id, ref, live=ctx.query.get("type") == "live")
    if found is None or found["family"] != fam.kind:
        raise ctx.fail(3001)
    return found


def detail(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    summary = _summary(_instance(ctx, fam))
    return response_of(operation_id, {k: v for k, v in summary.items() if v is not None})


def _who(row: Doc) -> Doc:
    seed = int(hashlib.sha256(row["pid"].encode()).hexdigest()[:8], 16)
    return {
        **row,
        "id": row["user_id"] or row["pid"],
        "user_id": str(16778240 + int(row["n"])),
        "participant_uuid": row["pid"],
        "user_name": row["name"],
        "email": row["user_email"],
        "device": "Mac" if seed % 2 else "Windows",
        "os": "Mac" if seed % 2 else "Windows",
        "client": "Zoom",
        "version": "6.2.0",
        "network_type": "Wifi" if seed % 3 else "Wired",
        "ip_address": f"10.{seed % 200}.{seed // 200 % 250}.{seed % 250 + 1}",
        "location": "San Jose (US)",
        "data_center": "US",
        "connection_type": "UDP",
        "share_application": False,
        "share_desktop": True,
        "share_whiteboard": False,
        "recording": False,
        "status": "in_meeting",
        "audio_quality": "good",
        "video_quality": "good",
        "screen_share_quality": "good",
        "health": "Good",
        "issue_list": [],
    }


def _qos(row: Doc) -> Doc:
    stream = {"bitrate": "48 kbps", "latency": "20 ms", "jitter": "3 ms", "avg_loss": "0.1%", "max_loss": "0.5%"}
    moment = row.get("leave_time") or row["join_time"]
    return {
        "date_time": moment,
        "audio_input": stream,
        "audio_output": stream,
        "video_input": stream,
        "video_output": stream,
        "as_input": stream,
        "as_output": stream,
        "cpu_usage": {
            "zoom_min_cpu_usage": "2%",
            "zoom_avg_cpu_usage": "8%",
            "zoom_max_cpu_usage": "15%",
            "system_max_cpu_usage": "30%",
        },
    }


def participants(ctx: Context, fam: m.Family, operation_id: str, *, qos: bool = False) -> Doc:
    instance = _instance(ctx, fam)
    item = list_item_schema(operation_id, "participants")

    def shape(row: Doc) -> Any:
        shown = _who(row) | ({"user_qos": [_qos(row)]} if qos else {})
        return project(shown, item)

    page = PARTICIPANTS.page(ctx, scope=instance["uuid"], shape=shape)
    return {**page.fields(), "meeting_number": instance["number"], "participants": page.items}


def participant_qos(ctx: Context, fam: m.Family, operation_id: str) -> Any:
    instance = _instance(ctx, fam)
    wanted = str(ctx.path["participantId"])
    row = next(
        (
            r
            for r in PARTICIPANTS.each(ctx.tx, instance["uuid"])
            if wanted in (r["user_id"], r["pid"], str(16778240 + int(r["n"])))
        ),
        None,
    )
    if row is None:
        raise ctx.fail(3001)
    return response_of(operation_id, {**_who(row), "user_qos": [_qos(row)], "meeting_number": instance["number"]})


def sharing(ctx: Context, fam: m.Family, operation_id: str) -> Doc:
    """The host shares a screen for the whole instance."""
    instance = _instance(ctx, fam)
    item = list_item_schema(operation_id, "participants")
    host = PARTICIPANTS.first(ctx.tx, instance["uuid"])
    rows = []
    if host is not None:
        details = [
            {
                "content": "desktop",
                "start_time": host["join_time"][11:19],
                "end_time": (host.get("leave_time") or host["join_time"])[11:19],
            }
        ]
        rows.append(project({**_who(host), "details": details}, item))
    return {"page_size": 30, "total_records": len(rows), "next_page_token": "", "participants": rows}
