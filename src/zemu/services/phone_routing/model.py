"""The call-routing data model: call queues with their members, and auto receptionists, each a
declared collection (``zemu.services.resource``).

Other phone packages (history, simulator, phone core) import these functions rather than reading
the documents themselves, so the shapes below are a contract:

    call_queue         id = queue id, scope = account, sort = lower-case name
                       {id, account_id, name, extension_id, extension_number (int), site_id,
                        status ("active"|"inactive"), cost_center, department, timezone,
                        audio_prompt_language, default_transcription_language,
                        recording_storage_location, policy {...}, created_at,
                        members [{call_queue_id, id, seq, type ("user"|"commonArea"), name, extension_id,
                                  extension_number, level ("manager"|"user"), receive_call}] (order added)}
    auto_receptionist  id = AR id, scope = account, sort = lower-case name
                       {id, account_id, name, extension_id, extension_number (int), site_id, main (bool),
                        cost_center, department, timezone, audio_prompt_language, holiday_hours [...],
                        policy {...}, ivr {hours_type: {...}}}

Both keep what their list item shows of their site and numbers (``site``, ``phone_numbers``), kept
current when a site is renamed (``refresh_site``) or a number changes hands (``numbers_changed``),
so a list page is one index range and a detail one read. A site's main receptionist is filed when
the site is created (``main_of_site``).

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
from zemu.services.resource import Collection
from zemu.sim.clock import zulu
from zemu.store import Tx

QUEUE = "call_queue"
RECEPTIONIST = "auto_receptionist"
QUEUE_TYPE = "callQueue"
RECEPTIONIST_TYPE = "autoReceptionist"

Doc = dict[str, Any]


def queue_item(queue: Doc) -> Doc:
    """A queue as ``listCallQueues`` shows it."""
    return {
        "extension_id": queue["extension_id"],
        "extension_number": queue["extension_number"],
        "id": queue["id"],
        "name": queue["name"],
        "phone_numbers": queue.get("phone_numbers", []),
        "site": queue.get("site", phone.NO_SITE),
        "status": queue["status"],
    }


RECEPTIONIST_FIELDS = (
    "timezone",
    "audio_prompt_language",
    "default_transcription_language",
    "recording_storage_location",
    "own_storage_name",
)


def receptionist_summary(receptionist: Doc) -> Doc:
    """What the list and the details share (the details carry no ``id``, as Zoom documents)."""
    out: Doc = {
        "cost_center": receptionist.get("cost_center", ""),
        "department": receptionist.get("department", ""),
        "extension_id": receptionist["extension_id"],
        "extension_number": receptionist["extension_number"],
        "name": receptionist["name"],
        "holiday_hours": receptionist.get("holiday_hours", []),
        "phone_numbers": [{"id": n["id"], "number": n["number"]} for n in receptionist.get("phone_numbers", [])],
        "site": receptionist.get("site", phone.NO_SITE),
    }
    out.update({key: receptionist[key] for key in RECEPTIONIST_FIELDS if receptionist.get(key)})
    return out


def _number_ids(doc: Doc) -> list[str]:
    return [n["id"] for n in doc.get("phone_numbers", [])]


QUEUES = Collection(
    QUEUE,
    sort=lambda q: q["name"].lower(),
    filters={
        "site_id": lambda q: q["site_id"],
        "cost_center": lambda q: q.get("cost_center"),
        "department": lambda q: q.get("department"),
        "number": _number_ids,
        "extension_id": lambda q: q["extension_id"],
        "member": lambda q: [m["id"] for m in q.get("members", [])],
    },
    view=queue_item,
)
RECEPTIONISTS = Collection(
    RECEPTIONIST,
    sort=lambda r: r["name"].lower(),
    filters={"site_id": lambda r: r["site_id"], "number": _number_ids, "target": lambda r: sorted(_targets(r))},
    view=lambda r: {**receptionist_summary(r), "id": r["id"]},
)


def _targets(receptionist: Doc) -> set[str]:
    """The extension ids its IVR menus route to (so a departing extension finds the menus)."""
    found = set()
    for menu in receptionist.get("ivr", {}).values():
        for key in menu.get("key_actions", []):
            found.add(key.get("target", {}).get("extension_id"))
        found.add(menu.get("caller_enters_no_action", {}).get("forward_to", {}).get("extension_id"))
    return found - {None, ""}


def _fill(tx: Tx, doc: Doc, owner_type: str) -> None:
    doc["site"] = phone.site_ref(tx, doc["site_id"])
    doc["phone_numbers"] = phone.number_refs(tx, owner_type, doc["id"], source=True)


# call queues -----------------------------------------------------------------------------
def get_call_queue(tx: Tx, call_queue_id: str) -> Doc | None:
    return QUEUES.get(tx, call_queue_id)


def account_call_queue(tx: Tx, account_id: str, call_queue_id: str) -> Doc | None:
    """A queue of ``account_id``, or None (another account's queue does not exist for this one)."""
    queue = get_call_queue(tx, call_queue_id)
    return queue if queue is not None and queue["account_id"] == account_id else None


def list_call_queues(tx: Tx, account_id: str) -> list[Doc]:
    """Every queue of the account in name order (for fan-out work, never a list page)."""
    return list(QUEUES.each(tx, account_id))


def save_call_queue(tx: Tx, queue: Doc) -> None:
    _fill(tx, queue, QUEUE_TYPE)
    QUEUES.save(tx, queue)


def create_call_queue(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    name: str,
    site_id: str,
    extension_number: int,
    policy: Doc,
    **fields: Any,
) -> Doc:
    """File a queue and hold its extension (a taken extension raises Zoom's error first)."""
    queue: Doc = {
        "id": ids.uid(),
        "account_id": account_id,
        "name": name,
        "extension_id": ids.uid(),
        "extension_number": int(extension_number),
        "site_id": site_id,
        "status": "active",
        "cost_center": "",
        "department": "",
        "policy": policy,
        "created_at": zulu(now),
        "members": [],
        **fields,
    }
    owner = {"type": QUEUE_TYPE, "id": queue["id"]}
    phone.claim_extension(tx, account_id, queue["extension_number"], owner)
    phone.register_extension_id(tx, queue["extension_id"], owner)
    save_call_queue(tx, queue)
    return queue


def delete_call_queue(tx: Tx, queue: Doc) -> None:
    """Remove a queue with everything it holds: members, numbers, extension, IVR keys to it."""
    numbers.release_owner(tx, QUEUE_TYPE, queue["id"])
    phone.release_extension(tx, queue["account_id"], queue["extension_number"])
    phone.forget_extension_id(tx, queue["extension_id"])
    forget_target(tx, queue["account_id"], queue["extension_id"])
    QUEUES.delete(tx, queue)


# members ---------------------------------------------------------------------------------
def list_members(tx: Tx, call_queue_id: str) -> list[Doc]:
    """A queue's members in the order they joined (a queue holds at most a few hundred)."""
    queue = get_call_queue(tx, call_queue_id)
    return list(queue.get("members", [])) if queue else []


def member_in(queue: Doc, ref: str) -> Doc | None:
    """A member of ``queue`` by its user or common area id, or its extension id."""
    return next((m for m in queue.get("members", []) if ref in (m["id"], m["extension_id"])), None)


def add_member(tx: Tx, queue: Doc, target: Doc, member_type: str, *, level: str = "user") -> bool:
    """Add a phone user or common area (``target`` is its phone doc); False when already there."""
    if member_in(queue, target["id"]) is not None:
        return False
    sequence = int(queue.get("member_seq", 0)) + 1
    member = {
        "call_queue_id": queue["id"],
        "id": target["id"],
        "type": member_type,
        "seq": sequence,
        "name": target.get("name") or target.get("display_name") or target.get("email", ""),
        "extension_id": target.get("extension_id") or target["id"],
        "extension_number": target.get("extension_number"),
        "level": level,
        "receive_call": True,
    }
    queue["member_seq"] = sequence
    queue.setdefault("members", []).append(member)
    save_call_queue(tx, queue)
    return True


def drop_members(queue: Doc, keep: Any) -> bool:
    """Keep the members ``keep`` accepts; True when any left."""
    kept = [m for m in queue.get("members", []) if keep(m)]
    changed = len(kept) != len(queue.get("members", []))
    queue["members"] = kept
    return changed


def remove_member(tx: Tx, call_queue_id: str, member_id: str) -> bool:
    queue = get_call_queue(tx, call_queue_id)
    if queue is None or not drop_members(queue, lambda m: m["id"] != member_id):
        return False
    save_call_queue(tx, queue)
    return True


def forget_member(tx: Tx, account_id: str, member_id: str) -> None:
    """Drop a departing phone user or common area from every queue of the account."""
    for queue in queues_of_member(tx, account_id, member_id):
        drop_members(queue, lambda m: m["id"] != member_id)
        save_call_queue(tx, queue)


def queues_of_member(tx: Tx, account_id: str, member_id: str) -> list[Doc]:
    return list(QUEUES.each(tx, account_id, {"member": member_id}))


# auto receptionists ----------------------------------------------------------------------
def get_auto_receptionist(tx: Tx, auto_receptionist_id: str, account_id: str | None = None) -> Doc | None:
    """A receptionist by id (a site's main one is filed with the site)."""
    return RECEPTIONISTS.get(tx, auto_receptionist_id)


def account_auto_receptionist(tx: Tx, account_id: str, auto_receptionist_id: str) -> Doc | None:
    receptionist = get_auto_receptionist(tx, auto_receptionist_id, account_id)
    return receptionist if receptionist is not None and receptionist["account_id"] == account_id else None


def main_of_site(site: Doc) -> Doc:
    """The document of a site's main receptionist as the phone package created it: the site holds
    its id, name and extension."""
    ref = site["main_auto_receptionist"]
    return {
        "id": ref["id"],
        "account_id": site["account_id"],
        "name": ref["name"],
        "extension_id": ref["extension_id"],
        "extension_number": int(ref["extension_number"]),
        "site_id": site["id"],
        "main": True,
        "cost_center": "",
        "department": "",
        "holiday_hours": [],
        "policy": {},
        "ivr": {},
        "created_at": site.get("created_at", ""),
    }


def list_auto_receptionists(tx: Tx, account_id: str) -> list[Doc]:
    """Every receptionist of the account (for fan-out work, never a list page)."""
    return list(RECEPTIONISTS.each(tx, account_id))


def save_auto_receptionist(tx: Tx, receptionist: Doc) -> None:
    _fill(tx, receptionist, RECEPTIONIST_TYPE)
    RECEPTIONISTS.save(tx, receptionist)
    if receptionist.get("main"):
        _sync_site_reference(tx, receptionist)


def _sync_site_reference(tx: Tx, receptionist: Doc) -> None:
    """Sites show their main receptionist's name and extension: keep that copy current."""
    site = phone.get_site(tx, receptionist["site_id"])
    if site is None or (site.get("main_auto_receptionist") or {}).get("id") != receptionist["id"]:
        return
    ref = site["main_auto_receptionist"]
    if (ref["name"], ref["extension_number"]) != (receptionist["name"], receptionist["extension_number"]):
        site["main_auto_receptionist"] = {
            **ref,
            "name": receptionist["name"],
            "extension_number": receptionist["extension_number"],
        }
        phone.save_site(tx, site)


def create_auto_receptionist(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    name: str,
    site_id: str,
    extension_number: int,
    policy: Doc,
    **fields: Any,
) -> Doc:
    """File a receptionist and hold its extension (a taken extension raises Zoom's error first)."""
    receptionist: Doc = {
        "id": ids.uid(),
        "account_id": account_id,
        "name": name,
        "extension_id": ids.uid(),
        "extension_number": int(extension_number),
        "site_id": site_id,
        "main": False,
        "cost_center": "",
        "department": "",
        "holiday_hours": [],
        "policy": policy,
        "ivr": {},
        "created_at": zulu(now),
        **fields,
    }
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
    RECEPTIONISTS.delete(tx, receptionist)


def forget_target(tx: Tx, account_id: str, extension_id: str) -> None:
    """Drop every IVR key that routed to an extension that is going away; a no-input action that
    forwarded there disconnects instead."""
    for receptionist in list(RECEPTIONISTS.each(tx, account_id, {"target": extension_id})):
        for menu in receptionist.get("ivr", {}).values():
            menu["key_actions"] = [
                k for k in menu.get("key_actions", []) if k.get("target", {}).get("extension_id") != extension_id
            ]
            no_action = menu.get("caller_enters_no_action", {})
            if no_action.get("forward_to", {}).get("extension_id") == extension_id:
                no_action.pop("forward_to")
                no_action["action"] = -1
        save_auto_receptionist(tx, receptionist)


# what other packages change ----------------------------------------------------------------
def refresh_site(tx: Tx, account_id: str, site_id: str) -> None:
    """A site was renamed: its queues and receptionists show the new name."""
    for queue in list(QUEUES.each(tx, account_id, {"site_id": site_id})):
        save_call_queue(tx, queue)
    for receptionist in list(RECEPTIONISTS.each(tx, account_id, {"site_id": site_id})):
        save_auto_receptionist(tx, receptionist)


# the owners that show their numbers (``phone.numbers_changed`` refreshes them)
HOLDERS: tuple[phone.Holder, ...] = (
    (QUEUE_TYPE, QUEUES, save_call_queue),
    (RECEPTIONIST_TYPE, RECEPTIONISTS, save_auto_receptionist),
)


def move_site(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A site is being deleted (phone package): its queues and receptionists join ``new_site_id``;
    its main receptionist goes with the site."""
    site = phone.get_site(tx, old_site_id)
    if site is None:
        return
    account = site["account_id"]
    for queue in list(QUEUES.each(tx, account, {"site_id": old_site_id})):
        queue["site_id"] = new_site_id
        save_call_queue(tx, queue)
    main_id = (site.get("main_auto_receptionist") or {}).get("id")
    for receptionist in list(RECEPTIONISTS.each(tx, account, {"site_id": old_site_id})):
        if receptionist["id"] == main_id:
            numbers.release_owner(tx, RECEPTIONIST_TYPE, receptionist["id"])
            forget_target(tx, account, receptionist["extension_id"])
            RECEPTIONISTS.delete(tx, receptionist)
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
