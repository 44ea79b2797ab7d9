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
    "meeting_instance",
    sort=lambda d: d["start_time"],
    filters={
        "meeting": lambda d: d["number"],
        "host": lambda d: d["host_id"],
        "state": lambda d: d["state"],
        "family": lambda d: d["family"],
    },
)
PARTICIPANTS = Collection(
    "meeting_participant",
    sort=lambda d: f"{d['join_time']}{d['pid']}",
    scope=lambda d: d["instance"],
    filters={"present": lambda d: not d.get("leave_time")},
)
RECORDINGS = Collection(
    "meeting_recording",
    sort=lambda d: d["start_time"],
    filters={
        "host": lambda d: d["host_id"],
        "meeting": lambda d: d["number"],
        "trash": lambda d: bool(d.get("trashed_at")),
    },
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


def between(
    tx: Any,
    account_id: str,
    lo: str,
    hi: str,
    where: dict[str, Any] | None = None,
    *,
    collection: Collection = INSTANCES,
) -> list[Doc]:
    """Instances (or recordings) that started in [lo, hi] (a report's month or date range), read as
    index ranges."""
    from zemu.store import terms as index

    query = collection._query(account_id, where or {}, None, lo, hi)
    out: list[Doc] = []
    after = None
    while True:
        rows = index.page(tx, query, after=after, offset=0, limit=500, views=False)
        out += [doc for _, doc in rows]
        if len(rows) < 500:
            return out
        after = rows[-1][0]


def instance_any(tx: Any, account_id: str, ref: str, *, live: bool) -> Doc | None:
    """An instance by UUID or meeting number: a live one when ``live``, else the latest ended one."""
    if not live:
        return instance_of(tx, account_id, ref)
    found = INSTANCES.get(tx, ref)
    if found is None and ref.isdigit():
        found = INSTANCES.first(tx, account_id, {"meeting": ref, "state": "live"})
    return found if found is not None and found["account_id"] == account_id and found["state"] == "live" else None
