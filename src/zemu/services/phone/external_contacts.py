"""External contacts: people outside the account that Zoom Phone users can dial by name."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.phone.common import body
from zemu.services.resource import Collection
from zemu.store import Tx

KIND = "phone_external_contact"
EDITABLE = (
    "description",
    "email",
    "extension_number",
    "name",
    "phone_numbers",
    "routing_path",
    "auto_call_recorded",
    "enable_internal_extension",
)


def shape(contact: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": contact["description"],
        "email": contact["email"],
        "extension_number": contact["extension_number"],
        "external_contact_id": contact["id"],
        "id": contact["custom_id"],
        "name": contact["name"],
        "phone_numbers": contact["phone_numbers"],
        "auto_call_recorded": contact["auto_call_recorded"],
        "profile_picture_download_url": "",
        "enable_internal_extension": contact["enable_internal_extension"],
    }


CONTACTS = Collection(KIND, sort=lambda c: c["name"].lower(), view=shape)


def save(tx: Tx, contact: dict[str, Any]) -> None:
    CONTACTS.save(tx, contact)


def _check(data: dict[str, Any]) -> None:
    if data.get("profile_picture"):
        raise ZoomError(
            300, "Validation failed. - If you need to use profile_picture field, please contact Zoom Support.", 400
        )
    if len(data.get("phone_numbers") or []) > 200:
        raise documented(405, "phone_numbers must not exceed 200")


def new_contact(tx: Tx, ids: Ids, account_id: str, data: dict[str, Any]) -> dict[str, Any]:
    contact = {
        "id": ids.uid(),
        "account_id": account_id,
        "custom_id": str(data.get("id") or ""),
        "name": str(data["name"]),
        "description": str(data.get("description") or ""),
        "email": str(data.get("email") or ""),
        "extension_number": str(data.get("extension_number") or ""),
        "phone_numbers": [str(n) for n in data.get("phone_numbers") or []],
        "routing_path": str(data.get("routing_path") or ""),
        "auto_call_recorded": bool(data.get("auto_call_recorded", False)),
        "enable_internal_extension": bool(data.get("enable_internal_extension", False)),
    }
    save(tx, contact)
    return contact


def target(ctx: Context, error: ZoomError | None = None) -> dict[str, Any]:
    contact_id = str(ctx.path["externalContactId"])
    return CONTACTS.require(ctx, contact_id, error or ctx.fail(400, externalContactId=contact_id))


def list_contacts(ctx: Context) -> dict[str, Any]:
    page = CONTACTS.page(ctx, total=False)
    return {"external_contacts": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size}


def get_contact(ctx: Context) -> dict[str, Any]:
    return shape(target(ctx))


def add_contact(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    _check(data)
    contact = new_contact(ctx.tx, ctx.ids, ctx.account_id, data)
    return {"name": contact["name"], "external_contact_id": contact["id"]}


def update_contact(ctx: Context) -> None:
    contact_id = str(ctx.path["externalContactId"])
    contact = target(ctx, ZoomError(400, f"Validation failed. - External contact does not exist: {contact_id}.", 400))
    data = body(ctx)
    _check(data)
    for key in EDITABLE:
        if data.get(key) is not None:
            contact[key] = data[key]
    if data.get("id") is not None:
        contact["custom_id"] = str(data["id"])
    save(ctx.tx, contact)


def delete_contact(ctx: Context) -> None:
    contact = target(ctx, ZoomError(300, "External contact does not exist.", 400))
    CONTACTS.delete(ctx.tx, contact)
