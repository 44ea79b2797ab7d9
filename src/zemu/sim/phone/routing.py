"""Where a call to a call queue or an auto receptionist goes (phone-events.md §7.8).

A queue rings its members by its distribution (``ring_mode``): all at once (simultaneous), or
one after another for ``ring_duration`` seconds each (sequential; rotating starts after the
member who was offered the queue's last call; longest idle starts with the member whose last
call ended longest ago), for at most ``max_wait_time``; then it overflows as its call handling
says (to a mailbox, or disconnects). Outside the queue's business hours (on the emulated clock,
in its time zone), on one of its holidays or in one of its breaks, nobody is rung and that hour
type's handling takes the call (the closed hours', for a holiday or break without its own). An
auto receptionist plays the menu of the hour type in force (business, closed, a holiday's or a
break's, the closed-hours menu for one without its own) and routes by the keys the caller presses.
The route is worked out when the call is placed and played as the call's script, each ring
with ``forwarded_by`` (and ``redirect_forwarded_by`` behind a receptionist).
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model as routing
from zemu.services.phone_routing.common import default_tree
from zemu.services.phone_routing.ivr import extension_doc
from zemu.services.resource import Collection
from zemu.sim.clock import zulu
from zemu.sim.phone import access, hours, parties, script
from zemu.sim.phone import documents as d
from zemu.sim.phone.live import live_model
from zemu.sim.phone.parties import refused
from zemu.sim.phone.script import Play

Doc = dict[str, Any]
# what the simulator remembers between calls: a queue's rotation, a member's last call
QUEUE_TURNS = Collection("sim_queue_turn", sort=lambda d: d["id"])
IDLE_SINCE = Collection("sim_idle_since", sort=lambda d: d["id"])
UNANSWERED_RING = 30.0  # how long a member or user rings when nobody answers (as a missed call)
GREETING = 5.0  # seconds of a receptionist's greeting before a key is read
KEYS = frozenset("0123456789*#")
VOICEMAIL_ACTIONS = {200, 400}
RING_ACTIONS = {2: parties.USER, 4: parties.COMMON_AREA, 7: parties.CALL_QUEUE}


def forwarded_by(party: Doc) -> Doc:
    return {
        "name": party.get("name", ""),
        "extension_number": str(party.get("extension_number", "")),
        "extension_type": party["kind"],
        "phone_number": party.get("did_number") or None,
    }


class Route(Play):
    """A routed call being worked out: the ``Play`` of a script, driven by routing instead."""

    def __init__(self, ctx: Context, call: Doc, asked: Doc) -> None:
        super().__init__(ctx, call)
        self.asked = asked
        self.account = str(call["callee"].get("account_id") or call["account_id"])  # where the route is set up
        self.forwarded: Doc | None = None
        self.redirect: Doc | None = None
        self.rang: dict[str, tuple[Doc, str]] = {}  # members who rang and did not take the call
        # a scripted call: the route stops once someone answers and the script plays on from there
        self.scripted = False
        self.answer_at: float | None = None  # when the script answers (the far end picks up)
        self.give_up_at: float | None = None  # when the script's caller hangs up while it rings
        self.keyed: tuple[float, str] | None = None  # when and what the script's caller keys in

    def model(self, at: float, **extra: Any) -> Doc:
        model = super().model(at, **extra)
        if self.callee == "callee" and self.forwarded:
            model["forwarded_by"] = self.forwarded
        if self.callee == "callee" and self.redirect:
            model["redirect_forwarded_by"] = self.redirect
        return model

    def ring_for(self, at: float) -> float:
        """Seconds from ``at`` (the far end starts ringing) until it answers or the ring ends."""
        if self.answer_at is None:
            return float(self.asked["ring"])
        if self.answer_at < at:
            raise refused(f"the answer at {zulu(self.answer_at)} comes before anyone rings ({zulu(at)}).")
        return self.answer_at - at

    def leaves_first(self, until: float) -> bool:
        """Whether the caller hangs up before ``until``."""
        return self.give_up_at is not None and self.give_up_at < until

    def ring_model(self, party: Doc, at: float, **extra: Any) -> Doc:
        model = live_model({**self.call, "callee": party, "end": at})
        model.pop("call_end_time", None)
        if self.forwarded:
            model["forwarded_by"] = self.forwarded
        if self.redirect:
            model["redirect_forwarded_by"] = self.redirect
        return {**model, **extra}

    def member_leg(self, at: float, event: str, party: Doc, **extra: Any) -> None:
        if party["internal"]:
            self.emit(at, event, party, self.ring_model(party, at, **extra))
        if event == "phone.callee_missed" and party["kind"] == parties.USER:
            reason = "answered_by_other" if extra.get("handup_result") == "Call Cancel" else "ring_timeout"
            self.rang[party["id"]] = (party, reason)

    # the far end answers, misses, or the call overflows --------------------------------------
    def answered_by(self, party: Doc, at: float, others: list[Doc] | None = None) -> None:
        """``party`` answers at ``at``; ``others`` still ringing stop ringing then (§7.8)."""
        self.call["callee"] = party
        self.call["answer"] = at
        self.member_leg(at, "phone.callee_answered", party, answer_start_time=zulu(at))
        for other in others or ():
            self.member_leg(at, "phone.callee_missed", other, call_end_time=zulu(at), handup_result="Call Cancel")
        self.leg(at, "phone.caller_connected", {**self.ring_model(party, at), "connected_start_time": zulu(at)})
        if self.scripted:  # the script says what happens next
            self.answered = True
            return
        rec = self.call["recording"]
        if rec:
            rec.update(start=at, duration=self.asked["talk"])
            self.emit(
                at,
                "phone.recording_started",
                self.call[rec["owner"]],
                {**d.live_recording(self.call), "date_time": zulu(at)},
            )
        end = at + self.asked["talk"]
        if rec:
            self.emit(
                end,
                "phone.recording_stopped",
                self.call[rec["owner"]],
                {**d.live_recording(self.call), "date_time": zulu(end)},
            )
        ended = {
            **self.ring_model(party, end, answer_start_time=zulu(at)),
            "call_end_time": zulu(end),
            "handup_result": "Call connected",
        }
        self.leg(end, "phone.caller_ended", ended)
        self.member_leg(
            end,
            "phone.callee_ended",
            party,
            answer_start_time=zulu(at),
            call_end_time=zulu(end),
            handup_result="Call connected",
        )
        self.finish(end, "answered")
        if party["kind"] == parties.USER:
            IDLE_SINCE.save(self.ctx.tx, {"id": party["id"], "account_id": self.account, "since": end})

    def to_mailbox(self, mailbox: Doc, at: float) -> None:
        seconds = self.asked["talk"] or 20.0
        self.call["callee"] = mailbox
        end = at + seconds
        self.leg(
            end,
            "phone.caller_ended",
            {**self.ring_model(mailbox, end), "call_end_time": zulu(end), "handup_result": "Voicemail"},
        )
        self.call["voicemail"] = {
            "id": self.ctx.ids.hex32(),
            "file_id": self.ctx.ids.hex32(),
            "start": at,
            "duration": seconds,
            "access_members": access.of_mailbox(self.ctx.tx, mailbox),
            "transcribe": bool(self.asked["transcribe"]),
        }
        self.finish(end, "voicemail")

    def disconnect(self, at: float, outcome: str = "missed") -> None:
        ended = {**self.model(at), "call_end_time": zulu(at), "handup_result": "Call Cancel"}
        self.leg(at, "phone.caller_ended", ended)
        self.finish(at, outcome)

    def finish(self, at: float, outcome: str) -> None:
        self.ended = True
        self.call["end"] = at
        self.call["outcome"] = outcome
        self.call["talk"] = at - self.call["answer"] if self.call["answer"] is not None else 0.0
        if self.call["recording"] and outcome != "answered":
            self.call["recording"] = None
        self.call["ai_summary"] = self.call["ai_summary"] if outcome == "answered" else None

    # a plain party reached through a receptionist -----------------------------------------
    def ring_party(self, party: Doc, at: float) -> None:
        outcome = self.asked["outcome"]
        self.member_leg(at, "phone.callee_ringing", party)
        done = at + self.ring_for(at)
        if self.leaves_first(done) and self.give_up_at is not None:
            left = self.give_up_at
            self.call["callee"] = party
            self.member_leg(left, "phone.callee_missed", party, call_end_time=zulu(left), handup_result="Call Cancel")
            self.disconnect(left)
        elif outcome == "answered":
            self.answered_by(party, done)
        elif outcome == "voicemail" and party["kind"] == parties.USER:
            self.member_leg(done, "phone.callee_missed", party, call_end_time=zulu(done), handup_result="No Answer")
            self.to_mailbox(party, done)
        else:
            event = "phone.callee_rejected" if outcome == "rejected" else "phone.callee_missed"
            self.member_leg(
                done,
                event,
                party,
                call_end_time=zulu(done),
                handup_result="Rejected" if outcome == "rejected" else "No Answer",
            )
            self.call["callee"] = party
            self.disconnect(done, outcome)

    # a user's call handling ---------------------------------------------------------------------
    def forward_from(self, user: Doc, at: float, forward: Doc) -> None:
        """``user`` does not take the call (``forward["reason"]``: No Answer, Rejected, Busy) and
        their call handling sends it on to ``forward["target"]``, which rings with ``forwarded_by``
        naming the user and does what ``forward["outcome"]`` says."""
        reason = forward["reason"]
        until = at if reason == "Busy" else at + float(self.call["ring"])
        along = [] if reason == "Busy" else self.asked.get("along") or []
        if reason != "Busy":  # a busy line does not ring (§7.6)
            self.member_leg(at, "phone.callee_ringing", user)
        for party in along:
            self.member_leg(at, "phone.callee_ringing", party)
        event = "phone.callee_rejected" if reason == "Rejected" else "phone.callee_missed"
        self.member_leg(until, event, user, call_end_time=zulu(until), handup_result=reason)
        for party in along:
            self.member_leg(until, "phone.callee_missed", party, call_end_time=zulu(until), handup_result="No Answer")
        self.rang[user["id"]] = ({**user, "forward_reason": reason}, "forwarded")
        self.forwarded = {k: v for k, v in forwarded_by(user).items() if k != "phone_number"}
        target = forward["target"]
        if target["kind"] == parties.CALL_QUEUE:
            self.ring_queue(target, until)
        elif target["kind"] == parties.AUTO_RECEPTIONIST:
            self.receptionist(target, until)
        else:
            self.ring_party(target, until)

    def ring_user(self, user: Doc, at: float, along: list[Doc]) -> None:
        """``user``'s phones ring together with the numbers their call forwarding rings: the user
        answers (the others stop ringing), or nobody does and the user's own outcome follows."""
        outcome = self.asked["outcome"]
        for party in [user, *along]:
            self.member_leg(at, "phone.callee_ringing", party)
        done = at + float(self.asked["ring"])
        if outcome == "answered":
            self.answered_by(user, done, along)
            return
        reason = "Rejected" if self.call.get("declined") else "No Answer"
        event = "phone.callee_rejected" if self.call.get("declined") else "phone.callee_missed"
        for party in along:
            self.member_leg(done, "phone.callee_missed", party, call_end_time=zulu(done), handup_result="No Answer")
        self.member_leg(done, event, user, call_end_time=zulu(done), handup_result=reason)
        self.rang.pop(user["id"], None)  # the user keeps the call's own records, as its callee
        self.call["callee"] = user
        if outcome == "voicemail":
            self.to_mailbox(user, done)
        else:
            self.disconnect(done, outcome)

    # call queues ------------------------------------------------------------------------------
    def ring_queue(self, queue: Doc, at: float) -> None:
        doc = routing.get_call_queue(self.ctx.tx, queue["id"]) or {}
        hour_type = hour_type_at(doc, at)
        kept = doc.get("call_handling") or {}
        handling = (
            kept.get(hour_type)
            or (kept.get("closed_hours") if hour_type != "business_hours" else None)
            or default_tree("getCallQueueCallHandlingSetting")
        )
        open_now = hour_type == "business_hours"
        if not open_now:  # closed, a holiday or a break: nobody is rung, that hour type's handling takes the call
            self.forwarded = {k: v for k, v in forwarded_by(queue).items() if k != "phone_number"}
            self.overflow(queue, handling, at)
            return
        setting = handling["call_distribution_setting"]
        mode = setting.get("ring_mode", "simultaneous")
        ring_for = float((setting.get("ring_mode_setting") or {}).get("ring_duration") or 10)
        wait = float(setting.get("max_wait_time") or 10)
        members = self.members(queue, mode)
        self.forwarded = forwarded_by(queue)
        self.forwarded.pop("phone_number", None)
        ring = self.ring_for(at)
        answered = self.asked["outcome"] == "answered" and ring < wait and bool(members)
        give_up = at + (ring if answered else wait)
        leaves = self.leaves_first(give_up)
        if leaves and self.give_up_at is not None:  # the caller hangs up while the queue rings
            give_up, answered = self.give_up_at, False
        ended_by = "Call Cancel" if leaves else "No Answer"
        if mode == "simultaneous" or not members:
            for member in members:
                self.member_leg(at, "phone.callee_ringing", member)
            if answered:
                self.answered_by(members[0], give_up, members[1:])
                return
            for member in members:
                self.member_leg(
                    give_up, "phone.callee_missed", member, call_end_time=zulu(give_up), handup_result=ended_by
                )
        else:
            slot, start = 0, at
            while start < give_up:
                member = members[slot % len(members)]
                until = min(start + ring_for, give_up)
                self.member_leg(start, "phone.callee_ringing", member)
                if answered and until == give_up:
                    self.answered_by(member, give_up)
                    return
                handup = ended_by if until == give_up else "No Answer"
                self.member_leg(until, "phone.callee_missed", member, call_end_time=zulu(until), handup_result=handup)
                slot, start = slot + 1, until
        if leaves:
            self.disconnect(give_up)
            return
        self.overflow(queue, handling, give_up)

    def members(self, queue: Doc, mode: str) -> list[Doc]:
        found = []
        for member in routing.list_members(self.ctx.tx, queue["id"]):
            if member.get("receive_call", True) is False:
                continue
            try:
                found.append(
                    parties.resolve(self.ctx.tx, self.account, str(member.get("extension_number", "")), "member")
                )
            except ZoomError:
                continue  # a member without a working extension is skipped, as Zoom skips it
        if mode == "rotating" and found:
            turn = QUEUE_TURNS.get(self.ctx.tx, queue["id"]) or {
                "id": queue["id"],
                "account_id": self.account,
                "next": 0,
            }
            first = turn["next"] % len(found)
            QUEUE_TURNS.save(self.ctx.tx, {**turn, "next": first + 1})
            found = found[first:] + found[:first]
        elif mode == "longest_idle":

            def idle(party: Doc) -> float:
                since = IDLE_SINCE.get(self.ctx.tx, party["id"])
                return float(since["since"]) if since else 0.0

            found.sort(key=idle)
        return found

    def overflow(self, queue: Doc, handling: Doc, at: float) -> None:
        """Nobody answered in time: the queue's overflow action (a voicemail if one was asked for)."""
        action = (handling.get("call_handling_setting") or {}).get("overflow_action", "forward_to_voicemail")
        if self.asked["outcome"] == "voicemail" or action == "forward_to_voicemail":
            target = ((handling.get("call_handling_setting") or {}).get("overflow_action_setting") or {}).get(
                "leave_voicemail_to"
            ) or {}
            mailbox = queue
            if target.get("extension_number"):
                try:
                    mailbox = parties.resolve(
                        self.ctx.tx, self.account, str(target["extension_number"]), "leave_voicemail_to"
                    )
                except ZoomError:
                    mailbox = queue
            self.to_mailbox(mailbox, at)
            return
        self.disconnect(at)

    # auto receptionists ------------------------------------------------------------------------
    def receptionist(self, receptionist: Doc, at: float) -> None:
        doc = routing.get_auto_receptionist(self.ctx.tx, receptionist["id"], self.account) or {}
        # a holiday's or a break's menu, else (none of its own) the closed-hours menu plays
        hour_type, ivr = hour_type_at(doc, at), doc.get("ivr") or {}
        menu = ivr.get(hour_type) or (ivr.get("closed_hours") if hour_type != "business_hours" else None) or {}
        keys, pressed = self.asked.get("keys") or "", at + GREETING
        if self.keyed is not None:
            pressed, keys = self.keyed
        action = next((a for a in menu.get("key_actions", []) if keys and a.get("key") == keys[0]), None)
        no_input = menu.get("caller_enters_no_action") or {"action": -1}
        waits_until = at + GREETING + float(no_input.get("caller_no_input_timeout") or 3)
        if self.keyed is not None and pressed > waits_until:
            raise refused(f"the keys come after the receptionist stopped waiting for them ({zulu(waits_until)}).")
        if action is None:
            action, pressed = no_input, waits_until
        self.redirect = forwarded_by(receptionist)
        self.forwarded = {k: v for k, v in self.redirect.items() if k != "phone_number"}
        target = self.target_of(action)
        kind = int(action.get("action", -1))
        if target is None:
            self.disconnect(pressed)
        elif kind in VOICEMAIL_ACTIONS:
            self.to_mailbox(target, pressed)
        elif target["kind"] == parties.CALL_QUEUE:
            self.ring_queue(target, pressed)
        else:
            self.ring_party(target, pressed)

    def target_of(self, action: Doc) -> Doc | None:
        extension_id = (action.get("target") or {}).get("extension_id")
        kind = int(action.get("action", -1))
        if not extension_id or (kind not in RING_ACTIONS and kind not in VOICEMAIL_ACTIONS):
            return None
        owner = phone.owner_of_extension_id(self.ctx.tx, extension_id)
        if owner is None:
            return None
        doc = extension_doc(self.ctx.tx, self.account, owner)
        if doc is None:
            return None
        try:
            return parties.resolve(self.ctx.tx, self.account, str(doc["extension_number"]), "target")
        except ZoomError:
            return None


def hour_type_at(doc: Doc, at: float) -> str:
    """The hour type in force at ``at`` for a queue or a receptionist (``hours.in_force``); a
    receptionist keeps its holidays and breaks beside its hours, a queue within them."""
    kept = doc.get("hours") or {}
    return hours.in_force(
        kept.get("business_hours_settings"),
        kept.get("holiday_hours", doc.get("holiday_hours")),
        kept.get("break_hours", doc.get("break_hours")),
        at,
        doc.get("timezone", ""),
    )


def check_keys(keys: Any) -> str:
    if keys is None:
        return ""
    if not isinstance(keys, str) or not set(keys) <= KEYS or len(keys) > 20:
        raise refused("keys must be the digits, * and # the caller presses.")
    return keys


def route(ctx: Context, call: Doc, asked: Doc) -> None:
    """Work the route of a call to a queue or a receptionist out, as the call's script."""
    played = Route(ctx, call, asked)
    target = call["dialled"] = call["callee"]
    rec = call["recording"]
    if rec and rec["owner"] == "callee" and target["kind"] == parties.CALL_QUEUE and rec["type"] == "Automatic":
        call["queue"] = target  # the queue's own policy records it: the queue owns the recording
        rec["owner"] = "queue"
    _walk(played, target)
    _settle(ctx, call, played)


def forward(ctx: Context, call: Doc, asked: Doc) -> None:
    """A call the callee's call handling forwards: their ring, then the target's route."""
    sent = asked["forward"]
    played = Route(ctx, call, {**asked, "outcome": sent["outcome"], "ring": sent["ring"], "talk": sent["talk"]})
    user = call["dialled"] = call["callee"]
    played.forward_from(user, call["start"], sent)
    _settle(ctx, call, played)


def ring_along(ctx: Context, call: Doc, asked: Doc) -> None:
    """A call to a user whose call forwarding rings other phones of the account with theirs."""
    played = Route(ctx, call, asked)
    user = call["dialled"] = call["callee"]
    played.ring_user(user, call["start"], asked["along"])
    _settle(ctx, call, played)


def _walk(played: Route, target: Doc) -> None:
    if target["kind"] == parties.CALL_QUEUE:
        played.ring_queue(target, played.call["start"])
    else:
        played.receptionist(target, played.call["start"])


def scripted(ctx: Context, call: Doc, asked: Doc, steps: Any, sent: Doc | None = None, done: int = 0) -> None:
    """A script on a call to a queue or a receptionist, or on a call the callee's call handling
    sends on (``sent``, as ``forward`` takes it, once the first ``done`` steps have played): its
    leading ``press`` steps are the keys the caller enters at the receptionist's menu, its first
    ``answer`` is taken by the party the route rings at that moment (or its first ``hang_up`` is
    the caller giving up while it rings); the rest of the script plays on the answered call as on
    any other."""
    steps = script.check_list(steps)
    played = Route(ctx, call, {**asked, "outcome": "missed", "ring": UNANSWERED_RING, "talk": 0.0})
    played.scripted = True
    call["dialled"] = call["callee"]
    if sent is None:
        done = _presses(played, steps)
    taken = _first_move(played, steps, done)
    if sent is None:
        _walk(played, call["callee"])
    else:
        played.forward_from(call["callee"], call["start"], sent)
    if taken:
        number = done + 1
        missed_it = not played.answered if played.answer_at is not None else played.call["end"] != played.give_up_at
        if missed_it:
            raise refused(f"steps[{number}]: the call had already gone ({played.call['outcome']}) by then.")
        _check_answerer(played, steps[done], number)
        done = number
    played.run(steps, done=done)
    call["hold_time"] = int(played.hold_total)
    if call["callee"]["kind"] == parties.USER and call["answer"] is not None:
        IDLE_SINCE.save(ctx.tx, {"id": call["callee"]["id"], "account_id": call["account_id"], "since": call["end"]})
    _settle(ctx, call, played)


def _presses(played: Route, steps: list[Any]) -> int:
    """How many leading ``press`` steps there are; the first gives the keys the caller enters."""
    call, last, done = played.call, 0.0, 0
    for number, step in enumerate(steps, 1):
        last, action = script.checked(step, number, last)
        if action != "press":
            break
        if call["callee"]["kind"] != parties.AUTO_RECEPTIONIST:
            raise refused(f"steps[{number}]: keys are pressed at an auto receptionist's menu.")
        keys = check_keys(step.get("keys"))
        if not keys:
            raise refused(f"steps[{number}] needs keys.")
        played.keyed = played.keyed or (call["start"] + last, keys)
        done = number
    return done


def _first_move(played: Route, steps: list[Any], done: int) -> bool:
    """The step after the key presses, if the route plays it: an answer, or the caller hanging up."""
    if done >= len(steps):
        return False
    step = steps[done]
    seconds, action = script.checked(step, done + 1, 0.0)
    at = played.call["start"] + seconds
    if action == "answer":
        played.answer_at = at
        played.asked["outcome"] = "answered"
        return True
    if action == "hang_up" and step.get("by", "caller") == "caller":
        played.give_up_at = at
        return True
    return False


def _check_answerer(played: Route, step: Any, number: int) -> None:
    """An answer step that names who answers must name the member the route rang then."""
    if played.answer_at is None or step.get("by") in (None, "callee"):
        return
    picked = played.call["callee"]
    named = parties.resolve(played.ctx.tx, played.account, step["by"], "by")
    if named.get("id") != picked.get("id"):
        raise refused(f"steps[{number}]: {picked.get('name')} ({picked.get('extension_number')}) answers then.")


def _settle(ctx: Context, call: Doc, played: Route) -> None:
    """File the played route as the call's script, with a leg for each party who keeps records."""
    call["script"] = played.steps
    call["routed"] = True
    call.setdefault("hold_time", 0)
    call["legs"] = {side: leg for side, leg in call["legs"].items() if side in ("caller", "recipient")}
    if call["callee"]["internal"]:
        call["legs"]["callee"] = _leg(ctx, call["start"])
    # each member who rang and did not take the call keeps its own records (§6, §7.8)
    call["member_sides"] = []
    for number, (member, reason) in enumerate(played.rang.values(), 1):
        if member["id"] == call["callee"].get("id"):
            continue
        side = f"member{number}"
        call[side] = {**member, "ring_result": reason}
        call["legs"][side] = _leg(ctx, call["start"])
        call["member_sides"].append(side)


def _leg(ctx: Context, at: float) -> Doc:
    return {"element_id": zulu(at)[:10].replace("-", "") + "-" + ctx.ids.uuid(), "log_id": ctx.ids.uuid()}
