"""The one truth for phone numbers: Zoom Phone, Number Management, users, queues and receptionists.

A number is a document of ``NUMBERS`` (22-char id) listed in its account by its E.164 string,
which is unique across all accounts. It is filed by everything Zoom lists numbers by (product,
owner, type, status, source, site, campaign, consent policy, carrier...) and by the digits of
every suffix of its number (a number search matches any part of it), so every list is an index
range; its Zoom Phone list view is saved with it, with the names of its site and SIP group.
Values are stored in Number Management's vocabulary (``Toll``/``TollFree``, ``Incoming``/
``Outgoing``, ``Zoom``/``BYOCCloud``...); the Phone views translate them (see ``views.py``).
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.accounts.model import get_account
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.sim.clock import zulu
from zemu.store import Tx, terms

KIND = "phone_number"
Doc = dict[str, Any]
E164 = re.compile(r"^\+[1-9]\d{6,14}$")

PRODUCTS = ("UNALLOCATED", "ZOOM_PHONE", "ZOOM_CONTACT_CENTER")
# Phone's lower-case words and Number Management's enum for the same facts
_NUMBER_TYPES = {"toll": "Toll", "tollfree": "TollFree"}
_CAPABILITIES = {"incoming": "Incoming", "outgoing": "Outgoing", "sms": "Messaging"}
_SOURCES = {"internal": "Zoom", "external": "BYOCPremises"}
# Phone assignee types and Number Management's ``assigned_to_type``
ASSIGNEE_TYPES = {
    "user": "User",
    "callQueue": "CallQueue",
    "autoReceptionist": "AutoReceptionist",
    "commonArea": "CommonArea",
    "sharedLineGroup": "SharedLineGroup",
    "zoomRoom": "CiscoPolycomRoom",
    "emergencyNumberPool": "EmergencyNumberPool",
    "companyLocation": "CompanyLocation",
    "meetingService": "MeetingService",
    "groupCallPickup": "GroupCallPickup",
}


EXTERNAL_SOURCES = ("ThirdPartyNumber", "BYOCCloud", "BYOCPremises")
ZOOM_SOURCES = ("Zoom", "ZoomPorted", "ZoomReserved")
# Number Management's ``assigned_to_type`` of a number allocated to a product and held by nobody
UNASSIGNED_TO = {"ZOOM_PHONE": "PhoneUnassigned", "ZOOM_CONTACT_CENTER": "ContactCenterUnassigned"}


def is_byoc(number: Doc) -> bool:
    return number.get("source") in EXTERNAL_SOURCES


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phone_type(number: Doc) -> list[str]:
    """``listAccountPhoneNumbers``' ``type``: assigned or unassigned, and byoc."""
    return ["assigned" if number.get("assignee") else "unassigned"] + (["byoc"] if is_byoc(number) else [])


def _assigned_to(number: Doc) -> str | None:
    assignee = number.get("assignee")
    if assignee:
        return ASSIGNEE_TYPES.get(assignee["type"], "User")
    return UNASSIGNED_TO.get(number["product"])


def _owner(number: Doc) -> str | None:
    assignee = number.get("assignee")
    return f"{assignee['type']}/{assignee['id']}" if assignee else None


def _searched(number: Doc) -> list[str]:
    """Every suffix of the number's digits (a search matches any part of it), and its name."""
    found = digits(number["number"])
    return [found[i:] for i in range(len(found))] + [number.get("display_name") or ""]


def _phone_view(number: Doc) -> Doc:
    from zemu.services.numbers.views import phone_item  # views read this module's vocabulary

    return phone_item(number)


NUMBERS = Collection(
    KIND,
    sort=lambda n: n["number"],
    filters={
        "product": lambda n: n["product"],
        "owner": _owner,
        "phone_type": _phone_type,
        "extension_type": lambda n: (n.get("assignee") or {}).get("type"),
        "number_type": lambda n: n.get("number_type"),
        "status": lambda n: n.get("status"),
        "phone_number_type": lambda n: "tollfree" if n.get("number_type") == "TollFree" else "toll",
        "pending": lambda n: n.get("status") == "Pending",
        "source": lambda n: n.get("source"),
        "site": lambda n: n.get("site_id"),
        "company_site": lambda n: n.get("company_site_ids"),
        "assigned_to": _assigned_to,
        "campaign": lambda n: n.get("sms_campaign_id"),
        "consent": lambda n: n.get("sms_consent_id"),
        "carrier": lambda n: (n.get("peering") or {}).get("carrier_code"),
        "peering": lambda n: bool(n.get("peering")),
        "zoom_source": lambda n: n.get("source") in ZOOM_SOURCES,
    },
    keywords=_searched,
    uniques=(Unique("e164", lambda n: n["number"], documented(409, "Phone number already in use")),),
    view=_phone_view,
)


def _sorted(d: Doc) -> str:
    return str(d.get("sort", d["id"]))


def _products(d: Doc) -> list[str]:
    """A SIP group or trunk serves its ``source_system``; a COMMON one serves every product."""
    source = str(d.get("source_system"))
    return [source, *PRODUCTS] if source == "COMMON" else [source]


# what Zoom provisions (the demo, or an operator) and the API reads: number plans, ported-number
# orders, SIP groups and BYOC trunks, SMS campaigns; a carrier is listed in its partner's account
PLANS = Collection("nm_plan", sort=_sorted, filters={"product": lambda p: p["product"]})
PORT_ORDERS = Collection("nm_port_order", sort=_sorted)
SIP_GROUPS = Collection("nm_sip_group", sort=_sorted, filters={"product": _products})
SIP_TRUNKS = Collection("nm_sip_trunk", sort=_sorted, filters={"product": _products})
CAMPAIGNS = Collection("sms_campaign", sort=lambda c: c["display_name"].lower())
CARRIERS = Collection("nm_carrier", sort=lambda c: c["name"].lower(), scope=lambda c: c["partner_account_id"])
CONSENT_LIST_FIELDS = (
    "consent_id",
    "consent_name",
    "description",
    "account_id",
    "in_out_bound",
    "status",
    "create_time",
    "modify_time",
    "used_number",
)
# SMS consent policies keep the count of their numbers (``used_number``, see ``recount_consent``)
CONSENTS = Collection(
    "sms_consent", sort=lambda c: c["create_time"], view=lambda c: {k: c.get(k) for k in CONSENT_LIST_FIELDS}
)
# a carrier's numbers across its customers' accounts: a copy of each peering number, filed under
# the carrier's code, with the customer it was pushed to (kept by ``save``)
PEERING = Collection(
    "peering_number",
    scope=lambda p: str(p["carrier_code"]),
    sort=lambda p: p["number"]["number"],
    filters={"account": lambda p: p["account_id"], "number": lambda p: p["number"]["number"]},
)


def valid_e164(number: str) -> bool:
    return bool(E164.match(number or ""))


def _canonical_type(number_type: str) -> str:
    return _NUMBER_TYPES.get(number_type, number_type)


def canonical_capability(capability: Any) -> list[str]:
    return [_CAPABILITIES.get(c, c) for c in capability]


def add_number(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    number: str,
    number_type: str = "toll",
    source: str = "internal",
    product: str = "ZOOM_PHONE",
    site_id: str | None = None,
    carrier: dict[str, Any] | None = None,
    capability: Any = ("incoming", "outgoing"),
    **extra: Any,
) -> dict[str, Any]:
    """Create a number; raises Zoom's errors for a malformed or already-held E.164 string."""
    if not valid_e164(number):
        raise ZoomError(300, f"Invalid phone number: {number}.", 400)
    if NUMBERS.find(tx, "e164", number) is not None:
        raise ZoomError(409, f"Phone number already in use: {number}.", 400)
    doc: dict[str, Any] = {
        "id": ids.uid(),
        "number": number,
        "account_id": account_id,
        "number_type": _canonical_type(number_type),
        "source": _SOURCES.get(source, source),
        "product": product,
        "site_id": site_id if product == "ZOOM_PHONE" else None,
        "carrier": carrier,
        "capability": canonical_capability(capability),
        "status": "Normal",
        "assignee": None,
        "display_name": "",
        "caller_id_name": "",
        "sip_group_id": None,
        "emergency_address": None,
        "emergency_address_update_time": "",
        "created_at": zulu(now),
    }
    doc.update(extra)
    save(tx, doc)
    return doc


def save(tx: Tx, doc: dict[str, Any]) -> None:
    """Save a number with the names its views show (its site's, its SIP group's)."""
    from zemu.services.phone.model import get_site  # phone builds on this module

    site = get_site(tx, doc["site_id"]) if doc.get("site_id") else None
    doc["site_name"] = site.get("name", "") if site else ""
    group = SIP_GROUPS.get(tx, doc.get("sip_group_id"))
    doc["sip_group_name"] = group.get("display_name", "") if group else ""
    NUMBERS.save(tx, doc)
    code = (doc.get("peering") or {}).get("carrier_code")
    if code is not None:
        customer = get_account(tx, doc["account_id"]) or {}
        PEERING.save(
            tx,
            {
                "id": doc["id"],
                "account_id": doc["account_id"],
                "carrier_code": code,
                "number": doc,
                "customer_account_name": customer.get("account_name", ""),
                "customer_account_number": str(customer.get("account_number", "")),
            },
        )
    from zemu.services.phone.model import numbers_changed  # owners keep their numbers with them

    numbers_changed(tx, doc)


def get_number(tx: Tx, ref: str) -> dict[str, Any] | None:
    """A number by its id or its E.164 string (with or without the leading ``+``)."""
    if not ref:
        return None
    doc = NUMBERS.get(tx, ref)
    if doc is not None:
        return doc
    return NUMBERS.find(tx, "e164", ref if ref.startswith("+") else "+" + ref)


def account_numbers(tx: Tx, account_id: str, where: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The numbers of an account (matching ``where``), in E.164 order, read in batches."""
    return list(NUMBERS.each(tx, account_id, where))


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
    """What an owner holds, in E.164 order: the owner's account is read from one of its numbers
    (the owner's kind is not this module's business), then one index range."""
    owner = f"{owner_type}/{owner_id}"
    account_id = _account_of_owner(tx, owner)
    return list(NUMBERS.each(tx, account_id, {"owner": owner})) if account_id is not None else []


def first_number_of(tx: Tx, owner_type: str, owner_id: str) -> dict[str, Any] | None:
    """The first of ``numbers_of``, read alone (a simulated call's party shows its first DID)."""
    owner = f"{owner_type}/{owner_id}"
    account_id = _account_of_owner(tx, owner)
    return NUMBERS.first(tx, account_id, {"owner": owner}) if account_id is not None else None


def _account_of_owner(tx: Tx, owner: str) -> str | None:
    some = terms.ids_of(tx, KIND, "owner", owner)
    first = NUMBERS.get(tx, some[0]) if some else None
    return str(first["account_id"]) if first else None


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
    NUMBERS.delete(tx, number)
    PEERING.delete(tx, number["id"])
    if number.get("sms_consent_id"):
        recount_consent(tx, number["account_id"], number["sms_consent_id"])


def recount_consent(tx: Tx, account_id: str, consent_id: str) -> None:
    """A consent policy's ``used_number`` after its numbers changed: one counter row."""
    consent = CONSENTS.get(tx, consent_id)
    if consent is not None:
        consent["used_number"] = NUMBERS.count(tx, account_id, {"consent": consent_id})
        CONSENTS.save(tx, consent)


# main company numbers -------------------------------------------------------------------------
def set_company_number(tx: Tx, number: dict[str, Any], site_id: str) -> None:
    """Make ``number`` the main company number of ``site_id`` (one per site)."""
    for other in NUMBERS.each(tx, number["account_id"], {"company_site": site_id}):
        if other["id"] != number["id"]:
            other["company_site_ids"] = [s for s in other["company_site_ids"] if s != site_id]
            save(tx, other)
    sites = number.setdefault("company_site_ids", [])
    if site_id not in sites:
        sites.append(site_id)
    save(tx, number)


def company_number(tx: Tx, account_id: str, site_id: str) -> dict[str, Any] | None:
    """The main company number of a site, if it has one."""
    return NUMBERS.first(tx, account_id, {"company_site": site_id})


def move_site(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A deleted site hands its numbers (and main company number) to ``new_site_id``."""
    from zemu.services.phone.model import get_site

    site = get_site(tx, new_site_id) or get_site(tx, old_site_id) or {}
    account_id = site.get("account_id")
    if not account_id:
        return
    for number in NUMBERS.each(tx, account_id, {"site": old_site_id}):
        number["site_id"] = new_site_id
        save(tx, number)
    for number in NUMBERS.each(tx, account_id, {"company_site": old_site_id}):
        number["company_site_ids"] = [s for s in number["company_site_ids"] if s != old_site_id]
        save(tx, number)


def site_renamed(tx: Tx, account_id: str, site_id: str) -> None:
    """A site's new name reaches the list views of its numbers."""
    for number in NUMBERS.each(tx, account_id, {"site": site_id}):
        save(tx, number)
