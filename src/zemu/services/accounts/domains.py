"""An account's trusted domains and managed domains (read here; the demo and the control plane set them)."""

from __future__ import annotations

from typing import Any

from zemu.services.accounts.access import paid_account, target_account
from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.store import Tx

KIND = "account_domains"


def set_domains(
    tx: Tx, account_id: str, *, trusted: list[str] | None = None, managed: list[dict[str, str]] | None = None
) -> None:
    doc = get_part(tx, KIND, account_id)
    if trusted is not None:
        doc["trusted_domains"] = trusted
    if managed is not None:
        doc["managed_domains"] = managed
    put_part(tx, KIND, account_id, doc)


def trusted_domains(ctx: Context) -> dict[str, Any]:
    account = target_account(ctx)
    return {"trusted_domains": get_part(ctx.tx, KIND, account["id"]).get("trusted_domains", [])}


def managed_domains(ctx: Context) -> dict[str, Any]:
    account = paid_account(ctx, "Only available for Paid or ZMP account: {accountId}.")
    domains = get_part(ctx.tx, KIND, account["id"]).get("managed_domains", [])
    return {"total_records": len(domains), "domains": domains}
