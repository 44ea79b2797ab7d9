"""Zoom Phone's ``/phone/numbers…`` operations, users' numbers and the main company number.

Zoom Phone sees only numbers allocated to ZOOM_PHONE; the others live in Number Management alone.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.numbers import common, model, resources
from zemu.services.numbers.views import is_byoc, phone_details

Doc = dict[str, Any]


def _phone_number(ctx: Context, ref: str) -> Doc | None:
    number = common.number_in(ctx, ctx.account_id, ref)
    return number if number is not None and number["product"] == "ZOOM_PHONE" else None


def _does_not_exist(ref: str) -> ZoomError:
    return ZoomError(300, f"Phone number does not exist: {ref}.", 400)


# lists and details ---------------------------------------------------------------------------
def list_numbers(ctx: Context) -> Doc:
    """listAccountPhoneNumbers: an index range of the account's Zoom Phone numbers, read as the
    list views saved with them."""
    q = ctx.query
    kind = q.get("type") if q.get("type") in ("assigned", "unassigned", "byoc") else None
    where = {
        "product": "ZOOM_PHONE",
        "phone_type": kind,
        "extension_type": q.get("extension_type"),
        "phone_number_type": q.get("number_type"),
        "site": q.get("site_id"),
        "pending": False if q.get("pending_numbers") is False else None,
    }
    page = model.NUMBERS.page(ctx, where=where, keyword=model.digits(q.get("phone_number") or ""))
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "phone_numbers": page.items,
        "total_records": page.total_records,
    }


def get_details(ctx: Context) -> Doc:
    """getPhoneNumberDetails"""
    ref = ctx.path["phoneNumberId"]
    number = _phone_number(ctx, ref)
    if number is None:
        raise ctx.fail(400, phoneNumberId=ref)
    return phone_details(number)


# writes --------------------------------------------------------------------------------------
_CAPABILITIES = ("incoming", "outgoing")


def update_details(ctx: Context) -> None:
    """updatePhoneNumberDetails: display name, capability (BYOC numbers only), SIP group, address status."""
    ref = ctx.path["phoneNumberId"]
    number = _phone_number(ctx, ref)
    if number is None:
        raise ctx.fail(404, "Phone number does not exist", **{"0": ref})
    body = ctx.body or {}
    if body.get("capability") is not None:
        wanted = body["capability"]
        if not is_byoc(number) or not wanted or any(c not in _CAPABILITIES for c in wanted):
            raise ZoomError(300, "The value of capability is invalid. Provide a valid capability and try again.", 400)
        kept = [c for c in number.get("capability", []) if c not in ("Incoming", "Outgoing")]
        number["capability"] = model.canonical_capability(wanted) + kept
    if body.get("sip_group_id") is not None:
        if not is_byoc(number):
            raise ZoomError(300, "The phone number is not BYOC phone number.", 400)
        if resources.sip_group(ctx, ctx.account_id, body["sip_group_id"]) is None:
            raise ZoomError(300, "Sip Group not found", 400)
        number["sip_group_id"] = body["sip_group_id"]
    if "display_name" in body:
        number["display_name"] = body["display_name"]
    if body.get("emergency_address_status") is not None:
        number["emergency_address_status"] = body["emergency_address_status"]
    model.save(ctx.tx, number)


def delete_unassigned(ctx: Context) -> None:
    """deleteUnassignedPhoneNumbers: every listed number must exist and be free, else nothing goes."""
    found = []
    for ref in ctx.query.get("phone_numbers") or []:
        number = _phone_number(ctx, ref)
        if number is None:
            raise _does_not_exist(ref)
        if model.in_use(number):
            raise ZoomError(300, f"Phone number is assigned and cannot be deleted: {number['number']}.", 400)
        found.append(number)
    for number in found:
        model.remove_number(ctx.tx, number)


def move_to_site(ctx: Context) -> None:
    """updateSiteForUnassignedPhoneNumbers"""
    site_id = ctx.path["siteId"]
    site = common.site_of(ctx, site_id)
    if site is None or site.get("account_id") != ctx.account_id:
        raise ZoomError(300, f"Site does not exist: {site_id}.", 400)
    found = []
    for ref in (ctx.body or {}).get("phone_numbers") or []:
        number = _phone_number(ctx, ref)
        if number is None:
            raise _does_not_exist(ref)
        if model.in_use(number):
            raise ZoomError(300, f"Only unassigned phone numbers can change site: {number['number']}.", 400)
        found.append(number)
    for number in found:
        number["site_id"] = site_id
        model.save(ctx.tx, number)


def add_byoc(ctx: Context) -> Doc:
    """addBYOCNumber: numbers on one of the account's BYOC carriers, all or nothing."""
    body = ctx.body
    carriers = {t.get("carrier") for t in resources.byoc_trunks(ctx, ctx.account_id)}
    if body["carrier"] not in carriers:
        raise ctx.fail(404, "carrier", **{"0": body["carrier"]})
    if len(body["phone_numbers"]) > 50:
        raise ctx.fail(400, "Batch phone numbers")
    site_id = body.get("site_id") or common.main_site_id(ctx, ctx.account_id)
    if body.get("site_id") and common.site_of(ctx, site_id) is None:
        raise ctx.fail(300)
    if body.get("sip_group_id") and resources.sip_group(ctx, ctx.account_id, body["sip_group_id"]) is None:
        raise ctx.fail(300)
    added = []
    for e164 in body["phone_numbers"]:
        if not model.valid_e164(e164) or model.get_number(ctx.tx, e164) is not None:
            raise ctx.fail(300)
        number = model.add_number(
            ctx.tx,
            ctx.ids,
            ctx.now,
            account_id=ctx.account_id,
            number=e164,
            source="BYOCPremises",
            site_id=site_id,
            sip_group_id=body.get("sip_group_id"),
            carrier={"code": 0, "name": body["carrier"]},
        )
        added.append({"id": number["id"], "number": number["number"]})
    return {"phone_numbers": added}


# users' numbers ------------------------------------------------------------------------------
def _phone_user(ctx: Context) -> Doc:
    from zemu.services.phone.model import get_phone_user

    user_id = ctx.path["userId"]
    user = get_phone_user(ctx.tx, user_id)
    if user is None or user.get("account_id") != ctx.account_id:
        raise ctx.fail(1001, userId=user_id)
    return user


def user_assignee(user: Doc) -> Doc:
    return {
        "id": user["id"],
        "type": "user",
        "name": user.get("name") or user.get("email", ""),
        "extension_number": user.get("extension_number"),
    }


def assign_to_user(ctx: Context) -> Doc:
    """assignPhoneNumber"""
    user = _phone_user(ctx)
    assigned = []
    for ref in (ctx.body or {}).get("phone_numbers") or []:
        key = ref.get("id") or ref.get("number") or ""
        number = _phone_number(ctx, key)
        if number is None:
            raise _does_not_exist(key)
        model.assign(ctx.tx, number, user_assignee(user))
        assigned.append({"id": number["id"], "number": number["number"]})
    return {"phone_numbers": assigned}


def unassign_from_user(ctx: Context) -> None:
    """UnassignPhoneNumber"""
    user = _phone_user(ctx)
    ref = ctx.path["phoneNumberId"]
    number = _phone_number(ctx, ref)
    if number is None or (number.get("assignee") or {}).get("id") != user["id"]:
        raise ctx.fail(400, "Invalid query parameter")
    model.unassign(ctx.tx, number)


def change_company_number(ctx: Context) -> None:
    """ChangeMainCompanyNumber: the main site's main company number."""
    ref = (ctx.body or {}).get("phone_number") or ""
    number = _phone_number(ctx, ref)
    if number is None:
        raise _does_not_exist(ref)
    site_id = common.main_site_id(ctx, ctx.account_id)
    if site_id is None:
        raise ZoomError(300, "Site does not exist.", 400)
    model.set_company_number(ctx.tx, number, site_id)
