"""The account's blocked list: numbers and prefixes blocked inbound, outbound or as threats."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.phone.common import body
from zemu.services.phone.model import documented_by
from zemu.services.resource import Collection
from zemu.store import Tx

KIND = "phone_blocked"
FIELDS = ("block_type", "comment", "match_type", "phone_number", "status")


SHOWN = ("block_type", "comment", "id", "match_type", "phone_number", "status")
BLOCKED = Collection(KIND, sort=lambda e: e["created_at"], view=lambda e: {k: e[k] for k in SHOWN})


def save(tx: Tx, entry: dict[str, Any]) -> None:
    BLOCKED.save(tx, entry)


def new_entry(tx: Tx, ids: Ids, now: float, account_id: str, data: dict[str, Any]) -> dict[str, Any]:
    entry = {
        "id": ids.uid(),
        "account_id": account_id,
        "block_type": data.get("block_type") or "inbound",
        "comment": data.get("comment") or "",
        "match_type": data.get("match_type") or "phoneNumber",
        "phone_number": str(data.get("phone_number") or ""),
        "status": data.get("status") or "active",
        "country": data.get("country") or "US",
        "created_at": f"{now:020.3f}",
    }
    save(tx, entry)
    return entry


def _check(data: dict[str, Any]) -> None:
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
        raise documented(300, "Invalid country")
    number = str(data.get("phone_number") or "")
    if number and not number.lstrip("+").isdigit():
        raise ZoomError(300, "Validation Failed.", 400)


def target(ctx: Context) -> dict[str, Any]:
    blocked_id = str(ctx.path["blockedListId"])
    return BLOCKED.require(ctx, blocked_id, documented_by("getABlockedList", 400, blockedListId=blocked_id))


def list_blocked(ctx: Context) -> dict[str, Any]:
    page = BLOCKED.page(ctx)
    return {
        "blocked_list": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def get_blocked(ctx: Context) -> dict[str, Any]:
    entry = target(ctx)
    return {k: entry[k] for k in SHOWN}


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
    BLOCKED.delete(ctx.tx, BLOCKED.require(ctx, blocked_id, ctx.fail(300, blockedListId=blocked_id)))
