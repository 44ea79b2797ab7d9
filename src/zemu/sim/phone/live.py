"""The live events of a call, each built from the one call model and cut to its event's schema.

Perspective (phone-events.md §1): ``caller_*`` events describe the caller's leg and go to the
caller's account, ``callee_*`` the callee's; a party outside the account has no events of its own.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.sim.clock import zulu
from zemu.sim.phone.shapes import event_object

Doc = dict[str, Any]
DEVICE = {"device_type": "MAC_Client(6.2.0.45678)", "device_name": "Zoom Workplace"}
PARTY_FIELDS = (
    "extension_id",
    "extension_number",
    "extension_type",
    "user_id",
    "name",
    "phone_number",
    "timezone",
    "connection_type",
)


def live_party(party: Doc) -> Doc:
    out = {k: party[k] for k in PARTY_FIELDS if party.get(k) not in (None, "", 0)}
    if party["internal"]:
        out.update(DEVICE)
    return out


def live_model(call: Doc, *, handup: str = "") -> Doc:
    model: Doc = {
        "call_id": call["call_id"],
        "caller": live_party(call["caller"]),
        "callee": live_party(call["callee"]),
        "ringing_start_time": zulu(call["start"]),
        "call_end_time": zulu(call["end"]),
    }
    if call["answer"] is not None:
        model["connected_start_time"] = model["answer_start_time"] = zulu(call["answer"])
    if handup:
        model["handup_result"] = handup
    return model


def side_of(event: str) -> str:
    """Whose leg a live event describes: ``phone.caller_ringing`` is the caller's."""
    return "caller" if event.startswith("phone.caller_") else "callee"


def emit_leg(ctx: Context, call: Doc, event: str, model: Doc) -> None:
    """``event`` to the account of the party it describes, if that party is ours."""
    party = call[side_of(event)]
    if party["internal"] and ctx.emitting:  # the past filed in a batch emits nothing: skip the shaping too
        ctx.emit(event, {"object": event_object(event, model)}, account_id=party["account_id"])


def emit_to(ctx: Context, party: Doc, event: str, model: Doc) -> None:
    if not ctx.emitting:
        return
    ctx.emit(event, {"object": event_object(event, model)}, account_id=party["account_id"])
