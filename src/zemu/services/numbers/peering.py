"""Cloud peering (Provider Exchange): numbers a carrier pushes into its customers' accounts.

A carrier (``model.CARRIERS``, id = its code as text, listed in the partner's account) owns a set of
SIP trunk names. Its numbers are ordinary numbers with a ``peering`` part; ``model.PEERING`` lists
them per carrier, across the customers' accounts.
Batches are all or nothing: one bad number refuses the request with code 1000 naming each failure.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.numbers import common, model
from zemu.services.numbers.views import PEERING_FIELDS, peering_item
from zemu.store import Tx

Doc = dict[str, Any]
CARRIERS = model.CARRIERS


# carriers -----------------------------------------------------------------------------------


def add_carrier(tx: Tx, *, code: int, name: str, partner_account_id: str, trunks: list[str]) -> Doc:
    carrier = {
        "id": str(code),
        "code": code,
        "name": name,
        "partner_account_id": partner_account_id,
        "account_id": partner_account_id,
        "sip_trunk_names": trunks,
    }
    CARRIERS.save(tx, carrier)
    return carrier


def carrier_of(ctx: Context, code: int | None) -> Doc:
    """The carrier named by ``carrier_code``, else the one the calling app's account operates."""
    carrier = CARRIERS.get(ctx.tx, code) if code is not None else CARRIERS.first(ctx.tx, ctx.account_id)
    if carrier is None:
        raise ctx.fail(1001, "Carrier not found")
    return carrier


# lists --------------------------------------------------------------------------------------
def list_peering_numbers(ctx: Context) -> Doc:
    """listPeeringPhoneNumbers: the carrier's numbers in one customer account."""
    carrier = carrier_of(ctx, ctx.query.get("carrier_code"))
    page = model.PEERING.page(
        ctx,
        scope=str(carrier["code"]),
        shape=lambda p: peering_item(p["number"]),
        where={"account": common.account_id(ctx), "number": ctx.query.get("phone_number")},
    )
    return {"next_page_token": page.next_page_token, "numbers": page.items, "total_records": page.total_records}


def list_phone_peering_numbers(ctx: Context) -> Doc:
    """The Zoom Phone document's older form of the same list (``GET /phone/peering/numbers``):
    flags as 0/1 and ``billing_reference_id``, without the Number Management fields."""
    listed = list_peering_numbers(ctx)
    listed["numbers"] = [
        {
            "assigned": int(bool(n.get("assigned"))),
            "status": int(bool(n.get("status"))),
            "phone_number": n["phone_number"],
            "sip_trunk_name": n.get("sip_trunk_name", ""),
            "billing_reference_id": n.get("billing_ref_id", ""),
            "service_info": n.get("service_info", ""),
        }
        for n in listed["numbers"]
    ]
    return listed


def list_for_provider(ctx: Context) -> Doc:
    """Listpeeringphonenumbersforprovider: everything the carrier pushed, across customers."""
    carrier = carrier_of(ctx, None)

    def item(pushed: Doc) -> Doc:
        return {
            "customer_account_name": pushed["customer_account_name"],
            "customer_account_number": pushed["customer_account_number"],
            **peering_item(pushed["number"]),
        }

    page = model.PEERING.page(
        ctx, scope=str(carrier["code"]), where={"number": ctx.query.get("phone_number")}, shape=item
    )
    return {"next_page_token": page.next_page_token, "numbers": page.items, "total_records": page.total_records}


# writes -------------------------------------------------------------------------------------
def _peering_fields(item: Doc) -> Doc:
    return {k: item[k] for k in PEERING_FIELDS if k in item}


def _site_for(ctx: Context, account: str, product: str) -> str | None:
    return common.main_site_id(ctx, account) if product == "ZOOM_PHONE" else None


def add_peering_numbers(ctx: Context) -> None:
    """addPeeringPhoneNumbers"""
    body = ctx.body or {}
    items = common.check_batch(body.get("phone_numbers"))
    account = common.account_id(ctx)
    carrier = carrier_of(ctx, body.get("carrier_code"))
    product = body.get("allocated_product") or "UNALLOCATED"
    failures = _add_failures(ctx, carrier, items)
    if failures:
        raise common.some_failed(failures)
    site_id = _site_for(ctx, account, product)
    for item in items:
        peering = {
            "carrier_code": carrier["code"],
            "sip_trunk_name": item["sip_trunk_name"],
            "voice_direction": "INBOUND_AND_OUTBOUND",
            "voice_msg_capacity": "MULTI_USE",
            **_peering_fields(item),
        }
        model.add_number(
            ctx.tx,
            ctx.ids,
            ctx.now,
            account_id=account,
            number=item["phone_number"],
            number_type=item.get("number_type") or "Toll",
            source="BYOCCloud",
            product=product,
            site_id=site_id,
            carrier={"code": carrier["code"], "name": carrier["name"]},
            capability=_capability(peering),
            status="Normal" if item.get("status", True) else "Pending",
            peering=peering,
        )


def _capability(peering: Doc) -> list[str]:
    direction = peering.get("voice_direction", "INBOUND_AND_OUTBOUND")
    out = []
    if direction in ("INBOUND_AND_OUTBOUND", "INBOUND_ONLY"):
        out.append("incoming")
    if direction in ("INBOUND_AND_OUTBOUND", "OUTBOUND_ONLY"):
        out.append("outgoing")
    if peering.get("message_capability") == "SUPPORTED":
        out.append("sms")
    return out


def _add_failures(ctx: Context, carrier: Doc, items: list[Doc]) -> list[Doc]:
    failures, seen = [], set()
    for item in items:
        e164 = item.get("phone_number", "")
        reason = None
        if not model.valid_e164(e164):
            reason = "Invalid number"
        elif item.get("sip_trunk_name") not in carrier["sip_trunk_names"]:
            reason = "Invalid Sip Trunk"
        elif e164 in seen or model.get_number(ctx.tx, e164) is not None:
            reason = "Phone number already exists"
        seen.add(e164)
        if reason:
            failures.append({"phoneNumber": e164, "reason": reason})
    return failures


def _own_number(ctx: Context, carrier: Doc, account: str, e164: str) -> tuple[Doc | None, str | None]:
    """The carrier's number in ``account``, or why it cannot be touched."""
    if not model.valid_e164(e164):
        return None, "Invalid number"
    number = model.get_number(ctx.tx, e164)
    peering = (number or {}).get("peering") or {}
    if number is None or number["account_id"] != account or peering.get("carrier_code") != carrier["code"]:
        return None, "Phone number does not exist"
    return number, None


def update_peering_numbers(ctx: Context) -> None:
    """updatePeeringPhoneNumbers: details per number; ``allocated_product`` only moves UNALLOCATED ones."""
    body = ctx.body or {}
    items = common.check_batch(body.get("phone_numbers"))
    account = common.account_id(ctx)
    carrier = carrier_of(ctx, body.get("carrier_code"))
    product = body.get("allocated_product")
    failures, found = [], []
    for item in items:
        number, reason = _own_number(ctx, carrier, account, item.get("phone_number", ""))
        if number is not None and "sip_trunk_name" in item and item["sip_trunk_name"] not in carrier["sip_trunk_names"]:
            reason = "Invalid Sip Trunk"
        if number is not None and product and product != number["product"] and number["product"] != "UNALLOCATED":
            reason = "Unable to switch products for the number"
        if reason or number is None:
            failures.append({"phoneNumber": item.get("phone_number", ""), "reason": reason})
        else:
            found.append((number, item))
    if failures:
        raise common.some_failed(failures)
    for number, item in found:
        _apply_update(ctx, number, item, product)


def _apply_update(ctx: Context, number: Doc, item: Doc, product: str | None) -> None:
    peering = number["peering"]
    peering.update(_peering_fields(item))
    if "sip_trunk_name" in item:
        peering["sip_trunk_name"] = item["sip_trunk_name"]
    if "status" in item:
        number["status"] = "Normal" if item["status"] else "Pending"
    if product and product != number["product"]:
        number["product"] = product
        number["site_id"] = _site_for(ctx, number["account_id"], product)
    number["capability"] = model.canonical_capability(_capability(peering))
    model.save(ctx.tx, number)


def delete_peering_numbers(ctx: Context) -> None:
    """deletePeeringPhoneNumbers: a carrier removes numbers it added; a number in use is refused."""
    refs = common.check_batch(ctx.query.get("phone_numbers"))
    account = common.account_id(ctx)
    carrier = carrier_of(ctx, ctx.query.get("carrier_code"))
    failures, found = [], []
    for e164 in refs:
        number, reason = _own_number(ctx, carrier, account, e164)
        if number is not None and model.in_use(number):
            reason = "Phone number is in use"
        if reason:
            failures.append({"phoneNumber": e164, "reason": reason})
        elif number is not None:
            found.append(number)
    if failures:
        raise common.some_failed(failures)
    for number in found:
        model.remove_number(ctx.tx, number)
