"""Company contacts: search the account's people by name or email, as the Zoom client does.

Only contact type 1 (Zoom users) is kept by this service; the other types are Zoom Phone
objects (auto receptionists, call queues, ...) that answer an empty list here.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.users.model import USERS
from zemu.services.users.presence import TO_EVENT

ZOOM_USER = 1
# the contact list shows only these presence values
SHOWN_PRESENCE = {"Do_Not_Disturb", "Away", "Available", "Offline"}


def _contact(user: dict[str, Any], with_presence: bool) -> dict[str, Any]:
    out = {
        "id": user["id"],
        "email": user["email"],
        "first_name": user.get("first_name", ""),
        "last_name": user.get("last_name", ""),
        "display_name": user.get("display_name", ""),
        "contact_type": ZOOM_USER,
        "dept": user.get("dept", ""),
        "job_title": user.get("job_title", ""),
        "location": user.get("location", ""),
        "user_status": user["status"],
        "im_group_id": next(iter(user.get("group_ids") or []), ""),
        "phone_numbers": user.get("phone_numbers", []),
    }
    if with_presence:
        shown = TO_EVENT.get(user.get("presence_status", "Available"), user.get("presence_status", "Available"))
        out["presence_status"] = shown if shown in SHOWN_PRESENCE else "Away"
    return out


def search(ctx: Context) -> dict[str, Any]:
    """A keyword range of the account's users (a word of a name or email, by prefix), pending
    invitations left out."""
    presence = bool(ctx.query.get("query_presence_status"))
    if int(ctx.query.get("contact_types") or ZOOM_USER) != ZOOM_USER:
        page = ctx.paginate(lambda f, w: [])
    else:
        status = ctx.query.get("user_status")
        page = USERS.page(
            ctx,
            where={"status": status} if status else {"listed": True},
            keyword=ctx.query.get("search_key"),
            shape=lambda u: _contact(u, presence),
            total=False,
        )
    return {"contacts": page.items, "page_size": page.page_size, "next_page_token": page.next_page_token}
