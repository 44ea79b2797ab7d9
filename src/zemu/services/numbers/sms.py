"""SMS campaigns (10DLC registrations, provisioned by Zoom) and SMS consent policies, with the numbers
each holds. A number belongs to at most one campaign and one consent policy: the link is kept on the
number document (``sms_campaign_id``, ``sms_consent_id``), so a deleted number leaves no dangling link."""

from __future__ import annotations

from typing import Any

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.numbers import common, model
from zemu.sim.clock import zulu

Doc = dict[str, Any]
CONSENT_CAPACITY = 1000
_INVALID = documented(999, "Invalid field.")
CAMPAIGNS, CONSENTS = model.CAMPAIGNS, model.CONSENTS


def _linked(ctx: Context, account: str, key: str, value: str) -> list[Doc]:
    """The numbers of a campaign (``key`` "campaign") or a consent policy ("consent")."""
    return model.account_numbers(ctx.tx, account, {key: value})


def _resolve(ctx: Context, account: str, refs: list[str], missing: ZoomError) -> list[Doc]:
    found = []
    for ref in refs:
        number = common.number_in(ctx, account, ref)
        if number is None:
            raise missing
        found.append(number)
    return found


# campaigns ------------------------------------------------------------------------------------
def _campaign(ctx: Context, account: str) -> Doc:
    campaign = CAMPAIGNS.get(ctx.tx, ctx.path["smsCampaignId"])
    if campaign is None or campaign["account_id"] != account:
        if ctx.op is not None and ctx.op.product == "phone":
            raise documented(400, "The campaign does not exist.")
        raise NotFound(404, "Invalid campaign ID.")
    return campaign


def _campaign_item(campaign: Doc) -> Doc:
    return {
        "sms_campaign_id": campaign["id"],
        "display_name": campaign["display_name"],
        "status": campaign["status"],
        "brand": campaign["brand"],
    }


def list_campaigns(ctx: Context) -> Doc:
    """listAccountSMSCampaigns"""
    page = CAMPAIGNS.page(ctx, scope=common.account_id(ctx), shape=_campaign_item)
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "sms_campaigns": page.items,
        "total_records": page.total_records,
    }


def get_campaign(ctx: Context) -> Doc:
    """GetSMSCampaign"""
    account = common.account_id(ctx)
    campaign = _campaign(ctx, account)
    held = _linked(ctx, account, "campaign", campaign["id"])
    return {
        **_campaign_item(campaign),
        "service_type": campaign["service_type"],
        "phone_numbers": [{"phone_number_id": n["id"], "number": n["number"]} for n in held],
        **{k: campaign[k] for k in ("response_to_opt_in", "response_to_opt_out", "response_to_help")},
    }


def assign_to_campaign(ctx: Context) -> Doc | None:
    """assignCampaignPhoneNumbers (Number Management by ids; Zoom Phone by ``{id|number}``)."""
    account = common.account_id(ctx)
    campaign = _campaign(ctx, account)
    body = ctx.body or {}
    phone_api = ctx.op is not None and ctx.op.product == "phone"
    refs = (
        [r.get("id") or r.get("number") or "" for r in body.get("phone_numbers") or []]
        if phone_api
        else body.get("phone_number_ids") or []
    )
    if len(refs) > common.BATCH_LIMIT:
        raise documented(1003)
    numbers = _resolve(ctx, account, refs, documented(100002))
    held = {n["id"] for n in _linked(ctx, account, "campaign", campaign["id"])}
    new = [n for n in numbers if n["id"] not in held]
    if any(n.get("sms_campaign_id") for n in new):
        raise ZoomError(300, "The phone number is already assigned to another campaign.", 400)
    if len(held) + len({n["id"] for n in new}) > campaign["capacity"]:
        raise documented(1003004)
    for number in new:
        number["sms_campaign_id"] = campaign["id"]
        model.save(ctx.tx, number)
    if phone_api:
        return {"phone_numbers": [{"id": n["id"], "number": n["number"]} for n in numbers]}
    return None


def unassign_from_campaign(ctx: Context) -> None:
    """unassignCampaignPhoneNumber (NM: ``phone_number_ids`` query; Phone: one number in the path)."""
    account = common.account_id(ctx)
    campaign = _campaign(ctx, account)
    refs = [ctx.path["phoneNumberId"]] if "phoneNumberId" in ctx.path else ctx.query.get("phone_number_ids") or []
    if len(refs) > common.BATCH_LIMIT:
        raise documented(1003)
    numbers = _resolve(ctx, account, refs, documented(100002))
    if any(n.get("sms_campaign_id") != campaign["id"] for n in numbers):
        raise documented(100002)
    for number in numbers:
        number["sms_campaign_id"] = None
        model.save(ctx.tx, number)


# consent policies -----------------------------------------------------------------------------
def _consent(ctx: Context, account: str, consent_id: str | None = None) -> Doc:
    consent = CONSENTS.get(ctx.tx, consent_id or ctx.path["consentId"])
    if consent is None or consent["account_id"] != account:
        raise documented(1002013)
    return consent


def _consent_view(consent: Doc) -> Doc:
    return {k: v for k, v in consent.items() if k not in ("id", "sort")}


def create_consent(ctx: Context) -> Doc:
    """CreateSMSConsent"""
    account = common.account_id(ctx)
    body = ctx.body
    consent_id = "C-" + ctx.ids.uid()
    stamp = zulu(ctx.now)
    consent = {
        "id": consent_id,
        "consent_id": consent_id,
        "consent_name": body["consent_name"],
        "description": body.get("description", ""),
        "user_id": ctx.user_id or "",
        "account_id": account,
        "in_out_bound": body["in_out_bound"],
        "status": body["status"],
        "capacity": CONSENT_CAPACITY,
        "create_time": stamp,
        "modify_time": stamp,
        "used_number": 0,
    }
    CONSENTS.save(ctx.tx, consent)
    return _consent_view(consent)


def list_consents(ctx: Context) -> Doc:
    """ListSMSConsents"""
    page = CONSENTS.page(ctx, scope=common.account_id(ctx))  # the saved list views
    return {
        "page_size": page.page_size,
        "total_records": page.total_records,
        "next_page_token": page.next_page_token,
        "sms_consent": page.items,
    }


def get_consent(ctx: Context) -> Doc:
    """GetSMSConsent"""
    return _consent_view(_consent(ctx, common.account_id(ctx)))


def update_consent(ctx: Context) -> None:
    """UpdateSMSConsent: a partial update; nested messages merge field by field."""
    consent = _consent(ctx, common.account_id(ctx))
    body = ctx.body or {}
    for key in ("consent_name", "description", "status"):
        if key in body:
            consent[key] = body[key]
    for part, fields in (body.get("in_out_bound") or {}).items():
        consent["in_out_bound"].setdefault(part, {}).update(fields)
    consent["modify_time"] = zulu(ctx.now)
    CONSENTS.save(ctx.tx, consent)


def delete_consents(ctx: Context) -> None:
    """DeleteSMSConsents: all named policies must exist; their numbers are released."""
    account = common.account_id(ctx)
    ids = (ctx.body or {}).get("consent_ids") or []
    consents = []
    for consent_id in ids:
        consent = CONSENTS.get(ctx.tx, consent_id)
        if consent is None or consent["account_id"] != account:
            raise _INVALID
        consents.append(consent)
    for consent in consents:
        _link(ctx, account, _linked(ctx, account, "consent", consent["id"]), None)
        CONSENTS.delete(ctx.tx, consent)


def _link(ctx: Context, account: str, numbers: list[Doc], consent_id: str | None) -> None:
    """Move numbers to a consent policy (or none); each policy touched counts its numbers again."""
    touched = {n.get("sms_consent_id") for n in numbers} | {consent_id}
    for number in numbers:
        number["sms_consent_id"] = consent_id
        model.save(ctx.tx, number)
    for held_by in touched - {None}:
        model.recount_consent(ctx.tx, account, str(held_by))


def list_consent_numbers(ctx: Context) -> Doc:
    """ListConsentPhoneNumbers"""
    account = common.account_id(ctx)
    consent = _consent(ctx, account)
    page = model.NUMBERS.page(
        ctx,
        scope=account,
        where={"consent": consent["id"]},
        shape=lambda n: {"phone_number_id": n["id"], "phone_number": n["number"], "account_id": n["account_id"]},
    )
    return {
        "page_size": page.page_size,
        "total_records": page.total_records,
        "next_page_token": page.next_page_token,
        "sms_consent_number": page.items,
    }


def _consent_batch(ctx: Context) -> tuple[str, Doc, list[Doc]]:
    """The account, the consent policy in the path and the batch of numbers in the body."""
    account = common.account_id(ctx)
    consent = _consent(ctx, account)
    refs = (ctx.body or {}).get("phone_number_ids") or []
    if len(refs) > common.BATCH_LIMIT:
        raise documented(1003)
    return account, consent, _resolve(ctx, account, refs, _INVALID)


def assign_to_consent(ctx: Context) -> None:
    """AssignPhoneNumbersToConsent: a number moves from any other policy to this one."""
    account, consent, numbers = _consent_batch(ctx)
    joining = {n["id"] for n in numbers if n.get("sms_consent_id") != consent["id"]}
    if consent.get("used_number", 0) + len(joining) > consent["capacity"]:
        raise documented(1003)
    _link(ctx, account, numbers, consent["id"])


def unassign_from_consent(ctx: Context) -> None:
    """UnassignPhoneNumbersFromConsent"""
    account, consent, numbers = _consent_batch(ctx)
    if any(n.get("sms_consent_id") != consent["id"] for n in numbers):
        raise _INVALID
    _link(ctx, account, numbers, None)
