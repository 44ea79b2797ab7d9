"""SIP Connected Audio for sub-accounts: the master's trunk configuration and internal numbers.

A master holds the SIP trunk configuration; ``AssignSIPConfig`` copies it to a sub-account or
removes it. Internal numbers (``SIP_NUMBERS``) are listed under the master, unique there, and
filed by the sub-account they are assigned to.
"""

from __future__ import annotations

import re
from typing import Any

from zemu.errors import ValidationFailed, ZoomError
from zemu.services.accounts.access import master_account, sub_account
from zemu.services.accounts.model import SIP_NUMBERS, get_part, put_part, sip_number_taken
from zemu.services.context import Context
from zemu.store import Tx

CONFIG = "sip_trunk_config"
PHONE = re.compile(r"^\+?[0-9]{3,20}$")
NOT_ENABLED = "SIP Connected Audio is not enabled for this account."


def set_master_config(tx: Tx, master_id: str, trunks: list[dict[str, Any]]) -> None:
    put_part(tx, CONFIG, master_id, {"enabled": True, "trunks": trunks})


def assign_config(ctx: Context) -> None:
    master = master_account(ctx)
    account = sub_account(ctx)
    source = get_part(ctx.tx, CONFIG, master["id"])
    if not source.get("enabled"):
        raise ZoomError(300, NOT_ENABLED, 400)
    enable = (ctx.body or {}).get("enable", True)
    config = {"enabled": True, "trunks": source["trunks"]} if enable else {"enabled": False, "trunks": []}
    put_part(ctx.tx, CONFIG, account["id"], config)


def assign_numbers(ctx: Context) -> None:
    master = master_account(ctx)
    account = sub_account(ctx)
    if not get_part(ctx.tx, CONFIG, master["id"]).get("enabled"):
        raise ZoomError(300, NOT_ENABLED, 400)
    numbers = _numbers(ctx.body)
    for number in numbers:
        held = SIP_NUMBERS.find(ctx.tx, "number", number, scope=master["id"])
        if held is not None and held["account_id"] != account["id"]:
            raise sip_number_taken(number)
        SIP_NUMBERS.save(
            ctx.tx,
            {
                "id": f"{master['id']}:{number}",
                "number": number,
                "account_id": account["id"],
                "master_id": master["id"],
            },
        )


def _numbers(body: Any) -> list[str]:
    raw = (body or {}).get("phone_numbers") or []
    numbers = [n.get("number") if isinstance(n, dict) else n for n in raw]
    bad = [i for i, n in enumerate(numbers) if not isinstance(n, str) or not PHONE.match(n)]
    if not numbers or bad:
        at = f"phone_numbers[{bad[0]}]" if bad else "phone_numbers"
        raise ValidationFailed([{"field": at, "message": "Invalid field."}])
    return list(dict.fromkeys(str(n) for n in numbers))


def list_numbers(ctx: Context) -> dict[str, Any]:
    """Zoom answers the master's numbers whole, without paging."""
    master = master_account(ctx)
    numbers = [{"number": n["number"], "account_id": n["account_id"]} for n in SIP_NUMBERS.each(ctx.tx, master["id"])]
    return {"total_records": len(numbers), "phone_numbers": numbers}


def delete_all_numbers(ctx: Context) -> None:
    master = master_account(ctx)
    account = sub_account(ctx)
    for number in list(SIP_NUMBERS.each(ctx.tx, master["id"], {"account": account["id"]})):
        SIP_NUMBERS.delete(ctx.tx, number)
