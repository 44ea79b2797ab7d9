"""Phone sites: list, get, create (with its main auto receptionist), update, delete with transfer.

A new site gets the main auto receptionist Zoom creates with it (named by
``auto_receptionist_name``); deleting a site moves its users, common areas, devices, shared line
groups and numbers to ``transfer_site_id``. Other phone packages that file things by site
follow along through ``move_site(tx, old_site_id, new_site_id)`` when their model defines it.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import (
    body,
    next_free_extension,
    patch_policy,
    with_defaults,
)
from zemu.sim.clock import zulu
from zemu.store import Tx

UPDATE_SITE_MISSING = model.documented_by("updateSiteDetails", 300, "Site does not exist")
COUNTRY_NAMES = {
    "US": "United States",
    "CA": "Canada",
    "GB": "United Kingdom",
    "AU": "Australia",
    "IN": "India",
    "DE": "Germany",
    "FR": "France",
    "JP": "Japan",
}
FIRST_AR_EXTENSION = 200


def new_site(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    name: str,
    address: dict[str, Any],
    auto_receptionist_name: str,
    main: bool = False,
    site_code: int | None = None,
    short_extension_length: int = 3,
) -> dict[str, Any]:
    country = str(address.get("country") or "US").upper()
    site_id = ids.uid()
    site: dict[str, Any] = {
        "id": site_id,
        "account_id": account_id,
        "name": name,
        "main_site": main,
        "created_at": zulu(now),
        "country": {"code": country, "name": COUNTRY_NAMES.get(country, country)},
        "short_extension": {"length": short_extension_length},
        "default_emergency_address": {**address, "id": ids.uid()},
        "caller_id_name": name,
        "policy": {},
    }
    if site_code is not None:
        site["site_code"] = site_code
    site["main_auto_receptionist"] = _main_auto_receptionist(tx, ids, account_id, site_id, auto_receptionist_name)
    model.save_site(tx, site)
    from zemu.services.phone_routing import model as routing  # routing builds on the phone model

    routing.save_auto_receptionist(tx, routing.main_of_site(site))
    return site


def _main_auto_receptionist(tx: Tx, ids: Ids, account_id: str, site_id: str, name: str) -> dict[str, Any]:
    """The auto receptionist reference every site carries; its extension is held in the account's
    extension plan, and the routing package builds its full document from this reference."""
    ar_id = ids.uid()
    number = next_free_extension(tx, account_id, FIRST_AR_EXTENSION)
    owner = {"type": "autoReceptionist", "id": ar_id}
    model.claim_extension(tx, account_id, number, owner)
    extension_id = ids.uid()
    model.register_extension_id(tx, extension_id, owner)
    return {"id": ar_id, "name": name, "extension_id": extension_id, "extension_number": number}


def detail(site: dict[str, Any]) -> dict[str, Any]:
    policy = with_defaults(site.get("policy"), "getASite", "policy")
    return {**model.site_summary(site), "short_extension": site["short_extension"], "policy": policy}


def target_site(ctx: Context, error: ZoomError | None = None) -> dict[str, Any]:
    return model.SITES.require(ctx, ctx.path["siteId"], error)


# handlers ----------------------------------------------------------------------------------
def list_sites(ctx: Context) -> dict[str, Any]:
    page = model.SITES.page(ctx, keyword=ctx.query.get("site_name"))
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "sites": page.items,
        "total_records": page.total_records,
    }


def get_site(ctx: Context) -> dict[str, Any]:
    return detail(target_site(ctx))


def create_site(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    code = data.get("site_code")
    if code is not None and not 1 <= int(code) <= 999_999:
        raise ctx.fail(400, "Invalid site code length")
    address = dict(data["default_emergency_address"])
    if str(address.get("country", "")).upper() == "IN":
        _check_india(ctx, data)
    length = int((data.get("short_extension") or {}).get("length") or 3)
    site = new_site(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        name=str(data["name"]),
        address=address,
        auto_receptionist_name=str(data["auto_receptionist_name"]),
        site_code=code,
        short_extension_length=length,
    )
    return {"id": site["id"], "name": site["name"]}


def _check_india(ctx: Context, data: dict[str, Any]) -> None:
    if not data.get("india_state_code") or not data.get("india_city"):
        raise ctx.fail(400, "state and city")
    if not data.get("india_sdca_npa"):
        raise ctx.fail(400, "Short Distance Calling Area")
    if not data.get("india_entity_name"):
        raise ctx.fail(400, "India Entity Name")


def update_site(ctx: Context) -> None:
    site = target_site(ctx, UPDATE_SITE_MISSING)
    data = body(ctx)
    ranges = (data.get("short_extension") or {}).get("ranges") or []
    if len(ranges) > 10:
        raise ctx.fail(405, "short_extension.ranges")
    for key in ("name", "site_code", "caller_id_name"):
        if data.get(key) is not None:
            site[key] = data[key]
    if data.get("short_extension"):
        site["short_extension"] = {**site["short_extension"], **data["short_extension"]}
    if data.get("default_emergency_address"):
        site["default_emergency_address"] = {
            **data["default_emergency_address"],
            "id": site["default_emergency_address"].get("id") or ctx.ids.uid(),
        }
        country = str(data["default_emergency_address"].get("country", "US")).upper()
        site["country"] = {"code": country, "name": COUNTRY_NAMES.get(country, country)}
    if data.get("sip_zone"):
        site["sip_zone"] = data["sip_zone"]
    if data.get("policy"):
        site["policy"] = patch_policy(site.get("policy", {}), data["policy"], mark={"modified": True})
    model.save_site(ctx.tx, site)


def delete_site(ctx: Context) -> None:
    site = target_site(ctx)
    transfer_id = str(ctx.query.get("transfer_site_id") or "")
    if transfer_id == site["id"]:
        raise ctx.fail(400, "same site")
    target = model.SITES.require(ctx, transfer_id)
    if site.get("main_site"):
        raise ZoomError(400, "The main site cannot be deleted.", 400)
    move_members(ctx.tx, site, target)
    ar = site["main_auto_receptionist"]
    if model.owner_of_extension(ctx.tx, ctx.account_id, ar["extension_number"]) == {
        "type": "autoReceptionist",
        "id": ar["id"],
    }:
        model.release_extension(ctx.tx, ctx.account_id, ar["extension_number"])
        model.forget_extension_id(ctx.tx, ar["extension_id"])
    model.SITES.delete(ctx.tx, site)


def move_members(tx: Tx, site: dict[str, Any], target: dict[str, Any]) -> None:
    """Every user, common area, device and shared line group of ``site`` joins ``target``."""
    account, here = site["account_id"], {"site_id": site["id"]}
    for collection, save in (
        (model.PHONE_USERS, model.save_phone_user),
        (model.COMMON_AREAS, model.save_common_area),
        (model.SHARED_LINE_GROUPS, model.save_shared_line_group),
    ):
        for doc in list(collection.each(tx, account, here)):
            doc["site_id"] = target["id"]
            save(tx, doc)
    for device in list(model.DEVICES.each(tx, account, {"added_at": site["id"]})):
        device["site_id"] = target["id"]
        model.save_device(tx, device)
    from zemu.products import site_moved  # zemu.products imports this module

    site_moved(tx, site["id"], target["id"])
