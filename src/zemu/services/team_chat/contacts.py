"""A user's contacts: the account's active users (``type=company``) and the phone directory's
external contacts (``type=external``), each with what the phone system knows of them."""

from __future__ import annotations

from typing import Any

from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.phone.external_contacts import KIND as EXTERNAL_CONTACT
from zemu.services.phone.model import get_phone_user
from zemu.services.team_chat.access import contact_user
from zemu.services.users.model import USERS

Doc = dict[str, Any]


def company_contact(user: Doc) -> Doc:
    return {
        "email": user["email"],
        "first_name": user.get("first_name", ""),
        "id": user["id"],
        "member_id": user["id"],
        "last_name": user.get("last_name", ""),
    }


def external_contact(contact: Doc) -> Doc:
    first, _, last = contact["name"].partition(" ")
    return {
        "email": contact["email"],
        "first_name": first,
        "id": contact["id"],
        "member_id": contact["id"],
        "last_name": last,
    }


def list_contacts(ctx: Context) -> Doc:
    external = ctx.query.get("type") == "external"

    if not external:
        page = USERS.page(ctx, where={"status": "active"}, shape=company_contact, total=False)
        return {"contacts": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size}

    def fetch(_: Doc, window: Window) -> list[tuple[tuple[str, str], Any]]:
        rows = ctx.tx.list(
            EXTERNAL_CONTACT, parent=ctx.account_id, after=window.after, offset=window.offset, limit=window.limit
        )
        return [((row.sort, row.id), external_contact(row.body)) for row in rows]

    page = ctx.paginate(fetch, filters={"type": "external"})
    return {"contacts": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size}


def get_contact(ctx: Context) -> Doc:
    user = contact_user(ctx, str(ctx.path["identifier"]))
    out = company_contact(user)
    phone = get_phone_user(ctx.tx, user["id"]) or {}
    numbers = [n["number"] for n in phone.get("phone_numbers") or [] if n.get("number")]
    out.update(
        direct_numbers=numbers,
        extension_number=str(phone.get("extension_number") or ""),
        phone_number=user.get("phone_number", ""),
        phone_numbers=[],
    )
    if ctx.query.get("query_presence_status") in (True, "true"):
        out["presence_status"] = user.get("presence_status") or "Available"
    return out
