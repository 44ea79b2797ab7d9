"""Carrier reseller numbers: the numbers a carrier reseller (master) account can push to its
sub-accounts, read from the numbers model. A reseller number is one that came from a carrier
(``carrier`` set); ``sub_account_id`` on the number says which sub-account it was pushed to."""

from __future__ import annotations

from typing import Any

from zemu.paging import Window
from zemu.services.accounts.model import get_account
from zemu.services.context import Context
from zemu.services.phone.common import numbers_model
from zemu.store import Tx


def _assigned_status(number: dict[str, Any]) -> str:
    if number.get("reseller_status") == "returned":
        return "returned"
    return "assigned" if number.get("sub_account_id") else "unassigned"


def item(tx: Tx, number: dict[str, Any]) -> dict[str, Any]:
    sub_id = str(number.get("sub_account_id") or "")
    sub = get_account(tx, sub_id) if sub_id else None
    carrier = number.get("carrier") or {}
    return {
        "assigned_status": _assigned_status(number),
        "carrier_code": int(carrier.get("code") or 0),
        "country_iso_code": str(number.get("country_iso_code") or "US"),
        "phone_number": number["number"],
        "status": "active" if number.get("status", "Normal") == "Normal" else "inactive",
        "sub_account_id": sub_id,
        "sub_account_name": (sub or {}).get("account_name", ""),
    }


def list_numbers(ctx: Context) -> dict[str, Any]:
    query = dict(ctx.query)
    keyword = str(query.get("keyword") or "")

    def keep(number: dict[str, Any]) -> bool:
        if not number.get("carrier"):
            return False
        if query.get("assigned_status") and _assigned_status(number) != query["assigned_status"]:
            return False
        if query.get("sub_account_id") and number.get("sub_account_id") != query["sub_account_id"]:
            return False
        return keyword in number["number"]

    # the numbers model files no carrier term yet: an account's numbers are read and filtered here
    chosen = [n for n in numbers_model().account_numbers(ctx.tx, ctx.account_id) if keep(n)]

    def fetch(filters: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        rows = [((n["number"], n["id"]), n) for n in chosen]
        rows = [row for row in rows if window.after is None or row[0] > tuple(window.after)]
        return [(cursor, item(ctx.tx, n)) for cursor, n in rows[window.offset : window.offset + window.limit]]

    page = ctx.paginate(fetch, count=lambda _: len(chosen))
    return {
        "carrier_reseller_numbers": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }
