"""What happens to a user's meetings, webinars and cloud recordings when the user leaves the account.

``DELETE /users/{userId}`` with ``transfer_email`` and ``transfer_meeting`` / ``transfer_webinar`` /
``transfer_recording`` first hands those over: the other user becomes their host (meetings and
webinars move to that user's lists, with their registrants, polls and settings; recordings to that
user's recordings). Whatever is left then goes with the user: their meetings and webinars are
deleted (with their registrants and polls) and their cloud recordings deleted for good, files and
all. The history of meetings already held (past instances, their participants and the reports
read from them) stays: the account's reports still count what happened.
"""

from __future__ import annotations

from zemu.services.meetings import model as m
from zemu.services.meetings.instances import FILE_KIND, RECORDINGS
from zemu.services.meetings.polls import POLLS
from zemu.services.meetings.registrants import REGISTRANTS
from zemu.services.resource import Doc
from zemu.services.users.model import find_user
from zemu.store import Tx

FAMILIES = {"meeting": m.MEETING, "webinar": m.WEBINAR}


def _recordings(tx: Tx, account_id: str, host_id: str) -> list[Doc]:
    return list(RECORDINGS.each(tx, account_id, {"host": host_id}))


def hand_over(tx: Tx, account_id: str, member_id: str, to_id: str, what: frozenset[str]) -> None:
    target = find_user(tx, to_id)
    if target is None:
        return
    for kind, fam in FAMILIES.items():
        if kind in what:
            for doc in list(fam.collection.each(tx, member_id)):
                doc["host_id"], doc["host_email"] = target["id"], target["email"]
                fam.collection.save(tx, doc)  # filed again, under the new host
    if "recording" in what:
        for recording in _recordings(tx, account_id, member_id):
            recording["host_id"], recording["host_email"] = target["id"], target["email"]
            RECORDINGS.save(tx, recording)


def remove(tx: Tx, account_id: str, member_id: str) -> None:
    for fam in FAMILIES.values():
        for doc in list(fam.collection.each(tx, member_id)):
            for part in (REGISTRANTS, POLLS):
                for row in list(part.each(tx, str(doc["id"]))):
                    part.delete(tx, row)
            fam.collection.delete(tx, doc)
    for recording in _recordings(tx, account_id, member_id):
        for one in recording["recording_files"]:
            tx.delete(FILE_KIND, one["id"])
        RECORDINGS.delete(tx, recording)
