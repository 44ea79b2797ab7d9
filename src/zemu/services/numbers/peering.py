"""Cloud peering (Provider Exchange): numbers a carrier pushes into its customers' accounts.

A carrier (kind ``nm_carrier``, id = its code as text, filed under the partner's own account) owns
a set of SIP trunk names. Its numbers are ordinary ``phone_number`` documents with a ``peering``
part; an index document (kind ``peering_number``, parent = carrier code) lists them per carrier.
Batches are all or nothing: one bad number refuses the request with code 1000 naming each failure.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.accounts.model import get_account
from zemu.services.context import Context
from zemu.services.numbers import common, model
from zemu.services.numbers.views import PEERING_FIELDS, peering_item

Doc = dict[str, Any]
CARRIER = "nm_carrier"
INDEX = "peering_number"
CARRIER_NOT_FOUND = ZoomError(1001, "Carrier not found", 400)


# carriers -----------------------------------------------------------------------------------
def add_carrier(ctx_tx: Any, *, code: int, name: str, partner_account_id: str, trunks: list[str]) -> Doc:
    carrier = {"code": code, "name": name, "partner_account_id": partner_account_id, "sip_trunk_names": trunks}
    ctx_tx.put(CARRIER, str(code), carrier, account_id=partner_account_id, sort=name.lower())
    return carrier


def carrier_of(ctx: Context, code: int | None) -> Doc:
    """The carrier named by ``carrier_code``, else the one the calling app's account operates."""
    if code is not None:
        carrier = ctx.tx.get(CARRIER, str(code))
    else:
        rows = ctx.tx.list(CARRIER, account_id=ctx.account_id, limit=1)
        carrier = rows[0].body if rows else None
    if carrier is None:
        raise CARRIER_NOT_FOUND
    return carrier


def _index(ctx: Context, number: Doc, carrier: Doc) -> None:
    ctx.tx.put(INDEX, number["id"], {"id": number["id"]}, account_id=number["account_id"],
               parent=str(carrier["code"]), sort=number["number"])


def carrier_numbers(ctx: Context, carrier: Doc, account: str | None = None) -> list[Doc]:
    rows = ctx.tx.list(INDEX, account_id=account, parent=str(carrier["code"]), limit=100_000)
    docs = (ctx.tx.get(model.KIND, row.id) for row in rows)
    return [doc for doc in docs if doc is not None]


# lists --------------------------------------------------------------------------------------
def list_peering_numbers(ctx: Context) -> Doc:
    """listPeeringPhoneNumbers: the carrier's numbers in one customer account."""
    account = common.account_id(ctx)
    carrier = carrier_of(ctx, ctx.query.get("carrier_code"))
    wanted = ctx.query.get("phone_number")

    def select(f: dict[str, Any]) -> list[Doc]:
        held = carrier_numbers(ctx, {"code": f["c"]}, f["a"])
        return [d for d in held if not f["n"] or d["number"] == f["n"]]

    items, fields = common.page_docs(ctx, select, peering_item, sort="number",
                                     filters={"c": carrier["code"], "a": account, "n": wanted or ""})
    return {"next_page_token": fields["next_page_token"], "numbers": items,
            "total_records": fields["total_records"]}


def list_phone_peering_numbers(ctx: Context) -> Doc:
    """The Zoom Phone document's older form of the same list (``GET /phone/peering/numbers``):
    flags as 0/1 and ``billing_reference_id``, without the Number Management fields."""
    listed = list_peering_numbers(ctx)
    listed["numbers"] = [{"assigned": int(bool(n.get("assigned"))), "status": int(bool(n.get("status"))),
                          "phone_number": n["phone_number"], "sip_trunk_name": n.get("sip_trunk_name", ""),
                          "billing_reference_id": n.get("billing_ref_id", ""),
                          "service_info": n.get("service_info", "")} for n in listed["numbers"]]
    return listed


def list_for_provider(ctx: Context) -> Doc:
    """Listpeeringphonenumbersforprovider: everything the carrier pushed, across customers."""
    carrier = carrier_of(ctx, None)
    wanted = ctx.query.get("phone_number")

    def select(f: dict[str, Any]) -> list[Doc]:
        return [d for d in carrier_numbers(ctx, {"code": f["c"]}) if not f["n"] or d["number"] == f["n"]]

    def view(number: Doc) -> Doc:
        customer = get_account(ctx.tx, number["account_id"]) or {}
        return {"customer_account_name": customer.get("account_name", ""),
                "customer_account_number": str(customer.get("account_number", "")), **peering_item(number)}

    items, fields = common.page_docs(ctx, select, view, sort="number",
                                     filters={"c": carrier["code"], "n": wanted or ""})
    return {"next_page_token": fields["next_page_token"], "numbers": items,
            "total_records": fields["total_records"]}


# writes -------------------------------------------------------------------------------------
def _peering_fields(item: Doc) -> Doc:
    return {k: item[k] for k in PEERING_FIELDS if k in item}


def _site_for(ctx: Context, account: str, product: str) -> str | None:
    if product != "ZOOM_PHONE":
        return None
    from zemu.services.phone.model import list_sites
    sites = list_sites(ctx.tx, account)
    main = [s for s in sites if s.get("main_site")] or sites
    return main[0]["id"] if main else None


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
        peering = {"carrier_code": carrier["code"], "sip_trunk_name": item["sip_trunk_name"],
                   "voice_direction": "INBOUND_AND_OUTBOUND", "voice_msg_capacity": "MULTI_USE",
                   **_peering_fields(item)}
        number = model.add_number(
            ctx.tx, ctx.ids, ctx.now, account_id=account, number=item["phone_number"],
            number_type=item.get("number_type") or "Toll", source="BYOCCloud", product=product, site_id=site_id,
            carrier={"code": carrier["code"], "name": carrier["name"]}, capability=_capability(peering),
            status="Normal" if item.get("status", True) else "Pending", peering=peering)
        _index(ctx, number, carrier)


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
        if reason:
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
        forget(ctx, number)


def forget(ctx: Context, number: Doc) -> None:
    model.remove_number(ctx.tx, number)
