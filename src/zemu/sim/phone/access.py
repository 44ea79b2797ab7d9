"""Who may open what a call leaves in a shared place: the access members of a mailbox or of a
recording's owner (phone-events.md §2 G–H, §6 steps 5–6).

Each is ``{"id", "type"}`` with ``type`` ``user`` or ``commonAreaPhone`` (the event's
``access_member_extension_type``), read from where the account keeps it:

* a user's mailbox: the policy's ``voicemail_access_members`` and the voicemail shares of the
  user's settings (``addUserSetting`` ``voice_mail``); a user's recordings: the policy's
  ``{ad_hoc,auto}_call_recording_access_members``;
* a call queue's or auto receptionist's mailbox: its policy's ``voicemail_access_members``;
* a call queue's recordings: the queue's members, who take its calls;
* a common area's recordings: the users and common areas that share its line (the shared line
  groups it belongs to).
"""

from __future__ import annotations

from typing import Any

from zemu.services.phone import model as phone
from zemu.services.phone_routing import model as routing
from zemu.sim.phone import parties
from zemu.store import Tx

Doc = dict[str, Any]
TYPES = {"user": "user", "commonArea": "commonAreaPhone", "commonAreaPhone": "commonAreaPhone"}


def _listed(entries: Any, default_type: str = "user") -> list[Doc]:
    found = []
    for entry in entries or []:
        if isinstance(entry, dict) and entry.get("access_user_id"):
            kind = TYPES.get(str(entry.get("access_user_type") or default_type), "user")
            found.append({"id": str(entry["access_user_id"]), "type": kind})
    return found


def _unique(members: list[Doc], owner_id: str) -> list[Doc]:
    seen: set[str] = {owner_id}
    out = []
    for member in members:
        if member["id"] not in seen:
            seen.add(member["id"])
            out.append(member)
    return out


def of_mailbox(tx: Tx, mailbox: Doc) -> list[Doc]:
    """The members who may open the voicemails left in ``mailbox``'s box."""
    kind = mailbox["kind"]
    policy = mailbox.get("policy") or {}
    found = _listed(policy.get("voicemail_access_members"))
    if kind == parties.USER:
        user = phone.get_phone_user(tx, mailbox["id"]) or {}
        found += _listed((user.get("settings") or {}).get("voice_mail"))
    return _unique(found, mailbox["id"])


def of_recording(tx: Tx, owner: Doc, block: str) -> list[Doc]:
    """The members who may open the recordings ``owner`` makes (``block`` the recording policy)."""
    kind = owner["kind"]
    if kind == parties.USER:
        found = _listed((owner.get("policy") or {}).get(block + "_access_members"))
    elif kind == parties.CALL_QUEUE:
        found = [
            {"id": str(m["id"]), "type": TYPES.get(str(m.get("type")), "user")}
            for m in routing.list_members(tx, owner["id"])
        ]
    elif kind == parties.COMMON_AREA:
        found = []
        for group in phone.SHARED_LINE_GROUPS.each(tx, owner["account_id"], where={"member": owner["id"]}):
            found += [{"id": u, "type": "user"} for u in group.get("users", [])]
            found += [{"id": a, "type": "commonAreaPhone"} for a in group.get("common_areas", [])]
    else:
        found = []
    return _unique(found, owner["id"])
