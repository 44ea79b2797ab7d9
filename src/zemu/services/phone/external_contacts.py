"""External contacts: people outside the account that Zoom Phone users can dial by name."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.phone.common import body
from zemu.store import Tx

KIND = "phone_external_contact"
EDITABLE = ("description", "email", "extension_number", "name", "phone_numbers", "routing_path",
            "auto_call_recorded", "enable_internal_extension")


def shape(contact: dict[str, Any]) -> dict[str, Any]:
    return {"description": contact["description"], "email": contact["email"],
            "extension_number": contact["extension_number"], "external_contact_id": contact["id"],
            "id": contact["custom_id"], "name": contact["name"], "phone_numbers": contact["phone_numbers"],
            "auto_call_recorded": contact["auto_call_recorded"], "profile_picture_download_url": "",
            "enable_internal_extension": contact["enable_internal_extension"]}


def save(tx: Tx, contact: dict[str, Any]) -> None:
    tx.put(KIND, contact["id"], contact, account_id=contact["account_id"], parent=contact["account_id"],
           sort=contact["name"].lower(), view=shape(contact))


def _check(data: dict[str, Any]) -> None:
    if data.get("profile_picture"):
        raise ZoomError(300, "Validation failed. - If you need to use profile_picture field, please contact "
                             "Zoom Support.", 400)
    if len(data.get("phone_numbers") or []) > 200:
        raise ZoomError(405, "The number of items for phone_numbers must not exceed 200.", 400)


def new_contact(tx: Tx, ids: Ids, account_id: str, data: dict[str, Any]) -> dict[str, Any]:
    contact = {"id": ids.uid(), "account_id": account_id, "custom_id": str(data.get("id") or ""),
               "name": str(data["name"]), "description": str(data.get("description") or ""),
               "email": str(data.get("email") or ""), "extension_number": str(data.get("extension_number") or ""),
               "phone_numbers": [str(n) for n in data.get("phone_numbers") or []],
               "routing_path": str(data.get("routing_path") or ""),
               "auto_call_recorded": bool(data.get("auto_call_recorded", False)),
               "enable_internal_extension": bool(data.get("enable_internal_extension", False))}
    save(tx, contact)
    return contact


def target(ctx: Context, error: ZoomError | None = None) -> dict[str, Any]:
    contact_id = str(ctx.path["externalContactId"])
    contact = ctx.tx.get(KIND, contact_id)
    if contact is None or contact["account_id"] != ctx.account_id:
        raise error or ZoomError(400, f"External contact does not exist: {contact_id}.", 400)
    return contact


def list_contacts(ctx: Context) -> dict[str, Any]:
    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        return ctx.tx.list_views(KIND, parent=ctx.account_id, after=window.after, offset=window.offset,
                                 limit=window.limit)

    page = ctx.paginate(fetch)
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
    contact = target(ctx, ZoomError(400, f"Validation failed. - External contact does not exist: {contact_id}.",
                                    400))
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
    ctx.tx.delete(KIND, contact["id"])
