"""Placing a call: the request checked, its parties resolved and every id it will create made up
front, so the answer names them and every later step and record reuses them.

The call is one document (``CALLS``) that the scheduled steps read: its parties, its outcome
and timings, the ids of its history, elements, logs, recording and voicemail.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.resource import Collection
from zemu.sim.clock import zulu
from zemu.sim.phone import access, blocking, handling, parties, routing, script
from zemu.sim.phone.outcomes import OUTCOMES
from zemu.sim.phone.parties import refused

Doc = dict[str, Any]
CALLS = Collection("sim_phone_call", sort=lambda d: d["id"])

DEFAULT_RING = {"answered": 6.0, "missed": 30.0, "rejected": 4.0, "busy": 1.0, "voicemail": 20.0}
DEFAULT_TALK = {"answered": 60.0, "voicemail": 20.0}
LONGEST = 24 * 3600.0
FIELDS = {
    "from",
    "to",
    "outcome",
    "ring_seconds",
    "talk_seconds",
    "record",
    "at",
    "transcribe",
    "ai_summary",
    "steps",
    "keys",
    "forwarded_outcome",
}
FORWARDED_OUTCOMES = ("answered", "missed", "rejected", "voicemail")
ROUTED = (parties.CALL_QUEUE, parties.AUTO_RECEPTIONIST)


def _seconds(body: Doc, name: str, default: float) -> float:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= LONGEST:
        raise refused(f"{name} must be a number of seconds from 0 to {int(LONGEST)}.")
    return float(value)


def _flag(body: Doc, name: str) -> bool | None:
    value = body.get(name)
    if value is not None and not isinstance(value, bool):
        raise refused(f"{name} must be true or false.")
    return value


def check(ctx: Context, body: Any) -> Doc:
    """The placed call's model, or Zoom's 400 with nothing changed."""
    body = parties.asked(body, set(FIELDS))
    if "steps" in body:
        clash = sorted({"outcome", "record", "ring_seconds", "talk_seconds"} & set(body))
        if clash:
            raise refused(f"{clash[0]} cannot be given with steps: the steps say what happens.")
    outcome = body.get("outcome", "answered")
    if outcome not in OUTCOMES:
        raise refused(f"outcome must be one of {', '.join(OUTCOMES)}.")
    caller = parties.resolve(ctx.tx, ctx.account_id, body.get("from"), "from")
    callee = parties.resolve(ctx.tx, ctx.account_id, body.get("to"), "to")
    if not caller["internal"] and not callee["internal"]:
        raise refused("from or to must be a party of the account.")
    if caller.get("id") and caller.get("id") == callee.get("id"):
        raise refused("from and to must be different parties.")
    if callee.get("emergency") and not caller["internal"]:
        raise refused("an emergency call is made from a party of the account.")
    if caller["kind"] in ROUTED:
        raise refused("from must be a user, a common area or an outside number.")
    if outcome == "voicemail" and callee["kind"] not in (parties.USER, *ROUTED):
        raise refused("outcome voicemail needs a user's mailbox as to.")
    record = _flag(body, "record") or False
    if record and outcome != "answered":
        raise refused("record needs an answered call.")
    ring = _seconds(body, "ring_seconds", DEFAULT_RING[outcome])
    declined = outcome == "rejected"
    at = parties.when(body, ctx.now)
    later = body.get("forwarded_outcome", "answered")
    if later not in FORWARDED_OUTCOMES:
        raise refused(f"forwarded_outcome must be one of {', '.join(FORWARDED_OUTCOMES)}.")
    forward = None
    handled = handling.unanswered(ctx.tx, callee, at, outcome) if outcome in handling.REASONS else None
    if handled is not None and "steps" not in body:
        # the callee's own call handling takes the call they do not answer, reject or cannot take
        if handled["own"] and outcome == "missed":
            if "ring_seconds" in body and ring < handled["ring"]:
                handled = {"action": "gave_up"}  # the caller hangs up before the phones stop ringing
                outcome = "canceled"
            ring = min(ring, handled.get("ring", ring)) if "ring_seconds" in body else handled["ring"]
        if handled["action"] == "forward_to_voicemail":
            outcome = "voicemail"  # the callee's mailbox takes the call (§7.5, §7.7)
        elif "target" in handled:
            forward = {
                "target": handled["target"],
                "reason": handling.REASONS[outcome],
                "outcome": later,
                "ring": DEFAULT_RING[later],
                "talk": _seconds(body, "talk_seconds", DEFAULT_TALK.get(later, 0.0)),
            }
    talk = _seconds(body, "talk_seconds", DEFAULT_TALK.get(outcome, 0.0))
    if outcome == "voicemail" and talk < 1:
        raise refused("a voicemail needs talk_seconds of at least 1.")
    along = handling.also_ringing(ctx.tx, callee, at) if "steps" not in body and outcome != "busy" else []
    if blocking.blocked(ctx.tx, ctx.account_id, caller, callee):
        outcome, ring, talk, record, forward, along = "blocked", 0.0, 0.0, False, None, []
    return {
        "outcome": outcome,
        "caller": caller,
        "callee": callee,
        "ring": ring,
        "steps": body.get("steps"),
        "keys": routing.check_keys(body.get("keys")),
        "talk": talk if outcome in DEFAULT_TALK else 0.0,
        "record": record,
        "at": at,
        "transcribe": _flag(body, "transcribe"),
        "ai_summary": _flag(body, "ai_summary") or False,
        "declined": declined,
        "busy": body.get("outcome") == "busy",
        "forward": forward,
        "along": along,
    }


def history_id(ctx: Context, at: float) -> str:
    """Zoom's call history and element ids: the day, then a UUID."""
    return zulu(at)[:10].replace("-", "") + "-" + ctx.ids.uuid()


def _policy(party: Doc, block: str) -> Doc:
    value = (party.get("policy") or {}).get(block)
    return value if isinstance(value, dict) else {}


def _auto_recorded(owner: Doc, direction: str) -> bool:
    policy = _policy(owner, "auto_call_recording")
    calls = policy.get("recording_calls", "inbound_and_outbound")
    return bool(policy.get("enable")) and calls in ("inbound_and_outbound", "both", direction)


def build(ctx: Context, asked: Doc) -> Doc:
    """Every id and time of the call, from the checked request."""
    if asked["steps"] is not None and asked["outcome"] != "blocked":
        return _scripted(ctx, asked)
    caller, callee, outcome = asked["caller"], asked["callee"], asked["outcome"]
    start = asked["at"]
    answered = outcome == "answered"
    answer_at = start + asked["ring"] if answered else None
    end = start + asked["ring"] + asked["talk"]
    legs = {
        side: {"element_id": history_id(ctx, start), "log_id": ctx.ids.uuid()}
        for side, party in (("caller", caller), ("callee", callee))
        if party["internal"]
    }
    own = caller if caller["internal"] else callee
    call: Doc = {
        "id": "",
        "account_id": own.get("account_id") or ctx.account_id,
        "outcome": outcome,
        "caller": caller,
        "callee": callee,
        "start": start,
        "answer": answer_at,
        "end": end,
        "ring": asked["ring"],
        "talk": asked["talk"],
        "history_id": history_id(ctx, start),
        "legs": legs,
        "recording": None,
        "voicemail": None,
        "ai_summary": None,
        "declined": asked.get("declined", False),
        "busy": asked.get("busy", False),
    }
    call["id"] = call["call_id"] = ctx.ids.digits(19)
    if callee["internal"] and callee["account_id"] != call["account_id"]:  # a call between two accounts
        call["history_ids"] = {call["account_id"]: call["history_id"], callee["account_id"]: history_id(ctx, start)}
    owner_side = "caller" if caller["internal"] else "callee"
    owner = call[owner_side]
    direction = "outbound" if owner_side == "caller" else "inbound"
    automatic = answered and _auto_recorded(owner, direction)
    if answered and (asked["record"] or automatic) and asked["talk"] >= 1:
        block = "auto_call_recording" if automatic and not asked["record"] else "ad_hoc_call_recording"
        transcribe = asked["transcribe"]
        call["recording"] = {
            "id": ctx.ids.hex32(),
            "file_id": ctx.ids.hex32(),
            "owner": owner_side,
            "type": "Automatic" if block == "auto_call_recording" else "OnDemand",
            "start": answer_at,
            "duration": asked["talk"],
            "channel_id": ctx.ids.uuid(),
            "sip_id": ctx.ids.hex32(),
            "transcribe": bool(_policy(owner, block).get("recording_transcription"))
            if transcribe is None
            else transcribe,
            "access_members": access.of_recording(ctx.tx, owner, block),
        }
    if outcome == "voicemail":
        transcribe = asked["transcribe"]
        call["voicemail"] = {
            "id": ctx.ids.hex32(),
            "file_id": ctx.ids.hex32(),
            "start": start + asked["ring"],
            "duration": asked["talk"],
            "access_members": access.of_mailbox(ctx.tx, callee),
            "transcribe": bool(_policy(callee, "voicemail_transcription").get("enable"))
            if transcribe is None
            else transcribe,
        }
    if asked["ai_summary"] and answered and (owner["kind"] == parties.USER or callee["kind"] in ROUTED):
        call["ai_summary"] = {"id": ctx.ids.uid(), "owner": owner_side}
    if callee["kind"] in ROUTED and outcome != "blocked" and asked.get("route", True):
        routing.route(ctx, call, asked)
    elif asked.get("forward"):
        routing.forward(ctx, call, asked)
    elif asked.get("along") and outcome != "canceled":
        routing.ring_along(ctx, call, asked)
    return call


def _scripted(ctx: Context, asked: Doc) -> Doc:
    """A call whose script says what happens: played through now, so its figures and ids are known."""
    call = build(
        ctx,
        {
            **asked,
            "steps": None,
            "outcome": "missed",
            "ring": 0.0,
            "talk": 0.0,
            "record": False,
            "ai_summary": False,
            "route": False,
        },
    )
    call["answer"] = None
    sent, done = _script_forward(ctx, call, script.check_list(asked["steps"]))
    if call["callee"]["kind"] in ROUTED:
        routing.scripted(ctx, call, asked, asked["steps"])
    elif sent is not None:
        routing.scripted(ctx, call, asked, asked["steps"], sent, done)
    else:
        script.play(ctx, call, asked["steps"], _script_handling(ctx, call))
    for made in (call["recording"], call["voicemail"]):
        if made is not None and asked["transcribe"]:
            made["transcribe"] = True
    owner_side = "caller" if call["caller"]["internal"] else "callee"
    if asked["ai_summary"] and call["answer"] is not None and call[owner_side]["kind"] == parties.USER:
        call["ai_summary"] = {"id": ctx.ids.uid(), "owner": owner_side}
    return call


def _script_forward(ctx: Context, call: Doc, steps: list[Any]) -> tuple[Doc | None, int]:
    """Whether the callee's call handling sends a scripted call on, as it does a call with an
    outcome: nobody answers (or the caller hangs up) by the end of their ring time, or the callee
    rejects the call first. Answers what ``routing.forward`` takes, with the number of steps the
    forward plays (a reject), or None when the script plays as written."""
    found = handling.unanswered(ctx.tx, call["callee"], call["start"], "missed")
    if found is None or not found["own"] or "target" not in found:
        return None, 0
    seconds, action = script.checked(steps[0], 1, 0.0)
    if seconds <= found["ring"] and action in ("answer", "hang_up"):
        return None, 0  # someone took the call, or the caller left, while it rang
    rejected = seconds <= found["ring"] and action == "reject" and steps[0].get("by") in (None, "callee")
    if seconds <= found["ring"] and not rejected:
        return None, 0  # the script does something else first: it plays (and is checked) as written
    # the user's phones ring until the forward: their ring time, or the reject
    call["ring"] = seconds if rejected else found["ring"]
    sent = {"target": found["target"], "reason": "Rejected" if rejected else "No Answer", "outcome": "missed"}
    return {**sent, "ring": routing.UNANSWERED_RING, "talk": 0.0}, int(rejected)


def _script_handling(ctx: Context, call: Doc) -> Doc | None:
    """When a scripted call's callee stops ringing by their own call handling, and whether the
    call then goes to their mailbox or ends (a forward plays as a route: ``_script_forward``)."""
    found = handling.unanswered(ctx.tx, call["callee"], call["start"], "missed")
    if found is None or found["action"] in handling.FORWARDS:
        return None
    action = "forward_to_voicemail" if found["action"] == "forward_to_voicemail" else "disconnect"
    return {"at": call["start"] + found["ring"], "action": action}


def answer(call: Doc) -> Doc:
    """What ``POST /zemu/phone/calls`` answers: the ids the call will leave behind."""
    out: Doc = {
        "call_id": call["call_id"],
        "call_history_id": call["history_id"],
        "outcome": call["outcome"],
        "starts_at": zulu(call["start"]),
        "ends_at": zulu(call["end"]),
        "call_element_ids": {side: leg["element_id"] for side, leg in call["legs"].items()},
        "call_log_ids": {side: leg["log_id"] for side, leg in call["legs"].items()},
    }
    if call["recording"]:
        out["recording_id"] = call["recording"]["id"]
    if call["voicemail"]:
        out["voicemail_id"] = call["voicemail"]["id"]
    if call["ai_summary"]:
        out["ai_call_summary_id"] = call["ai_summary"]["id"]
    if call.get("history_ids"):  # each account files the call under its own id
        out["call_history_ids"] = dict(call["history_ids"])
    return out
