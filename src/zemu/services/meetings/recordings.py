"""Cloud recordings of simulated instances: lists by host (a date range), one meeting's files,
trash and recovery, permanent deletion, and the meeting's recording settings.

A recording's files are described when the instance ends (sizes estimated from the length) and
rendered only when downloaded (``download.py``). Trash is a state: a trashed recording lists only
with ``trash=true`` and comes back with ``action=recover``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts.access import target_account
from zemu.services.accounts.recordings import _range as account_range
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings.instances import FILE_KIND, RECORDINGS, public
from zemu.services.meetings.shapes import defaults_of, event_object, list_item_schema, response_of
from zemu.services.resource import Doc
from zemu.services.users.access import operator, target_user
from zemu.services.users.settings_tree import project
from zemu.sim.clock import parse_zulu, zulu

# (file_type, extension, recording_type, bytes per second of the rendered file)
FILES = (
    ("MP4", "MP4", "shared_screen_with_speaker_view", 6000),
    ("M4A", "M4A", "audio_only", 2000),
    ("TRANSCRIPT", "VTT", "cc_transcript", 40),
    ("CHAT", "TXT", "chat_file", 4),
)
MAX_RANGE_DAYS = 31
DOWNLOAD_TOKEN = "recording_download_token"


def make_recording(ctx: Context, instance: Doc, doc: Doc | None) -> Doc:
    start, end = instance["start_time"], instance["end_time"]
    seconds = int(parse_zulu(end) - parse_zulu(start))
    files = []
    for file_type, extension, _, rate in FILES:
        file_id = ctx.ids.uid()
        files.append(
            {
                "id": file_id,
                "meeting_id": instance["uuid"],
                "recording_start": start,
                "recording_end": end,
                "file_type": file_type,
                "file_extension": extension,
                "file_size": max(64, seconds * rate),
                "play_url": f"{ctx.origin}/rec/play/{file_id}",
                "download_url": f"{ctx.origin}/rec/download/{file_id}",
                "status": "completed",
                "recording_type": _recording_type(file_type),
            }
        )
        ctx.tx.put(
            FILE_KIND, file_id, {"uuid": instance["uuid"]}, account_id=instance["account_id"], parent=instance["uuid"]
        )
    recording = {
        "uuid": instance["uuid"],
        "id": instance["uuid"],
        "number": instance["number"],
        "account_id": instance["account_id"],
        "host_id": instance["host_id"],
        "host_email": instance["host_email"],
        "topic": instance["topic"],
        "type": instance["type"],
        "start_time": start,
        "timezone": instance.get("timezone", "UTC"),
        "duration": instance["duration"],
        "recording_count": len(files),
        "total_size": sum(f["file_size"] for f in files),
        "recording_files": files,
        "share_url": f"{m.JOIN_HOST}/rec/share/{instance['uuid'].replace('/', '_')}",
        "password": (doc or {}).get("password", ""),
        "seed": instance["seed"],
        "people": [p["name"] for p in instance["people"]],
        "planned_seconds": int(parse_zulu(instance["planned_end"]) - parse_zulu(start)),
    }
    RECORDINGS.save(ctx.tx, recording)
    if instance.get("announce", True):  # the demo's history is not announced
        _completed(ctx, recording)
    return recording


def _completed(ctx: Context, recording: Doc) -> None:
    """``recording.completed`` carries a ``download_token`` beside its payload: valid 24 hours, it
    downloads this recording's files as an access token would."""
    token = ctx.ids.secret(32)
    ctx.tx.put(
        DOWNLOAD_TOKEN,
        token,
        {"uuid": recording["uuid"], "expires_at": ctx.now + 86400},
        account_id=recording["account_id"],
        parent=recording["uuid"],
    )
    event = "recording.completed"
    body = {
        "event": event,
        "event_ts": ctx.now_ms,
        "download_token": token,
        "payload": {"account_id": recording["account_id"], "object": event_object(event, public(recording))},
    }
    if ctx.check_event is not None:
        ctx.check_event(event, body)
    ctx.tx.emit(recording["account_id"], event, body, ctx.now_ms)


def download_token_opens(tx: Any, token: str, recording: Doc, now: float) -> bool:
    held = tx.get(DOWNLOAD_TOKEN, token) if token else None
    return held is not None and held["uuid"] == recording["uuid"] and held["expires_at"] > now


def _recording_type(file_type: str) -> str:
    return next(kind for name, _, kind, _ in FILES if name == file_type)


def _located(ctx: Context, one: Doc) -> Doc:
    """A file with its URLs on the server answering now (the demo's were made before it had one)."""
    return {
        **one,
        "play_url": f"{ctx.origin}/rec/play/{one['id']}",
        "download_url": f"{ctx.origin}/rec/download/{one['id']}",
    }


def _view(ctx: Context, recording: Doc, schema: dict[str, Any]) -> Doc:
    shown = {
        **public(recording),
        "type": str(recording["type"]),
        "recording_files": [_located(ctx, f) for f in recording["recording_files"] if not f.get("deleted_time")],
    }
    shown["recording_count"] = len(shown["recording_files"])
    return dict(project(shown, schema))


# lists ----------------------------------------------------------------------------------------------
def list_for_user(ctx: Context) -> Doc:
    user = target_user(ctx)
    today = dt.date.fromisoformat(zulu(ctx.now)[:10])
    start = _date(ctx.query.get("from"), "from") or today - dt.timedelta(days=1)
    end = _date(ctx.query.get("to"), "to") or today
    if end < start:
        raise ZoomError(300, "The 'to' date must not be earlier than the 'from' date.", 400)
    where: Doc = {"host": user["id"], "trash": _truthy(ctx.query.get("trash"))}
    if ctx.query.get("meeting_id"):
        where["meeting"] = str(ctx.query["meeting_id"])
    item = list_item_schema("recordingsList", "meetings")
    page = RECORDINGS.page(
        ctx, where=where, lo=f"{start}T00:00:00Z", hi=f"{end}T23:59:59Z", shape=lambda r: _view(ctx, r, item)
    )
    return {"from": start.isoformat(), "to": end.isoformat(), **page.fields(), "meetings": page.items}


def list_for_account(ctx: Context) -> Doc:
    """The account's recordings (not in the trash) in a date range of at most a month, checked as
    the accounts API checks its ranges."""
    account = target_account(ctx)
    start, end = account_range(ctx)
    item = list_item_schema("GetAccountCloudRecording", "meetings")
    page = RECORDINGS.page(
        ctx,
        scope=account["id"],
        where={"trash": False},
        lo=f"{start}T00:00:00Z",
        hi=f"{end}T23:59:59Z",
        shape=lambda r: _view(ctx, r, item),
    )
    return {"from": start.isoformat(), "to": end.isoformat(), **page.fields(), "meetings": page.items}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _date(value: Any, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])  # a date-time names its day
    except ValueError:
        raise ValidationFailed([{"field": field, "message": "Invalid field."}]) from None


# one meeting's recording --------------------------------------------------------------------------------
def _recording(ctx: Context, *, trash: bool | None = False) -> Doc:
    ref = str(ctx.path.get("meetingId") or ctx.path.get("meetingUUID") or "")
    found = RECORDINGS.get(ctx.tx, ref)
    if found is None and ref.isdigit():
        every = list(RECORDINGS.each(ctx.tx, ctx.account_id, {"meeting": ref}))
        found = every[-1] if every else None
    if (
        found is None
        or found["account_id"] != ctx.account_id
        or (trash is not None and bool(found.get("trashed_at")) != trash)
    ):
        raise ctx.fail(3301)
    return found


def get(ctx: Context) -> Any:
    recording = _recording(ctx)
    return response_of("recordingGet", _view(ctx, recording, {}))


def delete_all(ctx: Context) -> None:
    recording = _recording(ctx, trash=None)
    if (ctx.query.get("action") or "trash") == "delete":
        for f in recording["recording_files"]:
            ctx.tx.delete(FILE_KIND, f["id"])
        RECORDINGS.delete(ctx.tx, recording)
        _emit(ctx, "recording.deleted", recording)
        return
    if recording.get("trashed_at"):
        raise ctx.fail(3301)
    recording["trashed_at"] = zulu(ctx.now)
    RECORDINGS.save(ctx.tx, recording)
    _emit(ctx, "recording.trashed", recording)


def delete_one(ctx: Context) -> None:
    recording = _recording(ctx)
    one = _file(ctx, recording)
    if (ctx.query.get("action") or "trash") == "delete":
        recording["recording_files"].remove(one)
        ctx.tx.delete(FILE_KIND, one["id"])
    else:
        one["deleted_time"] = zulu(ctx.now)
    RECORDINGS.save(ctx.tx, recording)


def _file(ctx: Context, recording: Doc) -> Doc:
    one = next((f for f in recording["recording_files"] if f["id"] == ctx.path.get("recordingId")), None)
    if one is None:
        raise ctx.fail(3301)
    return one


def recover_all(ctx: Context) -> None:
    recording = _recording(ctx, trash=None)
    recording.pop("trashed_at", None)
    for f in recording["recording_files"]:
        f.pop("deleted_time", None)
    RECORDINGS.save(ctx.tx, recording)
    _emit(ctx, "recording.recovered", recording)


def recover_one(ctx: Context) -> None:
    recording = _recording(ctx)
    _file(ctx, recording).pop("deleted_time", None)
    RECORDINGS.save(ctx.tx, recording)


def _emit(ctx: Context, event: str, recording: Doc) -> None:
    ctx.emit(
        event, {**operator(ctx), "object": event_object(event, public(recording))}, account_id=recording["account_id"]
    )


def get_settings(ctx: Context) -> Any:
    recording = _recording(ctx)
    settings = {
        **defaults_of("recordingSettingUpdate"),
        "share_recording": "publicly",
        "viewer_download": True,
        "topic": recording["topic"],
        **(recording.get("settings") or {}),
    }
    settings.pop("password", None)
    return response_of("recordingSettingUpdate", settings)


def update_settings(ctx: Context) -> None:
    recording = _recording(ctx)
    recording["settings"] = {**(recording.get("settings") or {}), **(ctx.body or {})}
    RECORDINGS.save(ctx.tx, recording)


def file_of(tx: Any, file_id: str) -> tuple[Doc, Doc] | None:
    """A recording file by id and its recording (for downloads)."""
    row = tx.get(FILE_KIND, file_id)
    recording = RECORDINGS.get(tx, row["uuid"]) if row else None
    if recording is None:
        return None
    one = next((f for f in recording["recording_files"] if f["id"] == file_id), None)
    return (recording, one) if one is not None else None
