"""``zemu trigger``: the smallest real change that causes each peering-number event.

``params`` may name the number (``number``: id or E.164); otherwise the account's first peering
number is used. ``cnam`` and ``address_line1`` / ``city`` / ``state_code`` / ``zip`` / ``country``
override the generated values.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context, Trigger
from zemu.services.documented import documented
from zemu.services.numbers import inventory, model
from zemu.sim.clock import zulu

Doc = dict[str, Any]


def pick_peering_number(ctx: Context, params: dict[str, str]) -> Doc:
    if params.get("number"):
        number = model.get_number(ctx.tx, params["number"])
        if number is not None and number["account_id"] == ctx.account_id and number.get("peering"):
            return number
        raise documented(100002, status=404)
    found = model.NUMBERS.first(ctx.tx, ctx.account_id, {"peering": True})
    if found is None:
        raise documented(100002, status=404)
    return found


def cnam_updated(ctx: Context, params: dict[str, str]) -> Doc:
    number = pick_peering_number(ctx, params)
    number["caller_id_name"] = params.get("cnam") or f"Caller {ctx.ids.hex32()[:6]}"
    model.save(ctx.tx, number)
    inventory.emit_cnam(ctx, [number])
    return {"phone_number_id": number["id"], "number": number["number"], "cnam": number["caller_id_name"]}


def emergency_address_updated(ctx: Context, params: dict[str, str]) -> Doc:
    number = pick_peering_number(ctx, params)
    street = f"{ctx.ids.number(1, 999)} Main Street"
    number["emergency_address"] = {
        "address_line1": params.get("address_line1") or street,
        "city": params.get("city") or "San Jose",
        "state_code": params.get("state_code") or "CA",
        "zip": params.get("zip") or "95113",
        "country": params.get("country") or "US",
    }
    number["emergency_address_update_time"] = zulu(ctx.now)
    model.save(ctx.tx, number)
    inventory.emit_emergency_address(ctx, [number])
    return {"phone_number_id": number["id"], "number": number["number"], **number["emergency_address"]}


TRIGGERS: dict[str, Trigger] = {
    "phone.peering_number_cnam_updated": cnam_updated,
    "number_management.peering_number_cnam_updated": cnam_updated,
    "phone.peering_number_emergency_address_updated": emergency_address_updated,
    "number_management.peering_number_emergency_address_updated": emergency_address_updated,
}
