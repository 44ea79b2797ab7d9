"""Common areas (``/phone/common_areas``) and the seed's legacy common-area phones
(``/phone/common_area_phones``), over the same documents.

A legacy "common-area phone" is a common area together with the desk phone assigned to it: adding
one makes both, deleting one removes both. Deleting a common area releases its extension and
numbers and leaves its desk phones unassigned, as Zoom does.
"""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.phone import model
from zemu.services.phone.calling_plans import add_plans, drop_plan
from zemu.services.phone.common import (
    account_site,
    body,
    claim_new_extension,
    deep_merge,
    defaults_of,
    held_number,
    numbers_model,
    patch_policy,
    release_numbers,
    site_or_main,
)
from zemu.services.phone.devices import new_device, normalise_mac, release_extension_everywhere, remove_device
from zemu.sim.clock import zulu
from zemu.store import Tx

OWNER_TYPE = "commonArea"
FIRST_EXTENSION = 800
SITE_MISSING = ZoomError(300, "Validation failed. Site does not exist.", 400)


def missing(ctx: Context, area_id: str, *, the: bool = False) -> ZoomError:
    match = "The common area does not exist" if the else "Common area does not exist"
    values: dict[str, Any] = {"commonAreaId": area_id, "0": area_id}  # Zoom names it both ways
    return documented(404, match, op=ctx.op, **values)


def new_common_area(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_id: str,
    name: str,
    site_id: str,
    extension_number: int | None = None,
    timezone: str = "America/Los_Angeles",
    country: str = "US",
) -> dict[str, Any]:
    area_id = ids.uid()
    number, extension_id = claim_new_extension(
        tx, ids, account_id, {"type": OWNER_TYPE, "id": area_id}, extension_number, FIRST_EXTENSION
    )
    area = {
        "id": area_id,
        "account_id": account_id,
        "name": name,
        "extension_id": extension_id,
        "extension_number": number,
        "site_id": site_id,
        "calling_plans": [],
        "status": "offline",
        "timezone": timezone,
        "country": country,
        "area_code": "",
        "department": "",
        "cost_center": "",
        "default_transcription_language": "en-US",
        "policy": {},
        "created_at": zulu(now),
    }
    model.save_common_area(tx, area)
    return area


def remove_common_area(tx: Tx, area: dict[str, Any]) -> None:
    """Release the extension and numbers; devices stay, unassigned."""
    release_numbers(tx, OWNER_TYPE, area["id"])
    model.release_extension(tx, area["account_id"], area["extension_number"])
    model.forget_extension_id(tx, area["extension_id"])
    release_extension_everywhere(tx, area["account_id"], area["extension_id"])
    model.COMMON_AREAS.delete(tx, area)


def desk_phones(tx: Tx, area: dict[str, Any]) -> list[dict[str, Any]]:
    return model.devices_of(tx, area["account_id"], area["extension_id"])


def detail(tx: Tx, area: dict[str, Any]) -> dict[str, Any]:
    site = model.get_site(tx, area["site_id"]) or {}
    numbers = model.area_numbers(area)
    policy = deep_merge(defaults_of("getACommonArea", "policy"), area.get("policy", {}))
    address = site.get("default_emergency_address", {})
    return {
        "area_code": area["area_code"],
        "calling_plans": area["calling_plans"],
        "cost_center": area["cost_center"],
        "country": {
            "code": area["country"],
            "country_code": "1" if area["country"] in ("US", "CA") else "",
            "name": site.get("country", {}).get("name", ""),
        },
        "department": area["department"],
        "display_name": area["name"],
        "extension_number": area["extension_number"],
        "default_transcription_language": area["default_transcription_language"],
        "emergency_address": {
            k: address[k]
            for k in ("address_line1", "address_line2", "city", "country", "id", "state_code", "zip")
            if k in address
        },
        "id": area["id"],
        "phone_numbers": numbers,
        "policy": policy,
        "site": area["site"],
        "status": area["status"],
        "timezone": area["timezone"],
        "outbound_caller_ids": [
            {"is_default": i == 0, "name": area["name"], "number": n["number"]} for i, n in enumerate(numbers)
        ],
        "desk_phones": area["desk_phones"],
    }


def target_area(ctx: Context, key: str = "commonAreaId", *, the: bool = False) -> dict[str, Any]:
    area_id = str(ctx.path[key])
    return model.COMMON_AREAS.require(ctx, area_id, missing(ctx, area_id, the=the))


# official operations ------------------------------------------------------------------------
def list_areas(ctx: Context) -> dict[str, Any]:
    where = {"site_id": ctx.query.get("site_id"), "calling_type": ctx.query.get("calling_type")}
    page = model.COMMON_AREAS.page(ctx, where=where)
    return {
        "common_areas": page.items,
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
    }


def get_area(ctx: Context) -> dict[str, Any]:
    return detail(ctx.tx, target_area(ctx))


def add_area(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    site = site_or_main(ctx, data.get("site_id"), SITE_MISSING)
    area = new_common_area(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        name=str(data["display_name"]),
        site_id=site["id"],
        extension_number=data.get("extension_number"),
        timezone=str(data.get("timezone") or "America/Los_Angeles"),
        country=str(data.get("country_iso_code") or site["country"]["code"]),
    )
    if data.get("calling_plans"):
        add_plans(ctx.tx, ctx.account_id, area, data["calling_plans"])
        model.save_common_area(ctx.tx, area)
    return {"display_name": area["name"], "id": area["id"]}


def update_area(ctx: Context) -> None:
    area = target_area(ctx)
    _update(ctx, area, body(ctx))


def _update(ctx: Context, area: dict[str, Any], data: dict[str, Any]) -> None:
    """Apply an update of the official or the legacy path; both name the same fields."""
    if data.get("extension_number") is not None:
        _move_extension(ctx, area, int(data["extension_number"]))
    if data.get("site_id"):
        area["site_id"] = account_site(ctx, data["site_id"], SITE_MISSING)["id"]
    if data.get("display_name"):
        area["name"] = str(data["display_name"])
    if data.get("country_iso_code"):
        area["country"] = str(data["country_iso_code"]).upper()
    for key in (
        "area_code",
        "cost_center",
        "department",
        "timezone",
        "default_transcription_language",
        "emergency_address_id",
        "outbound_caller_id",
    ):
        if data.get(key) is not None:
            area[key] = data[key]
    if data.get("policy"):
        area["policy"] = patch_policy(area.get("policy", {}), data["policy"], ignore=("forward_to_extension_id",))
    model.save_common_area(ctx.tx, area)


def _move_extension(ctx: Context, area: dict[str, Any], number: int) -> None:
    owner = model.owner_of_extension(ctx.tx, ctx.account_id, number)
    if owner is not None and owner != {"type": OWNER_TYPE, "id": area["id"]}:
        raise model.documented_by("updateCommonArea", 409)
    model.change_extension(
        ctx.tx, ctx.account_id, area["extension_number"], number, {"type": OWNER_TYPE, "id": area["id"]}
    )
    area["extension_number"] = number


def delete_area(ctx: Context) -> None:
    from zemu.products import member_removed  # zemu.products imports this module

    area = target_area(ctx)
    remove_common_area(ctx.tx, area)
    member_removed(ctx.tx, area["account_id"], area["id"])


def assign_numbers(ctx: Context) -> dict[str, Any]:
    area = target_area(ctx)
    wanted = body(ctx).get("phone_numbers") or []
    if len(wanted) > 20:
        raise ctx.fail(405)
    numbers = numbers_model()
    assignee = {
        "id": area["id"],
        "type": OWNER_TYPE,
        "name": area["name"],
        "extension_number": area["extension_number"],
    }
    done = []
    for item in wanted:
        number = numbers.get_number(ctx.tx, str(item.get("id") or item.get("number") or ""))
        if number is None or number.get("account_id") != ctx.account_id:
            raise ZoomError(400, "Phone number does not exist.", 400)
        number = numbers.assign(ctx.tx, number, assignee)
        done.append({"id": number["id"], "number": number["number"]})
    return {"phone_numbers": done}


def unassign_number(ctx: Context) -> None:
    area = target_area(ctx, the=True)
    numbers = numbers_model()
    ref = str(ctx.path["phoneNumberId"])
    number = held_number(ctx.tx, OWNER_TYPE, area["id"], ref)
    if number is None:
        raise ZoomError(400, "Phone number does not exist.", 400)
    numbers.unassign(ctx.tx, number)


def assign_plans(ctx: Context) -> dict[str, Any]:
    area = target_area(ctx, the=True)
    wanted = body(ctx).get("calling_plans") or []
    if len(wanted) > 20:
        raise ctx.fail(405)
    add_plans(ctx.tx, ctx.account_id, area, wanted)
    model.save_common_area(ctx.tx, area)
    return {"calling_plans": [{"name": p["name"], "type": p["type"]} for p in area["calling_plans"]]}


def unassign_plan(ctx: Context) -> None:
    area = target_area(ctx, the=True)
    drop_plan(area, ctx.path["type"], ZoomError(300, "Invalid field.", 400))
    model.save_common_area(ctx.tx, area)


# the seed's legacy common-area phones ---------------------------------------------------------
def legacy_item(area: dict[str, Any]) -> dict[str, Any]:
    phone = (area["desk_phones"] or [{}])[0]
    return {
        "id": area["id"],
        "display_name": area["name"],
        "extension_number": area["extension_number"],
        "device_type": phone.get("device_type", ""),
        "mac_address": phone.get("mac_address", ""),
        "status": phone.get("status", "offline"),
        "site": area["site"],
        "phone_numbers": [{"id": n["id"], "number": n["number"]} for n in area["phone_numbers"]],
    }


def legacy_list(ctx: Context) -> dict[str, Any]:
    page = model.COMMON_AREAS.page(ctx, shape=legacy_item)
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "total_records": page.total_records,
        "common_area_phones": page.items,
    }


def legacy_get(ctx: Context) -> dict[str, Any]:
    return legacy_item(target_area(ctx, "commonAreaPhoneId"))


def legacy_add(ctx: Context) -> dict[str, Any]:
    data = body(ctx)
    site = site_or_main(ctx, data.get("site_id"), SITE_MISSING)
    normalise_mac(str(data["mac_address"]))
    area = new_common_area(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        name=str(data["display_name"]),
        site_id=site["id"],
        extension_number=int(data["extension_number"]),
        timezone=str(data.get("time_zone") or "America/Los_Angeles"),
        country=site["country"]["code"],
    )
    device = new_device(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        display_name=area["name"],
        mac_address=str(data["mac_address"]),
        device_type=str(data["type"]),
        model_name=str(data.get("model") or ""),
        site_id=site["id"],
        assignee_extension_ids=[area["extension_id"]],
    )
    if data.get("description"):
        device["description"] = str(data["description"])
        model.save_device(ctx.tx, device)
    return {"id": area["id"], "display_name": area["name"]}


def legacy_update(ctx: Context) -> None:
    area = target_area(ctx, "commonAreaPhoneId")
    data = body(ctx)
    _update(ctx, area, data)
    if data.get("mac_address"):
        _replace_phone(ctx, area, str(data["mac_address"]))


def _replace_phone(ctx: Context, area: dict[str, Any], mac_address: str) -> None:
    """A new MAC address means a new handset in the same place: swap the desk phone."""
    if normalise_mac(mac_address) in {d["mac_address"] for d in desk_phones(ctx.tx, area)}:
        return
    old = desk_phones(ctx.tx, area)
    for device in old:
        remove_device(ctx.tx, device)
    device_type = old[0]["device_type"] if old else "other"
    new_device(
        ctx.tx,
        ctx.ids,
        ctx.now,
        account_id=ctx.account_id,
        display_name=area["name"],
        mac_address=mac_address,
        device_type=device_type,
        site_id=area["site_id"],
        assignee_extension_ids=[area["extension_id"]],
    )


def legacy_delete(ctx: Context) -> None:
    area = target_area(ctx, "commonAreaPhoneId")
    for device in desk_phones(ctx.tx, area):
        remove_device(ctx.tx, device)
    remove_common_area(ctx.tx, area)
