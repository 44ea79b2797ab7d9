"""How one number document reads in each API: Zoom Phone (lower-case words) and Number Management."""

from __future__ import annotations

from typing import Any

from zemu.services.numbers.model import ASSIGNEE_TYPES, is_byoc

Doc = dict[str, Any]

_PHONE_CAPABILITY = {"Incoming": "incoming", "Outgoing": "outgoing", "Messaging": "sms"}
__all__ = ["is_byoc", "nm_item", "peering_item", "phone_details", "phone_item"]


def _site_ref(number: Doc, key: str) -> Doc | None:
    site_id = number.get("site_id")
    return {key: site_id, "name": number.get("site_name", "")} if site_id else None


def _sip_group(number: Doc, name_key: str) -> Doc | None:
    group_id = number.get("sip_group_id")
    return {"id": group_id, name_key: number.get("sip_group_name", "")} if group_id else None


def _address(number: Doc, keys: tuple[str, ...]) -> Doc | None:
    address = number.get("emergency_address")
    return {k: address[k] for k in keys if k in address} if address else None


def _compact(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if v is not None}


# Zoom Phone ----------------------------------------------------------------------------------
def phone_item(number: Doc) -> Doc:
    """An item of ``GET /phone/numbers``."""
    assignee = number.get("assignee")
    return _compact(
        {
            "id": number["id"],
            "number": number["number"],
            "display_name": number.get("display_name") or None,
            "assignee": _compact(dict(assignee)) if assignee else None,
            "capability": [_PHONE_CAPABILITY.get(c, c.lower()) for c in number.get("capability", [])],
            "carrier": number.get("carrier"),
            "emergency_address": _address(
                number, ("address_line1", "address_line2", "city", "country", "state_code", "zip")
            ),
            "emergency_address_update_time": number.get("emergency_address_update_time") or None,
            "location": (number.get("location") or {}).get("city"),
            "number_type": "tollfree" if number.get("number_type") == "TollFree" else "toll",
            "sip_group": _sip_group(number, "display_name"),
            "site": _site_ref(number, "id"),
            "source": "external" if is_byoc(number) else "internal",
            "status": "pending" if number.get("status") == "Pending" else "available",
        }
    )


def phone_details(number: Doc) -> Doc:
    """``GET /phone/numbers/{phoneNumberId}``."""
    return phone_item(number)


# Number Management ---------------------------------------------------------------------------
def assigned_list(number: Doc) -> list[Doc]:
    assignee = number.get("assignee")
    if not assignee:
        return []
    extension = assignee.get("extension_number")
    return [
        _compact(
            {
                "assigned_to_id": assignee["id"],
                "assgined_to_name": assignee.get("name") or "",
                "assigned_to_type": ASSIGNEE_TYPES.get(assignee["type"], "User"),
                "source_channel": "Voice",
                "extension_number": str(extension) if extension is not None else None,
            }
        )
    ]


def nm_item(number: Doc) -> Doc:
    """An item of ``GET /number_management/numbers`` and the body of its details."""
    return _compact(
        {
            "id": number["id"],
            "number": number["number"],
            "allocated_product": number["product"],
            "number_type": number.get("number_type", "Toll"),
            "display_name": number.get("display_name") or None,
            "caller_id_name": number.get("caller_id_name") or None,
            "carrier": number.get("carrier"),
            "capability": number.get("capability", []),
            "source": number.get("source", "Zoom"),
            "status": number.get("status", "Normal"),
            "emergency_address": _address(
                number, ("address_line1", "address_line2", "city", "county", "state_code", "country", "zip")
            ),
            "address_update_required": bool(number.get("address_update_required")),
            "emergency_address_update_time": number.get("emergency_address_update_time") or None,
            "site": _site_ref(number, "site_id"),
            "assigned_list": assigned_list(number),
            "sip_group": _sip_group(number, "name"),
            "location": number.get("location"),
        }
    )


# peering (Provider Exchange) ---------------------------------------------------------------------
PEERING_FIELDS = (
    "billing_ref_id",
    "service_info",
    "voice_msg_capacity",
    "voice_direction",
    "outbound_dialer_not_supported",
    "outbound_cli_share_not_supported",
    "message_capability",
)


def peering_item(number: Doc) -> Doc:
    """A peering number as its carrier sees it (``GET …/peering_numbers``)."""
    peering = number.get("peering") or {}
    item: Doc = {
        "assigned": bool(number.get("assignee")),
        "allocated_product": number["product"],
        "phone_number": number["number"],
        "sip_trunk_name": peering.get("sip_trunk_name", ""),
        "status": number.get("status") != "Pending",
    }
    item.update({k: peering[k] for k in PEERING_FIELDS if peering.get(k) is not None})
    return item
