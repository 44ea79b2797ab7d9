"""Who takes part in a call: a reference (an extension number, a user's email, a number of the
account, an outside E.164 number) resolved to one flat party model.

The party model carries every field any event or record names about a side of a call, under
the live-event names (``extension_type`` ``user``/``commonArea``/``pstn``, ``phone_number`` the
DID or the extension number as a string); ``shapes.project`` then keeps what each shape declares.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import bad_request
from zemu.services.numbers import model as numbers
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model as routing
from zemu.services.users.model import find_user
from zemu.sim.clock import parse_zulu, zulu
from zemu.store import Tx

Doc = dict[str, Any]
USER, COMMON_AREA, PSTN = "user", "commonArea", "pstn"
CALL_QUEUE, AUTO_RECEPTIONIST = routing.QUEUE_TYPE, routing.RECEPTIONIST_TYPE
# history and legacy logs name the same kinds their own way
HISTORY_EXT_TYPE = {
    USER: "user",
    COMMON_AREA: "common_area",
    CALL_QUEUE: "call_queue",
    AUTO_RECEPTIONIST: "auto_receptionist",
    PSTN: "external_contact",
}
LONGEST_EXTENSION = 8
EMERGENCY_NUMBERS = ("911", "933", "112")


# a 400 with code 300 naming what is wrong, as every control-body check answers
refused = bad_request


def asked(body: Any, fields: set[str]) -> Doc:
    """A control-plane body: a JSON object holding none but ``fields``, or a 400."""
    if not isinstance(body, dict):
        raise refused("The request body must be a JSON object.")
    unknown = set(body) - fields
    if unknown:
        raise refused(f"Unknown field: {sorted(unknown)[0]}.")
    return body


def when(body: Doc, now: float) -> float:
    """A control-plane body's ``at``: now when absent, else a time no earlier than now, or a 400."""
    raw = body.get("at")
    if raw is None or raw == "":
        return now
    try:
        at = parse_zulu(str(raw))
    except ValueError:
        raise refused("at must be a time in the form yyyy-MM-ddTHH:mm:ssZ.") from None
    if at < int(now):
        raise refused(f"at must not be before the emulated now ({zulu(now)}).")
    return at


def correspondents(tx: Tx, account_id: str, body: Doc, what: str) -> tuple[Doc, Doc]:
    """The sender and recipient of a text message or fax (``what``, for the messages): one of
    them of the account, neither an emergency number, and two parties; or a 400."""
    sender = resolve(tx, account_id, body.get("from"), "from")
    recipient = resolve(tx, account_id, body.get("to"), "to")
    if not sender["internal"] and not recipient["internal"]:
        raise refused("from or to must be a party of the account.")
    if sender.get("emergency") or recipient.get("emergency"):
        raise refused(f"{what} to emergency numbers are not supported.")
    if sender.get("id") and sender.get("id") == recipient.get("id"):
        raise refused("from and to must be different parties.")
    return sender, recipient


def resolve(tx: Tx, account_id: str, ref: Any, field: str) -> Doc:
    """The party ``ref`` names, or Zoom's 400 naming ``field``."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        ref = str(ref)
    if not isinstance(ref, str) or not ref.strip():
        raise refused(f"{field} is required: an extension number, a user's email or a phone number.")
    ref = ref.strip()
    if ref in EMERGENCY_NUMBERS:
        return {**outside(ref), "emergency": True}
    if "@" in ref:
        user = find_user(tx, ref)
        if user is None:
            raise refused(f"User does not exist: {ref}.")
        # a user of another account (a sub-account, another company on Zoom) takes part from there
        return _owner(tx, str(user.get("account_id") or account_id), {"type": USER, "id": user["id"]}, ref, field)
    if ref.isdigit() and len(ref) <= LONGEST_EXTENSION:
        owner = phone.owner_of_extension(tx, account_id, int(ref))
        if owner is None:
            raise refused(f"Extension does not exist: {ref}.")
        return _owner(tx, account_id, owner, ref, field)
    if ref.startswith("+") and numbers.valid_e164(ref):
        number = numbers.get_number(tx, ref)
        if number is None:
            return outside(ref)
        assignee = number.get("assignee") or {}
        if not assignee.get("id"):
            if number.get("account_id") != account_id:
                return outside(ref)
            raise refused(f"{field}: the number {ref} is not assigned to anyone.")
        holder = str(number.get("account_id") or account_id)  # a number of another account rings there
        return _owner(tx, holder, {"type": assignee["type"], "id": assignee["id"]}, ref, field)
    raise refused(f"{field} must be an extension number, a user's email or an E.164 phone number: {ref}.")


def outside(number: str) -> Doc:
    """A party outside the account: a PSTN number."""
    return {
        "kind": PSTN,
        "internal": False,
        "extension_type": PSTN,
        "phone_number": number,
        "did_number": number,
        "name": number,
        "connection_type": "pstn_off_net",
        "country_iso_code": "US",
        "country_code": "1",
        "number_type": "external_pstn",
    }


def _owner(tx: Tx, account_id: str, owner: Doc, ref: str, field: str) -> Doc:
    kind = str(owner["type"])
    if kind == USER:
        doc = phone.get_phone_user(tx, owner["id"])
        user = find_user(tx, owner["id"]) or {}
        if doc is None or doc.get("status") == "deactivate":
            raise refused(f"{field}: {ref} is not a Zoom Phone user.")
        return _party(
            tx,
            account_id,
            doc,
            USER,
            user_id=doc["id"],
            email=doc.get("email", ""),
            timezone=user.get("timezone", ""),
            policy=doc.get("policy") or {},
        )
    if kind == COMMON_AREA:
        doc = phone.get_common_area(tx, owner["id"])
        if doc is None:
            raise refused(f"Common area does not exist: {ref}.")
        return _party(
            tx, account_id, doc, COMMON_AREA, timezone=doc.get("timezone", ""), policy=doc.get("policy") or {}
        )
    if kind == CALL_QUEUE:
        doc = routing.get_call_queue(tx, owner["id"])
        if doc is None:
            raise refused(f"Call queue does not exist: {ref}.")
        return _party(tx, account_id, doc, CALL_QUEUE, timezone=doc.get("timezone", ""), policy=doc.get("policy") or {})
    if kind == AUTO_RECEPTIONIST:
        doc = routing.get_auto_receptionist(tx, owner["id"], account_id)
        if doc is None:
            raise refused(f"Auto receptionist does not exist: {ref}.")
        return _party(tx, account_id, doc, AUTO_RECEPTIONIST, policy=doc.get("policy") or {})
    raise refused(f"{field}: calls to a {kind} are not simulated yet ({ref}).")


def _party(tx: Tx, account_id: str, doc: Doc, kind: str, **extra: Any) -> Doc:
    first = numbers.first_number_of(tx, kind, doc["id"])
    did = str(first["number"]) if first else ""
    site = phone.get_site(tx, doc.get("site_id", "")) or {}
    return {
        "kind": kind,
        "internal": True,
        "account_id": account_id,
        "id": doc["id"],
        "name": doc.get("name", ""),
        "extension_type": kind,
        "extension_id": doc.get("extension_id", ""),
        "extension_number": int(doc.get("extension_number") or 0),
        "phone_number": did or str(doc.get("extension_number", "")),
        "did_number": did,
        "site_id": site.get("id", ""),
        "site_name": site.get("name", ""),
        "department": doc.get("department", ""),
        "cost_center": doc.get("cost_center", ""),
        "connection_type": "voip",
        "country_iso_code": "US",
        "country_code": "1",
        "number_type": "zoom_pstn",
        "device_id": "",
        "emergency_address": site.get("default_emergency_address") or {},
        **extra,
    }
