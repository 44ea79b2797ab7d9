"""The calls in progress, as the simulator holds them: a placed call is a document
(``sim.phone.plan.CALLS``) whose steps (``sim.phone.engine.steps``) run one by one from the
scheduled work; the steps already performed are those before its first pending step. Its state
(ringing, answered, on hold, recording, ...) follows from what those steps did: the ring and
answer steps, or the events a scripted step emitted.

The dashboard's live panel streams these states (``/ui/live``, server-sent events), polling the
store on an asyncio interval: nothing blocks, and a second process sharing the store is seen too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zemu.sim.phone import engine
from zemu.sim.phone.plan import CALLS
from zemu.store import Tx
from zemu.store.scheduled import pending

Doc = dict[str, Any]
RECORD_STEPS = frozenset(engine.RECORD_DELAYS)


def live_calls(tx: Tx, account_id: str | None = None) -> tuple[list[Doc], frozenset[str]]:
    """The calls that have started and have steps still to play (those with a party of
    ``account_id`` when it is given), earliest first, and the ids of all pending scheduled work
    (which changes whenever something was filed or sent)."""
    jobs = pending(tx)
    first: dict[str, int] = {}
    for job in jobs:
        if job.kind == engine.STEP:
            call_id, index = str(job.body["call_id"]), int(job.body["index"])
            first[call_id] = min(index, first.get(call_id, index))
    calls = []
    for call_id, index in first.items():
        call = CALLS.get(tx, call_id)
        if call is None or (account_id and account_id not in accounts_of(call)):
            continue
        done = engine.steps(call)[:index]
        if done:  # a call placed for later has not rung yet
            calls.append(state_of(call, done))
    calls.sort(key=lambda c: (c["start"], c["call_id"]))
    return calls, frozenset(job.id for job in jobs)


def accounts_of(call: Doc) -> set[str]:
    parties = (call["caller"], call["callee"], call.get("recipient") or {})
    return {str(party["account_id"]) for party in parties if party.get("account_id")}


def state_of(call: Doc, done: Iterable[tuple[str, float]]) -> Doc:
    """The call's state once the steps ``done`` (name, emulated time) have been performed."""
    state = State(call)
    for name, at in done:
        state.until = at
        if name.startswith("script:"):
            for event, _account, _model in call["script"][int(name.partition(":")[2])]["emits"]:
                state.apply(event)
        elif name == "answer":
            state.apply("phone.callee_answered")
            if call["recording"]:
                state.apply("phone.recording_started")
        elif name == "to_voicemail":
            state.phase = "voicemail"
        elif name == "end":
            state.end()
        elif name == "ring":
            state.phase = "ringing"
    return state.view()


class State:
    """A call's state, moved by the live events its steps emit (phone-events.md §7)."""

    def __init__(self, call: Doc) -> None:
        self.call = call
        self.phase = "ringing"
        self.answered = False
        self.held: set[str] = set()
        self.muted: set[str] = set()
        self.recording = ""  # "", "recording" or "paused"
        self.parked = False
        self.until = call["start"]  # the emulated time of the last step performed

    def apply(self, event: str) -> None:
        name = event.removeprefix("phone.")
        side, _, what = name.partition("_")
        if name in ("callee_answered", "caller_connected"):
            self.answered, self.phase = True, "answered"
        elif what in ("hold", "unhold", "mute", "unmute") and side in ("caller", "callee"):
            flags = self.held if what.endswith("hold") else self.muted
            (flags.discard if what.startswith("un") else flags.add)(side)
        elif name in ("recording_started", "recording_resumed"):
            self.recording = "recording"
        elif name == "recording_paused":
            self.recording = "paused"
        elif name in ("recording_stopped", "recording_failed"):
            self.recording = ""
        elif name == "callee_parked":
            self.parked = True
        elif name.endswith("_initiated") and "transfer" in name:
            self.phase = "transferring"
        elif name in ("warm_transfer_completed", "warm_transfer_cancelled", "conference_started"):
            self.phase = "conference" if name == "conference_started" else "answered"
        elif name in ("caller_ended", "callee_ended"):
            self.end()
        elif name == "callee_ringing":  # a transfer's recipient rings on the same call
            self.phase = "ringing"
        elif name in ("callee_missed", "callee_rejected") and not self.answered:
            self.phase = "missed" if name == "callee_missed" else "rejected"

    def end(self) -> None:
        self.phase = "ended"
        self.held.clear()
        self.muted.clear()
        self.recording = ""
        self.parked = False

    def view(self) -> Doc:
        call = self.call
        phase = self.phase
        if phase not in ("ended",) and self.held:
            phase = "hold"
        if phase not in ("ended",) and self.parked:
            phase = "parked"
        return {
            "call_id": call["call_id"],
            "from": party_label(call["caller"]),
            "to": party_label(self.far_end()),
            "outcome": call.get("outcome", ""),
            "start": call["start"],
            "answer": call.get("answer"),
            "end": call["end"],
            "state": phase,
            "recording": self.recording,
            "held": sorted(self.held),
            "muted": sorted(self.muted),
        }

    def far_end(self) -> Doc:
        """The callee, or the party a transfer handed the call to once it has happened."""
        handed = self.call.get("transfer")
        if handed and self.call.get("recipient") and handed["at"] <= self.until:
            return dict(self.call["recipient"])
        return dict(self.call["callee"])


def party_label(party: Doc) -> str:
    if party.get("internal") and party.get("extension_number"):
        return f"{party.get('name', '')} ({party['extension_number']})"
    return str(party.get("phone_number") or party.get("name") or "")
