"""Company contacts: search the account's people by name or email, as the Zoom client does.

Only contact type 1 (Zoom users) is kept by this service; the other types are Zoom Phone
objects (auto receptionists, call queues, ...) that answer an empty list here.
"""

from __future__ import annotations

from typing import Any

from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.groups.model import group_ids_of
from zemu.services.users.model import KIND as USER_KIND
from zemu.services.users.presence import TO_EVENT

ZOOM_USER = 1
# the contact list shows only these presence values
SHOWN_PRESENCE = {"Do_Not_Disturb", "Away", "Available", "Offline"}


def _matches(user: dict[str, Any], key: str, status: str) -> bool:
    if user["status"] == "pending" or (status and user["status"] != status):
        return False
    names = (user.get("first_name", ""), user.get("last_name", ""), user.get("display_name", ""), user["email"])
    return any(key in name.lower() for name in names)


def _contact(ctx: Context, user: dict[str, Any], with_presence: bool) -> dict[str, Any]:
    out = {"id": user["id"], "email": user["email"], "first_name": user.get("first_name", ""),
           "last_name": user.get("last_name", ""), "display_name": user.get("display_name", ""),
           "contact_type": ZOOM_USER, "dept": user.get("dept", ""), "job_title": user.get("job_title", ""),
           "location": user.get("location", ""), "user_status": user["status"],
           "im_group_id": next(iter(group_ids_of(ctx.tx, user["id"])), ""),
           "phone_numbers": user.get("phone_numbers", [])}
    if with_presence:
        shown = TO_EVENT.get(user.get("presence_status", "Available"), user.get("presence_status", "Available"))
        out["presence_status"] = shown if shown in SHOWN_PRESENCE else "Away"
    return out


def search(ctx: Context) -> dict[str, Any]:
    filters = {"key": str(ctx.query.get("search_key") or "").lower(),
               "status": ctx.query.get("user_status") or "",
               "types": int(ctx.query.get("contact_types") or ZOOM_USER),
               "presence": bool(ctx.query.get("query_presence_status"))}

    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        if filters["types"] != ZOOM_USER:
            return []
        found: list[tuple[tuple[str, str], Any]] = []
        after = window.after
        # scan the account's users in email order, a batch at a time, until the page is full
        while len(found) < window.offset + window.limit:
            rows = ctx.tx.list(USER_KIND, parent=ctx.account_id, after=after, limit=200)
            found += [((r.sort, r.id), _contact(ctx, r.body, filters["presence"])) for r in rows
                      if _matches(r.body, filters["key"], filters["status"])]
            if len(rows) < 200:
                break
            after = (rows[-1].sort, rows[-1].id)
        return found[window.offset:window.offset + window.limit]

    page = ctx.paginate(fetch, filters=filters)
    return {"contacts": page.items, "page_size": page.page_size, "next_page_token": page.next_page_token}
