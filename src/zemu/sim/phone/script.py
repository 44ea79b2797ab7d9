"""A call played from a script of steps (``steps: [{"at_seconds", "do", "by", "to"?}]``).

The script is checked and played through once when the call is placed, so a step that makes no
sense (hold before anyone answered, resume a recording that was never paused) is refused with
nothing changed. Playing it yields, for each step, the events that happen at its time (in the
order of phone-events.md §7.9–7.16) and the figures the records need: answer and end times,
held seconds, the recorded time, a voicemail, the party a transfer ended with.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.sim.clock import zulu
from zemu.sim.phone import access, parties
from zemu.sim.phone import documents as d
from zemu.sim.phone.live import live_model
from zemu.sim.phone.parties import refused

Doc = dict[str, Any]
ALIASES = {
    "pick_up": "retrieve",
    "hangup": "hang_up",
    "pause": "pause_recording",
    "resume": "resume_recording",
    "stop": "stop_recording",
    "unpark": "hang_up",
    "elevate_to_meeting": "elevate",
    "meeting": "elevate",
    "add_party": "conference",
}
ACTIONS = (
    "answer",
    "reject",
    "hold",
    "unhold",
    "mute",
    "unmute",
    "record",
    "pause_recording",
    "resume_recording",
    "stop_recording",
    "hang_up",
    "park",
    "blind_transfer",
    "warm_transfer",
    "complete_transfer",
    "cancel_transfer",
    "transfer_to_voicemail",
    "conference",
    "elevate",
    "retrieve",
    "fail_recording",
    "press",
)
WITH_TARGET = ("blind_transfer", "warm_transfer", "conference")
DEFAULT_MESSAGE = 15.0
MOST_STEPS = 100


def checked(step: Any, number: int, last: float) -> tuple[float, str]:
    """Step ``number``'s time (seconds after the call starts, not before ``last``) and action."""
    if not isinstance(step, dict):
        raise refused(f"steps[{number}] must be an object.")
    seconds = step.get("at_seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not last <= seconds <= 86400:
        raise refused(f"steps[{number}].at_seconds must be a number of seconds, not before the step before.")
    action = ALIASES.get(str(step.get("do", "")), str(step.get("do", "")))
    if action not in ACTIONS:
        raise refused(f"steps[{number}].do must be one of {', '.join(ACTIONS)}.")
    return float(seconds), action


def check_list(steps: Any) -> list[Any]:
    if not isinstance(steps, list) or not 1 <= len(steps) <= MOST_STEPS:
        raise refused(f"steps must be a list of 1 to {MOST_STEPS} steps.")
    return steps


class Play:
    """The state of a call while its script is played through."""

    def __init__(self, ctx: Context, call: Doc) -> None:
        self.ctx = ctx
        self.call = call
        self.callee = "callee"  # the side now at the far end (a transfer moves it)
        self.callee_call_id = call["call_id"]
        self.answered = False
        self.ended = False
        self.held: dict[str, float] = {}
        self.hold_total = 0.0
        self.muted: set[str] = set()
        self.recording: Doc | None = None  # {"state": on|paused|stopped, "since", "total"}
        self.consult: Doc | None = None
        self.parked = False
        self.steps: list[Doc] = []
        # the callee's call handling: when their phones stop ringing and what happens then
        self.handling: Doc | None = None
        self.stopped_ringing: float | None = None  # when the call handling ended an unanswered call
        self.message_from: float | None = None  # the caller is leaving a voicemail since then

    # emitting -----------------------------------------------------------------------------
    def model(self, at: float, **extra: Any) -> Doc:
        call = {**self.call, "callee": self.call[self.callee], "end": at}
        model = live_model(call)
        model.pop("call_end_time", None)
        return {**model, "date_time": zulu(at), **extra}

    def leg(self, at: float, event: str, model: Doc, side: str | None = None) -> None:
        """A live event of ``side``'s leg (default: the side the event's name says)."""
        side = side or ("caller" if event.startswith("phone.caller_") else self.callee)
        party = self.call[side]
        if party["internal"]:
            call_id = self.callee_call_id if side == self.callee else self.call["call_id"]
            self.emit(at, event, party, {**model, "call_id": call_id})

    def emit(self, at: float, event: str, party: Doc, model: Doc) -> None:
        if not self.steps or self.steps[-1]["at"] != at:
            self.steps.append({"at": at, "emits": []})
        self.steps[-1]["emits"].append([event, party["account_id"], model])

    def owner(self, side: str) -> Doc:
        return d.owner_ref(self.call[side])

    def side_of(self, step: Doc, default: str) -> str:
        by = step.get("by")
        if by is None:
            return default
        if by == "caller":
            return "caller"
        if by == "callee":
            return self.callee
        party = parties.resolve(self.ctx.tx, self.ctx.account_id, by, "by")
        for side in ("caller", self.callee):
            if party.get("id") and party.get("id") == self.call[side].get("id"):
                return side
        raise refused(f"by must name the caller or the callee: {by}.")

    # the steps ------------------------------------------------------------------------------
    def run(self, steps: list[Any], done: int = 0) -> None:
        """Play ``steps`` from the one after the first ``done`` (a route already played those)."""
        last = 0.0
        start = self.call["start"]
        for number, step in enumerate(steps, 1):
            last, action = checked(step, number, last)
            if number <= done:
                continue
            self._unanswered_by(start + last)
            if self.ended and action == "hang_up" and self.stopped_ringing is not None:
                continue  # the caller waited on: the call handling had ended the call already
            if self.ended:
                raise refused(f"steps[{number}]: the call has already ended{self._why_ended()}.")
            if self.message_from is not None and action != "hang_up":
                raise refused(f"steps[{number}]: nobody answered in time and the caller is leaving a voicemail.")
            try:
                getattr(self, action)(start + last, step)
            except KeyError as missing:
                raise refused(f"steps[{number}] needs {missing.args[0]}.") from None
            except ValueError as problem:
                raise refused(f"steps[{number}] ({action}): {problem}") from None
        if not self.ended:  # the script stops: the caller hangs up then
            self.hang_up(start + last, {"by": "caller"})

    def _unanswered_by(self, at: float) -> None:
        """Nobody answered before the callee's phones stopped ringing (their call handling's
        ring time): the call goes to their mailbox, or ends."""
        found = self.handling
        if found is None or self.answered or self.ended or self.callee != "callee" or at <= found["at"]:
            return
        self.handling = None
        stop = found["at"]
        model = {**self.model(stop), "call_end_time": zulu(stop)}
        self.leg(stop, "phone.callee_missed", {**model, "handup_result": "No Answer"})
        if found["action"] == "forward_to_voicemail":
            self.message_from = stop
            return
        self.leg(stop, "phone.caller_ended", {**model, "handup_result": "Call Cancel"})
        self._end(stop, "missed")
        self.stopped_ringing = stop

    def _why_ended(self) -> str:
        if self.stopped_ringing is None:
            return ""
        seconds = round(self.stopped_ringing - self.call["start"])
        return f": nobody answered in the callee's ring time ({seconds} s), and their call handling ends the call then"

    def _message_ends(self, at: float) -> None:
        """The caller hangs up after leaving a message in the callee's mailbox (§7.7)."""
        start = self.message_from or at
        self.message_from = None
        seconds = at - start
        handup = "Voicemail" if seconds >= 1 else "Call Cancel"  # hung up at the tone: no message
        self.leg(at, "phone.caller_ended", {**self.model(at), "call_end_time": zulu(at), "handup_result": handup})
        if seconds >= 1:
            self.call["voicemail"] = {
                "id": self.ctx.ids.hex32(),
                "file_id": self.ctx.ids.hex32(),
                "start": start,
                "duration": seconds,
                "access_members": access.of_mailbox(self.ctx.tx, self.call["callee"]),
                "transcribe": False,
                "mailbox": "callee",
            }
        self._end(at, "voicemail" if seconds >= 1 else "missed")

    def press(self, at: float, step: Doc) -> None:
        raise ValueError("keys are pressed while an auto receptionist plays its menu, before anyone answers.")

    def _live(self) -> None:
        if not self.answered:
            raise ValueError("nobody has answered yet.")
        if self.consult is not None:
            raise ValueError("a warm transfer is waiting to be completed or cancelled.")

    def _internal(self, side: str) -> None:
        if not self.call[side]["internal"]:
            raise ValueError("only a party of the account can do this.")

    def answer(self, at: float, step: Doc) -> None:
        if self.answered:
            raise ValueError("the call is already answered.")
        if self.side_of(step, self.callee) != self.callee:
            raise ValueError("the callee answers.")
        self.answered = True
        if self.call["answer"] is None:
            self.call["answer"] = at
        model = self.model(at, answer_start_time=zulu(at), connected_start_time=zulu(at))
        self.leg(at, "phone.callee_answered", model)
        if self.callee == "callee":
            self.leg(at, "phone.caller_connected", model)

    def reject(self, at: float, step: Doc) -> None:
        if self.answered:
            raise ValueError("an answered call is hung up, not rejected.")
        if self.side_of(step, self.callee) != self.callee:
            raise ValueError("the callee rejects.")
        ended = {**self.model(at), "call_end_time": zulu(at)}
        self.leg(at, "phone.callee_rejected", {**ended, "handup_result": "Rejected"})
        found = self.handling
        if found is not None and found["action"] == "forward_to_voicemail" and self.callee == "callee":
            self.handling, self.message_from = None, at  # their call handling takes it to the mailbox (§7.5)
            return
        self.leg(at, "phone.caller_ended", {**ended, "handup_result": "Call Cancel"})
        self._end(at, "rejected")

    def hold(self, at: float, step: Doc) -> None:
        self._press(at, step, "hold", self.held, on=True)

    def unhold(self, at: float, step: Doc) -> None:
        self._press(at, step, "hold", self.held, on=False)

    def mute(self, at: float, step: Doc) -> None:
        self._press(at, step, "mute", self.muted, on=True)

    def unmute(self, at: float, step: Doc) -> None:
        self._press(at, step, "mute", self.muted, on=False)

    def _press(self, at: float, step: Doc, what: str, pressed: Any, *, on: bool) -> None:
        self._live()
        side = self.side_of(step, self.callee)
        self._internal(side)
        if (side in pressed) == on:
            raise ValueError(f"the {side} is {'already' if on else 'not'} on {what}.")
        if what == "hold" and on:
            self.held[side] = at
        elif what == "hold":
            self.hold_total += at - self.held.pop(side)
        elif on:
            self.muted.add(side)
        else:
            self.muted.discard(side)
        name = ("caller" if side == "caller" else "callee") + "_" + ("" if on else "un") + what
        self.leg(at, f"phone.{name}", self.model(at), side)

    # recording --------------------------------------------------------------------------
    def _recording_event(self, at: float, event: str) -> None:
        rec = self.call["recording"]
        model = {**d.live_recording({**self.call, "callee": self.call[self.callee]}), "date_time": zulu(at)}
        self.emit(at, event, self.call[rec["owner"]], model)

    def record(self, at: float, step: Doc) -> None:
        self._live()
        side = self.side_of(step, "caller" if self.call["caller"]["internal"] else "callee")
        self._internal(side)
        if self.recording is not None:
            raise ValueError("the call is already recorded (one recording per call).")
        self.call["recording"] = {
            "id": self.ctx.ids.hex32(),
            "file_id": self.ctx.ids.hex32(),
            "owner": side,
            "type": "OnDemand",
            "start": at,
            "duration": 0.0,
            "channel_id": self.ctx.ids.uuid(),
            "sip_id": self.ctx.ids.hex32(),
            "transcribe": False,
            "access_members": access.of_recording(self.ctx.tx, self.call[side], "ad_hoc_call_recording"),
        }
        self.recording = {"state": "on", "since": at, "total": 0.0}
        self._recording_event(at, "phone.recording_started")

    def pause_recording(self, at: float, step: Doc) -> None:
        self._recording_to(at, "on", "paused", "phone.recording_paused")

    def resume_recording(self, at: float, step: Doc) -> None:
        self._recording_to(at, "paused", "on", "phone.recording_resumed")

    def stop_recording(self, at: float, step: Doc) -> None:
        if self.recording is None or self.recording["state"] == "stopped":
            raise ValueError("nothing is being recorded.")
        self._recording_to(at, self.recording["state"], "stopped", "phone.recording_stopped")

    def _recording_to(self, at: float, was: str, now: str, event: str) -> None:
        if self.recording is None or self.recording["state"] != was:
            raise ValueError(f"the recording is not {was}.")
        if was == "on":
            self.recording["total"] += at - self.recording["since"]
        self.recording.update(state=now, since=at)
        self._recording_event(at, event)

    def fail_recording(self, at: float, step: Doc) -> None:
        """The recording fails (§7.10): what was recorded is kept; with the owner's
        disconnect-on-failure policy the call ends there."""
        if self.recording is None or self.recording["state"] == "stopped":
            raise ValueError("nothing is being recorded.")
        if self.recording["state"] == "on":
            self.recording["total"] += at - self.recording["since"]
        self.recording.update(state="stopped", since=at)
        self._recording_event(at, "phone.recording_failed")
        owner = self.call[self.call["recording"]["owner"]]
        policy = (owner.get("policy") or {}).get("ad_hoc_call_recording") or {}
        if policy.get("disconnect_on_recording_failure") is True:
            self.hang_up(at, {"by": "caller"})

    # ending ------------------------------------------------------------------------------
    def hang_up(self, at: float, step: Doc) -> None:
        side = self.side_of(step, "caller")
        if self.message_from is not None:
            if side != "caller":
                raise ValueError("the caller is leaving a voicemail; only the caller hangs up.")
            self._message_ends(at)
            return
        if self.consult is not None:
            raise ValueError("a warm transfer is waiting to be completed or cancelled.")
        if not self.answered:
            if side != "caller":
                raise ValueError("the callee declines a ringing call with reject.")
            model = {**self.model(at), "call_end_time": zulu(at)}
            self.leg(at, "phone.callee_missed", {**model, "handup_result": "Call Cancel"})
            self.leg(at, "phone.caller_ended", {**model, "handup_result": "Call Cancel"})
            self._end(at, "missed")
            return
        self._stop_recording_at_end(at)
        model = {
            **self.model(at, answer_start_time=zulu(self.call["answer"])),
            "call_end_time": zulu(at),
            "handup_result": "Call connected",
        }
        order = [side, "callee" if side == "caller" else "caller"]
        for who in order:
            if who == "caller":
                self.leg(at, "phone.caller_ended", model, "caller")
            elif not self.parked:
                self.leg(at, "phone.callee_ended", model, self.callee)
        self._end(at, "answered")

    def _stop_recording_at_end(self, at: float) -> None:
        if self.recording is not None and self.recording["state"] != "stopped":
            self.stop_recording(at, {})

    def _end(self, at: float, outcome: str) -> None:
        for side in list(self.held):
            self.hold_total += at - self.held.pop(side)
        self.ended = True
        self.call["end"] = at
        self.call["outcome"] = outcome
        if self.call["answer"] is not None:
            self.call["talk"] = at - self.call["answer"]
        if self.recording is not None:
            self.call["recording"]["duration"] = self.recording["total"]

    def park(self, at: float, step: Doc) -> None:
        self._live()
        side = self.side_of(step, self.callee)
        if side == "caller" or self.parked:
            raise ValueError("the callee parks the call, once.")
        self._internal(side)
        code = f"*8{self.ctx.ids.number(10, 99)}"
        self.leg(at, "phone.callee_parked", self.model(at, park_code=code, park_failure_reason="Park successfully."))
        self.leg(
            at,
            "phone.callee_ended",
            {
                **self.model(at, answer_start_time=zulu(self.call["answer"])),
                "call_end_time": zulu(at),
                "handup_result": "Call connected",
            },
        )
        self.parked = True
        self.call["parked"] = {"at": at, "code": code}

    def retrieve(self, at: float, step: Doc) -> None:
        """Someone picks the parked call up (``by`` names them): no live event, only records (§7.14)."""
        if not self.parked or self.callee != "callee":
            raise ValueError("only a parked call is retrieved.")
        picker = parties.resolve(self.ctx.tx, self.ctx.account_id, step["by"], "by")
        if not picker["internal"] or picker.get("id") == self.call["caller"].get("id"):
            raise ValueError("a party of the account other than the caller picks the call up.")
        self.parked = False
        self._hand_over(at, picker, "park_pick_up")

    # transfers, conference, meeting --------------------------------------------------------
    def _target(self, step: Doc) -> Doc:
        return parties.resolve(self.ctx.tx, self.ctx.account_id, step["to"], "to")

    def _transfer(self, at: float, step: Doc, event: str, target: Doc, **extra: Any) -> None:
        owner_side = self.side_of(step, self.callee)
        self._internal(owner_side)
        self.emit(
            at,
            event,
            self.call[owner_side],
            {
                "call_id": self.call["call_id"],
                "date_time": zulu(at),
                "transfer_phone_number": target["phone_number"],
                "owner": self.owner(owner_side),
                "failure_reason": "",
                **extra,
            },
        )

    def _recipient_updated(self, at: float, owner_side: str, target: Doc) -> None:
        self.emit(
            at,
            "phone.transfer_recipient_updated",
            self.call[owner_side],
            {
                "call_id": self.call["call_id"],
                "date_time": zulu(at),
                "owner": self.owner(owner_side),
                "failure_reason": "",
                "recipient": {
                    k: target.get(k) for k in ("name", "extension_number", "phone_number", "connection_type")
                },
            },
        )

    def _hand_over(self, at: float, target: Doc, kind: str) -> None:
        """The far end becomes ``target``: it leaves its records as the transfer's recipient."""
        self.call["recipient"] = target
        self.call["transfer"] = {"kind": kind, "at": at, "by": self.callee}
        if target["internal"]:
            self.call["legs"]["recipient"] = {"element_id": self._element_id(at), "log_id": self.ctx.ids.uuid()}
        self.callee = "recipient"

    def _element_id(self, at: float) -> str:
        return zulu(at)[:10].replace("-", "") + "-" + self.ctx.ids.uuid()

    def blind_transfer(self, at: float, step: Doc) -> None:
        self._live()
        if self.callee != "callee":
            raise ValueError("the call was already transferred.")
        target = self._target(step)
        owner_side = self.side_of(step, self.callee)
        self._transfer(at, step, "phone.blind_transfer_initiated", target)
        self._recipient_updated(at, owner_side, target)
        self._stop_recording_at_end(at)
        self.leg(
            at,
            "phone.callee_ended",
            {
                **self.model(at, answer_start_time=zulu(self.call["answer"])),
                "call_end_time": zulu(at),
                "handup_result": "Call connected",
            },
        )
        self._hand_over(at, target, "direct_transfer")
        self.answered = False
        self.leg(at, "phone.callee_ringing", self.model(at))

    def warm_transfer(self, at: float, step: Doc) -> None:
        self._live()
        if self.callee != "callee":
            raise ValueError("the call was already transferred.")
        target = self._target(step)
        owner_side = self.side_of(step, self.callee)
        if owner_side == "caller" or not target["internal"]:
            raise ValueError("the callee warm-transfers, to a party of the account.")
        if owner_side not in self.held:
            self.hold(at, {"by": "callee"})
        consult_id = self.ctx.ids.digits(19)
        self._transfer(at, step, "phone.warm_transfer_initiated", target, transfer_call_id=consult_id)
        consult = {
            **self.call,
            "call_id": consult_id,
            "caller": self.call[owner_side],
            "callee": target,
            "start": at,
            "end": at,
            "answer": at,
        }
        model = {**live_model(consult), "date_time": zulu(at)}
        model.pop("call_end_time", None)
        self.emit(at, "phone.caller_ringing", self.call[owner_side], model)
        self.emit(at, "phone.callee_ringing", target, model)
        self.emit(at, "phone.callee_answered", target, model)
        self.emit(at, "phone.caller_connected", self.call[owner_side], model)
        self.consult = {"call_id": consult_id, "target": target, "owner": owner_side, "model": model}

    def _consult(self) -> Doc:
        if self.consult is None:
            raise ValueError("no warm transfer is under way.")
        return self.consult

    def complete_transfer(self, at: float, step: Doc) -> None:
        consult = self._consult()
        owner_side, target = consult["owner"], consult["target"]
        self._recipient_updated(at, owner_side, target)
        self.emit(
            at,
            "phone.warm_transfer_completed",
            self.call[owner_side],
            {
                "call_id": self.call["call_id"],
                "date_time": zulu(at),
                "owner": self.owner(owner_side),
                "transfer_phone_number": target["phone_number"],
                "failure_reason": "",
            },
        )
        self.consult = None
        self._stop_recording_at_end(at)
        if owner_side in self.held:
            self.hold_total += at - self.held.pop(owner_side)
        ended = {
            **self.model(at, answer_start_time=zulu(self.call["answer"])),
            "call_end_time": zulu(at),
            "handup_result": "Call connected",
        }
        self.leg(at, "phone.callee_ended", ended)
        self.emit(
            at,
            "phone.caller_ended",
            self.call[owner_side],
            {**consult["model"], "call_end_time": zulu(at), "handup_result": "Call connected"},
        )
        self._hand_over(at, target, "warm_transfer")
        self.callee_call_id = consult["call_id"]

    def cancel_transfer(self, at: float, step: Doc) -> None:
        consult = self._consult()
        owner_side, target = consult["owner"], consult["target"]
        self.emit(
            at,
            "phone.warm_transfer_cancelled",
            self.call[owner_side],
            {
                "call_id": self.call["call_id"],
                "date_time": zulu(at),
                "owner": self.owner(owner_side),
                "transfer_phone_number": target["phone_number"],
                "failure_reason": "",
            },
        )
        ended = {**consult["model"], "call_end_time": zulu(at), "handup_result": "Call connected"}
        self.emit(at, "phone.caller_ended", self.call[owner_side], ended)
        self.emit(at, "phone.callee_ended", target, ended)
        self.consult = None
        self.unhold(at, {"by": "callee"})

    def transfer_to_voicemail(self, at: float, step: Doc) -> None:
        mailbox = self._target(step) if step.get("to") is not None else self.call[self.callee]
        if mailbox["kind"] != parties.USER:
            raise ValueError("a voicemail goes to a user's mailbox.")
        seconds = step.get("seconds", DEFAULT_MESSAGE)
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 1 <= seconds <= 3600:
            raise ValueError("seconds (the message's length) must be from 1 to 3600.")
        self._transfer(at, step, "phone.transfer_call_to_voicemail_initiated", mailbox)
        self._stop_recording_at_end(at)
        if self.answered:
            self.leg(
                at,
                "phone.callee_ended",
                {
                    **self.model(at, answer_start_time=zulu(self.call["answer"])),
                    "call_end_time": zulu(at),
                    "handup_result": "Call connected",
                },
            )
        if mailbox.get("id") != self.call[self.callee].get("id"):
            self._hand_over(at, mailbox, "transfer_to_voicemail")
        end = at + float(seconds)
        self.leg(
            end, "phone.caller_ended", {**self.model(end), "call_end_time": zulu(end), "handup_result": "Voicemail"}
        )
        self.call["voicemail"] = {
            "id": self.ctx.ids.hex32(),
            "file_id": self.ctx.ids.hex32(),
            "start": at,
            "duration": float(seconds),
            "access_members": access.of_mailbox(self.ctx.tx, mailbox),
            "transcribe": False,
            "mailbox": self.callee,
        }
        self._end(end, "answered" if self.call["answer"] is not None else "voicemail")

    def conference(self, at: float, step: Doc) -> None:
        self._live()
        self._target(step)
        side = self.side_of(step, "caller" if self.call["caller"]["internal"] else "callee")
        self._internal(side)
        self.emit(
            at,
            "phone.conference_started",
            self.call[side],
            {
                "call_id": self.call["call_id"],
                "date_time": zulu(at),
                "owner": self.owner(side),
                "failure_reason": "",
                "enable_multiple_party_conference": False,
            },
        )
        self.call["conference"] = {"at": at, "by": side}

    def elevate(self, at: float, step: Doc) -> None:
        self._live()
        side = self.side_of(step, "caller" if self.call["caller"]["internal"] else "callee")
        self._internal(side)
        event = "phone.caller_meeting_inviting" if side == "caller" else "phone.callee_meeting_inviting"
        self.leg(at, event, self.model(at, meeting_id=self.ctx.ids.digits(11)), side)


def play(ctx: Context, call: Doc, steps: Any, handling: Doc | None = None) -> None:
    """Play the script through, filling in the call's figures and its timed events (``script``);
    ``handling`` (``{"at", "action"}``) is when the callee's phones stop ringing and what then."""
    played = Play(ctx, call)
    played.handling = handling
    played.run(check_list(steps))
    call["hold_time"] = int(played.hold_total)
    call["script"] = played.steps
    if not call["legs"].get("callee") and call["callee"]["internal"]:
        raise refused("the callee has no leg.")
