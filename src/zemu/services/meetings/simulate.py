"""The meeting simulator: an instance of a meeting or webinar played on the emulated clock.

``plan`` writes the instance and schedules its steps (start, each participant's join and leave,
the end) as jobs of one chain; each step changes the state a real meeting would and emits its
event from that cause. The end fills the instance's totals and, when recorded, a cloud recording
whose files are rendered only when downloaded. Ending early (``PUT .../status``) plays the end
at once; steps left behind then find the instance ended and do nothing.
"""

from __future__ import annotations

import random
from itertools import islice
from typing import Any

from zemu.errors import ValidationFailed
from zemu.services.activity import DESKTOP_CLIENT, SIGN_IN, SIGN_OUT, record_sign_in
from zemu.services.context import Context, Job
from zemu.services.meetings import audience
from zemu.services.meetings import model as m
from zemu.services.meetings import polls as poll_store
from zemu.services.meetings.instances import INSTANCES, PARTICIPANTS, participants_of
from zemu.services.meetings.shapes import event_object
from zemu.services.resource import Doc
from zemu.services.users.model import USERS, find_user
from zemu.sim.artifacts import meeting_file
from zemu.sim.artifacts.meeting_text import chat_lines
from zemu.sim.clock import parse_zulu, zulu

STEP = "meetings.step"
SHARED_FILE = "meeting_shared_file"  # an in-meeting file's id → its instance, for downloads
MAX_FILES = 20
GUEST_DOMAIN = "guest.example.com"


def family_of(doc: Doc) -> m.Family:
    return m.WEBINAR if doc.get("family") == "webinar" else m.MEETING


# planning ------------------------------------------------------------------------------------------
def plan(ctx: Context, doc: Doc, body: Doc, *, play_now: bool = False, announce: bool = True) -> Doc:
    """Write the instance and schedule its steps; answers its uuid and end. ``play_now`` plays
    the steps at once instead, each at its own emulated time (history made for the demo)."""
    at = parse_zulu(str(body["at"])) if body.get("at") else ctx.now
    minutes = int(body.get("duration_minutes") or doc.get("duration") or 30)
    if minutes < 1 or minutes > 24 * 60:
        raise ValidationFailed([{"field": "duration_minutes", "message": "Invalid field."}])
    people = _people(ctx, doc, body.get("participants", 3), minutes)
    files = body.get("files", 0)
    if not isinstance(files, int) or isinstance(files, bool) or not 0 <= files <= MAX_FILES:
        raise ValidationFailed([{"field": "files", "message": f"A count from 0 to {MAX_FILES}."}])
    first = not INSTANCES.first(ctx.tx, doc["account_id"], {"meeting": str(doc["id"])})
    uuid = doc["uuid"] if first else m.instance_uuid(ctx.ids)
    ends = at + minutes * 60
    instance = {
        "id": uuid,
        "number": str(doc["id"]),
        "uuid": uuid,
        "account_id": doc["account_id"],
        "family": doc["family"],
        "host_id": doc["host_id"],
        "host_email": doc["host_email"],
        "topic": doc["topic"],
        "type": doc["type"],
        "timezone": doc.get("timezone", "UTC"),
        "start_time": zulu(at),
        "planned_end": zulu(ends),
        "state": "planned",
        "record": bool(body.get("record")),
        "polls": bool(body.get("polls")),
        "people": people,
        "announce": announce,
        "seed": ctx.ids.number(0, 2**31),
    }
    INSTANCES.save(ctx.tx, instance)
    steps = [(at, {"uuid": uuid, "do": "start"})]
    for n, person in enumerate(people):
        steps.append((at + person["join"] * 60 + 1, {"uuid": uuid, "do": "join", "n": n}))
        if person["leave"] < minutes:
            steps.append((at + person["leave"] * 60, {"uuid": uuid, "do": "leave", "n": n}))
    steps.append((at + 2, {"uuid": uuid, "do": "share"}))
    for index in range(files):  # spread over the meeting, shared in turn by each participant
        second = (index + 1) * minutes * 60 // (files + 1)
        steps.append((at + second + 0.25, {"uuid": uuid, "do": "file", "n": index % len(people), "index": index}))
    for second, who, _ in chat_lines(instance["seed"], minutes * 60, len(people)):
        steps.append((at + second + 0.5, {"uuid": uuid, "do": "chat", "n": who, "at": second}))
    steps.append((ends, {"uuid": uuid, "do": "end"}))
    for due, work in sorted(steps, key=lambda s: s[0]):
        if play_now:
            ctx.now = due
            step(ctx, work)
        else:
            ctx.schedule(STEP, due, work, chain=uuid)
    return {"uuid": uuid, "id": doc["id"], "starts_at": zulu(at), "ends_at": zulu(ends), "participants": len(people)}


def _people(ctx: Context, doc: Doc, wanted: Any, minutes: int) -> list[Doc]:
    host = find_user(ctx.tx, doc["host_id"]) or {
        "id": doc["host_id"],
        "email": doc["host_email"],
        "display_name": doc["host_email"],
    }
    out = [
        {
            "user_id": host["id"],
            "name": host.get("display_name") or host["email"],
            "email": host["email"],
            "join": 0,
            "leave": minutes,
            "internal": True,
        }
    ]
    if isinstance(wanted, list):
        if len(wanted) > 1000:
            raise ValidationFailed([{"field": "participants", "message": "At most 1000 participants."}])
        for item in wanted:
            if not isinstance(item, dict) or not item.get("name"):
                raise ValidationFailed([{"field": "participants", "message": "Each participant needs a name."}])
            join, leave = float(item.get("join_minute", 0)), float(item.get("leave_minute", minutes))
            if join < 0 or leave <= join or join >= minutes:
                raise ValidationFailed([{"field": "participants", "message": "Invalid join or leave minute."}])
            user = find_user(ctx.tx, str(item["email"])) if item.get("email") else None
            internal = user is not None and user["account_id"] == doc["account_id"]
            person = {
                "user_id": user["id"] if internal and user else "",
                "name": str(item["name"]),
                "email": str(item.get("email") or ""),
                "join": join,
                "leave": min(leave, minutes),
                "internal": internal,
            }
            out.append({**person, **audience.chosen(item, len(out))})
        return out
    if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 1 or wanted > 1000:
        raise ValidationFailed([{"field": "participants", "message": "A count from 1 to 1000 or a list."}])
    rng = random.Random(doc["id"] + wanted)
    active = USERS.each(ctx.tx, doc["account_id"], {"status": "active"}, batch=min(wanted + 1, 500))
    colleagues = [user for user in islice(active, wanted + 1) if user["id"] != host["id"]]
    for n in range(wanted - 1):
        join = rng.choice([0, 0, 1, 2, 3]) if minutes > 5 else 0
        leave = minutes if rng.random() < 0.8 else max(join + 1, minutes - rng.randint(1, max(1, minutes // 4)))
        if n % 2 == 0 and colleagues:
            user = colleagues.pop(0)
            out.append(
                {
                    "user_id": user["id"],
                    "name": user.get("display_name") or user["email"],
                    "email": user["email"],
                    "join": join,
                    "leave": leave,
                    "internal": True,
                }
            )
        else:
            guest = {
                "user_id": "",
                "name": f"Guest {n + 1}",
                "email": f"guest{n + 1}@{GUEST_DOMAIN}",
                "join": join,
                "leave": leave,
                "internal": False,
            }
            out.append({**guest, **audience.by_default(n)})
    return out


# steps -----------------------------------------------------------------------------------------------
def step(ctx: Context, body: Doc) -> None:
    instance = INSTANCES.get(ctx.tx, body["uuid"])
    if instance is None or instance["state"] == "ended":
        return
    if body["do"] == "start" and instance["state"] == "live":
        return  # already started by hand (``start_now``): the host presses Start once
    {
        "start": _start,
        "join": _join,
        "leave": _leave,
        "share": _share,
        "chat": _chat,
        "file": _share_file,
        "end": _end,
    }[body["do"]](ctx, instance, body)


def _meeting(ctx: Context, instance: Doc) -> Doc | None:
    return family_of(instance).collection.get(ctx.tx, instance["number"])


def _event(ctx: Context, instance: Doc, what: str, **extra: Any) -> None:
    event = f"{instance['family']}.{what}"
    base = {**instance, "id": instance["number"], "duration": int(instance.get("duration") or 0), **extra}
    ctx.emit(event, {"object": event_object(event, base)}, account_id=instance["account_id"])


def _start(ctx: Context, instance: Doc, body: Doc) -> None:
    instance["state"] = "live"
    instance["start_time"] = zulu(ctx.now)
    INSTANCES.save(ctx.tx, instance)
    doc = _meeting(ctx, instance)
    if doc is not None:
        doc["status"], doc["uuid"], doc["live_instance"] = "started", instance["uuid"], instance["uuid"]
        family_of(instance).collection.save(ctx.tx, doc)
    _event(ctx, instance, "started")
    _host_client(ctx, instance, SIGN_IN)


def _host_client(ctx: Context, instance: Doc, what: str) -> None:
    """The host's Zoom client signs in to start the meeting and out when it ends: the sign-in
    report's desktop entries (an authorization-code login is the browser's)."""
    host = instance["people"][0]
    if host["internal"]:
        record_sign_in(ctx, instance["account_id"], host["email"], what, DESKTOP_CLIENT)


def _join(ctx: Context, instance: Doc, body: Doc) -> None:
    if instance["state"] != "live":
        return
    person = instance["people"][body["n"]]
    row = {
        "id": f"{instance['uuid']}/{body['n']}",
        "pid": ctx.ids.uid(),
        "instance": instance["uuid"],
        "account_id": instance["account_id"],
        "user_id": person["user_id"],
        "name": person["name"],
        "user_email": person["email"],
        "join_time": zulu(ctx.now),
        "internal_user": person["internal"],
        "n": body["n"],
        "device": person.get("device", audience.COMPUTER),
    }
    if person.get("phone_number"):
        row["phone_number"] = person["phone_number"]
    PARTICIPANTS.save(ctx.tx, row)
    participant = {
        "user_id": str(16778240 + body["n"]),
        "user_name": row["name"],
        "id": row["user_id"],
        "participant_uuid": row["pid"],
        "join_time": row["join_time"],
        "email": row["user_email"],
    }
    _event(ctx, instance, "participant_joined", participant=_no_empty(participant))


def _no_empty(value: Doc) -> Doc:
    """Fields without a value left out, except those Zoom always sends (empty for a guest, or for a
    dial-in without an email)."""
    return {k: v for k, v in value.items() if v not in ("", None)} | {
        "email": value.get("email", ""),
        "id": value.get("id", ""),
    }


def _leave(ctx: Context, instance: Doc, body: Doc, reason: str = "left the meeting") -> None:
    row = PARTICIPANTS.get(ctx.tx, f"{instance['uuid']}/{body['n']}")
    if row is None or row.get("leave_time"):
        return
    row["leave_time"] = zulu(ctx.now)
    row["duration"] = int(ctx.now - parse_zulu(row["join_time"]))
    PARTICIPANTS.save(ctx.tx, row)
    participant = {
        "user_id": str(16778240 + body["n"]),
        "user_name": row["name"],
        "id": row["user_id"],
        "participant_uuid": row["pid"],
        "leave_time": row["leave_time"],
        "email": row["user_email"],
        "leave_reason": reason,
    }
    _event(ctx, instance, "participant_left", participant=_no_empty(participant))


def _sharing(ctx: Context, instance: Doc, what: str) -> None:
    host = instance["people"][0]
    details = {"content": "desktop", "link_source": "", "file_link": "", "date_time": zulu(ctx.now), "source": ""}
    _event(
        ctx,
        instance,
        what,
        participant={
            "user_id": "16778240",
            "user_name": host["name"],
            "id": host["user_id"],
            "sharing_details": details,
        },
    )


def _share(ctx: Context, instance: Doc, body: Doc) -> None:
    """The host shares their desktop until the end."""
    if instance["state"] == "live" and not instance.get("sharing"):
        instance["sharing"] = True
        INSTANCES.save(ctx.tx, instance)
        _sharing(ctx, instance, "sharing_started")


def _chat(ctx: Context, instance: Doc, body: Doc) -> None:
    """A message to everyone, the one the recording's chat file lists at this second."""
    if instance["state"] != "live":
        return
    sender = instance["people"][body["n"]]
    lines = chat_lines(instance["seed"], _planned_seconds(instance), len(instance["people"]))
    text = next((t for at, who, t in lines if at == body["at"] and who == body["n"]), "")
    message = {
        "date_time": zulu(ctx.now),
        "sender_session_id": str(16778240 + body["n"]),
        "sender_name": sender["name"],
        "sender_type": "host" if body["n"] == 0 else "guest",
        "sender_context": instance["family"],
        "recipient_type": "everyone",
        "recipient_context": instance["family"],
        "message_id": ctx.ids.uid(),
        "message_content": text,
    }
    if sender["email"]:
        message["sender_email"] = sender["email"]
    event = f"{instance['family']}.chat_message_sent"
    obj = {"id": int(instance["number"]), "uuid": instance["uuid"], "chat_message": message}
    ctx.emit(event, {"object": event_object(event, obj)}, account_id=instance["account_id"])


def _share_file(ctx: Context, instance: Doc, body: Doc) -> None:
    """A participant still in the meeting (else the host) sends a file to everyone in the chat: it
    is listed in the instance's in-meeting files, its bytes rendered from this record on download."""
    if instance["state"] != "live":
        return
    present = PARTICIPANTS.get(ctx.tx, f"{instance['uuid']}/{body['n']}")
    n = body["n"] if present is not None and not present.get("leave_time") else 0
    sender = instance["people"][n]
    entry = {
        "file_id": ctx.ids.uid(),
        "index": body["index"],
        "file_name": meeting_file.file_name(body["index"]),
        "sender": sender["name"],
        "shared_at": ctx.now,
    }
    entry["file_size"] = len(shared_file_bytes(instance, entry))
    instance.setdefault("files", []).append(entry)
    INSTANCES.save(ctx.tx, instance)
    ctx.tx.put(
        SHARED_FILE,
        entry["file_id"],
        {"uuid": instance["uuid"]},
        account_id=instance["account_id"],
        parent=instance["uuid"],
    )
    family = instance["family"]
    message = {
        "date_time": zulu(ctx.now),
        "sender_session_id": str(16778240 + n),
        "sender_name": sender["name"],
        "sender_type": "host" if n == 0 else "guest",
        "sender_context": family,
        "recipient_type": "everyone",
        "recipient_context": family,
        "message_id": ctx.ids.uid(),
        "file_id": entry["file_id"],
        "file_name": entry["file_name"],
        "file_size": entry["file_size"],
        "file_type": "pdf",
        "download_url": shared_file_url(ctx.origin, entry["file_id"]),
    }
    if sender["email"]:
        message["sender_email"] = sender["email"]
    event = f"{family}.chat_message_file_sent"
    obj = {f"{family}_id": int(instance["number"]), f"{family}_uuid": instance["uuid"], "chat_message_file": message}
    ctx.emit(event, {"object": event_object(event, obj)}, account_id=instance["account_id"])


def shared_file_url(origin: str, file_id: str) -> str:
    return f"{origin}/file/download/{file_id}"


def shared_file_bytes(instance: Doc, entry: Doc) -> bytes:
    return meeting_file.pdf(
        index=int(entry["index"]), topic=instance["topic"], sender=entry["sender"], at=float(entry["shared_at"])
    )


def shared_file(tx: Any, file_id: str) -> tuple[Doc, Doc] | None:
    """An in-meeting file by id and its instance (for downloads)."""
    row = tx.get(SHARED_FILE, file_id)
    instance = INSTANCES.get(tx, row["uuid"]) if row else None
    if instance is None:
        return None
    entry = next((f for f in instance.get("files") or [] if f["file_id"] == file_id), None)
    return (instance, entry) if entry is not None else None


def _planned_seconds(instance: Doc) -> int:
    return int(parse_zulu(instance["planned_end"]) - parse_zulu(instance["start_time"]))


def _end(ctx: Context, instance: Doc, body: Doc) -> None:
    if instance["state"] != "live":
        _start(ctx, instance, body)
    if instance.get("sharing"):
        instance["sharing"] = False
        _sharing(ctx, instance, "sharing_ended")
    for row in list(PARTICIPANTS.each(ctx.tx, instance["uuid"], {"present": True})):
        _leave(ctx, instance, {"n": row["n"]}, "the host ended the meeting")
    rows = participants_of(ctx.tx, instance["uuid"])
    for row in rows:
        audience.give_feedback(instance, row, instance["people"][row["n"]])
        PARTICIPANTS.save(ctx.tx, row)
    instance.update(
        state="ended",
        end_time=zulu(ctx.now),
        duration=max(1, round((ctx.now - parse_zulu(instance["start_time"])) / 60)),
        participants_count=len(rows),
        total_minutes=sum(r.get("duration", 0) for r in rows) // 60,
    )
    if instance["polls"]:
        instance["poll_answers"] = _answer_polls(ctx, instance, rows)
    if instance["family"] == "webinar":
        instance["qa"] = _questions(instance, rows)
    INSTANCES.save(ctx.tx, instance)
    doc = _meeting(ctx, instance)
    if doc is not None:
        doc["status"] = "waiting"
        doc.pop("live_instance", None)
        doc.pop("live_streaming", None)
        family_of(instance).collection.save(ctx.tx, doc)
    _event(ctx, instance, "ended")
    _host_client(ctx, instance, SIGN_OUT)
    if instance["record"]:
        from zemu.services.meetings.recordings import make_recording

        make_recording(ctx, instance, doc)


def _answer_polls(ctx: Context, instance: Doc, rows: list[Doc]) -> list[Doc]:
    """Each participant answers each question of each launched poll (the first answer rotates)."""
    polls = poll_store.of_meeting(ctx.tx, instance["number"])
    answers: list[Doc] = []
    for n, row in enumerate(rows):
        details = []
        for poll in polls:
            for question in poll.get("questions") or []:
                options = question.get("answers") or ["Yes", "No"]
                details.append(
                    {
                        "polling_id": poll["id"],
                        "question": question.get("name", ""),
                        "answer": options[n % len(options)],
                        "date_time": instance["start_time"],
                    }
                )
        if details:
            answers.append({"name": row["name"], "email": row["user_email"], "question_details": details})
    return answers


QUESTIONS = ("Will the slides be shared?", "Is there a recording?", "How do I get access?")


def _questions(instance: Doc, rows: list[Doc]) -> list[Doc]:
    """A few attendees ask a question each, answered live by the host."""
    asked = [r for r in rows if not r.get("internal_user")][: len(QUESTIONS)]
    return [
        {
            "name": r["name"],
            "email": r["user_email"],
            "question_details": [{"question": QUESTIONS[n], "answer": "Yes, after the session."}],
        }
        for n, r in enumerate(asked)
    ]


def start_now(ctx: Context, fam: m.Family, doc: Doc) -> Doc:
    """Start an instance at once (a trigger's host pressing Start)."""
    answer = plan(ctx, doc, {"participants": 1, "duration_minutes": max(1, int(doc.get("duration") or 30))})
    instance = INSTANCES.get(ctx.tx, answer["uuid"])
    assert instance is not None
    _start(ctx, instance, {})
    doc.update(family_of(instance).collection.get(ctx.tx, doc["id"]) or {})
    return instance


def end_now(ctx: Context, fam: m.Family, doc: Doc) -> None:
    instance = INSTANCES.get(ctx.tx, doc.get("live_instance") or "")
    if instance is not None:
        _end(ctx, instance, {})


JOBS: dict[str, Job] = {STEP: step}
