"""``zemu trigger phone.*`` for the events of calls, texts and faxes: each places the smallest call,
text or fax that causes the event, through the simulator's own services, between users of the
account (its first active phone users with an extension, those with a direct number first).

When a call's event happens: a call's steps are scheduled on the emulated clock, most of them
seconds (its records up to 90 s) after it starts. A trigger does not move the clock, which other
clients of the emulator share: it places the call so that it *ended* before now, by as much as its
last step needs, and the trigger's answer then plays every step that fell due (the control route
runs due work before it answers). The whole call, its event among the rest, has happened when the
trigger answers; its answer says when the call started (``starts_at``). Texts and faxes happen at
now, at once.

The history deletes (``phone.recording_deleted`` …) act on the newest item a call or fax left (see
``phone_history.triggers``); with none there yet they place one first and play it through in the
same transaction, so a trigger works on an account that has had no traffic.

A trigger changes a setting only where the event needs one the account may not have: access
members of a user's recordings and voicemail (the user's policy, as ``updateUserProfile`` sets it)
and an SMS etiquette policy (as an admin sets it in the web portal); the answer names the change.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable
from typing import Any

from zemu.errors import NotFound
from zemu.services.context import Context, Trigger
from zemu.services.phone import account_settings, model
from zemu.services.phone import users as phone_users
from zemu.services.phone_history import triggers as history
from zemu.sim.phone import engine, fax, plan, sms
from zemu.store import scheduled

Doc = dict[str, Any]
OUTSIDE = "+12025550142"  # a US number outside the account (555-01xx numbers are fictional)
CONSUMER = "+12025550143"  # the consumer whose campaign keywords the opt-in/out triggers send
ABROAD = "+442079460142"  # a UK number: Zoom Phone texts US and Canadian numbers only
TALK = 5.0  # seconds a triggered answered call lasts
ETIQUETTE = {sms.WARN: "zemutriggerwarn", sms.BLOCK: "zemutriggerblock"}  # the keyword of each policy


# the parties ------------------------------------------------------------------------------------
def _users(ctx: Context, count: int) -> list[Doc]:
    """The account's first ``count`` active phone users with an extension (the direct number first)."""
    found = [
        u for u in model.PHONE_USERS.each(ctx.tx, ctx.account_id, {"status": "activate"}) if u.get("extension_number")
    ]
    found.sort(key=lambda u: not u.get("phone_numbers"))
    if len(found) < count:
        raise NotFound(404, f"The account needs {count} phone users with an extension for this trigger.")
    return found[:count]


def _ext(user: Doc) -> str:
    return str(user["extension_number"])


# calls ------------------------------------------------------------------------------------------
def _play(ctx: Context, body: Doc) -> Doc:
    """Place the call so that its last step falls due now (see the module's docstring)."""
    asked = plan.check(ctx, body)
    dry = plan.build(ctx, copy.deepcopy(asked))  # the same call at now, for how long it lasts
    span = engine.steps(dry)[-1][1] - dry["start"]
    asked["at"] = math.floor(ctx.now - span)  # whole seconds, as Zoom's times: the last step is due by now
    call = plan.build(ctx, asked)
    engine.start(ctx, call)
    return {
        **plan.answer(call),
        "played": f"started {span:g} s or so before now: the call and its records have all happened by now",
    }


def _step(at: float, do: str, **more: Any) -> Doc:
    return {"at_seconds": at, "do": do, **more}


def _call(**extra: Any) -> Trigger:
    """A call from the first user to the second (answered unless ``extra`` says otherwise)."""

    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        caller, callee = _users(ctx, 2)
        body = {"from": _ext(caller), "to": _ext(callee), **extra}
        if "steps" not in body:
            body.setdefault("ring_seconds", 2)
            body.setdefault("talk_seconds", TALK)
        return _play(ctx, body)

    return trigger


def _scripted(*middle: Doc) -> Trigger:
    """A call answered at 2 s, then the script's ``middle`` steps, hung up 5 s after the last."""
    last = max(step["at_seconds"] for step in middle)
    return _call(steps=[_step(2, "answer"), *middle, _step(last + 5, "hang_up")])


def _third(build: Callable[[str], list[Doc]]) -> Trigger:
    """A scripted call whose steps name a third user (a transfer's recipient)."""

    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        caller, callee, third = _users(ctx, 3)
        return _play(ctx, {"from": _ext(caller), "to": _ext(callee), "steps": build(_ext(third))})

    return trigger


def _side(event: str) -> str:
    return "caller" if event.startswith("phone.caller_") else "callee"


def _press(event: str, on: str, off: str) -> Trigger:
    """Hold or mute (and let go) by the side the event names."""
    by = _side(event)
    return _scripted(_step(4, on, by=by), _step(6, off, by=by))


def _emergency(ctx: Context, params: dict[str, str]) -> Doc:
    [caller] = _users(ctx, 1)
    return _play(ctx, {"from": _ext(caller), "to": "911", "ring_seconds": 1, "talk_seconds": TALK})


def _shared(block: str, record: bool) -> Trigger:
    """A recorded call (or a voicemail) of a user who shares them with another (``block`` of the
    owner's policy), the access given first if the owner gives it to nobody yet."""

    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        owner, other, member = _users(ctx, 3)
        granted = _grant(ctx, owner, block, member)
        if record:
            body = {"from": _ext(owner), "to": _ext(other), "record": True, "talk_seconds": TALK}
        else:
            body = {"from": _ext(other), "to": _ext(owner), "outcome": "voicemail", "talk_seconds": TALK}
        return {**_play(ctx, body), **granted}

    return trigger


def _grant(ctx: Context, owner: Doc, block: str, member: Doc) -> Doc:
    """Give ``member`` access to ``owner``'s ``block`` (``updateUserProfile``) unless someone has it."""
    if (owner.get("policy") or {}).get(block):
        return {}
    ctx.path, ctx.body = {"userId": owner["id"]}, {"policy": {block: [{"access_user_id": member["id"]}]}}
    phone_users.update_profile(ctx)
    return {"access_given": {"owner_id": owner["id"], "member_id": member["id"], "policy": block}}


# texts and faxes --------------------------------------------------------------------------------
def _text(outbound: bool, message: str, other: str = OUTSIDE) -> Trigger:
    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        [user] = _users(ctx, 1)
        ends = (user["email"], other) if outbound else (other, user["email"])
        return sms.send(ctx, {"from": ends[0], "to": ends[1], "message": message})

    return trigger


def _etiquette(action: int) -> Trigger:
    """A text that trips an etiquette policy of ``action``, the policy added first if missing."""

    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        added = _etiquette_policy(ctx, action)
        return {**_text(True, f"about {ETIQUETTE[action]}")(ctx, params), **added}

    return trigger


def _etiquette_policy(ctx: Context, action: int) -> Doc:
    doc = account_settings.overrides(ctx.tx, ctx.account_id)
    tree = account_settings.settings_tree(ctx.tx, ctx.account_id)
    tool = copy.deepcopy(tree.get("sms_etiquette_tool") or {})
    policies = tool.setdefault("sms_etiquette_policy", [])
    name = f"zemu trigger: {'block' if action == sms.BLOCK else 'warn'}"
    if tool.get("enable") and any(p.get("name") == name and p.get("active") is not False for p in policies):
        return {}
    policies[:] = [p for p in policies if p.get("name") != name]
    policy = {"id": ctx.ids.uid(), "name": name, "rule": sms.KEYWORDS, "content": ETIQUETTE[action]}
    policies.append({**policy, "action": action, "active": True})
    doc["settings"]["sms_etiquette_tool"] = {**tool, "enable": True}
    account_settings.save_overrides(ctx.tx, ctx.account_id, doc)
    return {"etiquette_policy_added": name}


def _fax(outbound: bool) -> Trigger:
    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        [user] = _users(ctx, 1)
        ends = (user["email"], OUTSIDE) if outbound else (OUTSIDE, user["email"])
        return fax.send(ctx, {"from": ends[0], "to": ends[1], "pages": 1})

    return trigger


# history deletes --------------------------------------------------------------------------------
def _settle(ctx: Context) -> None:
    """Perform, in this transaction, the work due by now: what the trigger's route would play right
    after it answers, needed here by a trigger that acts on what a call it placed leaves behind."""
    from zemu.products import JOBS  # the products' jobs; zemu.products imports this module

    while (job := scheduled.claim_next(ctx.tx, ctx.now)) is not None:
        JOBS[job.kind](dataclasses.replace(ctx, now=job.due_at), job.body)
        scheduled.finish(ctx.tx, job.id)


def _or_make(make: Trigger, delete: Trigger) -> Trigger:
    """``delete``; with nothing to delete yet, ``make`` it first (played through), then delete it."""

    def trigger(ctx: Context, params: dict[str, str]) -> Doc:
        try:
            return delete(ctx, params)
        except NotFound:
            made = make(ctx, params)
            _settle(ctx)
            return {**delete(ctx, params), "made_first": made}

    return trigger


# the table --------------------------------------------------------------------------------------
def _warm(to: str) -> list[Doc]:
    return [_step(2, "answer"), _step(4, "warm_transfer", to=to)]


ANSWERED = _call()
BLIND = _third(
    lambda to: [_step(2, "answer"), _step(4, "blind_transfer", to=to), _step(6, "answer"), _step(8, "hang_up")]
)
RECORDED = _call(record=True)
SIDED = ("caller", "callee")
TRIGGERS: dict[str, Trigger] = {
    **{
        f"phone.{side}_{what}": ANSWERED
        for side in SIDED
        for what in ("ringing", "ended", "call_log_completed", "call_history_completed", "call_element_completed")
    },
    "phone.callee_answered": ANSWERED,
    "phone.caller_connected": ANSWERED,
    "phone.callee_missed": _call(outcome="missed", ring_seconds=5),
    "phone.callee_rejected": _call(outcome="rejected", ring_seconds=2),
    **{f"phone.{side}_hold": _press(f"phone.{side}_hold", "hold", "unhold") for side in SIDED},
    **{f"phone.{side}_unhold": _press(f"phone.{side}_unhold", "hold", "unhold") for side in SIDED},
    **{f"phone.{side}_mute": _press(f"phone.{side}_mute", "mute", "unmute") for side in SIDED},
    **{f"phone.{side}_unmute": _press(f"phone.{side}_unmute", "mute", "unmute") for side in SIDED},
    **{f"phone.{side}_meeting_inviting": _scripted(_step(4, "elevate", by=side)) for side in SIDED},
    "phone.callee_parked": _scripted(_step(4, "park")),
    "phone.conference_started": _scripted(_step(4, "conference", to=OUTSIDE)),
    "phone.recording_started": RECORDED,
    "phone.recording_stopped": RECORDED,
    "phone.recording_completed": RECORDED,
    "phone.recording_transcript_completed": _call(record=True, transcribe=True),
    "phone.recording_paused": _scripted(_step(3, "record"), _step(5, "pause"), _step(7, "resume")),
    "phone.recording_resumed": _scripted(_step(3, "record"), _step(5, "pause"), _step(7, "resume")),
    "phone.recording_failed": _scripted(_step(3, "record"), _step(5, "fail_recording")),
    "phone.recording_completed_for_access_member": _shared("ad_hoc_call_recording_access_members", record=True),
    "phone.voicemail_received": _call(outcome="voicemail", ring_seconds=2),
    "phone.voicemail_transcript_completed": _call(outcome="voicemail", ring_seconds=2, transcribe=True),
    "phone.voicemail_received_for_access_member": _shared("voicemail_access_members", record=False),
    "phone.ai_call_summary_changed": _call(ai_summary=True),
    "phone.emergency_alert": _emergency,
    "phone.blind_transfer_initiated": BLIND,
    "phone.transfer_recipient_updated": BLIND,
    "phone.warm_transfer_initiated": _third(lambda to: [*_warm(to), _step(6, "cancel_transfer"), _step(8, "hang_up")]),
    "phone.warm_transfer_cancelled": _third(lambda to: [*_warm(to), _step(6, "cancel_transfer"), _step(8, "hang_up")]),
    "phone.warm_transfer_completed": _third(
        lambda to: [*_warm(to), _step(6, "complete_transfer"), _step(8, "hang_up")]
    ),
    "phone.transfer_call_to_voicemail_initiated": _third(
        lambda to: [_step(2, "answer"), _step(4, "transfer_to_voicemail", to=to, seconds=3)]
    ),
    "phone.sms_sent": _text(True, "Hello from zemu"),
    "phone.sms_received": _text(False, "Hello to zemu"),
    "phone.sms_sent_failed": _text(True, "Hello abroad", ABROAD),
    "phone.sms_etiquette_warn": _etiquette(sms.WARN),
    "phone.sms_etiquette_block": _etiquette(sms.BLOCK),
    "phone.sms_campaign_number_opt_out": _text(False, "STOP", CONSUMER),
    "phone.sms_campaign_number_opt_in": _text(False, "START", CONSUMER),
    "phone.fax_sent": _fax(True),
    "phone.fax_received": _fax(False),
}
MAKERS: dict[str, Trigger] = {
    "recording": RECORDED,
    "voicemail": _call(outcome="voicemail", ring_seconds=2),
    "call": ANSWERED,
    "fax": _fax(True),
}
TRIGGERS |= {
    event: _or_make(MAKERS[event.removeprefix("phone.").split("_")[0]], delete)
    for event, delete in history.TRIGGERS.items()
}
