"""Zoom Phone's ``/phone/numbers…`` operations, users' numbers and the main company number.

Zoom Phone sees only numbers allocated to ZOOM_PHONE; the others live in Number Management alone.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.numbers import common, model, resources
from zemu.services.numbers.views import is_byoc, phone_details, phone_item

Doc = dict[str, Any]


def _phone_number(ctx: Context, ref: str) -> Doc | None:
    number = common.number_in(ctx, ctx.account_id, ref)
    return number if number is not None and number["product"] == "ZOOM_PHONE" else None


def _does_not_exist(ref: str) -> ZoomError:
    return ZoomError(300, f"Phone number does not exist: {ref}.", 400)


# lists and details ---------------------------------------------------------------------------
def _matches(number: Doc, q: dict[str, Any]) -> bool:
    kind = q.get("type") or "all"
    assignee = number.get("assignee")
    if (kind == "assigned" and not assignee) or (kind == "unassigned" and assignee):
        return False
    if kind == "byoc" and not is_byoc(number):
        return False
    if q.get("extension_type") and (assignee or {}).get("type") != q["extension_type"]:
        return False
    if q.get("number_type") and ("tollfree" if number.get("number_type") == "TollFree" else "toll") != q["number_type"]:
        return False
    if q.get("site_id") and number.get("site_id") != q["site_id"]:
        return False
    if number.get("status") == "Pending" and q.get("pending_numbers") is False:
        return False
    wanted = "".join(ch for ch in (q.get("phone_number") or "") if ch.isdigit())
    return not wanted or wanted in number["number"]


def list_numbers(ctx: Context) -> Doc:
    """listAccountPhoneNumbers"""
    query = {k: v for k, v in ctx.query.items() if k not in ("page_size", "next_page_token")}
    def select(f: dict[str, Any]) -> list[Doc]:
        return [n for n in model.account_numbers(ctx.tx, ctx.account_id)
                if n["product"] == "ZOOM_PHONE" and _matches(n, f)]

    items, fields = common.page_docs(ctx, select, lambda n: phone_item(ctx.tx, n), sort="number", filters=query)
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"],
            "phone_numbers": items, "total_records": fields["total_records"]}


def get_details(ctx: Context) -> Doc:
    """getPhoneNumberDetails"""
    ref = ctx.path["phoneNumberId"]
    number = _phone_number(ctx, ref)
    if number is None:
        raise ZoomError(400, f"Phone number does not exist, phonenumberId:{ref}", 400)
    return phone_details(ctx.tx, number)


# writes --------------------------------------------------------------------------------------
_CAPABILITIES = ("incoming", "outgoing")


def update_details(ctx: Context) -> None:
    """updatePhoneNumberDetails: display name, capability (BYOC numbers only), SIP group, address status."""
    ref = ctx.path["phoneNumberId"]
    number = _phone_number(ctx, ref)
    if number is None:
        raise NotFound(404, f"Phone number does not exist. ID: {ref}.")
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
        raise NotFound(404, f"The following account carrier does not exist: {body['carrier']}.")
    if len(body["phone_numbers"]) > 50:
        raise ZoomError(400, "Batch phone numbers are limited to 50 per request.", 400)
    site_id = body.get("site_id") or _main_site_id(ctx)
    if body.get("site_id") and common.site_of(ctx, site_id) is None:
        raise ZoomError(300, "Validation failed.", 400)
    if body.get("sip_group_id") and resources.sip_group(ctx, ctx.account_id, body["sip_group_id"]) is None:
        raise ZoomError(300, "Validation failed.", 400)
    added = []
    for e164 in body["phone_numbers"]:
        if not model.valid_e164(e164) or model.get_number(ctx.tx, e164) is not None:
            raise ZoomError(300, "Validation failed.", 400)
        number = model.add_number(ctx.tx, ctx.ids, ctx.now, account_id=ctx.account_id, number=e164,
                                  source="BYOCPremises", site_id=site_id, sip_group_id=body.get("sip_group_id"),
                                  carrier={"code": 0, "name": body["carrier"]})
        added.append({"id": number["id"], "number": number["number"]})
    return {"phone_numbers": added}


def _main_site_id(ctx: Context) -> str | None:
    from zemu.services.phone.model import list_sites
    sites = list_sites(ctx.tx, ctx.account_id)
    main = [s for s in sites if s.get("main_site")] or sites
    return main[0]["id"] if main else None


# users' numbers ------------------------------------------------------------------------------
def _phone_user(ctx: Context, message: str) -> Doc:
    from zemu.services.phone.model import get_phone_user
    user_id = ctx.path["userId"]
    user = get_phone_user(ctx.tx, user_id)
    if user is None or user.get("account_id") != ctx.account_id:
        raise NotFound(1001, message.replace("{userId}", user_id))
    return user


def user_assignee(user: Doc) -> Doc:
    return {"id": user["id"], "type": "user", "name": user.get("name") or user.get("email", ""),
            "extension_number": user.get("extension_number")}


def assign_to_user(ctx: Context) -> Doc:
    """assignPhoneNumber"""
    user = _phone_user(ctx, "This user does not exist: {userId}.")
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
    user = _phone_user(ctx, "User does not exist.")
    ref = ctx.path["phoneNumberId"]
    held = model.numbers_of(ctx.tx, "user", user["id"])
    number = next((n for n in held if ref in (n["id"], n["number"])), None)
    if number is None:
        raise NotFound(400, 'Invalid query parameter "phone_number".')
    model.unassign(ctx.tx, number)


def change_company_number(ctx: Context) -> None:
    """ChangeMainCompanyNumber: the main site's main company number."""
    ref = (ctx.body or {}).get("phone_number") or ""
    number = _phone_number(ctx, ref)
    if number is None:
        raise _does_not_exist(ref)
    site_id = _main_site_id(ctx)
    if site_id is None:
        raise ZoomError(300, "Site does not exist.", 400)
    model.set_company_number(ctx.tx, number, site_id)
