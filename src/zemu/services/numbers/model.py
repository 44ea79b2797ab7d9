"""The one truth for phone numbers: Zoom Phone, Number Management, users, queues and receptionists.

A number is a document of kind ``phone_number`` (22-char id) filed under its account, sorted by its
E.164 string and parented by its current owner's id (so ``numbers_of`` is an indexed read). The
E.164 string is unique across all accounts (store unique "phone_number"). Values are stored in
Number Management's vocabulary (``Toll``/``TollFree``, ``Incoming``/``Outgoing``, ``Zoom``/
``BYOCCloud``...); the Phone views translate them (see ``views.py``).
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.sim.clock import zulu
from zemu.store import Conflict, Tx

KIND = "phone_number"
E164 = re.compile(r"^\+[1-9]\d{6,14}$")

PRODUCTS = ("UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER")
# Phone's lower-case words and Number Management's enum for the same facts
_NUMBER_TYPES = {"toll": "Toll", "tollfree": "TollFree"}
_CAPABILITIES = {"incoming": "Incoming", "outgoing": "Outgoing", "sms": "Messaging"}
_SOURCES = {"internal": "Zoom", "external": "BYOCPremises"}
# Phone assignee types and Number Management's ``assigned_to_type``
ASSIGNEE_TYPES = {
    "user": "User", "callQueue": "CallQueue", "autoReceptionist": "AutoReceptionist",
    "commonArea": "CommonArea", "sharedLineGroup": "SharedLineGroup", "zoomRoom": "CiscoPolycomRoom",
    "emergencyNumberPool": "EmergencyNumberPool", "companyLocation": "CompanyLocation",
    "meetingService": "MeetingService", "groupCallPickup": "GroupCallPickup",
}


def valid_e164(number: str) -> bool:
    return bool(E164.match(number or ""))


def _canonical_type(number_type: str) -> str:
    return _NUMBER_TYPES.get(number_type, number_type)


def canonical_capability(capability: Any) -> list[str]:
    return [_CAPABILITIES.get(c, c) for c in capability]


def add_number(tx: Tx, ids: Ids, now: float, *, account_id: str, number: str, number_type: str = "toll",
               source: str = "internal", product: str = "ZOOM_PHONE", site_id: str | None = None,
               carrier: dict[str, Any] | None = None, capability: Any = ("incoming", "outgoing"),
               **extra: Any) -> dict[str, Any]:
    """Create a number; raises Zoom's errors for a malformed or already-held E.164 string."""
    if not valid_e164(number):
        raise ZoomError(300, f"Invalid phone number: {number}.", 400)
    doc: dict[str, Any] = {
        "id": ids.uid(), "number": number, "account_id": account_id,
        "number_type": _canonical_type(number_type), "source": _SOURCES.get(source, source),
        "product": product, "site_id": site_id if product == "ZOOM_PHONE" else None,
        "carrier": carrier, "capability": canonical_capability(capability), "status": "Normal",
        "assignee": None, "display_name": "", "caller_id_name": "", "sip_group_id": None,
        "emergency_address": None, "emergency_address_update_time": "", "created_at": zulu(now),
    }
    doc.update(extra)
    try:
        tx.claim(KIND, number, doc["id"])
    except Conflict:
        raise ZoomError(409, f"Phone number already in use: {number}.", 400) from None
    save(tx, doc)
    return doc


def save(tx: Tx, doc: dict[str, Any]) -> None:
    owner = (doc.get("assignee") or {}).get("id", "")
    tx.put(KIND, doc["id"], doc, account_id=doc["account_id"], parent=owner, sort=doc["number"])
    from zemu.services.phone.model import numbers_changed  # owners keep their numbers with them

    numbers_changed(tx, doc)


def get_number(tx: Tx, ref: str) -> dict[str, Any] | None:
    """A number by its id or its E.164 string (with or without the leading ``+``)."""
    if not ref:
        return None
    doc = tx.get(KIND, ref)
    if doc is not None:
        return doc
    e164 = ref if ref.startswith("+") else "+" + ref
    holder = tx.holder(KIND, e164)
    return tx.get(KIND, holder) if holder else None


def account_numbers(tx: Tx, account_id: str) -> list[dict[str, Any]]:
    """Every number of an account, in E.164 order (accounts hold hundreds, not millions)."""
    return [row.body for row in tx.list(KIND, account_id=account_id, limit=100_000)]


def assign(tx: Tx, number: dict[str, Any], assignee: dict[str, Any]) -> dict[str, Any]:
    """Give ``number`` to ``assignee`` ({id, type, name, extension_number}); one owner at a time."""
    current = number.get("assignee")
    if current and current.get("id") != assignee["id"]:
        raise ZoomError(409, "Phone number already in use.", 400)
    if number.get("product") != "ZOOM_PHONE":
        raise ZoomError(300, f"Phone number does not exist: {number['number']}.", 400)
    number["assignee"] = {k: assignee.get(k) for k in ("id", "type", "name", "extension_number")}
    save(tx, number)
    return number


def assign_in_account(tx: Tx, account_id: str, ref: str, assignee: dict[str, Any]) -> dict[str, Any]:
    """Resolve ``ref`` (id or E.164) inside ``account_id`` and assign it: other tenants' numbers
    answer like unknown ones."""
    number = get_number(tx, ref)
    if number is None or number["account_id"] != account_id:
        raise ZoomError(300, f"Phone number does not exist: {ref}.", 400)
    return assign(tx, number, assignee)


def unassign(tx: Tx, number: dict[str, Any]) -> dict[str, Any]:
    number["assignee"] = None
    save(tx, number)
    return number


def numbers_of(tx: Tx, owner_type: str, owner_id: str) -> list[dict[str, Any]]:
    rows = tx.list(KIND, parent=owner_id, limit=10_000)
    return [r.body for r in rows if (r.body.get("assignee") or {}).get("type") == owner_type]


def release_owner(tx: Tx, owner_type: str, owner_id: str) -> None:
    """Unassign everything an owner holds (its deletion cascades to its numbers)."""
    for number in numbers_of(tx, owner_type, owner_id):
        unassign(tx, number)


def in_use(number: dict[str, Any]) -> bool:
    return bool(number.get("assignee")) or bool(number.get("company_site_ids"))


def remove_number(tx: Tx, number: dict[str, Any]) -> None:
    """Delete a number; Zoom refuses one that is still assigned."""
    if in_use(number):
        raise ZoomError(200003, f"The phone number is in use and cannot be deleted: {number['number']}", 400)
    tx.delete(KIND, number["id"])
    tx.delete("peering_number", number["id"])  # the carrier's index of its numbers
    tx.release(KIND, number["number"])


# main company numbers -------------------------------------------------------------------------
def set_company_number(tx: Tx, number: dict[str, Any], site_id: str) -> None:
    """Make ``number`` the main company number of ``site_id`` (one per site)."""
    for other in account_numbers(tx, number["account_id"]):
        if site_id in other.get("company_site_ids", []) and other["id"] != number["id"]:
            other["company_site_ids"] = [s for s in other["company_site_ids"] if s != site_id]
            save(tx, other)
    sites = number.setdefault("company_site_ids", [])
    if site_id not in sites:
        sites.append(site_id)
    save(tx, number)


def company_number(tx: Tx, account_id: str, site_id: str) -> dict[str, Any] | None:
    """The main company number of a site, if it has one."""
    for number in account_numbers(tx, account_id):
        if site_id in number.get("company_site_ids", []):
            return number
    return None


def move_site(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A deleted site hands its numbers (and main company number) to ``new_site_id``."""
    site = tx.get("phone_site", new_site_id) or tx.get("phone_site", old_site_id) or {}
    account_id = site.get("account_id")
    if not account_id:
        return
    for number in account_numbers(tx, account_id):
        touched = False
        if number.get("site_id") == old_site_id:
            number["site_id"] = new_site_id
            touched = True
        sites = number.get("company_site_ids") or []
        if old_site_id in sites:
            number["company_site_ids"] = [s for s in sites if s != old_site_id]
            touched = True
        if touched:
            save(tx, number)
