"""How a simulated participant takes part: the device they join from, the number they dial in
from, and the end-of-meeting feedback they leave. All of it is decided from the participant's
place and the instance's seed, so a run replays the same way.

    computer  the Zoom client (computer audio): most participants
    phone     dialled in to one of the account's call-in numbers: the telephone report's rows
    h323      an H.323/SIP room system through the Cloud Room Connector: the CRC dashboard's ports

At the end each participant answers the feedback survey (thumbs up, thumbs down with a reason,
or nothing): the client feedback and satisfaction dashboards count those answers.
"""

from __future__ import annotations

import random

from zemu.errors import ValidationFailed
from zemu.services.resource import Doc

COMPUTER, PHONE, H323 = "computer", "phone", "h323"
DEVICES = (COMPUTER, PHONE, H323)
GOOD, NOT_GOOD, NONE = "good", "not_good", "none"
FEEDBACK = (GOOD, NOT_GOOD, NONE)
# Zoom's end-of-meeting survey reasons for a thumbs down, as the client feedback dashboard lists them
REASONS: dict[str, str] = {
    "1": "Others",
    "2": "Audio echo",
    "3": "Could not hear the others",
    "4": "Video was frozen",
    "5": "Screen sharing did not work",
    "6": "Connection dropped",
}
# The account's dial-in numbers: (call-in number, Zoom's line type, rate per minute in USD)
DIAL_IN = (
    ("+1 888 788 0099", "toll-free", 0.06),
    ("+1 669 900 6833", "US toll-number", 0.0),
)
# Which default guests join from what: every sixth guest from the third dials in, every sixth from
# the fifth is a room system, so a meeting of five or more has a dial-in and one of six a room.
DEFAULT_EVERY = 6


def by_default(guest: int) -> Doc:
    """What the ``guest``-th default participant joins from (1-based)."""
    if guest % DEFAULT_EVERY == 3:
        return {"device": PHONE, "phone_number": caller_number(guest)}
    if guest % DEFAULT_EVERY == 5:
        return {"device": H323}
    return {"device": COMPUTER}


def chosen(item: Doc, place: int) -> Doc:
    """What a listed participant asked for: ``device``, ``phone_number`` and ``feedback``
    (``good``, ``not_good`` or ``none``, with ``feedback_reason``, one of ``REASONS``' ids)."""
    device = str(item.get("device") or COMPUTER)
    if device not in DEVICES:
        raise ValidationFailed([{"field": "participants.device", "message": f"One of {', '.join(DEVICES)}."}])
    out: Doc = {"device": device}
    if device == PHONE:
        out["phone_number"] = str(item.get("phone_number") or caller_number(place))
    feedback = item.get("feedback")
    if feedback is not None:
        reason = str(item.get("feedback_reason") or "1")
        if feedback not in FEEDBACK or (feedback == NOT_GOOD and reason not in REASONS):
            raise ValidationFailed([{"field": "participants.feedback", "message": "Invalid field."}])
        out["feedback"] = feedback
        if feedback == NOT_GOOD:
            out["feedback_reason"] = reason
    return out


def caller_number(place: int) -> str:
    return f"+1415555{1000 + place:04d}"


def dial_in_line(place: int) -> tuple[str, str, float]:
    """The call-in number a dial-in participant used: toll-free and toll numbers alternate."""
    return DIAL_IN[place % len(DIAL_IN)]


def give_feedback(instance: Doc, row: Doc, person: Doc) -> None:
    """The participant's survey answer, written on their row when the meeting ends: what the
    list asked for, else one in two answers (three thumbs up in four), seeded by the instance."""
    if "feedback" in person:
        answer, reason = person["feedback"], person.get("feedback_reason", "")
    else:
        rng = random.Random(f"{instance['seed']}/{row['n']}")
        answer, reason = NONE, ""
        if rng.random() < 0.5:
            answer = GOOD if rng.random() < 0.75 else NOT_GOOD
            reason = rng.choice(sorted(REASONS)) if answer == NOT_GOOD else ""
    row["feedback"] = answer
    if reason:
        row["feedback_reason"] = reason
    row["feedback_time"] = row.get("leave_time") or row["join_time"]
