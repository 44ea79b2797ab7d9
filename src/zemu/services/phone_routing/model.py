"""The call-routing data model: call queues, their members, and auto receptionists.

Other phone packages (history, simulator, phone core) import these functions rather than reading
the documents themselves, so the shapes below are a contract:

    call_queue         id = queue id, account_id = parent = account, sort = lower-case name
                       {id, account_id, name, extension_id, extension_number (int), site_id,
                        status ("active"|"inactive"), cost_center, department, timezone,
                        audio_prompt_language, default_transcription_language,
                        recording_storage_location, policy {...}, created_at}
    call_queue_member  id = "{queue}/{member}", parent = queue, sort = "{seq:08d}" (order added)
                       {call_queue_id, id, seq, type ("user"|"commonArea"), name, extension_id,
                        extension_number, level ("manager"|"user"), receive_call}
    auto_receptionist  id = AR id, account_id = parent = account, sort = lower-case name
                       {id, account_id, name, extension_id, extension_number (int), site_id, main (bool),
                        cost_center, department, timezone, audio_prompt_language, holiday_hours [...],
                        policy {...}, ivr {hours_type: {...}}}

Extension numbers and extension ids are registered with the phone model (owner types
``callQueue`` and ``autoReceptionist``), so an extension id anywhere in Zoom Phone resolves to
its queue or receptionist. Phone numbers live in the numbers model, assigned to owner types
``callQueue`` / ``autoReceptionist``.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.numbers import model as numbers
from zemu.services.phone import model as phone
from zemu.sim.clock import zulu
from zemu.store import Tx

QUEUE = "call_queue"
MEMBER = "call_queue_member"
RECEPTIONIST = "auto_receptionist"
QUEUE_TYPE = "callQueue"
RECEPTIONIST_TYPE = "autoReceptionist"

Doc = dict[str, Any]


# call queues -----------------------------------------------------------------------------
def get_call_queue(tx: Tx, call_queue_id: str) -> Doc | None:
    return tx.get(QUEUE, call_queue_id) if call_queue_id else None


def account_call_queue(tx: Tx, account_id: str, call_queue_id: str) -> Doc | None:
    """A queue of ``account_id``, or None (another account's queue does not exist for this one)."""
    queue = get_call_queue(tx, call_queue_id)
    return queue if queue is not None and queue["account_id"] == account_id else None


def list_call_queues(tx: Tx, account_id: str) -> list[Doc]:
    """Every queue of the account in name order (accounts have dozens, not thousands)."""
    return [row.body for row in tx.list(QUEUE, parent=account_id, limit=100_000)]


def save_call_queue(tx: Tx, queue: Doc) -> None:
    account = queue["account_id"]
    tx.put(QUEUE, queue["id"], queue, account_id=account, parent=account, sort=queue["name"].lower())


def create_call_queue(tx: Tx, ids: Ids, now: float, *, account_id: str, name: str, site_id: str,
                      extension_number: int, policy: Doc, **fields: Any) -> Doc:
    """File a queue and hold its extension (a taken extension raises Zoom's error first)."""
    queue: Doc = {"id": ids.uid(), "account_id": account_id, "name": name, "extension_id": ids.uid(),
                  "extension_number": int(extension_number), "site_id": site_id, "status": "active",
                  "cost_center": "", "department": "", "policy": policy, "created_at": zulu(now), **fields}
    owner = {"type": QUEUE_TYPE, "id": queue["id"]}
    phone.claim_extension(tx, account_id, queue["extension_number"], owner)
    phone.register_extension_id(tx, queue["extension_id"], owner)
    save_call_queue(tx, queue)
    return queue


def delete_call_queue(tx: Tx, queue: Doc) -> None:
    """Remove a queue with everything it holds: members, numbers, extension, IVR keys to it."""
    tx.delete_all(MEMBER, parent=queue["id"])
    numbers.release_owner(tx, QUEUE_TYPE, queue["id"])
    phone.release_extension(tx, queue["account_id"], queue["extension_number"])
    phone.forget_extension_id(tx, queue["extension_id"])
    forget_target(tx, queue["account_id"], queue["extension_id"])
    tx.delete(QUEUE, queue["id"])


# members ---------------------------------------------------------------------------------
def list_members(tx: Tx, call_queue_id: str) -> list[Doc]:
    """A queue's members in the order they joined (a queue holds at most a few hundred)."""
    return [row.body for row in tx.list(MEMBER, parent=call_queue_id, limit=10_000)]


def get_member(tx: Tx, call_queue_id: str, member_id: str) -> Doc | None:
    return tx.get(MEMBER, f"{call_queue_id}/{member_id}")


def save_member(tx: Tx, queue: Doc, member: Doc) -> None:
    tx.put(MEMBER, f"{queue['id']}/{member['id']}", member, account_id=queue["account_id"], parent=queue["id"],
           sort=f"{member['seq']:08d}")


def add_member(tx: Tx, queue: Doc, target: Doc, member_type: str, *, level: str = "user") -> bool:
    """Add a phone user or common area (``target`` is its phone doc); False when already there."""
    if get_member(tx, queue["id"], target["id"]) is not None:
        return False
    sequence = int(queue.get("member_seq", 0)) + 1
    member = {"call_queue_id": queue["id"], "id": target["id"], "type": member_type, "seq": sequence,
              "name": target.get("name") or target.get("display_name") or target.get("email", ""),
              "extension_id": target.get("extension_id") or target["id"],
              "extension_number": target.get("extension_number"), "level": level, "receive_call": True}
    queue["member_seq"] = sequence
    save_call_queue(tx, queue)
    save_member(tx, queue, member)
    return True


def remove_member(tx: Tx, call_queue_id: str, member_id: str) -> bool:
    return tx.delete(MEMBER, f"{call_queue_id}/{member_id}")


def forget_member(tx: Tx, account_id: str, member_id: str) -> None:
    """Drop a departing phone user or common area from every queue of the account."""
    for queue in list_call_queues(tx, account_id):
        remove_member(tx, queue["id"], member_id)


def queues_of_member(tx: Tx, account_id: str, member_id: str) -> list[Doc]:
    return [queue for queue in list_call_queues(tx, account_id) if get_member(tx, queue["id"], member_id)]


# auto receptionists ----------------------------------------------------------------------
def get_auto_receptionist(tx: Tx, auto_receptionist_id: str, account_id: str | None = None) -> Doc | None:
    """A receptionist by id. With ``account_id``, a site's main receptionist that nobody has
    configured yet is answered too, built from the site's reference (see ``main_of_site``)."""
    if not auto_receptionist_id:
        return None
    found = tx.get(RECEPTIONIST, auto_receptionist_id)
    if found is not None or account_id is None:
        return found
    return next((main_of_site(site) for site in phone.list_sites(tx, account_id)
                 if (site.get("main_auto_receptionist") or {}).get("id") == auto_receptionist_id), None)


def account_auto_receptionist(tx: Tx, account_id: str, auto_receptionist_id: str) -> Doc | None:
    receptionist = get_auto_receptionist(tx, auto_receptionist_id, account_id)
    return receptionist if receptionist is not None and receptionist["account_id"] == account_id else None


def main_of_site(site: Doc) -> Doc:
    """The document of a site's main receptionist as the phone package created it: the site holds
    its id, name and extension; saving it (any change) files it as a document of its own."""
    ref = site["main_auto_receptionist"]
    return {"id": ref["id"], "account_id": site["account_id"], "name": ref["name"],
            "extension_id": ref["extension_id"], "extension_number": int(ref["extension_number"]),
            "site_id": site["id"], "main": True, "cost_center": "", "department": "", "holiday_hours": [],
            "policy": {}, "ivr": {}, "created_at": site.get("created_at", "")}


def list_auto_receptionists(tx: Tx, account_id: str) -> list[Doc]:
    """Filed receptionists plus every site's main receptionist not filed yet."""
    filed = [row.body for row in tx.list(RECEPTIONIST, parent=account_id, limit=100_000)]
    known = {r["id"] for r in filed}
    mains = [main_of_site(site) for site in phone.list_sites(tx, account_id)
             if site.get("main_auto_receptionist") and site["main_auto_receptionist"]["id"] not in known]
    return filed + mains


def save_auto_receptionist(tx: Tx, receptionist: Doc) -> None:
    account = receptionist["account_id"]
    tx.put(RECEPTIONIST, receptionist["id"], receptionist, account_id=account, parent=account,
           sort=receptionist["name"].lower())
    if receptionist.get("main"):
        _sync_site_reference(tx, receptionist)


def _sync_site_reference(tx: Tx, receptionist: Doc) -> None:
    """Sites show their main receptionist's name and extension: keep that copy current."""
    site = phone.get_site(tx, receptionist["site_id"])
    if site is None or (site.get("main_auto_receptionist") or {}).get("id") != receptionist["id"]:
        return
    ref = site["main_auto_receptionist"]
    if (ref["name"], ref["extension_number"]) != (receptionist["name"], receptionist["extension_number"]):
        site["main_auto_receptionist"] = {**ref, "name": receptionist["name"],
                                          "extension_number": receptionist["extension_number"]}
        phone.save_site(tx, site)


def create_auto_receptionist(tx: Tx, ids: Ids, now: float, *, account_id: str, name: str, site_id: str,
                             extension_number: int, policy: Doc, **fields: Any) -> Doc:
    """File a receptionist and hold its extension (a taken extension raises Zoom's error first)."""
    receptionist: Doc = {"id": ids.uid(), "account_id": account_id, "name": name, "extension_id": ids.uid(),
                         "extension_number": int(extension_number), "site_id": site_id, "main": False,
                         "cost_center": "", "department": "", "holiday_hours": [], "policy": policy, "ivr": {},
                         "created_at": zulu(now), **fields}
    owner = {"type": RECEPTIONIST_TYPE, "id": receptionist["id"]}
    phone.claim_extension(tx, account_id, receptionist["extension_number"], owner)
    phone.register_extension_id(tx, receptionist["extension_id"], owner)
    save_auto_receptionist(tx, receptionist)
    return receptionist


def delete_auto_receptionist(tx: Tx, receptionist: Doc) -> None:
    numbers.release_owner(tx, RECEPTIONIST_TYPE, receptionist["id"])
    phone.release_extension(tx, receptionist["account_id"], receptionist["extension_number"])
    phone.forget_extension_id(tx, receptionist["extension_id"])
    forget_target(tx, receptionist["account_id"], receptionist["extension_id"])
    tx.delete(RECEPTIONIST, receptionist["id"])


def forget_target(tx: Tx, account_id: str, extension_id: str) -> None:
    """Drop every IVR key that routed to an extension that is going away; a no-input action that
    forwarded there disconnects instead."""
    for receptionist in list_auto_receptionists(tx, account_id):
        changed = False
        for menu in receptionist.get("ivr", {}).values():
            keys = menu.get("key_actions", [])
            kept = [k for k in keys if k.get("target", {}).get("extension_id") != extension_id]
            no_action = menu.get("caller_enters_no_action", {})
            if no_action.get("forward_to", {}).get("extension_id") == extension_id:
                no_action.pop("forward_to")
                no_action["action"] = -1
                changed = True
            if len(kept) != len(keys):
                menu["key_actions"] = kept
                changed = True
        if changed:
            save_auto_receptionist(tx, receptionist)


def move_site(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A site is being deleted (phone package): its queues and receptionists join ``new_site_id``;
    its main receptionist goes with the site."""
    site = phone.get_site(tx, old_site_id)
    if site is None:
        return
    account = site["account_id"]
    for queue in list_call_queues(tx, account):
        if queue["site_id"] == old_site_id:
            queue["site_id"] = new_site_id
            save_call_queue(tx, queue)
    main_id = (site.get("main_auto_receptionist") or {}).get("id")
    for receptionist in list_auto_receptionists(tx, account):
        if receptionist["site_id"] != old_site_id:
            continue
        if receptionist["id"] == main_id:
            numbers.release_owner(tx, RECEPTIONIST_TYPE, receptionist["id"])
            forget_target(tx, account, receptionist["extension_id"])
            tx.delete(RECEPTIONIST, receptionist["id"])
        else:
            receptionist["site_id"] = new_site_id
            save_auto_receptionist(tx, receptionist)


# addressing ------------------------------------------------------------------------------
def routing_owner(tx: Tx, account_id: str, extension_id: str) -> Doc | None:
    """The queue or receptionist an extension id stands for, with its ``type``; None otherwise."""
    owner = phone.owner_of_extension_id(tx, extension_id)
    if owner is None:
        return None
    if owner["type"] == QUEUE_TYPE:
        doc = get_call_queue(tx, owner["id"])
    elif owner["type"] == RECEPTIONIST_TYPE:
        doc = get_auto_receptionist(tx, owner["id"], account_id)
    else:
        return None
    return {**doc, "type": owner["type"]} if doc is not None else None
