"""``zemu trigger meeting.*`` and ``webinar.*``: the smallest real action that causes each event,
through the same functions the API uses, on the demo account as its owner."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.meetings import extras, registrants, schedule
from zemu.services.meetings import model as m
from zemu.services.resource import Doc
from zemu.sim.clock import zulu


def _as(ctx: Context, fam: m.Family, doc: Doc | None = None, **path: Any) -> Context:
    """The context an API call on ``doc`` (or on the owner, to create) would have."""
    ctx.path = {"userId": ctx.user_id or "", **({fam.path_key: str(doc["id"])} if doc else {}), **path}
    ctx.query = {}
    return ctx


def _new(ctx: Context, fam: m.Family, params: dict[str, str], **body: Any) -> Doc:
    _as(ctx, fam, userId=params.get("user") or ctx.user_id or "")
    ctx.body = {
        "topic": params.get("topic", f"Triggered {fam.kind}"),
        "type": 5 if fam is m.WEBINAR else 2,
        "start_time": zulu(ctx.now + 86400),
        "duration": 30,
        **body,
    }
    return schedule.create(ctx, fam)


def _existing(ctx: Context, fam: m.Family, params: dict[str, str], **body: Any) -> Doc:
    if params.get("id"):
        doc = fam.collection.get(ctx.tx, params["id"])
        if doc is not None and doc["account_id"] == ctx.account_id:
            return doc
    return _new(ctx, fam, params, **body)


def _touched(doc: Doc, **more: Any) -> dict[str, Any]:
    return {"id": doc["id"], "uuid": doc["uuid"], **more}


def created(fam: m.Family) -> Trigger:
    return lambda ctx, params: _touched(_new(ctx, fam, params))


def updated(fam: m.Family) -> Trigger:
    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        doc = _existing(ctx, fam, params)
        _as(ctx, fam, doc)
        ctx.body = {"topic": params.get("topic", doc["topic"] + " (updated)")}
        schedule.update(ctx, fam)
        return _touched(doc)

    return run


def deleted(fam: m.Family) -> Trigger:
    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        doc = _existing(ctx, fam, params)
        _as(ctx, fam, doc)
        schedule.delete(ctx, fam)
        return _touched(doc)

    return run


def recovered(fam: m.Family) -> Trigger:
    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        doc = deleted(fam)(ctx, params)
        _as(ctx, fam, doc)
        ctx.body = {"action": "recover"}
        schedule.status(ctx, fam)
        return doc

    return run


def registration(fam: m.Family, action: str | None) -> Trigger:
    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        doc = _new(ctx, fam, params, settings={"approval_type": 1})
        _as(ctx, fam, doc)
        ctx.body = {
            "email": params.get("email", f"guest-{ctx.ids.hex32()[:8]}@example.com"),
            "first_name": "Trigger",
            "last_name": "Guest",
        }
        made = registrants.create(ctx, fam)
        if action:
            _as(ctx, fam, doc)
            ctx.body = {"action": action, "registrants": [{"id": made["registrant_id"]}]}
            registrants.update_status(ctx, fam)
        return _touched(doc, registrant_id=made["registrant_id"])

    return run


def live_streaming(stop: bool) -> Trigger:
    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        from zemu.services.meetings.simulate import start_now

        doc = _new(ctx, m.MEETING, params)
        start_now(ctx, m.MEETING, doc)
        _as(ctx, m.MEETING, doc)
        ctx.body = {
            "stream_url": "rtmp://live.example.com/app",
            "stream_key": "key",
            "page_url": "https://live.example.com/watch",
        }
        extras.update_live_stream(ctx)
        for action in ("start", "stop") if stop else ("start",):
            _as(ctx, m.MEETING, doc)
            ctx.body = {"action": action}
            extras.update_live_stream_status(ctx)
        return _touched(doc)

    return run


def simulated(fam: m.Family, *, live: bool = False, record: bool = False, then: str = "", files: int = 0) -> Trigger:
    """A short instance: started now (``live``), or one that has just ended, played at once."""

    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        from zemu.services.meetings import recordings
        from zemu.services.meetings.simulate import plan

        doc = _new(ctx, fam, params)
        if live:
            answer = plan(ctx, doc, {"participants": 1, "duration_minutes": 30})
            return _touched(doc, instance=answer["uuid"])
        now = ctx.now
        answer = plan(
            ctx,
            doc,
            {"participants": 2, "duration_minutes": 2, "record": record, "files": files, "at": zulu(now - 120)},
            play_now=True,
        )
        ctx.now = now
        if then:
            ctx.path, ctx.query = {"meetingId": answer["uuid"]}, {"action": "delete" if then == "delete" else "trash"}
            recordings.delete_all(ctx)
            if then == "recover":
                recordings.recover_all(ctx)
        return _touched(doc, instance=answer["uuid"])

    return run


def simulation_triggers() -> dict[str, Trigger]:
    out: dict[str, Trigger] = {}
    for fam in (m.MEETING, m.WEBINAR):
        out[f"{fam.kind}.started"] = simulated(fam, live=True)
        for what in (
            "ended",
            "participant_joined",
            "participant_left",
            "sharing_started",
            "sharing_ended",
            "chat_message_sent",
        ):
            out[f"{fam.kind}.{what}"] = simulated(fam)
        out[f"{fam.kind}.chat_message_file_sent"] = simulated(fam, files=1)
    out["recording.completed"] = simulated(m.MEETING, record=True)
    out["recording.trashed"] = simulated(m.MEETING, record=True, then="trash")
    out["recording.deleted"] = simulated(m.MEETING, record=True, then="delete")
    out["recording.recovered"] = simulated(m.MEETING, record=True, then="recover")
    return out


def scheduling_triggers() -> dict[str, Trigger]:
    out: dict[str, Trigger] = {}
    for fam in (m.MEETING, m.WEBINAR):
        out[f"{fam.kind}.created"] = created(fam)
        out[f"{fam.kind}.updated"] = updated(fam)
        out[f"{fam.kind}.deleted"] = deleted(fam)
        out[f"{fam.kind}.recovered"] = recovered(fam)
        out[f"{fam.kind}.registration_created"] = registration(fam, None)
        out[f"{fam.kind}.registration_approved"] = registration(fam, "approve")
        out[f"{fam.kind}.registration_denied"] = registration(fam, "deny")
        out[f"{fam.kind}.registration_cancelled"] = registration(fam, "cancel")
    out["meeting.live_streaming_started"] = live_streaming(False)
    out["meeting.live_streaming_stopped"] = live_streaming(True)
    return out


def viewer(action: str | None) -> Trigger:
    """A viewer registers for a fresh recording (approved by the host when ``action`` says so)."""

    def run(ctx: Context, params: dict[str, str]) -> dict[str, Any]:
        from zemu.services.meetings import recording_registrants, recordings

        touched = simulated(m.MEETING, record=True)(ctx, params)
        ctx.path, ctx.query = {"meetingId": str(touched["id"])}, {}
        if action:
            ctx.body = {"approval_type": 1}
            recordings.update_settings(ctx)
        ctx.body = {"email": params.get("email", f"viewer-{ctx.ids.hex32()[:8]}@example.com"), "first_name": "V"}
        made = recording_registrants.create(ctx)
        if action:
            ctx.body = {"action": action, "registrants": [{"id": made["registrant_id"]}]}
            recording_registrants.update_status(ctx)
        return {**touched, "registrant_id": made["registrant_id"]}

    return run


def viewer_triggers() -> dict[str, Trigger]:
    return {
        "recording.registration_created": viewer(None),
        "recording.registration_approved": viewer("approve"),
        "recording.registration_denied": viewer("deny"),
    }
