"""The account's blocked list: numbers and prefixes blocked inbound, outbound or as threats."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Window
from zemu.services.context import Context
from zemu.services.phone.common import body
from zemu.store import Tx

KIND = "phone_blocked"
FIELDS = ("block_type", "comment", "match_type", "phone_number", "status")


def missing(blocked_id: str) -> ZoomError:
    return ZoomError(400, f"Blocked number (Id: {blocked_id}) does not exist.", 400)


def save(tx: Tx, entry: dict[str, Any]) -> None:
    view = {k: entry[k] for k in ("block_type", "comment", "id", "match_type", "phone_number", "status")}
    tx.put(KIND, entry["id"], entry, account_id=entry["account_id"], parent=entry["account_id"],
           sort=entry["created_at"], view=view)


def new_entry(tx: Tx, ids: Ids, now: float, account_id: str, data: dict[str, Any]) -> dict[str, Any]:
    entry = {"id": ids.uid(), "account_id": account_id, "block_type": data.get("block_type") or "inbound",
             "comment": data.get("comment") or "", "match_type": data.get("match_type") or "phoneNumber",
             "phone_number": str(data.get("phone_number") or ""), "status": data.get("status") or "active",
             "country": data.get("country") or "US", "created_at": f"{now:020.3f}"}
    save(tx, entry)
    return entry


def _check(data: dict[str, Any]) -> None:
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
        raise ZoomError(300, "Invalid country.", 400)
    number = str(data.get("phone_number") or "")
    if number and not number.lstrip("+").isdigit():
        raise ZoomError(300, "Validation Failed.", 400)


def target(ctx: Context) -> dict[str, Any]:
    blocked_id = str(ctx.path["blockedListId"])
    entry = ctx.tx.get(KIND, blocked_id)
    if entry is None or entry["account_id"] != ctx.account_id:
        raise missing(blocked_id)
    return entry


def list_blocked(ctx: Context) -> dict[str, Any]:
    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        return ctx.tx.list_views(KIND, parent=ctx.account_id, after=window.after, offset=window.offset,
                                 limit=window.limit)

    page = ctx.paginate(fetch, count=lambda _: ctx.tx.count(KIND, parent=ctx.account_id))
    return {"blocked_list": page.items, "next_page_token": page.next_page_token, "page_size": page.page_size,
            "total_records": page.total_records}


def get_blocked(ctx: Context) -> dict[str, Any]:
    entry = target(ctx)
    return {k: entry[k] for k in ("block_type", "comment", "id", "match_type", "phone_number", "status")}


def add_blocked(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    _check(data)
    if not data.get("phone_number"):
        raise ZoomError(300, "Validation Failed.", 400)
    return {"id": new_entry(ctx.tx, ctx.ids, ctx.now, ctx.account_id, data)["id"]}


def update_blocked(ctx: Context) -> None:
    entry = target(ctx)
    data = body(ctx)
    _check(data)
    for key in (*FIELDS, "country"):
        if data.get(key) is not None:
            entry[key] = data[key]
    save(ctx.tx, entry)


def delete_blocked(ctx: Context) -> None:
    blocked_id = str(ctx.path["blockedListId"])
    entry = ctx.tx.get(KIND, blocked_id)
    if entry is None or entry["account_id"] != ctx.account_id:
        raise ZoomError(300, f"Validation Failed. Blocked number (Id: {blocked_id}) does not exist.", 400)
    ctx.tx.delete(KIND, blocked_id)
