"""The billing contact of a sub-account whose master pays its bills."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.accounts.access import sub_account
from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.store import Tx

KIND = "account_billing"
FIELDS = ("first_name", "last_name", "email", "phone_number", "address", "apt", "city", "state", "zip", "country")


def merge_contact(tx: Tx, account_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    contact = {**get_part(tx, KIND, account_id), **{k: v for k, v in changes.items() if k in FIELDS}}
    put_part(tx, KIND, account_id, contact)
    return contact


def get_billing(ctx: Context) -> dict[str, Any]:
    account = sub_account(ctx)
    contact = get_part(ctx.tx, KIND, account["id"])
    if not contact:
        raise documented(3211, accountId=account["id"])
    return {field: contact.get(field, "") for field in FIELDS}


def update_billing(ctx: Context) -> None:
    account = sub_account(ctx)
    if account.get("options", {}).get("pay_mode", "master") == "sub":
        raise ZoomError(2100, "This sub account is on self pay mode.", 400)
    merge_contact(ctx.tx, account["id"], ctx.body)
