"""A call played as scheduled steps, one at a time on the call's chain, each at its emulated time.

Each step performs what happens at that moment (the live events of phone-events.md §7, or one
of the record steps of §6), then schedules the next; the whole sequence follows from the call
document (``plan.CALLS``), so a restart or a second process picks up where the last step left
off. The record steps file what the call leaves behind through the phone history's write side.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zemu.services.context import Context
from zemu.services.phone_history import records
from zemu.sim.artifacts import render
from zemu.sim.clock import zulu
from zemu.sim.phone import documents as d
from zemu.sim.phone import parties
from zemu.sim.phone.live import emit_leg, emit_to, live_model
from zemu.sim.phone.plan import CALLS
from zemu.sim.phone.shapes import document, event_object

Doc = dict[str, Any]
STEP = "phone.call_step"
# seconds after the end of the call at which each record becomes available (phone-events.md §6)
RECORD_DELAYS = {
    "logs": 2,
    "history": 3,
    "elements": 4,
    "voicemail": 5,
    "recording": 10,
    "vm_transcript": 30,
    "rec_transcript": 60,
    "ai_summary": 90,
}


def steps(call: Doc) -> list[tuple[str, float]]:
    """The call's steps and their emulated times, in order."""
    plan = [("ring", call["start"])]
    if call.get("script") is not None:
        plan += [(f"script:{index}", step["at"]) for index, step in enumerate(call["script"])]
    elif call["outcome"] == "answered":
        plan.append(("answer", call["answer"]))
    elif call["outcome"] == "voicemail":
        plan.append(("to_voicemail", call["start"] + call["ring"]))
    plan.append(("end", call["end"]))
    wanted = {
        "logs": True,
        "history": True,
        "elements": True,
        "voicemail": bool(call["voicemail"]),
        "recording": bool(call["recording"]),
        "vm_transcript": bool(call["voicemail"] and call["voicemail"]["transcribe"]),
        "rec_transcript": bool(call["recording"] and call["recording"]["transcribe"]),
        "ai_summary": bool(call["ai_summary"]),
    }
    plan += [(name, call["end"] + delay) for name, delay in RECORD_DELAYS.items() if wanted[name]]
    return plan


def start(ctx: Context, call: Doc) -> None:
    """Keep the call and schedule its first step."""
    CALLS.save(ctx.tx, call)
    _schedule(ctx, call, 0)


def _schedule(ctx: Context, call: Doc, index: int) -> None:
    plan = steps(call)
    if index < len(plan):
        ctx.schedule(STEP, plan[index][1], {"call_id": call["id"], "index": index}, chain=f"call:{call['id']}")


def perform(ctx: Context, body: dict[str, Any]) -> None:
    """The scheduled work of one step."""
    call = CALLS.get(ctx.tx, body["call_id"])
    if call is None:
        return  # the store was reset under the call
    index = int(body["index"])
    name = steps(call)[index][0]
    if name.startswith("script:"):
        _script_step(ctx, call, int(name.partition(":")[2]))
    else:
        STEPS[name](ctx, call)
    _schedule(ctx, call, index + 1)


def play(ctx: Context, call: Doc) -> None:
    """Every step of the call at once, each at its own emulated time, in the caller's transaction:
    the batch path (the demo account's week of history, the benchmark). It schedules nothing and
    keeps no call document, and leaves the records and events the scheduled steps would."""
    for name, at in steps(call):
        ctx.now = at
        if name.startswith("script:"):
            _script_step(ctx, call, int(name.partition(":")[2]))
        else:
            STEPS[name](ctx, call)


# live steps ----------------------------------------------------------------------------------
def _ring(ctx: Context, call: Doc) -> None:
    if call.get("routed"):  # the caller hears the number it dialled ring; the route rings the far end
        emit_leg(
            ctx, call, "phone.caller_ringing", live_model({**call, "callee": call.get("dialled") or call["callee"]})
        )
        return
    model = live_model(call)
    emit_leg(ctx, call, "phone.caller_ringing", model)
    if call["callee"].get("emergency"):  # the safety team hears of it as the call starts (§7.17)
        emit_to(ctx, call["caller"], "phone.emergency_alert", d.emergency_alert(call))
    # a busy line never rings (§7.6), a blocked call is refused
    if call["outcome"] not in ("busy", "blocked") and not call.get("busy"):
        emit_leg(ctx, call, "phone.callee_ringing", model)


def _answer(ctx: Context, call: Doc) -> None:
    model = live_model(call)
    emit_leg(ctx, call, "phone.callee_answered", model)
    emit_leg(ctx, call, "phone.caller_connected", model)
    if call["recording"]:
        rec = call["recording"]
        emit_to(
            ctx,
            call[rec["owner"]],
            "phone.recording_started",
            {**d.live_recording(call), "date_time": zulu(rec["start"])},
        )


def _to_voicemail(ctx: Context, call: Doc) -> None:
    event, handup = (
        ("phone.callee_rejected", "Rejected") if call.get("declined") else ("phone.callee_missed", "No Answer")
    )
    if call.get("busy"):  # busy on another call: the user's busy handling sent it to the mailbox
        handup = "Busy"
    emit_leg(ctx, call, event, {**live_model(call, handup=handup), "call_end_time": zulu(call["start"] + call["ring"])})


def _script_step(ctx: Context, call: Doc, index: int) -> None:
    """A scripted moment: the events its step caused, as ``script.play`` worked them out."""
    for event, account_id, model in call["script"][index]["emits"]:
        ctx.emit(event, {"object": event_object(event, model)}, account_id=account_id)


def _end(ctx: Context, call: Doc) -> None:
    if call.get("script") is None:
        _end_events(ctx, call)
    _file_history(ctx, call)


def _end_events(ctx: Context, call: Doc) -> None:
    outcome = call["outcome"]
    if outcome == "answered":
        if call["recording"]:
            rec = call["recording"]
            emit_to(
                ctx,
                call[rec["owner"]],
                "phone.recording_stopped",
                {**d.live_recording(call), "date_time": zulu(call["end"])},
            )
        emit_leg(ctx, call, "phone.caller_ended", live_model(call, handup="Call connected"))
        emit_leg(ctx, call, "phone.callee_ended", live_model(call, handup="Call connected"))
    elif outcome == "voicemail":
        emit_leg(ctx, call, "phone.caller_ended", live_model(call, handup="Voicemail"))
    elif outcome == "blocked":
        emit_leg(ctx, call, "phone.caller_ended", live_model(call, handup="Call Cancel"))
    else:
        event = "phone.callee_rejected" if outcome == "rejected" else "phone.callee_missed"
        handup = {"rejected": "Rejected", "busy": "Busy", "missed": "No Answer", "canceled": "Call Cancel"}[outcome]
        emit_leg(ctx, call, event, live_model(call, handup=handup))
        emit_leg(ctx, call, "phone.caller_ended", live_model(call, handup="Call Cancel"))


# what the call leaves behind ---------------------------------------------------------------------
def _file_history(ctx: Context, call: Doc) -> None:
    for account in d.accounts(call):  # each account files its own side under its own ids (§1)
        _file_for(ctx, d.seen_by(call, account), account)
    account = call["account_id"]
    if call["answer"] is not None:
        metrics = d.metrics(call)
        own = call[d.account_side(call)]
        records.record_call_metrics(
            ctx.tx,
            account,
            document("listCallLogsMetrics", metrics, "call_logs"),
            detail=document("getCallLogMetricsDetails", metrics),
            qos=document("getCallQoS", d.qos(call)),
            department=own.get("department", ""),
            cost_center=own.get("cost_center", ""),
        )
        charge = d.charge(call, ctx.ids.uid())
        if charge is not None:
            records.record_call_charge(ctx.tx, account, document("GetCallChargesUsageReport", charge, "call_charges"))


def _file_for(ctx: Context, call: Doc, account: str) -> None:
    """The call history, the users' histories and their legacy logs ``account`` keeps."""
    mine = [(side, party) for side, party in d.users(call) if party.get("account_id") == account]
    facts = d.call_facts(call)
    path = document("getCallPath", d.call_path(call, facts))
    user_logs = {
        party["id"]: [document("phoneUserCallHistory", d.element(call, side, facts), "call_logs")]
        for side, party in mine
    }
    records.record_call(
        ctx.tx, account, path, user_ids=list(user_logs), user_logs=user_logs, voicemail=bool(call["voicemail"])
    )
    for side, party in mine:
        log = d.call_log(call, side)
        records.record_call_log(
            ctx.tx,
            account,
            document("accountCallLogs", log, "call_logs"),
            user_log_item=document("phoneUserCallLogs", log, "call_logs"),
            user_id=party["id"],
        )


def _each_user(ctx: Context, call: Doc, kind: str, model_of: Callable[[Doc, str], Doc]) -> None:
    """``phone.caller_{kind}``, then ``phone.callee_{kind}``, for each side that is a user, each
    as the user's own account filed it."""
    for side, party in d.users(call):
        seen = d.seen_by(call, party["account_id"])
        emit_to(ctx, party, f"phone.{d.event_side(side)}_{kind}", {"user_id": party["id"], **model_of(seen, side)})


def _logs(ctx: Context, call: Doc) -> None:
    _each_user(ctx, call, "call_log_completed", lambda seen, side: {"call_logs": [d.call_log(seen, side)]})


def _history(ctx: Context, call: Doc) -> None:
    _each_user(ctx, call, "call_history_completed", lambda seen, side: {"call_logs": [d.element(seen, side)]})


def _elements(ctx: Context, call: Doc) -> None:
    _each_user(ctx, call, "call_element_completed", lambda seen, side: {"call_elements": [d.element(seen, side)]})


def _voicemail(ctx: Context, call: Doc) -> None:
    vm = call["voicemail"]
    mailbox = call[vm.get("mailbox", "callee")]
    account = mailbox["account_id"]  # the mailbox's own account keeps the message
    model = d.voicemail(d.seen_by(call, account), ctx.origin)
    records.register_file(
        ctx.tx,
        account,
        vm["file_id"],
        kind="voicemail",
        name=f"{vm['id']}.mp3",
        recipe=render.audio_recipe(vm["id"], vm["duration"], speakers=1),
    )
    records.record_voicemail(
        ctx.tx,
        account,
        document("accountVoiceMails", model, "voice_mails"),
        detail=document("getVoicemailDetails", model),
        owner_item=document("phoneUserVoiceMails", model, "voice_mails"),
        owner_id=mailbox["id"],
    )
    emit_to(ctx, mailbox, "phone.voicemail_received", model)
    for member in map(_member, vm["access_members"]):
        emit_to(
            ctx,
            mailbox,
            "phone.voicemail_received_for_access_member",
            {**model, "access_member_id": member["id"], "access_member_extension_type": member["type"]},
        )


def _member(entry: Any) -> Doc:
    """An access member as ``access`` names it (a bare id is a user: calls kept before it said more)."""
    return entry if isinstance(entry, dict) else {"id": str(entry), "type": "user"}


def _recording(ctx: Context, call: Doc) -> None:
    rec = call["recording"]
    owner = call[rec["owner"]]
    account = owner["account_id"]  # the owner's own account keeps the recording
    model = d.recording(d.seen_by(call, account), ctx.origin)
    records.register_file(
        ctx.tx,
        account,
        rec["file_id"],
        kind="recording",
        name=f"{rec['id']}.mp3",
        recipe=render.audio_recipe(rec["id"], rec["duration"], speakers=2),
    )
    if rec["transcribe"]:
        speakers = [
            str(call[s]["extension_number"]) if call[s]["internal"] else call[s]["phone_number"] for s in d.SIDES
        ]
        records.register_file(
            ctx.tx,
            account,
            rec["id"],
            kind="transcript",
            name=f"{rec['id']}.json",
            recipe=render.transcript_recipe(
                rec["id"],
                account_id=account,
                host_id=owner["id"],
                start=rec["start"],
                duration=rec["duration"],
                speakers=speakers,
            ),
        )
    if owner["kind"] == parties.CALL_QUEUE:  # the queue's list names the day (its schema's ``date``)
        owner_item = document("getCallQueueRecordings", {**model, "date_time": model["date_time"][:10]}, "recordings")
    else:
        owner_item = document("phoneUserRecordings", model, "recordings")
    records.record_recording(
        ctx.tx,
        account,
        document("getPhoneRecordings", model, "recordings"),
        detail=document("getPhoneRecordingsByCallIdOrCallLogId", model),
        owner_item=owner_item,
        owner_id=owner["id"],
    )
    emit_to(ctx, owner, "phone.recording_completed", {"recordings": [model]})
    for member in map(_member, rec["access_members"]):
        # the copy each access member is told of names them (``user_id``) and their permission
        shared = {**model, "user_id": member["id"], "owner": {**model["owner"], "has_access_permission": True}}
        emit_to(ctx, owner, "phone.recording_completed_for_access_member", {"recordings": [shared]})


def _vm_transcript(ctx: Context, call: Doc) -> None:
    mailbox = call[call["voicemail"].get("mailbox", "callee")]
    seen = d.seen_by(call, mailbox["account_id"])
    emit_to(ctx, mailbox, "phone.voicemail_transcript_completed", d.voicemail(seen, ctx.origin))


def _rec_transcript(ctx: Context, call: Doc) -> None:
    owner = call[call["recording"]["owner"]]
    seen = d.seen_by(call, owner["account_id"])
    emit_to(ctx, owner, "phone.recording_transcript_completed", {"recordings": [d.recording(seen, ctx.origin)]})


def _ai_summary(ctx: Context, call: Doc) -> None:
    owner = call[call["ai_summary"]["owner"]]
    summary = d.ai_summary(d.seen_by(call, owner["account_id"]), ctx.now)
    records.record_ai_summary(ctx.tx, owner["account_id"], document("getUserAICallSummary", summary))
    emit_to(ctx, owner, "phone.ai_call_summary_changed", summary)


STEPS: dict[str, Callable[[Context, Doc], None]] = {
    "ring": _ring,
    "answer": _answer,
    "to_voicemail": _to_voicemail,
    "end": _end,
    "logs": _logs,
    "history": _history,
    "elements": _elements,
    "voicemail": _voicemail,
    "recording": _recording,
    "vm_transcript": _vm_transcript,
    "rec_transcript": _rec_transcript,
    "ai_summary": _ai_summary,
}
EMITS = frozenset(
    {
        "phone.caller_ringing",
        "phone.callee_ringing",
        "phone.callee_answered",
        "phone.caller_connected",
        "phone.callee_missed",
        "phone.callee_rejected",
        "phone.caller_ended",
        "phone.callee_ended",
        "phone.recording_started",
        "phone.recording_stopped",
        "phone.recording_completed",
        "phone.recording_completed_for_access_member",
        "phone.recording_transcript_completed",
        "phone.voicemail_received",
        "phone.voicemail_received_for_access_member",
        "phone.voicemail_transcript_completed",
        "phone.caller_call_log_completed",
        "phone.callee_call_log_completed",
        "phone.caller_call_history_completed",
        "phone.callee_call_history_completed",
        "phone.caller_call_element_completed",
        "phone.callee_call_element_completed",
        "phone.ai_call_summary_changed",
        "phone.caller_hold",
        "phone.caller_unhold",
        "phone.callee_hold",
        "phone.callee_unhold",
        "phone.caller_mute",
        "phone.caller_unmute",
        "phone.callee_mute",
        "phone.callee_unmute",
        "phone.recording_paused",
        "phone.recording_resumed",
        "phone.callee_parked",
        "phone.blind_transfer_initiated",
        "phone.warm_transfer_initiated",
        "phone.warm_transfer_completed",
        "phone.warm_transfer_cancelled",
        "phone.transfer_recipient_updated",
        "phone.transfer_call_to_voicemail_initiated",
        "phone.conference_started",
        "phone.caller_meeting_inviting",
        "phone.callee_meeting_inviting",
        "phone.emergency_alert",
        "phone.recording_failed",
    }
)
