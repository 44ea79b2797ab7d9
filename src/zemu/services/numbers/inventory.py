"""Number Management's view of an account's numbers: list, details, update, delete, allocation, BYOC."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.numbers import common, model, resources
from zemu.services.numbers.views import nm_item
from zemu.sim.clock import zulu

Doc = dict[str, Any]
SITE_MISSING = documented(1002010)


def not_found() -> ZoomError:
    return NotFound(100002, "Phone number not found")


def number_of(ctx: Context, account: str) -> Doc:
    number = common.number_in(ctx, account, ctx.path["phoneNumberId"])
    if number is None:
        raise not_found()
    return number


# lists and details --------------------------------------------------------------------------
_FILTERS = {
    "allocated_product": "product",
    "number_type": "number_type",
    "number_status": "status",
    "number_source": "source",
    "site_id": "site",
}


def list_numbers(ctx: Context) -> Doc:
    """listPhoneNumbers: an index range of the account's numbers; ``keyword`` finds any part of
    the number's digits or a word of its display name."""
    account = common.account_id(ctx)
    q = ctx.query
    if q.get("site_id") and common.site_of(ctx, q["site_id"]) is None:
        raise SITE_MISSING
    where = {field: q.get(param) for param, field in _FILTERS.items()}
    if q.get("assigned_to_type") not in (None, "Voice", "SMS"):
        where["assigned_to"] = q["assigned_to_type"]
    keyword = str(q.get("keyword") or "").strip()
    page = model.NUMBERS.page(
        ctx,
        scope=account,
        where=where,
        shape=nm_item,
        total=False,
        keyword=model.digits(keyword) if _numeric(keyword) else keyword,
    )
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "numbers": page.items}


def _numeric(text: str) -> bool:
    return bool(text) and all(ch.isdigit() or ch in "+-() " for ch in text)


def get_number(ctx: Context) -> Doc:
    """getPhoneNumber"""
    return nm_item(number_of(ctx, common.account_id(ctx)))


# writes ---------------------------------------------------------------------------------------
def update_number(ctx: Context) -> None:
    """updatePhoneNumberDetail: names, SIP group, capability (BYOC only), address confirmation."""
    number = number_of(ctx, common.account_id(ctx))
    body = ctx.body or {}
    if body.get("sip_group_id") is not None:
        if resources.sip_group(ctx, number["account_id"], body["sip_group_id"]) is None:
            raise ctx.fail(100001)
        number["sip_group_id"] = body["sip_group_id"]
    if body.get("capability") is not None:
        _update_capability(number, body["capability"])
    if "display_name" in body:
        number["display_name"] = body["display_name"]
    cnam_changed = "caller_id_name" in body and body["caller_id_name"] != number.get("caller_id_name")
    if "caller_id_name" in body:
        number["caller_id_name"] = body["caller_id_name"]
    confirmed = bool(body.get("confirm_address_update")) and number.get("address_update_required")
    if confirmed:
        number["address_update_required"] = False
        number["emergency_address_update_time"] = zulu(ctx.now)
    model.save(ctx.tx, number)
    if cnam_changed:
        emit_cnam(ctx, [number])
    if confirmed:
        emit_emergency_address(ctx, [number])


def _update_capability(number: Doc, wanted: Doc) -> None:
    """Only numbers on the customer's own trunks (BYOC, peering) change direction; Zoom's own refuse."""
    if number.get("source") not in ("BYOCCloud", "BYOCPremises", "ThirdPartyNumber"):
        raise documented(200001)
    capability = [c for c in number.get("capability", []) if c not in ("Incoming", "Outgoing")]
    for key, name in (("incoming", "Incoming"), ("outgoing", "Outgoing")):
        current = name in number.get("capability", [])
        if wanted.get(key, current):
            capability.append(name)
    number["capability"] = capability


def delete_numbers(ctx: Context) -> None:
    """DeleteNumbers: give numbers back; all must exist and be free, or nothing is deleted."""
    account = common.account_id(ctx)
    found = []
    for ref in ctx.query.get("numbers") or []:
        number = common.number_in(ctx, account, ref)
        if number is None:
            raise documented(100002)
        found.append(number)
    for number in found:
        model.remove_number(ctx.tx, number)


def allocate(ctx: Context) -> None:
    """AllocateNumber: only an UNALLOCATED number takes a product; a free one may be unallocated."""
    account = common.account_id(ctx)
    body = ctx.body or {}
    product = body["allocated_product"]
    site_id = body.get("site_id")
    if product == "ZOOM_PHONE" and site_id and common.site_of(ctx, site_id) is None:
        raise SITE_MISSING
    found = []
    for ref in body["numbers"]:
        number = common.number_in(ctx, account, ref)
        if number is None:
            raise ctx.fail(100002)
        if not _may_switch(number, product):
            raise ctx.fail(200002)
        found.append(number)
    for number in found:
        number["product"] = product
        number["site_id"] = (site_id or common.main_site_id(ctx, account)) if product == "ZOOM_PHONE" else None
        model.save(ctx.tx, number)


def _may_switch(number: Doc, product: str) -> bool:
    if number["product"] == product:
        return True
    if product == "UNALLOCATED":
        return not model.in_use(number)
    return number["product"] == "UNALLOCATED"


# BYOC -------------------------------------------------------------------------------------------
def add_byoc(ctx: Context) -> None:
    """AddBYOCPhoneNumber: numbers on the customer's own SIP trunk, all or nothing."""
    account = common.account_id(ctx)
    body = ctx.body or {}
    product = body["allocated_product"]
    if not resources.byoc_trunks(ctx, account):
        raise ctx.fail(1004)
    numbers = body["phone_numbers"]
    if len(numbers) > 100:
        raise ctx.fail(1003001)
    group = _byoc_sip_group(ctx, account, body)
    site_id = _byoc_site(ctx, product, body.get("site_id"))
    failures = _byoc_failures(ctx, numbers)
    if failures:
        raise common.some_failed(failures)
    capability = ["incoming", "outgoing"] + (["PCIPal"] if body.get("enable_pci_pal") else [])
    for e164 in numbers:
        model.add_number(
            ctx.tx,
            ctx.ids,
            ctx.now,
            account_id=account,
            number=e164,
            number_type="Toll",
            source="BYOCPremises",
            product=product,
            site_id=site_id,
            capability=capability,
            sip_group_id=group["sip_group_id"] if group else None,
            location={"country": body.get("country_iso") or "US"},
        )


def _byoc_sip_group(ctx: Context, account: str, body: Doc) -> Doc | None:
    if not body.get("sip_group_id"):
        return None
    group = resources.sip_group(ctx, account, body["sip_group_id"])
    if group is None:
        raise ctx.fail(100001)
    if body.get("enable_pci_pal") and not group.get("pci_pal"):
        raise ctx.fail(200005)
    return group


def _byoc_site(ctx: Context, product: str, site_id: str | None) -> str | None:
    if product != "ZOOM_PHONE":
        return None
    if not site_id:
        raise ctx.fail(1002003)
    if common.site_of(ctx, site_id) is None:
        raise SITE_MISSING
    return site_id


def _byoc_failures(ctx: Context, numbers: list[str]) -> list[Doc]:
    failures, seen = [], set()
    for e164 in numbers:
        if not model.valid_e164(e164):
            failures.append({"phoneNumber": e164, "reason": "Phone Number format invalid"})
        elif e164 in seen or model.get_number(ctx.tx, e164) is not None:
            failures.append({"phoneNumber": e164, "reason": "Phone Number already exists"})
        seen.add(e164)
    return failures


# events ---------------------------------------------------------------------------------------
def _peering_groups(numbers: list[Doc]) -> dict[int, list[Doc]]:
    groups: dict[int, list[Doc]] = {}
    for number in numbers:
        code = (number.get("peering") or {}).get("carrier_code")
        if code is not None:
            groups.setdefault(int(code), []).append(number)
    return groups


def emit_cnam(ctx: Context, numbers: list[Doc]) -> None:
    """The caller-ID name of peering numbers changed: tell the carrier (Phone and NM twins)."""
    for code, held in _peering_groups(numbers).items():
        obj = {
            "carrier_code": code,
            "phone_numbers": [n["number"] for n in held],
            "cnam": held[0].get("caller_id_name") or "",
        }
        for event in ("phone.peering_number_cnam_updated", "number_management.peering_number_cnam_updated"):
            ctx.emit(event, {"object": obj}, account_id=held[0]["account_id"])


def emit_emergency_address(ctx: Context, numbers: list[Doc]) -> None:
    for code, held in _peering_groups(numbers).items():
        address = held[0].get("emergency_address") or {}
        keys = ("country", "address_line1", "address_line2", "city", "zip", "state_code")
        obj: Doc = {"carrier_code": code, "phone_numbers": [n["number"] for n in held]}
        if address.get("address_line1"):
            obj["emergency_address"] = {k: address[k] for k in keys if k in address}
        for event in (
            "phone.peering_number_emergency_address_updated",
            "number_management.peering_number_emergency_address_updated",
        ):
            ctx.emit(event, {"object": obj}, account_id=held[0]["account_id"])
