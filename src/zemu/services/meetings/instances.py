"""What a meeting or webinar leaves when it runs: its instances, participants and recordings.

    meeting_instance     id = instance UUID, scope = account, sort = start time, filed by meeting
                         number, host and state (live, ended)
    meeting_participant  id = uid, scope = instance UUID, sort = join time
    meeting_recording    id = instance UUID, scope = account, sort = start time, filed by host,
                         meeting number and trash state; its files live inside it
    recording_file       id = file id → the recording's UUID, for downloads

Both keep the meeting number as ``number`` (their ``id`` is the instance UUID); ``public`` puts the
number back where Zoom shows it as ``id``.
"""

from __future__ import annotations

from typing import Any

from zemu.services.resource import Collection, Doc

INSTANCES = Collection(
    "meeting_instance", sort=lambda d: d["start_time"],
    filters={"meeting": lambda d: d["number"], "host": lambda d: d["host_id"], "state": lambda d: d["state"],
             "family": lambda d: d["family"]},
)
PARTICIPANTS = Collection(
    "meeting_participant", sort=lambda d: f"{d['join_time']}{d['pid']}", scope=lambda d: d["instance"],
    filters={"present": lambda d: not d.get("leave_time")},
)
RECORDINGS = Collection(
    "meeting_recording", sort=lambda d: d["start_time"],
    filters={"host": lambda d: d["host_id"], "meeting": lambda d: d["number"],
             "trash": lambda d: bool(d.get("trashed_at"))},
)
FILE_KIND = "recording_file"


def ended_instances(tx: Any, account_id: str, meeting_id: Any) -> list[Doc]:
    return list(INSTANCES.each(tx, account_id, {"meeting": str(meeting_id), "state": "ended"}))


def instance_of(tx: Any, account_id: str, ref: str) -> Doc | None:
    """An ended instance by its UUID, or a meeting number's latest ended instance."""
    found = INSTANCES.get(tx, ref)
    if found is not None and found["account_id"] == account_id:
        return found if found["state"] == "ended" else None
    if ref.isdigit():
        every = ended_instances(tx, account_id, ref)
        return every[-1] if every else None
    return None


def participants_of(tx: Any, uuid: str) -> list[Doc]:
    return list(PARTICIPANTS.each(tx, uuid))


def public(doc: Doc) -> Doc:
    """An instance or recording as Zoom shows it: ``id`` is the meeting number."""
    return {**doc, "id": int(doc["number"])}
